"""Fixtures of the emulator's self-tests: one emulator per test process, SDK clients, contract checks.

Every exchange made through `emu_client` clients is checked against MSX_OPENAPI_SPEC after the test
(when it is set): a response that breaks the contract errors the test that caused it.
"""

from __future__ import annotations

import pytest
from python_msx_sdk import ApiClient, Configuration
from python_msx_sdk.api.health_api import HealthApi
from python_msx_sdk.api.offers_api import OffersApi
from python_msx_sdk.api.products_api import ProductsApi
from python_msx_sdk.api.roles_api import RolesApi
from python_msx_sdk.api.security_api import SecurityApi
from python_msx_sdk.api.tenants_api import TenantsApi
from python_msx_sdk.api.users_api import UsersApi

from msx_emulator import running_emulator
from msxsuite.contract import SPEC_ENV, ContractValidator
from msx_emulator.tests.helpers import basic


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "fuzz: bounded schemathesis run of the contract against the emulator")


@pytest.fixture(scope="session")
def emu_server():
    """One emulator serving from this test process for the whole session."""
    with running_emulator() as emulator:
        yield emulator


@pytest.fixture
def emu(emu_server):
    """The session's emulator, back in its seeded state with the fault knobs off."""
    emu_server.reset()
    return emu_server


@pytest.fixture(scope="session")
def emu_contract():
    """The contract validator for MSX_OPENAPI_SPEC, or None when it is unset."""
    return ContractValidator.from_environment()


@pytest.fixture
def emu_needs_contract(emu_contract):
    """The contract validator; skips the test when MSX_OPENAPI_SPEC is unset."""
    if emu_contract is None:
        pytest.skip(f"{SPEC_ENV} is unset: point it at the MSX SDK OpenAPI document (CI does)")
    return emu_contract


@pytest.fixture
def emu_exchanges(emu_contract):
    """Exchanges (method, url, status, headers, body) of this test's SDK clients, checked after it."""
    exchanges: list[tuple[str, str, int, dict, bytes]] = []
    yield exchanges
    if emu_contract is not None:
        violations = [v for exchange in exchanges for v in emu_contract.violations(*exchange)]
        if violations:
            pytest.fail("responses that break the MSX contract:\n" + "\n".join(violations), pytrace=False)


def _record_exchanges(client: ApiClient, exchanges: list) -> None:
    pool = client.rest_client.pool_manager
    send = pool.request

    def recording_request(method, url, *args, **kwargs):
        response = send(method, url, *args, **kwargs)
        exchanges.append((method, url, response.status, dict(response.headers), response.data))
        return response

    pool.request = recording_request


@pytest.fixture
def emu_client(emu, emu_exchanges):
    """Build recorded SDK ApiClients for the emulator: emu_client(token=None, url=..., ca_bundle=...)."""
    clients: list[ApiClient] = []

    def build(token: str | None = None, url: str | None = None, ca_bundle: str | None = None) -> ApiClient:
        configuration = Configuration(host=url or emu.url)
        configuration.ssl_ca_cert = ca_bundle
        client = ApiClient(configuration)
        if token:
            client.set_default_header("Authorization", f"Bearer {token}")
        _record_exchanges(client, emu_exchanges)
        clients.append(client)
        return client

    yield build
    for client in clients:
        client.rest_client.pool_manager.clear()


@pytest.fixture
def emu_security_api(emu_client):
    """SecurityApi on a client without bearer token (the SDK would send it on token calls too)."""
    return SecurityApi(emu_client())


@pytest.fixture
def emu_login(emu, emu_security_api):
    """Get an access token by password grant: emu_login(user=superuser, client=first client, **form).

    `username` and `password` in the form override the user's.
    """

    def login(user=None, client=None, **form):
        user = user or emu.config.superuser
        client = client or emu.config.clients[0]
        form = {"username": user.username, "password": user.password} | form
        return emu_security_api.get_access_token(basic(client.client_id, client.client_secret), "password", **form)

    return login


@pytest.fixture
def emu_superuser_client(emu_client, emu_login):
    """An ApiClient carrying a superuser token."""
    return emu_client(emu_login().access_token)


@pytest.fixture
def emu_operator_client(emu, emu_client, emu_login):
    """An ApiClient carrying the limited (CONSUMER) user's token."""
    return emu_client(emu_login(emu.config.limited_user).access_token)


@pytest.fixture
def emu_tenants(emu_superuser_client):
    """TenantsApi as superuser."""
    return TenantsApi(emu_superuser_client)


@pytest.fixture
def emu_users(emu_superuser_client):
    """UsersApi as superuser."""
    return UsersApi(emu_superuser_client)


@pytest.fixture
def emu_roles(emu_superuser_client):
    """RolesApi as superuser."""
    return RolesApi(emu_superuser_client)


@pytest.fixture
def emu_health(emu_superuser_client):
    """HealthApi as superuser."""
    return HealthApi(emu_superuser_client)


@pytest.fixture
def emu_products(emu_superuser_client):
    """ProductsApi as superuser."""
    return ProductsApi(emu_superuser_client)


@pytest.fixture
def emu_offers(emu_superuser_client):
    """OffersApi as superuser."""
    return OffersApi(emu_superuser_client)
