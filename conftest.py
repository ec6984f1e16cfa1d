"""Session fixtures of the MSX suite: settings, the shared access token, authorized SDK clients."""

from contextlib import ExitStack

import pytest
from python_msx_sdk.api.health_api import HealthApi
from python_msx_sdk.api.roles_api import RolesApi
from python_msx_sdk.api.tenants_api import TenantsApi
from python_msx_sdk.api.users_api import UsersApi

from msxsuite.redaction import Masked
from msxsuite.stash import RUN_TAG, SETTINGS, TOKEN_STORE
from msxsuite.sdk import api_client

pytest_plugins = ["msxsuite.plugin", "msxsuite.contract_check", "msxsuite.freshness", "msxsuite.run_summary",
                  "msxsuite.sweeping", "msxsuite.redacted_output", "msxsuite.reliability", "pytester"]


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


@pytest.fixture
def msx_access_token(pytestconfig):
    """The run's access token, renewed when it nears expiry."""
    return Masked(pytestconfig.stash[TOKEN_STORE].current().access_token)


@pytest.fixture
def msx_api_client(_msx_session_client):
    """The session's ApiClient, sending the run's access token (renewed near expiry) on every call."""
    return _msx_session_client


@pytest.fixture
def tenants_api(msx_api_client):
    """Authorized TenantsApi."""
    return TenantsApi(msx_api_client)


@pytest.fixture
def users_api(msx_api_client):
    """Authorized UsersApi."""
    return UsersApi(msx_api_client)


@pytest.fixture
def roles_api(msx_api_client):
    """Authorized RolesApi."""
    return RolesApi(msx_api_client)


@pytest.fixture
def health_api(msx_api_client):
    """Authorized HealthApi."""
    return HealthApi(msx_api_client)


@pytest.fixture
def make_api_client(msx_settings):
    """Build extra ApiClients carrying any token, or none; closed after the test."""
    with ExitStack() as clients:
        yield lambda token=None: clients.enter_context(api_client(msx_settings, token))
