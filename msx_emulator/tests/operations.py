"""One call per bearer-authenticated operation of the contract (18), keyed by operationId, through the SDK."""

from __future__ import annotations

from python_msx_sdk.api.health_api import HealthApi
from python_msx_sdk.api.roles_api import RolesApi
from python_msx_sdk.api.tenants_api import TenantsApi
from python_msx_sdk.api.users_api import UsersApi
from python_msx_sdk.model.tenant_create import TenantCreate
from python_msx_sdk.model.tenant_update import TenantUpdate
from python_msx_sdk.model.update_password import UpdatePassword
from python_msx_sdk.model.user_create import UserCreate
from python_msx_sdk.model.user_update import UserUpdate

from msx_emulator.config import CONSUMER_ROLE_ID, OPERATIONS_TENANT_ID

USER_ID = "0b6f0c2e-7d1a-4f5e-9a43-5a1e2f3c4d02"
OPERATIONS = {
    "getRolesList": lambda c: RolesApi(c).get_roles_list([CONSUMER_ROLE_ID]),
    "getRoleByName": lambda c: RolesApi(c).get_role_by_name("CONSUMER"),
    "getTenantsPage": lambda c: TenantsApi(c).get_tenants_page(0, 10),
    "createTenant": lambda c: TenantsApi(c).create_tenant(TenantCreate(name="t")),
    "getTenantsList": lambda c: TenantsApi(c).get_tenants_list([OPERATIONS_TENANT_ID]),
    "getTenant": lambda c: TenantsApi(c).get_tenant(OPERATIONS_TENANT_ID),
    "updateTenant": lambda c: TenantsApi(c).update_tenant(OPERATIONS_TENANT_ID, TenantUpdate(name="t")),
    "deleteTenant": lambda c: TenantsApi(c).delete_tenant(OPERATIONS_TENANT_ID),
    "getTenantByExternalId": lambda c: TenantsApi(c).get_tenant_by_external_id("emulator-root"),
    "getUsersPage": lambda c: UsersApi(c).get_users_page(0, 10),
    "createUser": lambda c: UsersApi(c).create_user(UserCreate(username="u", email="u@example.com", last_name="U")),
    "getUser": lambda c: UsersApi(c).get_user(USER_ID),
    "updateUser": lambda c: UsersApi(c).update_user(USER_ID, UserUpdate(email="u@example.com", last_name="U")),
    "deleteUser": lambda c: UsersApi(c).delete_user(USER_ID),
    "getCurrentUser": lambda c: UsersApi(c).get_current_user(),
    "updateUserPassword": lambda c: UsersApi(c).update_user_password(UpdatePassword(username="operator",
                                                                                    new_password="x")),
    "getServicesHealthList": lambda c: HealthApi(c).get_services_health_list(["idm"]),
    "getDevicesHealthList": lambda c: HealthApi(c).get_devices_health_list(["edge-router-1"]),
}
