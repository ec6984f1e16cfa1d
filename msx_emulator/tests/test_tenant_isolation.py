"""Tenant scope: a caller without ACCESS_ALL_TENANTS sees and changes only its tenants, their subtenants and
their objects (users, tenants, sites, devices, services), and the isolation_leak knob that breaks it."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
import urllib3
from python_msx_sdk import ApiClient
from python_msx_sdk.api.devices_api import DevicesApi
from python_msx_sdk.api.offers_api import OffersApi
from python_msx_sdk.api.products_api import ProductsApi
from python_msx_sdk.api.services_api import ServicesApi
from python_msx_sdk.api.sites_api import SitesApi
from python_msx_sdk.api.tenants_api import TenantsApi
from python_msx_sdk.api.users_api import UsersApi
from python_msx_sdk.model.device_create import DeviceCreate
from python_msx_sdk.model.legacy_service_order import LegacyServiceOrder
from python_msx_sdk.model.legacy_service_order_detail import LegacyServiceOrderDetail
from python_msx_sdk.model.offer_create import OfferCreate
from python_msx_sdk.model.product_create import ProductCreate
from python_msx_sdk.model.site_create import SiteCreate
from python_msx_sdk.model.site_update import SiteUpdate
from python_msx_sdk.model.tenant_create import TenantCreate
from python_msx_sdk.model.tenant_update import TenantUpdate
from python_msx_sdk.model.update_password import UpdatePassword
from python_msx_sdk.model.user_create import UserCreate
from python_msx_sdk.model.user_update import UserUpdate

from msx_emulator.config import (
    CONSUMER_ROLE_ID, OPERATOR_ROLE_ID, ROOT_TENANT_ID, SUPERUSER_ROLE_ID, TENANT_ADMIN_ROLE_ID,
)
from msx_emulator.tests.helpers import error_naming

PASSWORD = "Tenant-Admin-1"


@dataclass
class Tenant:
    """A tenant of the test's own, its tenant admin's client and a plain user of it."""

    id: str
    admin: ApiClient
    user_id: str


def _user(users: UsersApi, name: str, tenant_id: str, role_id: str = CONSUMER_ROLE_ID, **fields):
    return users.create_user(UserCreate(username=name, email=f"{name}@example.com", last_name=name,
                                        tenant_ids=[tenant_id], role_ids=[role_id], **fields))


@pytest.fixture
def emu_tenant(emu_tenants, emu_users, emu_client, emu_login):
    """Make a tenant (`emu_tenant("a", parent_id=None)`) with a TENANT_ADMIN and a CONSUMER user."""

    def make(name: str, parent_id: str | None = None) -> Tenant:
        tenant = emu_tenants.create_tenant(TenantCreate(name=name, parent_id=parent_id, external_id=name))
        _user(emu_users, f"{name}-admin", tenant.id, TENANT_ADMIN_ROLE_ID, password=PASSWORD)
        user = _user(emu_users, f"{name}-user", tenant.id)
        token = emu_login(username=f"{name}-admin", password=PASSWORD).access_token
        return Tenant(tenant.id, emu_client(token), user.id)

    return make


@pytest.fixture
def tenant_a(emu_tenant):
    return emu_tenant("a")


@pytest.fixture
def tenant_b(emu_tenant):
    return emu_tenant("b")


def _usernames(page) -> list[str]:
    return sorted(user.username for user in page.contents)


def test_a_tenant_admin_reads_and_changes_only_its_tenants_users(tenant_a, tenant_b):
    users = UsersApi(tenant_a.admin)
    assert users.get_user(tenant_a.user_id).username == "a-user"
    assert _usernames(users.get_users_page(0, 10)) == ["a-admin", "a-user"]
    assert users.update_user(tenant_a.user_id, UserUpdate(email="a@example.com", last_name="Changed")).last_name \
        == "Changed"
    error_naming(lambda: users.get_user(tenant_b.user_id), 403, tenant_b.user_id)
    error_naming(lambda: users.update_user(tenant_b.user_id, UserUpdate(email="b@example.com", last_name="X")),
                 403, tenant_b.user_id)
    error_naming(lambda: users.delete_user(tenant_b.user_id), 403, tenant_b.user_id)
    error_naming(lambda: users.update_user_password(UpdatePassword(username="b-user", new_password="Taken-Over-1")),
                 403, tenant_b.user_id)
    assert UsersApi(tenant_b.admin).get_user(tenant_b.user_id).last_name == "b-user", "b's user is unchanged"


def test_pages_list_no_user_of_another_tenant(tenant_a, tenant_b):
    users = UsersApi(tenant_a.admin)
    assert _usernames(users.get_users_page(0, 10, tenant_id=tenant_b.id)) == []
    assert "b-user" not in _usernames(users.get_users_page(0, 100))


def test_a_tenant_admin_makes_users_only_in_its_tenants_and_with_scoped_roles(tenant_a, tenant_b):
    users = UsersApi(tenant_a.admin)
    assert _user(users, "a-new", tenant_a.id).tenant_ids == [tenant_a.id]
    error_naming(lambda: _user(users, "b-new", tenant_b.id), 403, tenant_b.id)
    error_naming(lambda: users.update_user(tenant_a.user_id, UserUpdate(
        email="a@example.com", last_name="L", tenant_ids=[tenant_a.id, tenant_b.id])), 403, tenant_b.id)
    for role_id, name in ((SUPERUSER_ROLE_ID, "SUPERUSER"), (OPERATOR_ROLE_ID, "OPERATOR")):
        error_naming(lambda: _user(users, "a-escalated", tenant_a.id, role_id), 403, name)


def test_a_tenant_admin_sets_passwords_only_in_its_tenants(tenant_a, emu_login):
    UsersApi(tenant_a.admin).update_user_password(UpdatePassword(username="a-user", new_password="Reset-By-Admin-1"))
    assert emu_login(username="a-user", password="Reset-By-Admin-1").username == "a-user"


def test_a_tenant_admin_sees_its_tenant_and_subtenants_only(emu_tenant, tenant_a, tenant_b):
    child = emu_tenant("a-child", parent_id=tenant_a.id)
    tenants = TenantsApi(tenant_a.admin)
    assert tenants.get_tenant(child.id).name == "a-child"
    assert sorted(t.name for t in tenants.get_tenants_page(0, 10).contents) == ["a", "a-child"]
    assert [t.name for t in tenants.get_tenants_list([tenant_a.id, tenant_b.id, ROOT_TENANT_ID])] == ["a"]
    assert "a-user" in _usernames(UsersApi(tenant_a.admin).get_users_page(0, 10)), "its own users"
    assert UsersApi(tenant_a.admin).get_user(child.user_id).username == "a-child-user"
    error_naming(lambda: tenants.get_tenant(tenant_b.id), 403, tenant_b.id)
    error_naming(lambda: tenants.get_tenant_by_external_id("b"), 403, tenant_b.id)
    error_naming(lambda: tenants.get_tenant(ROOT_TENANT_ID), 403, ROOT_TENANT_ID)
    error_naming(lambda: TenantsApi(child.admin).get_tenant(tenant_a.id), 403, tenant_a.id)


def test_tenant_writes_stay_refused_without_the_permission(tenant_a, tenant_b):
    tenants = TenantsApi(tenant_a.admin)
    error_naming(lambda: tenants.update_tenant(tenant_b.id, TenantUpdate(name="Taken")), 403, "MANAGE_TENANT")
    error_naming(lambda: tenants.delete_tenant(tenant_b.id), 403, "MANAGE_TENANT")


def test_unknown_ids_stay_not_found_for_a_tenant_admin(tenant_a):
    unknown = "5f0c3e52-0000-4000-8000-000000000404"
    error_naming(lambda: UsersApi(tenant_a.admin).get_user(unknown), 404, unknown)
    error_naming(lambda: TenantsApi(tenant_a.admin).get_tenant(unknown), 404, unknown)


def test_callers_with_access_to_all_tenants_see_every_user(emu, emu_users, emu_client, emu_login, tenant_b):
    _user(emu_users, "provider-operator", ROOT_TENANT_ID, OPERATOR_ROLE_ID, password=PASSWORD)
    operator = UsersApi(emu_client(emu_login(username="provider-operator", password=PASSWORD).access_token))
    assert operator.get_user(tenant_b.user_id).username == "b-user"
    assert "b-user" in _usernames(emu_users.get_users_page(0, 100))


def test_the_seeded_consumer_reads_only_its_tenants_users(emu, emu_operator_client):
    users = UsersApi(emu_operator_client)
    assert _usernames(users.get_users_page(0, 10)) == ["operator"]
    error_naming(lambda: users.get_user(emu.config.superuser.id), 403, emu.config.superuser.id)


def test_isolation_leak_lets_any_tenant_read_other_tenants_users(emu, tenant_a, tenant_b):
    emu.set_faults(isolation_leak=True)
    users = UsersApi(tenant_a.admin)
    assert users.get_user(tenant_b.user_id).username == "b-user"
    assert "b-user" in _usernames(users.get_users_page(0, 100))
    error_naming(lambda: users.delete_user(tenant_b.user_id), 403, tenant_b.user_id)
    emu.set_faults()
    error_naming(lambda: users.get_user(tenant_b.user_id), 403, tenant_b.user_id)


def test_isolation_leak_over_http_until_reset(emu):
    with urllib3.PoolManager() as pool:
        answer = pool.request("PUT", f"{emu.url}/_emulator/faults", json={"isolation_leak": True})
        assert (answer.status, json.loads(answer.data)["isolation_leak"]) == (200, True)
        emu.reset()
        assert json.loads(pool.request("GET", f"{emu.url}/_emulator/faults").data)["isolation_leak"] is False


# --- Manage: sites, devices and services ----------------------------------------------------------

@pytest.fixture
def manage_objects_of_b(emu_superuser_client, tenant_b):
    """A site, a device and a service of tenant b, made by the superuser: (site id, device id, service id)."""
    site = SitesApi(emu_superuser_client).create_site(SiteCreate(name="b-site", tenant_id=tenant_b.id))
    device = DevicesApi(emu_superuser_client).create_device(DeviceCreate(
        tenant_id=tenant_b.id, name="b-device", model="c8000v", type="router", onboard_type="manual"))
    product = ProductsApi(emu_superuser_client).create_product(ProductCreate(
        name="p", label="P", version=1, description="d", image="i.svg"))
    offer = OffersApi(emu_superuser_client).create_offer(OfferCreate(
        name="o", label="O", description="d", product_id=product.id, version=1))
    order = ServicesApi(emu_superuser_client).submit_order(product.id, offer.id, LegacyServiceOrder(
        service_type="sdwan", payload=LegacyServiceOrderDetail(tenant={"id": tenant_b.id})))
    return site.id, device.id, order.service_instance_ids[0]


def test_manage_reads_of_another_tenants_objects_are_refused(tenant_a, tenant_b, manage_objects_of_b):
    site_id, device_id, service_id = manage_objects_of_b
    sites, devices, services = SitesApi(tenant_a.admin), DevicesApi(tenant_a.admin), ServicesApi(tenant_a.admin)
    for read in (lambda: sites.get_site(site_id), lambda: devices.get_device(device_id),
                 lambda: devices.get_device_config(device_id), lambda: devices.get_device_template_history(device_id),
                 lambda: services.get_service(service_id)):
        error_naming(read, 403, tenant_b.id)
    assert sites.get_sites_page(0, 10).contents == []
    assert devices.get_devices_page(0, 10, tenant_ids=[tenant_b.id]).contents == []
    assert services.get_services_page(0, 10).contents == []
    assert SitesApi(tenant_b.admin).get_site(site_id).name == "b-site", "b's tenant admin reads its own"
    assert [d.name for d in DevicesApi(tenant_b.admin).get_devices_page(0, 10).contents] == ["b-device"]
    assert [s.id for s in ServicesApi(tenant_b.admin).get_services_page(0, 10).contents] == [service_id]


def test_a_tenant_admin_manages_its_own_sites_but_not_another_tenants(tenant_a, tenant_b, manage_objects_of_b):
    site_id = manage_objects_of_b[0]
    own = SitesApi(tenant_a.admin).create_site(SiteCreate(name="a-site", tenant_id=tenant_a.id))
    assert SitesApi(tenant_a.admin).update_site(own.id, SiteUpdate(name="a-site-2")).name == "a-site-2"
    error_naming(lambda: SitesApi(tenant_a.admin).update_site(site_id, SiteUpdate(name="taken")), 403, tenant_b.id)
    error_naming(lambda: SitesApi(tenant_a.admin).delete_site(site_id), 403, tenant_b.id)


# --- Catalog: global products and offers, assignments per tenant -----------------------------------

def test_a_tenant_admin_sees_the_catalog_but_only_its_tenants_assignments(emu_superuser_client, tenant_a, tenant_b):
    products, offers = ProductsApi(emu_superuser_client), OffersApi(emu_superuser_client)
    product = products.create_product(ProductCreate(name="p", label="P", version=1, description="d", image="i.svg"))
    offer = offers.create_offer(OfferCreate(name="o", label="O", description="d", product_id=product.id, version=1))
    products.update_product_assignments(product.id, [tenant_a.id, tenant_b.id])
    offers.update_offer_assignments(offer.id, [tenant_a.id, tenant_b.id])
    products, offers = ProductsApi(tenant_a.admin), OffersApi(tenant_a.admin)
    assert products.get_product(product.id).name == "p"
    assert [a.tenant_id for a in products.get_product_assignments_list(product.id)] == [tenant_a.id]
    assert [a.tenant_id for a in offers.get_offer_assignments_list(offer.id)] == [tenant_a.id]
    assert [p.id for p in products.get_products_page(0, 10, tenant_id=tenant_a.id).contents] == [product.id]
    assert products.get_products_page(0, 10, tenant_id=tenant_b.id).contents == []
    assert products.get_products_count(tenant_id=tenant_b.id) == 0
    assert offers.get_offers_page(0, 10, tenant_ids=[tenant_b.id]).contents == []
    assert offers.get_offers_count(tenant_id=tenant_b.id) == 0
    assert len(ProductsApi(emu_superuser_client).get_product_assignments_list(product.id)) == 2
