"""Session fixtures of the MSX suite: settings, the shared access token, authorized SDK clients.

The suite's hooks come from the `msxsuite.plugins` entry point; the checklist's own fixtures
(cassettes, names, factories, refusals) are in `tests/conftest.py`.
"""

from contextlib import ExitStack

import pytest

from msxsuite.redaction import Masked
from msxsuite.sdk import api_client, api_factory
from msxsuite.stash import RUN_TAG, SETTINGS, TOKEN_STORE


@pytest.fixture(scope="session")
def msx_settings(pytestconfig):
    """The MSX settings this run resolved (mode, target, credentials)."""
    return pytestconfig.stash[SETTINGS]


@pytest.fixture(scope="session")
def msx_run_tag(pytestconfig):
    """This run's random tag, shared by all xdist workers."""
    return pytestconfig.stash[RUN_TAG]


@pytest.fixture(scope="session")
def _msx_session_client(msx_settings, pytestconfig):
    token_store = pytestconfig.stash[TOKEN_STORE]
    with api_client(msx_settings, lambda: token_store.current().access_token) as client:
        yield client


@pytest.fixture(scope="session")
def _msx_session_apis(_msx_session_client):
    return api_factory(_msx_session_client)


@pytest.fixture
def msx_access_token(pytestconfig):
    """The run's access token, renewed when it nears expiry."""
    return Masked(pytestconfig.stash[TOKEN_STORE].current().access_token)


@pytest.fixture
def msx_api_client(_msx_session_client):
    """The session's ApiClient, sending the run's access token (renewed near expiry) on every call."""
    return _msx_session_client


@pytest.fixture(scope="session")
def msx_api(_msx_session_apis):
    """Any authorized SDK API: `msx_api(TenantsApi)`, `msx_api(ProductsApi)`, ..."""
    return _msx_session_apis


@pytest.fixture
def make_api_client(msx_settings):
    """Build extra ApiClients carrying any token, or none; closed after the test."""
    with ExitStack() as clients:
        yield lambda token=None: clients.enter_context(api_client(msx_settings, token))
