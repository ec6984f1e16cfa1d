"""One call per bearer-authenticated operation the emulator serves (34), keyed by operationId, through the SDK."""

from __future__ import annotations

from python_msx_sdk.api.health_api import HealthApi
from python_msx_sdk.api.offers_api import OffersApi
from python_msx_sdk.api.products_api import ProductsApi
from python_msx_sdk.api.roles_api import RolesApi
from python_msx_sdk.api.tenants_api import TenantsApi
from python_msx_sdk.api.users_api import UsersApi
from python_msx_sdk.model.offer_create import OfferCreate
from python_msx_sdk.model.offer_update import OfferUpdate
from python_msx_sdk.model.product_create import ProductCreate
from python_msx_sdk.model.product_update import ProductUpdate
from python_msx_sdk.model.tenant_create import TenantCreate
from python_msx_sdk.model.tenant_update import TenantUpdate
from python_msx_sdk.model.update_password import UpdatePassword
from python_msx_sdk.model.user_create import UserCreate
from python_msx_sdk.model.user_update import UserUpdate

from msx_emulator.config import CONSUMER_ROLE_ID, OPERATIONS_TENANT_ID

USER_ID = "0b6f0c2e-7d1a-4f5e-9a43-5a1e2f3c4d02"
# Nothing is seeded in the catalog: the calls naming one answer 404 (or 400 for an unknown product).
PRODUCT_ID = OFFER_ID = "00000000-0000-4000-8000-000000000000"
PRODUCT = dict(name="p", label="P", version=1, description="d", image="i.svg")
OFFER = dict(name="o", label="O", version=1, description="d", product_id=PRODUCT_ID)
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
    "getProductsPage": lambda c: ProductsApi(c).get_products_page(0, 10),
    "createProduct": lambda c: ProductsApi(c).create_product(ProductCreate(**PRODUCT)),
    "getProductsCount": lambda c: ProductsApi(c).get_products_count(),
    "getProduct": lambda c: ProductsApi(c).get_product(PRODUCT_ID),
    "updateProduct": lambda c: ProductsApi(c).update_product(PRODUCT_ID, ProductUpdate(**PRODUCT)),
    "deleteProduct": lambda c: ProductsApi(c).delete_product(PRODUCT_ID),
    "updateProductAssignments": lambda c: ProductsApi(c).update_product_assignments(PRODUCT_ID, []),
    "getProductAssignmentsList": lambda c: ProductsApi(c).get_product_assignments_list(PRODUCT_ID),
    "getOffersPage": lambda c: OffersApi(c).get_offers_page(0, 10),
    "createOffer": lambda c: OffersApi(c).create_offer(OfferCreate(**OFFER)),
    "getOffersCount": lambda c: OffersApi(c).get_offers_count(),
    "getOffer": lambda c: OffersApi(c).get_offer(OFFER_ID),
    "updateOffer": lambda c: OffersApi(c).update_offer(OFFER_ID, OfferUpdate(**OFFER)),
    "deleteOffer": lambda c: OffersApi(c).delete_offer(OFFER_ID),
    "updateOfferAssignments": lambda c: OffersApi(c).update_offer_assignments(OFFER_ID, []),
    "getOfferAssignmentsList": lambda c: OffersApi(c).get_offer_assignments_list(OFFER_ID),
}
