"""Services (Manage): what MSX must refuse, and with which status (ids: <operationId>-<status>-<case>).

Orders provision on a real MSX: every test here carries side_effect (refused, they provision nothing).
"""

import pytest
from python_msx_sdk.api.services_api import ServicesApi
from python_msx_sdk.api.tenants_api import TenantsApi
from python_msx_sdk.model.service_update import ServiceUpdate

from msxsuite.registry.manage import order
from tests.manage.conftest import required_device_fields

pytestmark = [pytest.mark.negative, pytest.mark.side_effect]

SERVICES = "/manage/api/v8/services"
UNKNOWN_ID = "5f0c3e52-0000-4000-8000-000000000404"
UNKNOWN_SERVICE = "msxt-unknown-service"
TOKENS = [pytest.param(None, id="401-no-token"), pytest.param("not-a-valid-token", id="401-bad-token")]


def catalog(offer) -> list:
    return [("productId", offer.product_id), ("offerId", offer.id)]


def valid_order(name, tenant_id) -> dict:
    """A submitOrder body MSX accepts for the test's tenant (raw JSON names)."""
    return {"serviceType": "managed-device", "payload": {"subscriptionId": name, "tenant": {"id": tenant_id}}}


def with_payload(**fields):
    return lambda name, tenant: valid_order(name, tenant) | {"payload": valid_order(name, tenant)["payload"] | fields}


# Each body breaks one constraint of the contract's LegacyServiceOrder, nothing else.
BROKEN_ORDERS = [
    pytest.param(lambda name, tenant: valid_order(name, tenant) | {"transactionUUID": "not-a-uuid"},
                 id="transaction-uuid-not-a-uuid"),
    pytest.param(lambda name, tenant: valid_order(name, tenant) | {"serviceType": 7}, id="service-type-not-a-string"),
    pytest.param(lambda name, tenant: valid_order(name, tenant) | {"schedule": {"relative": "2h"}},
                 id="schedule-relative-not-an-object"),
    pytest.param(with_payload(service={"bandwidth": 100}), id="payload-service-value-not-a-string"),
    pytest.param(with_payload(subscriptionDetail={"sites": [{"siteName": "a", "address": {}}]}),
                 id="payload-site-missing-site-id"),
    pytest.param(with_payload(subscriptionDetail={"sites": [{"siteId": "not-a-uuid", "siteName": "a",
                                                              "address": {}}]}),
                 id="payload-site-id-not-a-uuid"),
    pytest.param(with_payload(subscriptionDetail={"sites": [{"siteId": UNKNOWN_ID, "siteName": "a", "address": {},
                                                              "devices": [{"model": "m"}]}]}),
                 id="payload-site-device-missing-name"),
    pytest.param(lambda name, tenant: [valid_order(name, tenant)], id="body-not-an-object"),
]
INVALID_ORDERS = [pytest.param(*case.values, id=f"submitOrder-400-{case.id}") for case in BROKEN_ORDERS] + [
    # The contract is silent on these; the emulator answers 400.
    pytest.param(with_payload(tenant={"id": "not-a-uuid"}), id="submitOrder-400-payload-tenant-id-not-a-uuid"),
    pytest.param(with_payload(tenant={"id": UNKNOWN_ID}), id="submitOrder-400-payload-unknown-tenant"),
]
INVALID_REORDERS = [pytest.param(*case.values, id=f"updateOrder-400-{case.id}") for case in BROKEN_ORDERS] + [
    pytest.param(lambda name, tenant: {"payload": {}}, id="updateOrder-400-no-subscription-id"),
    pytest.param(with_payload(subscriptionId="msxt-unknown-subscription"), id="updateOrder-400-unknown-subscription"),
]
BAD_CATALOG = [
    pytest.param(lambda offer: [("productId", "not-a-uuid"), ("offerId", offer.id)], id="product-id-not-a-uuid"),
    pytest.param(lambda offer: [("productId", offer.product_id), ("offerId", "not-a-uuid")], id="offer-id-not-a-uuid"),
    pytest.param(lambda offer: [("offerId", offer.id)], id="no-product-id"),
    pytest.param(lambda offer: [("productId", offer.product_id)], id="no-offer-id"),
    # The contract is silent on a product or offer that does not exist; the emulator answers 400.
    pytest.param(lambda offer: [("productId", UNKNOWN_ID), ("offerId", offer.id)], id="unknown-product"),
    pytest.param(lambda offer: [("productId", offer.product_id), ("offerId", UNKNOWN_ID)], id="unknown-offer"),
]
MALFORMED_REQUESTS = [
    pytest.param("GET", SERVICES, [("page", -1), ("pageSize", 10)], None, id="getServicesPage-400-negative-page"),
    pytest.param("GET", SERVICES, [("page", 0), ("pageSize", 0)], None, id="getServicesPage-400-page-size-0"),
    pytest.param("GET", SERVICES, [("page", 0), ("pageSize", 1001)], None, id="getServicesPage-400-page-size-1001"),
    pytest.param("GET", SERVICES, [("pageSize", 10)], None, id="getServicesPage-400-no-page"),
    pytest.param("GET", SERVICES, [("page", 0), ("pageSize", 10), ("tenantIds", "not-a-uuid")], None,
                 id="getServicesPage-400-tenant-id-not-a-uuid"),
    # updateService documents no 404: the emulator answers 400 for a service that does not exist.
    pytest.param("PUT", f"{SERVICES}/{UNKNOWN_SERVICE}", [], {"attributes": {}}, id="updateService-400-unknown-id"),
]
INVALID_SERVICE_UPDATES = [
    pytest.param({"status": "PROVISIONED"}, id="updateService-400-status-not-an-object"),
    pytest.param({"attributes": ["note"]}, id="updateService-400-attributes-not-an-object"),
    pytest.param({"definitionAttributes": 1}, id="updateService-400-definition-attributes-not-an-object"),
    pytest.param([{"attributes": {}}], id="updateService-400-body-not-an-object"),
]

