"""Prices (billing): the whole lifecycle of a price of a tenant of the test's own, for several kinds of price."""

import pytest
from python_msx_sdk.api.billing_prices_api import BillingPricesApi
from python_msx_sdk.exceptions import NotFoundException
from python_msx_sdk.model.billing_price_create import BillingPriceCreate
from python_msx_sdk.model.billing_price_update import BillingPriceUpdate

from msxsuite.paging import all_items
from tests.billing.conftest import required_price_fields as required

CASES = [
    pytest.param(lambda name, tenant_id: required(name, tenant_id), id="required-fields-only"),
    pytest.param(lambda name, tenant_id: required(name, tenant_id) | {
        "description": "Pricing details for device type", "subtype": "CISCO ISR 4451", "source": "msx-checklist",
        "billing_period": 30, "service": "manageddevice"}, id="every-field"),
    pytest.param(lambda name, tenant_id: required(name, tenant_id) | {"price": 0.0, "service": None},
                 id="free-without-service"),
    pytest.param(lambda name, tenant_id: required(name.ljust(128, "x"), tenant_id) | {
        "type": "t" * 128, "description": "d" * 256, "subtype": "s" * 128, "source": "o" * 128}, id="max-lengths"),
    pytest.param(lambda name, tenant_id: required(f"{name} Prîx 价格 ✓", tenant_id) | {
        "description": "Précio — цена — 価格", "subtype": "Gerät"}, id="unicode"),
]


def assert_fields(price, fields):
    """The price carries every field that was sent."""
    sent, got = BillingPriceCreate(**fields).to_dict(), price.to_dict()
    for field, value in sent.items():
        assert got.get(field) == value, f"{field}: sent {value!r}, got {got.get(field)!r}"


@pytest.mark.lifecycle
@pytest.mark.parametrize("make_fields", CASES)
def test_addPrice_getPrice_getPricesPage_updatePrice_deletePrice(msx_api, prices, billing_tenant, unique_name,
                                                                 make_fields):
    """The lifecycle of a price: added, read, found among its tenant's prices, updated, deleted, gone."""
    prices_api = msx_api(BillingPricesApi)
    fields = make_fields(unique_name, billing_tenant.id)

    added = prices.create(**fields)
    assert added.status == 201
    price = added.resource
    assert price.id
    assert_fields(price, fields)

    assert prices_api.get_price(price.id).to_dict() == price.to_dict(), "get returns what add returned"
    listed = list(all_items(prices_api.get_prices_page, tenant_id=billing_tenant.id))
    assert [p.to_dict() for p in listed] == [price.to_dict()], "the tenant's prices are exactly this one"

    changes = fields | {"name": f"{fields['name'][:120]}-renamed", "type": "site", "price": 99.5}
    updated, status, _ = prices_api.update_price(price.id, BillingPriceUpdate(**changes), _return_http_data_only=False)
    assert status == 200
    assert updated.id == price.id
    assert_fields(updated, changes)
    assert prices_api.get_price(price.id).to_dict() == updated.to_dict(), "get returns the update"

    assert prices.delete(price.id) == 204
    with pytest.raises(NotFoundException):
        prices_api.get_price(price.id)


def test_getPricesPage_filters_by_type_and_subtype(msx_api, prices, billing_tenant, unique_name):
    device = prices.create(**required(f"{unique_name}-device", billing_tenant.id) | {"subtype": "router"}).resource
    site = prices.create(**required(f"{unique_name}-site", billing_tenant.id) | {"type": "site"}).resource
    prices_api = msx_api(BillingPricesApi)

    def names(**filters):
        return sorted(p.name for p in all_items(prices_api.get_prices_page, tenant_id=billing_tenant.id, **filters))

    assert names() == sorted([device.name, site.name])
    assert names(type="site") == [site.name]
    assert names(type="device", subtype="router") == [device.name]
    assert names(subtype="switch") == []


@pytest.mark.smoke
def test_getPricesPage_answers_for_the_users_tenant(msx_api, own_tenant_id):
    """Read-only: a first page of at most 10 prices of the suite user's tenant."""
    page = msx_api(BillingPricesApi).get_prices_page(tenant_id=own_tenant_id, page=0, page_size=10)
    assert page.page == 0 and len(page.contents) <= 10, page
