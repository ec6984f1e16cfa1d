"""Tenants (IDM): what MSX must refuse, and with which status."""

import json

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


def send_raw(api_client, method, path, body):
    """Send a body the SDK's typed operations would refuse, so MSX is the one that must refuse it."""
    return api_client.call_api(path, method, body=body, auth_settings=[], _check_type=False,
                               header_params={"Accept": "application/json", "Content-Type": "application/json"},
                               _preload_content=False, _return_http_data_only=True)


def status_of(raised) -> str:
    """Status and body of a refused call, for assertion messages."""
    return f"got {raised.value.status}: {raised.value.body}"


@pytest.mark.parametrize("make_body", INVALID_BODIES)
def test_create_tenant_rejects_invalid_body(msx_api_client, tenants_api, unique_name, make_body):
    with pytest.raises(ApiException) as raised:
        accepted = send_raw(msx_api_client, "POST", "/idm/api/v8/tenants", make_body(unique_name))
        tenants_api.delete_tenant(json.loads(accepted.data)["id"])  # reached only if MSX wrongly accepts
    assert raised.value.status == 400, status_of(raised)


def test_update_tenant_rejects_empty_name(msx_api_client, tenants, unique_name):
    tenant = tenants.create(name=unique_name).resource
    with pytest.raises(ApiException) as raised:
        send_raw(msx_api_client, "PUT", f"/idm/api/v8/tenants/{tenant.id}", {"name": ""})
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