# Every service operation, aimed at nothing that exists, with a valid body.
OPERATIONS = [
    pytest.param(lambda api, name, tenant: api.get_services_page(page=0, page_size=10), id="getServicesPage"),
    pytest.param(lambda api, name, tenant: api.submit_order(UNKNOWN_ID, UNKNOWN_ID, order(
        {"subscription_id": name, "tenant_id": tenant})), id="submitOrder"),
    pytest.param(lambda api, name, tenant: api.update_order(UNKNOWN_ID, UNKNOWN_ID, order(
        {"subscription_id": name, "tenant_id": tenant})), id="updateOrder"),
    pytest.param(lambda api, name, tenant: api.get_service(UNKNOWN_SERVICE), id="getService"),
    pytest.param(lambda api, name, tenant: api.update_service(UNKNOWN_SERVICE, ServiceUpdate(attributes={})),
                 id="updateService"),
    pytest.param(lambda api, name, tenant: api.delete_service(UNKNOWN_SERVICE), id="deleteService"),
]
# The limited user's writes, for the test's tenant: the contract's CONSUMER holds MANAGE_SERVICES, but not access
# to that tenant.
LIMITED_WRITES = [
    pytest.param(lambda api, user, service, offer: api.submit_order(offer.product_id, offer.id, order(
        {"subscription_id": f"{user.username}-forbidden", "tenant_id": service.tenant_id})),
        id="submitOrder-403-limited-user"),
    pytest.param(lambda api, user, service, offer: api.update_order(offer.product_id, offer.id, order(
        {"subscription_id": service.subscription_id, "service": {"note": "forbidden"}})),
        id="updateOrder-403-limited-user"),
    pytest.param(lambda api, user, service, offer: api.update_service(service.id, ServiceUpdate(
        attributes={"note": "forbidden"})), id="updateService-403-limited-user"),
    pytest.param(lambda api, user, service, offer: api.delete_service(service.id), id="deleteService-403-limited-user"),
]


@pytest.mark.parametrize("make_body", INVALID_ORDERS)
def test_invalid_order_is_refused(msx_api, send_raw, refuses, offer_of_product, manage_tenant, unique_name,
                                  make_body):
    refuses(400, lambda: send_raw("POST", SERVICES, make_body(unique_name, manage_tenant.id),
                                  catalog(offer_of_product)))
    assert msx_api(ServicesApi).get_services_page(0, 10, tenant_ids=[manage_tenant.id]).contents == [], \
        "a refused order makes no service"


@pytest.mark.parametrize("make_query", [pytest.param(*p.values, id=f"submitOrder-400-{p.id}") for p in BAD_CATALOG])
def test_order_of_no_catalog_offer_is_refused(send_raw, refuses, offer_of_product, manage_tenant, unique_name,
                                              make_query):
    refuses(400, lambda: send_raw("POST", SERVICES, valid_order(unique_name, manage_tenant.id),
                                  make_query(offer_of_product)))


