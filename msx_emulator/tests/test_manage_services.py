"""Manage services: ordered from a Catalog product and offer, updated by order and directly, paged, deleted."""

from __future__ import annotations

import re

import pytest
from python_msx_sdk.api.devices_api import DevicesApi
from python_msx_sdk.api.offers_api import OffersApi
from python_msx_sdk.api.products_api import ProductsApi
from python_msx_sdk.api.services_api import ServicesApi
from python_msx_sdk.api.sites_api import SitesApi
from python_msx_sdk.model.device_create import DeviceCreate
from python_msx_sdk.model.legacy_service_order import LegacyServiceOrder
from python_msx_sdk.model.legacy_service_order_detail import LegacyServiceOrderDetail
from python_msx_sdk.model.offer_create import OfferCreate
from python_msx_sdk.model.product_create import ProductCreate
from python_msx_sdk.model.service_update import ServiceUpdate
from python_msx_sdk.model.site_create import SiteCreate

from msx_emulator.config import OPERATIONS_TENANT_ID, ROOT_TENANT_ID
from msx_emulator.tests.helpers import error_naming

MSX_ID = re.compile(r"^[a-z]{3}\d{9}-[0-9a-f]{32}-[a-z]{3}$")


@pytest.fixture
def emu_services(emu_superuser_client):
    """ServicesApi as superuser."""
    return ServicesApi(emu_superuser_client)


@pytest.fixture
def emu_offer(emu_superuser_client):
    """A Catalog offer of a product of its own."""
    product = ProductsApi(emu_superuser_client).create_product(ProductCreate(
        name="SD-WAN", label="SD-WAN", version=1, description="d", image="i.svg"))
    return OffersApi(emu_superuser_client).create_offer(OfferCreate(name="Basic", label="Basic", description="d",
                                                                    product_id=product.id, version=1))


def _order(tenant_id: str = OPERATIONS_TENANT_ID, **payload) -> LegacyServiceOrder:
    return LegacyServiceOrder(service_type="sdwan", payload=LegacyServiceOrderDetail(tenant={"id": tenant_id},
                                                                                     **payload))


def test_submit_order_makes_a_service_of_the_tenant(emu, emu_services, emu_offer):
    answer, status, _ = emu_services.submit_order(emu_offer.product_id, emu_offer.id, _order(
        subscription_id="sub-1", service={"bandwidth": "10"}), _return_http_data_only=False)
    assert (status, answer.subscription_id, answer.status) == (201, "sub-1", "SUCCESS")
    [service_id] = answer.service_instance_ids
    assert MSX_ID.match(service_id), "service ids are not uuids on a real MSX"
    service = emu_services.get_service(service_id)
    assert (service.tenant_id, service.provider_id, service.subscription_id) == (OPERATIONS_TENANT_ID,
                                                                                 ROOT_TENANT_ID, "sub-1")
    assert service.definition_attributes == {"productId": emu_offer.product_id, "offerId": emu_offer.id,
                                             "serviceType": "sdwan"}
    assert service.attributes == {"bandwidth": "10"}
    assert emu.stats()["left"]["services"] == ["sub-1"]
    error_naming(lambda: emu_services.submit_order(emu_offer.product_id, emu_offer.id,
                                                   _order(subscription_id="sub-1")), 400, "sub-1")


def test_update_order_and_update_service_change_it(emu_services, emu_offer):
    answer = emu_services.submit_order(emu_offer.product_id, emu_offer.id, _order())
    assert MSX_ID.match(answer.subscription_id)
    updated = emu_services.update_order(emu_offer.product_id, emu_offer.id, _order(
        subscription_id=answer.subscription_id, service={"bandwidth": "20"}))
    assert updated.service_instance_ids == answer.service_instance_ids
    service_id = answer.service_instance_ids[0]
    assert emu_services.get_service(service_id).attributes == {"bandwidth": "20"}
    changed = emu_services.update_service(service_id, ServiceUpdate(status={"state": "SUSPENDED"}))
    assert changed.status == {"state": "SUSPENDED"} and changed.modified_on > changed.created_on
    error_naming(lambda: emu_services.update_order(emu_offer.product_id, emu_offer.id,
                                                   _order(subscription_id="unknown")), 400, "unknown")


def test_services_page_by_tenant_and_delete(emu_services, emu_offer):
    mine = emu_services.submit_order(emu_offer.product_id, emu_offer.id, _order()).service_instance_ids[0]
    emu_services.submit_order(emu_offer.product_id, emu_offer.id, _order(ROOT_TENANT_ID))
    page = emu_services.get_services_page(0, 10, tenant_ids=[OPERATIONS_TENANT_ID])
    assert [s.id for s in page.contents] == [mine] and page.total_items == 1
    assert emu_services.get_services_page(0, 10).total_items == 2
    _, status, _ = emu_services.delete_service(mine, _return_http_data_only=False)
    assert status == 204
    error_naming(lambda: emu_services.get_service(mine), 404, mine)


def test_a_service_leaves_its_sites_and_cannot_go_while_devices_name_it(emu_superuser_client, emu_services,
                                                                        emu_offer):
    service_id = emu_services.submit_order(emu_offer.product_id, emu_offer.id, _order()).service_instance_ids[0]
    sites, devices = SitesApi(emu_superuser_client), DevicesApi(emu_superuser_client)
    site = sites.create_site(SiteCreate(name="Branch", tenant_id=OPERATIONS_TENANT_ID, service_ids=[service_id]))
    assert [s.id for s in sites.get_sites_page(0, 10, service_id=service_id).contents] == [site.id]
    device = devices.create_device(DeviceCreate(tenant_id=OPERATIONS_TENANT_ID, name="d", model="m", type="t",
                                                onboard_type="manual", service_instance_id=service_id))
    assert devices.get_devices_page(0, 10, service_ids=[service_id]).contents[0].id == device.id
    error_naming(lambda: emu_services.delete_service(service_id), 400, "device")
    devices.delete_device(device.id)
    emu_services.delete_service(service_id)
    assert sites.get_site(site.id).service_ids == [], "a deleted service leaves its sites"


def test_orders_name_a_product_and_one_of_its_offers(emu_services, emu_offer):
    unknown = "00000000-0000-4000-8000-000000000000"
    error_naming(lambda: emu_services.submit_order(unknown, emu_offer.id, _order()), 400, "productId")
    error_naming(lambda: emu_services.submit_order(emu_offer.product_id, unknown, _order()), 400, "offerId")
    error_naming(lambda: emu_services.submit_order(emu_offer.product_id, emu_offer.id, _order(unknown)), 400,
                 "payload.tenant.id")
