"""Offers (Catalog): the lifecycle of an offer of a product, for several kinds of offer, its count and its assignments.

The contract's Offer has no createdOn or modifiedOn, so an update is checked by its fields alone.
"""

import pytest
from python_msx_sdk.api.offers_api import OffersApi
from python_msx_sdk.exceptions import NotFoundException
from python_msx_sdk.model.name_value import NameValue
from python_msx_sdk.model.offer_create import OfferCreate
from python_msx_sdk.model.offer_update import OfferUpdate

from msxsuite.paging import all_items, find_in_pages
from tests.consume.conftest import required_offer_fields as required
from tests.consume.conftest import required_product_fields

CASES = [
    pytest.param(lambda name, product_id: required(name, product_id), id="required-fields-only"),
    pytest.param(lambda name, product_id: required(name, product_id) | {
        "display_order": 2,
        "image": "/services/msx-suite/images/offer.svg",
        "price": "10 USD per month",
        "type": "subscription",
        "supported_properties": ["Basic-small", "Basic-large"],
        "supported_options": [NameValue(name="Zero_Touch_Deployment", value="Yes"),
                              NameValue(name="Monitoring_and_metrics", value="No")],
        "approvals": {"required": True, "approvers": ["operations"], "level": 2},
    }, id="every-field"),
    pytest.param(lambda name, product_id: required(f"{name} Ünïcødé 名前 ✓", product_id) | {
        "label": "Étiquette 标签 ✓", "description": "Descripción — описание — 説明",
        "supported_options": [NameValue(name="Überwachung", value="是")]}, id="unicode"),
    pytest.param(lambda name, product_id: required(name.ljust(128, "x"), product_id) | {
        "label": "l" * 128, "description": "d" * 512}, id="max-lengths"),
    pytest.param(lambda name, product_id: required(name, product_id) | {"display_order": None, "approvals": None},
                 id="nullable-fields-null"),
]


def assert_fields(offer, fields):
    """The offer carries every field that was sent (nested models compared as dicts)."""
    sent = OfferCreate(**fields).to_dict()
    got = offer.to_dict()
    for field, value in sent.items():
        assert got.get(field) == value, f"{field}: sent {value!r}, got {got.get(field)!r}"


@pytest.mark.lifecycle
@pytest.mark.parametrize("make_fields", CASES)
def test_createOffer_getOffer_getOffersPage_updateOffer_deleteOffer(msx_api, offers, product, unique_name, make_fields):
    """The lifecycle of an offer: created for its product, read, found by paging its product's offers, updated, gone."""
    offers_api = msx_api(OffersApi)
    fields = make_fields(unique_name, product.id)

    created = offers.create(**fields)
    assert created.status == 201
    offer = created.resource
    assert offer.id
    assert_fields(offer, fields)

    fetched = offers_api.get_offer(offer.id)
    assert fetched.to_dict() == offer.to_dict(), "get returns what create returned"

    paged = find_in_pages(offers_api.get_offers_page, offer.id, product_id=product.id)
    assert paged is not None, f"offer {offer.id} not found by paging getOffersPage with productId={product.id}"
    assert paged.to_dict() == offer.to_dict()

    changes = fields | {"name": f"{fields['name'][:120]}-renamed", "label": "Renamed", "version": 2,
                        "description": "Renamed by the MSX suite"}
    updated, status, _ = offers_api.update_offer(offer.id, OfferUpdate(**changes), _return_http_data_only=False)
    assert status == 200
    assert updated.id == offer.id
    assert_fields(updated, changes)
    assert offers_api.get_offer(offer.id).to_dict() == updated.to_dict(), "get returns the update"

    assert offers.delete(offer.id) == 204
    with pytest.raises(NotFoundException):
        offers_api.get_offer(offer.id)


def test_getOffersPage_by_productId_lists_only_that_products_offers(msx_api, products, offers, product, unique_name):
    offers_api = msx_api(OffersApi)
    other = products.create(**required_product_fields(f"{unique_name}-other")).resource
    mine = {offers.create(**required(f"{unique_name}-{n}", product.id)).resource.id for n in (1, 2)}
    theirs = offers.create(**required(f"{unique_name}-other", other.id)).resource.id

    assert {o.id for o in all_items(offers_api.get_offers_page, product_id=product.id)} == mine
    assert {o.id for o in all_items(offers_api.get_offers_page, product_id=other.id)} == {theirs}
    assert all(o.product_id == product.id for o in all_items(offers_api.get_offers_page, product_id=product.id))


def test_getOffersCount_moves_by_one_with_create_and_delete(msx_api, offers, product, unique_name):
    """Counted among the offers of the test's own product: other xdist workers cannot move that count."""
    offers_api = msx_api(OffersApi)
    assert offers_api.get_offers_count(product_id=product.id) == 0

    offer = offers.create(**required(unique_name, product.id)).resource
    assert offers_api.get_offers_count(product_id=product.id) == 1
    assert offers_api.get_offers_count() >= 1

    assert offers.delete(offer.id) == 204
    assert offers_api.get_offers_count(product_id=product.id) == 0


def test_updateOfferAssignments_getOfferAssignmentsList_set_list_and_clear(msx_api, offer, tenants, unique_name):
    offers_api = msx_api(OffersApi)
    first = tenants.create(name=f"{unique_name}-1").resource
    second = tenants.create(name=f"{unique_name}-2").resource
    assert offers_api.get_offer_assignments_list(offer.id) == [], "a new offer is assigned to no tenant"

    assigned, status, _ = offers_api.update_offer_assignments(offer.id, [first.id, second.id],
                                                              _return_http_data_only=False)
    assert status == 200
    assert sorted(a.tenant_id for a in assigned) == sorted([first.id, second.id])
    assert all(a.created_on is not None for a in assigned), f"every assignment has createdOn: {assigned}"
    listed = offers_api.get_offer_assignments_list(offer.id)
    assert sorted(a.tenant_id for a in listed) == sorted([first.id, second.id])

    kept = offers_api.update_offer_assignments(offer.id, [second.id])
    assert [a.tenant_id for a in kept] == [second.id], "the assignments are replaced, not added to"
    assert [a.tenant_id for a in offers_api.get_offer_assignments_list(offer.id)] == [second.id]

    assert offers_api.update_offer_assignments(offer.id, []) == []
    assert offers_api.get_offer_assignments_list(offer.id) == [], "an empty list clears the assignments"


def test_getOffersPage_and_getOffersCount_by_tenant_find_the_offers_assigned_to_it(msx_api, offer, tenants,
                                                                                    unique_name):
    """Filtered by a tenant of the test's own, so the count is exact while other workers create offers."""
    offers_api = msx_api(OffersApi)
    tenant = tenants.create(name=unique_name).resource
    assert offers_api.get_offers_count(tenant_id=tenant.id) == 0

    offers_api.update_offer_assignments(offer.id, [tenant.id])
    assert offers_api.get_offers_count(tenant_id=tenant.id) == 1
    assert [o.id for o in all_items(offers_api.get_offers_page, tenant_ids=[tenant.id])] == [offer.id]

    offers_api.update_offer_assignments(offer.id, [])
    assert offers_api.get_offers_count(tenant_id=tenant.id) == 0
