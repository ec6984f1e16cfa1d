"""Services (Manage): services ordered from a Catalog product and offer of the test's own, for the test's tenant;
read, paged by tenant, updated by order and directly, deleted. Every order provisions on a real MSX: all these
tests but the smoke read carry the side_effect marker."""

import pytest
from python_msx_sdk.api.services_api import ServicesApi
from python_msx_sdk.api.sites_api import SitesApi
from python_msx_sdk.exceptions import NotFoundException
from python_msx_sdk.model.service_update import ServiceUpdate

from msxsuite.registry.manage import order
from msxsuite.paging import all_items
from tests.manage.conftest import required_device_fields

CASES = [
    pytest.param({}, id="required-fields-only"),
    pytest.param({"service_type": "managed-device", "message_id": "msx-suite-1", "type": "order", "action": "add",
                  "transaction_uuid": "9b2f7c1e-4d3a-4e5b-8c6d-7e8f9a0b1c2d",
                  "service": {"bandwidth": "100", "plan": "gold"}, "subscription_name": "MSX suite order"},
                 id="every-field"),
    pytest.param({"service": {"Standort": "Zürich ✓"}, "subscription_name": "Ünïcødé 名前"}, id="unicode"),
]


@pytest.mark.side_effect
@pytest.mark.lifecycle
@pytest.mark.parametrize("extra", CASES)
def test_submitOrder_getService_getServicesPage_updateOrder_updateService_deleteService(
        msx_api, services, offer_of_product, manage_tenant, unique_name, extra):
    """A service's life: ordered for the test's tenant, read, found by tenant, re-ordered, updated, deleted."""
    services_api = msx_api(ServicesApi)
    fields = {"product_id": offer_of_product.product_id, "offer_id": offer_of_product.id,
              "subscription_id": unique_name, "tenant_id": manage_tenant.id} | extra
    created = services.create(**fields)
    assert created.status == 201
    service = created.resource
    assert (service.tenant_id, service.subscription_id) == (manage_tenant.id, unique_name)
    assert service.id and service.created_on
    assert services_api.get_service(service.id).to_dict() == service.to_dict()
    assert [s.id for s in all_items(services_api.get_services_page, tenant_ids=[manage_tenant.id])] == [service.id]

    answer, status, _ = services_api.update_order(offer_of_product.product_id, offer_of_product.id,
                                                  order(fields | {"service": {"bandwidth": "200"}}),
                                                  _return_http_data_only=False)
    assert status == 200 and answer.service_instance_ids == [service.id]
    assert services_api.get_service(service.id).attributes.get("bandwidth") == "200"

    note = {"note": "made by the suite"}
    updated, status, _ = services_api.update_service(service.id, ServiceUpdate(attributes=note),
                                                     _return_http_data_only=False)
    assert status == 200 and updated.attributes == note
    assert services_api.get_service(service.id).to_dict() == updated.to_dict()

    assert services.delete(service.id) == 204
    with pytest.raises(NotFoundException):
        services_api.get_service(service.id)


@pytest.fixture
def ordered(msx_api, services, offer_of_product, manage_tenant, unique_name):
    """An updateOrder answer and the service it made (the service is the factory's: deleted after the test)."""
    service = services.create(product_id=offer_of_product.product_id, offer_id=offer_of_product.id,
                              subscription_id=unique_name, tenant_id=manage_tenant.id).resource
    answer = msx_api(ServicesApi).update_order(offer_of_product.product_id, offer_of_product.id,
                                               order({"subscription_id": unique_name, "tenant_id": manage_tenant.id}))
    return answer, service


@pytest.mark.side_effect
def test_updateOrder_answers_the_service_and_subscription_ids(ordered):
    """The answer names the subscription and the service instance the order made."""
    answer, service = ordered
    assert answer.subscription_id == service.subscription_id
    assert answer.service_instance_ids == [service.id]


@pytest.mark.side_effect
def test_a_device_of_a_service_and_a_site_of_its_services(msx_api, devices, service, site, manage_tenant,
                                                          unique_name):
    """The relations of a service: a device names it as its service instance, a site lists it."""
    sites_api = msx_api(SitesApi)
    device = devices.create(**required_device_fields(f"{unique_name}-device", manage_tenant.id),
                            service_instance_id=service.id, service_type="managed-device").resource
    joined = sites_api.add_devices_to_site(site.id, [device.id])
    assert [(d.device_id, d.service_id) for d in joined.devices] == [(device.id, service.id)]
    sites_api.add_services_to_site(site.id, [service.id])
    assert [s.id for s in all_items(sites_api.get_sites_page, service_id=service.id)] == [site.id]
    assert [s.id for s in all_items(sites_api.get_sites_page, service_type="managed-device",
                                    tenant_id=manage_tenant.id)] == [site.id]
    sites_api.remove_services_from_site(site.id, [service.id])
    sites_api.remove_devices_from_site(site.id, [device.id])


@pytest.mark.smoke
def test_getServicesPage_answers_a_first_page_of_at_most_10(msx_api):
    """Read-only: a first page of at most 10 services."""
    page = msx_api(ServicesApi).get_services_page(page=0, page_size=10)
    assert page.page == 0 and len(page.contents) <= 10, f"a first page of at most 10 services: {page}"
