"""IDM: tenants, and users, which block the deletion of their tenant."""

from python_msx_sdk.api.tenants_api import TenantsApi
from python_msx_sdk.api.users_api import UsersApi
from python_msx_sdk.model.tenant import Tenant
from python_msx_sdk.model.tenant_create import TenantCreate
from python_msx_sdk.model.user import User
from python_msx_sdk.model.user_create import UserCreate

from msxsuite.registry.kind import crud

TENANT = crud("tenant", "idm", TenantsApi, TenantCreate, Tenant, "name",
              create="create_tenant", delete="delete_tenant", page="get_tenants_page")
USER = crud("user", "idm", UsersApi, UserCreate, User, "username",
            create="create_user", delete="delete_user", page="get_users_page",
            secret_fields=("password",), blocks=("tenant",))
KINDS = (TENANT, USER)
