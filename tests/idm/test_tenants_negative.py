"""Tenants (IDM): what MSX must refuse, and with which status (ids: <operationId>-<status>-<case>)."""

import pytest
from python_msx_sdk.api.roles_api import RolesApi
from python_msx_sdk.api.tenants_api import TenantsApi
from python_msx_sdk.model.tenant import Tenant
from python_msx_sdk.model.tenant_create import TenantCreate
from python_msx_sdk.model.tenant_update import TenantUpdate

pytestmark = pytest.mark.negative

TENANTS = "/idm/api/v8/tenants"
UNKNOWN_ID = "5f0c3e52-0000-4000-8000-000000000404"
FIRST_PAGE = [("page", 0), ("pageSize", 10)]
TOKENS = [pytest.param(None, id="401-no-token"), pytest.param("not-a-valid-token", id="401-bad-token")]

INVALID_BODIES = [
    pytest.param(lambda name: {"name": "", "description": name}, id="createTenant-400-empty-name"),
    pytest.param(lambda name: {"name": name.ljust(129, "x")}, id="createTenant-400-name-129-chars"),
    pytest.param(lambda name: {"description": name}, id="createTenant-400-missing-name"),
    pytest.param(lambda name: {"name": name, "description": "d" * 257}, id="createTenant-400-description-257-chars"),
    pytest.param(lambda name: {"name": name, "email": "not-an-email"}, id="createTenant-400-malformed-email"),
    pytest.param(lambda name: {"name": 42, "description": name}, id="createTenant-400-name-not-a-string"),
    pytest.param(lambda name: {"name": name, "parentId": "not-a-uuid"}, id="createTenant-400-parent-id-not-a-uuid"),
    pytest.param(lambda name: {"name": name, "externalId": "not valid!"}, id="createTenant-400-malformed-external-id"),
]
MALFORMED_REQUESTS = [
    pytest.param("GET", TENANTS, [("page", -1), ("pageSize", 10)], None, id="getTenantsPage-400-negative-page"),
    pytest.param("GET", TENANTS, [("page", 0), ("pageSize", 0)], None, id="getTenantsPage-400-page-size-0"),
    pytest.param("GET", TENANTS, [("page", 0), ("pageSize", 1001)], None, id="getTenantsPage-400-page-size-1001"),
    pytest.param("GET", TENANTS, [("pageSize", 10)], None, id="getTenantsPage-400-no-page"),
    pytest.param("GET", TENANTS, FIRST_PAGE + [("sortOrder", "ASC")], None, id="getTenantsPage-400-sort-order-ASC"),
    pytest.param("GET", TENANTS, FIRST_PAGE + [("parentId", "not-a-uuid")], None,
                 id="getTenantsPage-400-parent-id-not-a-uuid"),
    pytest.param("GET", f"{TENANTS}/list", [], None, id="getTenantsList-400-no-ids"),
    pytest.param("GET", f"{TENANTS}/list", [("ids", "not-a-uuid")], None, id="getTenantsList-400-id-not-a-uuid"),
    pytest.param("GET", f"{TENANTS}/not-a-uuid", [], None, id="getTenant-400-id-not-a-uuid"),
    pytest.param("PUT", f"{TENANTS}/not-a-uuid", [], {"name": "msxt-nobody"}, id="updateTenant-400-id-not-a-uuid"),
    pytest.param("DELETE", f"{TENANTS}/not-a-uuid", [], None, id="deleteTenant-400-id-not-a-uuid"),
    pytest.param("GET", f"{TENANTS}/externalId/{'x' * 257}", [], None, id="getTenantByExternalId-400-257-chars"),
]
# Every tenant operation, aimed at nothing that exists, with a valid body.
OPERATIONS = [
    pytest.param(lambda api, name: api.get_tenants_page(page=0, page_size=10), id="getTenantsPage"),
    pytest.param(lambda api, name: api.create_tenant(TenantCreate(name=name)), id="createTenant"),
    pytest.param(lambda api, name: api.get_tenants_list(ids=[UNKNOWN_ID]), id="getTenantsList"),
    pytest.param(lambda api, name: api.get_tenant(UNKNOWN_ID), id="getTenant"),
    pytest.param(lambda api, name: api.update_tenant(UNKNOWN_ID, TenantUpdate(name=name)), id="updateTenant"),
    pytest.param(lambda api, name: api.delete_tenant(UNKNOWN_ID), id="deleteTenant"),
    pytest.param(lambda api, name: api.get_tenant_by_external_id(name), id="getTenantByExternalId"),
]
UNKNOWN = [
    pytest.param(lambda api, name: api.get_tenant(UNKNOWN_ID), id="getTenant-404-unknown-id"),
    pytest.param(lambda api, name: api.update_tenant(UNKNOWN_ID, TenantUpdate(name=name)),
                 id="updateTenant-404-unknown-id"),
    pytest.param(lambda api, name: api.delete_tenant(UNKNOWN_ID), id="deleteTenant-404-unknown-id"),
    pytest.param(lambda api, name: api.get_tenant_by_external_id(name), id="getTenantByExternalId-404-unknown-id"),
]
LIMITED_WRITES = [
    pytest.param(lambda api, user: api.create_tenant(TenantCreate(name=f"{user.username}-forbidden")),
                 id="createTenant-403-limited-user"),
    pytest.param(lambda api, user: api.update_tenant(user.tenant_ids[0], TenantUpdate(name=f"{user.username}-renamed")),
                 id="updateTenant-403-limited-user"),
    pytest.param(lambda api, user: api.delete_tenant(user.tenant_ids[0]), id="deleteTenant-403-limited-user"),
]


