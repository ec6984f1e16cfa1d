"""Prices (billing): what MSX must refuse, and with which status (ids: <operationId>-<status>-<case>)."""

import pytest
from python_msx_sdk.api.billing_prices_api import BillingPricesApi
from python_msx_sdk.model.billing_price import BillingPrice
from python_msx_sdk.model.billing_price_create import BillingPriceCreate
from python_msx_sdk.model.billing_price_update import BillingPriceUpdate

from tests.billing.conftest import required_price_fields

pytestmark = pytest.mark.negative

PRICES = "/billing/api/v8/prices"
UNKNOWN_ID = "5f0c3e52-0000-4000-8000-000000000404"
TOKENS = [pytest.param(None, id="401-no-token"), pytest.param("not-a-valid-token", id="401-bad-token")]


def valid_price(name, tenant_id) -> dict:
    """An addPrice/updatePrice body MSX accepts, named after the test (raw JSON names)."""
    return {"name": name, "type": "device", "price": 240.0, "tenantId": tenant_id}


def without(field):
    return lambda name, tenant_id: {k: v for k, v in valid_price(name, tenant_id).items() if k != field}


def with_(**fields):
    return lambda name, tenant_id: valid_price(name, tenant_id) | fields


# Each body breaks one constraint of the contract's BillingPriceCreate (BillingPriceUpdate for updates).
BROKEN_BODIES = [
    pytest.param(without("name"), id="missing-name"),
    pytest.param(without("type"), id="missing-type"),
    pytest.param(without("price"), id="missing-price"),
    pytest.param(without("tenantId"), id="missing-tenant-id"),
    pytest.param(with_(name=""), id="empty-name"),
    pytest.param(lambda name, tenant_id: valid_price(name.ljust(129, "x"), tenant_id), id="name-129-chars"),
    pytest.param(with_(type=""), id="empty-type"),
    pytest.param(with_(type="t" * 129), id="type-129-chars"),
    pytest.param(with_(description=""), id="empty-description"),
    pytest.param(with_(description="d" * 257), id="description-257-chars"),
    pytest.param(with_(subtype=""), id="empty-subtype"),
    pytest.param(with_(subtype="s" * 129), id="subtype-129-chars"),
    pytest.param(with_(source=""), id="empty-source"),
    pytest.param(with_(source="o" * 129), id="source-129-chars"),
    pytest.param(with_(price=-0.01), id="negative-price"),
    pytest.param(with_(price="240.00"), id="price-not-a-number"),
    pytest.param(with_(billingPeriod=1.5), id="billing-period-not-an-integer"),
    pytest.param(with_(service=42), id="service-not-a-string"),
    pytest.param(lambda name, tenant_id: valid_price(name, tenant_id) | {"name": 7, "description": name},
                 id="name-not-a-string"),
    pytest.param(with_(tenantId="not-a-uuid"), id="tenant-id-not-a-uuid"),
    # The contract is silent on an unknown tenant (no 404 documented); the emulator answers 400.
    pytest.param(with_(tenantId=UNKNOWN_ID), id="unknown-tenant-id"),
]
INVALID_ADDS = [pytest.param(*case.values, id=f"addPrice-400-{case.id}") for case in BROKEN_BODIES] + [
    pytest.param(lambda name, tenant_id: [valid_price(name, tenant_id)], id="addPrice-400-body-not-an-object")]
INVALID_UPDATES = [pytest.param(*case.values, id=f"updatePrice-400-{case.id}") for case in BROKEN_BODIES]
MALFORMED = [
    pytest.param("GET", PRICES, lambda t: [("page", 0), ("pageSize", 10)], None, id="getPricesPage-400-no-tenant-id"),
    pytest.param("GET", PRICES, lambda t: [("tenantId", "x"), ("page", 0), ("pageSize", 10)], None,
                 id="getPricesPage-400-tenant-id-not-a-uuid"),
    pytest.param("GET", PRICES, lambda t: [("tenantId", t), ("page", -1), ("pageSize", 10)], None,
                 id="getPricesPage-400-negative-page"),
    pytest.param("GET", PRICES, lambda t: [("tenantId", t), ("page", 0), ("pageSize", 1001)], None,
                 id="getPricesPage-400-page-size-1001"),
    pytest.param("GET", PRICES, lambda t: [("tenantId", t), ("page", 0)], None, id="getPricesPage-400-no-page-size"),
    pytest.param("GET", f"{PRICES}/not-a-uuid", lambda t: [], None, id="getPrice-400-id-not-a-uuid"),
    pytest.param("PUT", f"{PRICES}/not-a-uuid", lambda t: [], "body", id="updatePrice-400-id-not-a-uuid"),
]


