"""Tenants (IDM): what MSX must refuse, and with which status."""

import pytest
from python_msx_sdk.api.tenants_api import TenantsApi
from python_msx_sdk.exceptions import ApiException
from python_msx_sdk.model.tenant_update import TenantUpdate

pytestmark = pytest.mark.negative

UNKNOWN_ID = "5f0c3e52-0000-4000-8000-000000000404"
INVALID_BODIES = [
    pytest.param(lambda name: {"name": ""}, id="empty-name"),
    pytest.param(lambda name: {"name": name.ljust(129, "x")}, id="name-129-chars"),
    pytest.param(lambda name: {"description": "a tenant without a name"}, id="missing-name"),
    pytest.param(lambda name: {"name": name, "description": "d" * 257}, id="description-257-chars"),
    pytest.param(lambda name: {"name": name, "email": "not-an-email"}, id="malformed-email"),
    pytest.param(lambda name: {"name": 42}, id="name-not-a-string"),
]


def status_of(raised) -> str:
    """Status and body of a refused call, for assertion messages."""
    return f"got {raised.value.status}: {raised.value.body}"


@pytest.mark.parametrize("make_body", INVALID_BODIES)
def test_create_tenant_rejects_invalid_body(tenants_api, unique_name, make_body):
    with pytest.raises(ApiException) as raised:
        # The raw body bypasses the SDK's own checks, so MSX is the one that must refuse it.
        accepted = tenants_api.create_tenant(make_body(unique_name), _check_input_type=False)
        tenants_api.delete_tenant(accepted.id)
    assert raised.value.status == 400, status_of(raised)


def test_update_tenant_rejects_empty_name(tenants, tenants_api, unique_name):
    tenant = tenants.create(name=unique_name).resource
    with pytest.raises(ApiException) as raised:
        tenants_api.update_tenant(tenant.id, {"name": ""}, _check_input_type=False)
    assert raised.value.status == 400, status_of(raised)


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda api: api.get_tenant(UNKNOWN_ID), id="get"),
        pytest.param(lambda api: api.update_tenant(UNKNOWN_ID, TenantUpdate(name="msxt-nobody")), id="update"),
        pytest.param(lambda api: api.delete_tenant(UNKNOWN_ID), id="delete"),
    ],
)
def test_unknown_tenant_is_not_found(tenants_api, call):
    with pytest.raises(ApiException) as raised:
        call(tenants_api)
    assert raised.value.status == 404, status_of(raised)


def test_malformed_tenant_id_is_rejected(tenants_api):
    with pytest.raises(ApiException) as raised:
        tenants_api.get_tenant("not-a-uuid")
    assert raised.value.status == 400, status_of(raised)


@pytest.mark.parametrize("token", [None, "not-a-valid-token"], ids=["no-token", "bad-token"])
def test_tenants_need_a_valid_token(make_api_client, token):
    with pytest.raises(ApiException) as raised:
        TenantsApi(make_api_client(token)).get_tenants_page(page=0, page_size=10)
    assert raised.value.status == 401, status_of(raised)