@pytest.mark.parametrize("make_body", INVALID_BODIES)
def test_invalid_tenant_is_not_created(send_raw, refuses, unique_name, make_body):
    refuses(400, lambda: send_raw("POST", TENANTS, make_body(unique_name), answer=(Tenant,)))


@pytest.mark.parametrize("method, path, query, body", MALFORMED_REQUESTS)
def test_malformed_tenant_request_is_rejected(send_raw, refuses, method, path, query, body):
    refuses(400, lambda: send_raw(method, path, body, query))


def test_updateTenant_400_for_an_empty_name(send_raw, refuses, tenants, unique_name):
    tenant = tenants.create(name=unique_name).resource
    refuses(400, lambda: send_raw("PUT", f"{TENANTS}/{tenant.id}", {"name": ""}))


@pytest.mark.parametrize("token", TOKENS)
@pytest.mark.parametrize("call", OPERATIONS)
def test_tenant_operations_need_a_valid_token(make_api_client, refuses, unique_name, call, token):
    refuses(401, lambda: call(TenantsApi(make_api_client(token)), unique_name))


@pytest.mark.parametrize("write", LIMITED_WRITES)
def test_limited_user_may_not_change_tenants(limited_api_client, limited_user, refuses, write):
    refuses(403, lambda: write(TenantsApi(limited_api_client), limited_user))


@pytest.mark.parametrize("call", UNKNOWN)
def test_unknown_tenant_is_not_found(msx_api, refuses, unique_name, call):
    tenants_api = msx_api(TenantsApi)
    refuses(404, lambda: call(tenants_api, unique_name))


def test_deleteTenant_409_while_it_has_users_then_204(msx_api, tenants, users, refuses, unique_name):
    tenants_api = msx_api(TenantsApi)
    roles_api = msx_api(RolesApi)
    tenant = tenants.create(name=unique_name).resource
    role = roles_api.get_role_by_name("CONSUMER")
    user = users.create(username=unique_name, last_name="Member", email=f"{unique_name}@example.com",
                        role_ids=[role.id], tenant_ids=[tenant.id]).resource
    refuses(409, lambda: tenants_api.delete_tenant(tenant.id))
    assert tenants_api.get_tenant(tenant.id).id == tenant.id, "a refused delete leaves the tenant"
    assert users.delete(user.id) == 204
    assert tenants.delete(tenant.id) == 204


def test_deleteTenant_409_while_it_has_child_tenants_then_204(msx_api, tenants, refuses, unique_name):
    tenants_api = msx_api(TenantsApi)
    parent = tenants.create(name=unique_name).resource
    child = tenants.create(name=f"{unique_name}-child", parent_id=parent.id).resource
    refuses(409, lambda: tenants_api.delete_tenant(parent.id))
    assert tenants_api.get_tenant(parent.id).id == parent.id, "a refused delete leaves the tenant"
    assert tenants.delete(child.id) == 204
    assert tenants.delete(parent.id) == 204