def test_submitOrder_400_for_an_offer_of_another_product(msx_api, refuses, products, offer_of_product,
                                                         manage_tenant, unique_name):
    other = products.create(name=f"{unique_name}-other", label="Other", version=1, description="Made by the suite",
                            image="/i.svg").resource
    refuses(400, lambda: msx_api(ServicesApi).submit_order(other.id, offer_of_product.id, order(
        {"subscription_id": unique_name, "tenant_id": manage_tenant.id})))


def test_submitOrder_400_for_a_subscription_ordered_already(msx_api, refuses, service, offer_of_product):
    """The emulator's decision: one service per subscription; updateOrder changes it."""
    refuses(400, lambda: msx_api(ServicesApi).submit_order(offer_of_product.product_id, offer_of_product.id, order(
        {"subscription_id": service.subscription_id, "tenant_id": service.tenant_id})))


@pytest.mark.parametrize("make_body", INVALID_REORDERS)
def test_invalid_reorder_is_refused(msx_api, send_raw, refuses, service, offer_of_product, unique_name, make_body):
    refuses(400, lambda: send_raw("PUT", SERVICES, make_body(service.subscription_id, service.tenant_id),
                                  catalog(offer_of_product)))
    assert msx_api(ServicesApi).get_service(service.id).to_dict() == service.to_dict(), \
        "a refused order changes nothing"


@pytest.mark.parametrize("make_query", [pytest.param(*p.values, id=f"updateOrder-400-{p.id}") for p in BAD_CATALOG])
def test_reorder_of_no_catalog_offer_is_refused(send_raw, refuses, service, offer_of_product, make_query):
    refuses(400, lambda: send_raw("PUT", SERVICES, valid_order(service.subscription_id, service.tenant_id),
                                  make_query(offer_of_product)))


@pytest.mark.parametrize("method, path, query, body", MALFORMED_REQUESTS)
def test_malformed_service_request_is_rejected(send_raw, refuses, method, path, query, body):
    refuses(400, lambda: send_raw(method, path, body, query))


@pytest.mark.parametrize("body", INVALID_SERVICE_UPDATES)
def test_invalid_service_update_is_refused(msx_api, send_raw, refuses, service, body):
    refuses(400, lambda: send_raw("PUT", f"{SERVICES}/{service.id}", body))
    assert msx_api(ServicesApi).get_service(service.id).to_dict() == service.to_dict(), \
        "a refused update changes nothing"


def test_deleteService_400_while_a_device_names_it_then_204(msx_api, services, devices, service, manage_tenant,
                                                            unique_name, refuses):
    """The contract is silent on a service's devices; the emulator refuses to leave them naming nothing."""
    device = devices.create(**required_device_fields(unique_name, manage_tenant.id),
                            service_instance_id=service.id).resource
    refuses(400, lambda: msx_api(ServicesApi).delete_service(service.id))
    assert devices.delete(device.id) == 204
    assert services.delete(service.id) == 204


@pytest.mark.parametrize("token", TOKENS)
@pytest.mark.parametrize("call", OPERATIONS)
def test_service_operations_need_a_valid_token(make_api_client, refuses, manage_tenant, unique_name, call, token):
    refuses(401, lambda: call(ServicesApi(make_api_client(token)), unique_name, manage_tenant.id))


@pytest.mark.parametrize("write", LIMITED_WRITES)
def test_limited_user_may_not_change_the_suites_services(msx_api, limited_api_client, limited_user, service,
                                                         offer_of_product, refuses, write):
    refuses(403, lambda: write(ServicesApi(limited_api_client), limited_user, service, offer_of_product))
    assert msx_api(ServicesApi).get_service(service.id).to_dict() == service.to_dict(), \
        "a refused write changes nothing"


@pytest.mark.parametrize("call", [
    pytest.param(lambda api: api.get_service(UNKNOWN_SERVICE), id="getService-404-unknown-id"),
    pytest.param(lambda api: api.delete_service(UNKNOWN_SERVICE), id="deleteService-404-unknown-id"),
])
def test_unknown_service_is_not_found(msx_api, refuses, call):
    refuses(404, lambda: call(msx_api(ServicesApi)))


def test_deleteTenant_409_while_it_has_a_service_then_204(msx_api, tenants, services, service, manage_tenant,
                                                          refuses):
    refuses(409, lambda: msx_api(TenantsApi).delete_tenant(manage_tenant.id))
    assert services.delete(service.id) == 204
    assert tenants.delete(manage_tenant.id) == 204

