"""What one run keeps on pytest's config, shared by the plugin and the fixtures."""

from contextlib import ExitStack

import pytest

from msxsuite.auth import TokenStore
from msxsuite.cassette_switch import CassetteSwitch
from msxsuite.service_states import ServiceStates
from msxsuite.settings import Settings

SETTINGS = pytest.StashKey[Settings]()
RUN_TAG = pytest.StashKey[str]()
TOKEN_STORE = pytest.StashKey[TokenStore]()
EMULATOR = pytest.StashKey[object]()
CLEANUP = pytest.StashKey[ExitStack]()
SERVICE_STATES = pytest.StashKey[ServiceStates]()
CASSETTE_SWITCH = pytest.StashKey[CassetteSwitch]()