def price_create(name, tenant_id):
    return BillingPriceCreate(**required_price_fields(name, tenant_id))


def price_update(name, tenant_id):
    return BillingPriceUpdate(**required_price_fields(name, tenant_id))


OPERATIONS = [
    pytest.param(lambda api, name, t: api.get_prices_page(tenant_id=t, page=0, page_size=10), id="getPricesPage"),
    pytest.param(lambda api, name, t: api.add_price(price_create(name, t)), id="addPrice"),
    pytest.param(lambda api, name, t: api.get_price(UNKNOWN_ID), id="getPrice"),
    pytest.param(lambda api, name, t: api.update_price(UNKNOWN_ID, price_update(name, t)), id="updatePrice"),
    pytest.param(lambda api, name, t: api.delete_price(UNKNOWN_ID), id="deletePrice"),
]
UNKNOWN = [
    pytest.param(lambda api, name, t: api.get_price(UNKNOWN_ID), id="getPrice-404-unknown-id"),
    pytest.param(lambda api, name, t: api.update_price(UNKNOWN_ID, price_update(name, t)),
                 id="updatePrice-404-unknown-id"),
    pytest.param(lambda api, name, t: api.delete_price(UNKNOWN_ID), id="deletePrice-404-unknown-id"),
]
# Each price operation, aimed at a price the suite user made, and the permission the limited user lacks.
LIMITED = [
    pytest.param(lambda api, name, price: api.get_prices_page(tenant_id=price.tenant_id, page=0, page_size=10),
                 id="getPricesPage-403-limited-user-lacks-VIEW_PRICES"),
    pytest.param(lambda api, name, price: api.get_price(price.id), id="getPrice-403-limited-user-lacks-VIEW_PRICES"),
    pytest.param(lambda api, name, price: api.add_price(price_create(f"{name}-forbidden", price.tenant_id)),
                 id="addPrice-403-limited-user-lacks-MANAGE_PRICES"),
    pytest.param(lambda api, name, price: api.update_price(price.id, price_update(f"{name}-renamed", price.tenant_id)),
                 id="updatePrice-403-limited-user-lacks-MANAGE_PRICES"),
    pytest.param(lambda api, name, price: api.delete_price(price.id), id="deletePrice-403-limited-user-lacks-MANAGE_PRICES"),
]


@pytest.mark.parametrize("make_body", INVALID_ADDS)
def test_invalid_price_is_not_added(send_raw, refuses, billing_tenant, unique_name, make_body):
    refuses(400, lambda: send_raw("POST", PRICES, make_body(unique_name, billing_tenant.id), answer=(BillingPrice,)))


@pytest.mark.parametrize("make_body", INVALID_UPDATES)
def test_invalid_price_update_is_refused(msx_api, send_raw, refuses, price, unique_name, make_body):
    refuses(400, lambda: send_raw("PUT", f"{PRICES}/{price.id}", make_body(f"{unique_name}-renamed", price.tenant_id)))
    assert msx_api(BillingPricesApi).get_price(price.id).to_dict() == price.to_dict(), "a refused update changes nothing"


@pytest.mark.parametrize("method, path, make_query, body", MALFORMED)
def test_malformed_price_request_is_rejected(send_raw, refuses, billing_tenant, unique_name, method, path,
                                             make_query, body):
    sent = valid_price(unique_name, billing_tenant.id) if body else None
    refuses(400, lambda: send_raw(method, path, sent, make_query(billing_tenant.id)))


@pytest.mark.parametrize("token", TOKENS)
@pytest.mark.parametrize("call", OPERATIONS)
def test_price_operations_need_a_valid_token(make_api_client, refuses, billing_tenant, unique_name, call, token):
    refuses(401, lambda: call(BillingPricesApi(make_api_client(token)), unique_name, billing_tenant.id))


@pytest.mark.parametrize("call", LIMITED)
def test_limited_user_may_not_see_or_change_prices(msx_api, limited_api_client, refuses, price, unique_name, call):
    refuses(403, lambda: call(BillingPricesApi(limited_api_client), unique_name, price))
    assert msx_api(BillingPricesApi).get_price(price.id).to_dict() == price.to_dict(), "a refused call changes nothing"


@pytest.mark.parametrize("call", UNKNOWN)
def test_unknown_price_is_not_found(msx_api, refuses, billing_tenant, unique_name, call):
    refuses(404, lambda: call(msx_api(BillingPricesApi), unique_name, billing_tenant.id))
