"""Tenant isolation of IDM: the tenant admin of one suite tenant never reads, lists, changes or deletes the
users and the tenant of another, and its own work (ids: <operationId>-<case>).

Both tenants are the suite's own (`suite_tenants`); nothing outside them is targeted. A refusal is 403 (no
access to the tenant, what the emulator answers) or 404 (where MSX hides that the object exists). A leak
fails with one line naming it: `isolation leak: the tenant admin of A read user X of tenant B (getUser 200)`.
"""

from __future__ import annotations

import pytest
from python_msx_sdk.api.tenants_api import TenantsApi
from python_msx_sdk.api.users_api import UsersApi
from python_msx_sdk.exceptions import ApiException
from python_msx_sdk.model.tenant_create import TenantCreate
from python_msx_sdk.model.tenant_update import TenantUpdate
from python_msx_sdk.model.update_password import UpdatePassword
from python_msx_sdk.model.user_create import UserCreate
from python_msx_sdk.model.user_update import UserUpdate

from msxsuite.isolation import ANSWERED, REFUSALS, Crossing, SuiteTenant, cross, fail_if_listed
from msxsuite.paging import all_items

CROSSINGS = [
    Crossing("getUser", "other-tenants-user", "read user {user} of tenant {tenant}",
             lambda client, a, b: UsersApi(client).get_user(b.user.id, **ANSWERED)),
    Crossing("updateUser", "other-tenants-user", "changed user {user} of tenant {tenant}",
             lambda client, a, b: UsersApi(client).update_user(
                 b.user.id, UserUpdate(email=b.user.email, last_name="Taken over"), **ANSWERED)),
    Crossing("deleteUser", "other-tenants-user", "deleted user {user} of tenant {tenant}",
             lambda client, a, b: UsersApi(client).delete_user(b.user.id, **ANSWERED)),
    Crossing("updateUserPassword", "other-tenants-user", "set the password of user {user} of tenant {tenant}",
             lambda client, a, b: UsersApi(client).update_user_password(
                 UpdatePassword(username=b.user.username, new_password="Msx-Suite-Taken-Over-1"), **ANSWERED)),
    Crossing("createUser", "in-other-tenant", "created a user in tenant {tenant}",
             lambda client, a, b: UsersApi(client).create_user(UserCreate(
                 username=f"{a.tenant.name}-intruder", last_name="Intruder", email=f"{a.tenant.name}@example.com",
                 tenant_ids=[b.tenant.id], role_ids=b.user.role_ids), **ANSWERED)),
    Crossing("getTenant", "other-tenant", "read tenant {tenant}",
             lambda client, a, b: TenantsApi(client).get_tenant(b.tenant.id, **ANSWERED)),
    Crossing("getTenantByExternalId", "other-tenant", "read tenant {tenant} by its externalId",
             lambda client, a, b: TenantsApi(client).get_tenant_by_external_id(b.tenant.external_id, **ANSWERED)),
    Crossing("updateTenant", "other-tenant", "changed tenant {tenant}",
             lambda client, a, b: TenantsApi(client).update_tenant(
                 b.tenant.id, TenantUpdate(name=b.tenant.name, description="Taken over"), **ANSWERED)),
    Crossing("deleteTenant", "other-tenant", "deleted tenant {tenant}",
             lambda client, a, b: TenantsApi(client).delete_tenant(b.tenant.id, **ANSWERED)),
    Crossing("createTenant", "under-other-tenant", "created a tenant under tenant {tenant}",
             lambda client, a, b: TenantsApi(client).create_tenant(
                 TenantCreate(name=f"{a.tenant.name}-intruder", parent_id=b.tenant.id), **ANSWERED)),
]
def _unchanged(msx_api, b: SuiteTenant) -> None:
    """b's user and tenant, as the suite's own user reads them, are as they were made."""
    user, tenant = msx_api(UsersApi).get_user(b.user.id), msx_api(TenantsApi).get_tenant(b.tenant.id)
    assert (user.last_name, tenant.description) == (b.user.last_name, b.tenant.description), \
        f"tenant {b.tenant.name} changed although the change was refused"


@pytest.mark.parametrize("crossing", [crossing.param() for crossing in CROSSINGS])
def test_tenant_admin_is_refused_across_tenants(suite_tenants, msx_api, crossing):
    a, b = suite_tenants
    cross(crossing, a, b, msx_api)
    _unchanged(msx_api, b)


def _users_of(b: SuiteTenant) -> dict:
    return {b.user.id: b.user.username, b.admin.id: b.admin.username}


def test_getUsersPage_lists_no_other_tenants_user(suite_tenants):
    a, b = suite_tenants
    listed = list(all_items(UsersApi(a.client).get_users_page))
    fail_if_listed(a, listed, _users_of(b), f"listed user {{name}} of tenant {b.tenant.name}", "getUsersPage")
    assert {a.user.id, a.admin.id} <= {user.id for user in listed}, "its own tenant's users are listed"


def test_getUsersPage_filtered_by_other_tenant_lists_none(suite_tenants):
    a, b = suite_tenants
    try:
        listed = list(all_items(UsersApi(a.client).get_users_page, tenant_id=b.tenant.id))
    except ApiException as error:
        assert error.status in REFUSALS, f"expected a refusal (403 or 404) or no user, got {error.status}: {error.body}"
        return
    fail_if_listed(a, listed, _users_of(b), f"listed user {{name}} of tenant {b.tenant.name}", "getUsersPage")


def test_getTenantsPage_lists_no_other_tenant(suite_tenants):
    a, b = suite_tenants
    listed = list(all_items(TenantsApi(a.client).get_tenants_page))
    fail_if_listed(a, listed, {b.tenant.id: b.tenant.name}, "listed tenant {name}", "getTenantsPage")
    assert a.tenant.id in {tenant.id for tenant in listed}, "its own tenant is listed"


def test_getTenantsList_lists_no_other_tenant(suite_tenants):
    a, b = suite_tenants
    listed = TenantsApi(a.client).get_tenants_list([a.tenant.id, b.tenant.id])
    fail_if_listed(a, listed, {b.tenant.id: b.tenant.name}, "listed tenant {name}", "getTenantsList")
    assert [tenant.id for tenant in listed] == [a.tenant.id], "its own tenant is listed"


def test_getUser_updateUser_getTenant_work_in_own_tenant(suite_tenants):
    a, _ = suite_tenants
    users = UsersApi(a.client)
    assert users.get_user(a.user.id).username == a.user.username
    assert users.update_user(a.user.id, UserUpdate(email=a.user.email, last_name="Changed by its admin")).last_name \
        == "Changed by its admin"
    assert TenantsApi(a.client).get_tenant(a.tenant.id).name == a.tenant.name
