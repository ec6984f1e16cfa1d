"""Offers (Catalog): what MSX must refuse, and with which status (ids: <operationId>-<status>-<case>).

Bodies that break a constraint name a product of the test's own, so that only the broken constraint is at fault.
"""

import pytest
from python_msx_sdk.api.offers_api import OffersApi
from python_msx_sdk.model.offer import Offer
from python_msx_sdk.model.offer_create import OfferCreate
from python_msx_sdk.model.offer_update import OfferUpdate

pytestmark = pytest.mark.negative

OFFERS = "/consume/api/v8/offers"
UNKNOWN_ID = "5f0c3e52-0000-4000-8000-000000000404"
FIRST_PAGE = [("page", 0), ("pageSize", 10)]
TOKENS = [pytest.param(None, id="401-no-token"), pytest.param("not-a-valid-token", id="401-bad-token")]


def valid_offer(name, product_id) -> dict:
    """A createOffer/updateOffer body MSX accepts, named after the test (raw JSON names)."""
    return {"name": name, "label": f"{name}-label", "description": "Made by the MSX suite", "productId": product_id,
            "version": 1}


def without(field):
    return lambda name, product_id: {key: value for key, value in valid_offer(name, product_id).items() if key != field}


def with_(**fields):
    return lambda name, product_id: valid_offer(name, product_id) | fields


# Each body breaks one constraint of the contract's OfferCreate (OfferUpdate for updates) and nothing else.
BROKEN_BODIES = [
    pytest.param(without("name"), id="missing-name"),
    pytest.param(without("label"), id="missing-label"),
    pytest.param(without("description"), id="missing-description"),
    pytest.param(without("productId"), id="missing-product-id"),
    pytest.param(without("version"), id="missing-version"),
    pytest.param(lambda name, product_id: valid_offer(name, product_id) | {"name": ""}, id="empty-name"),
    pytest.param(lambda name, product_id: valid_offer(name.ljust(129, "x"), product_id), id="name-129-chars"),
    pytest.param(with_(label=""), id="empty-label"),
    pytest.param(with_(label="l" * 129), id="label-129-chars"),
    pytest.param(with_(description=""), id="empty-description"),
    pytest.param(with_(description="d" * 513), id="description-513-chars"),
    pytest.param(lambda name, product_id: valid_offer(name, product_id) | {"name": 42, "description": name},
                 id="name-not-a-string"),
    pytest.param(with_(productId="not-a-uuid"), id="product-id-not-a-uuid"),
    pytest.param(with_(version="1"), id="version-not-an-integer"),
    pytest.param(with_(displayOrder="first"), id="display-order-not-an-integer"),
    pytest.param(with_(image=7), id="image-not-a-string"),
    pytest.param(with_(price=10), id="price-not-a-string"),
    pytest.param(with_(type=["subscription"]), id="type-not-a-string"),
    pytest.param(with_(supportedProperties=[1]), id="supported-property-not-a-string"),
    pytest.param(with_(supportedOptions=["Zero_Touch_Deployment"]), id="supported-option-not-an-object"),
    pytest.param(with_(approvals=["operations"]), id="approvals-not-an-object"),
    # The contract is silent on an offer of a product that does not exist; the emulator answers 400.
    pytest.param(with_(productId=UNKNOWN_ID), id="unknown-product-id"),
]
INVALID_BODIES = [pytest.param(*case.values, id=f"createOffer-400-{case.id}") for case in BROKEN_BODIES] + [
    pytest.param(lambda name, product_id: [valid_offer(name, product_id)], id="createOffer-400-body-not-an-object"),
]
INVALID_UPDATES = [pytest.param(*case.values, id=f"updateOffer-400-{case.id}") for case in BROKEN_BODIES]
INVALID_ASSIGNMENTS = [
    pytest.param(["not-a-uuid"], id="updateOfferAssignments-400-tenant-id-not-a-uuid"),
    pytest.param({"tenantIds": []}, id="updateOfferAssignments-400-body-not-an-array"),
    pytest.param([42], id="updateOfferAssignments-400-tenant-id-not-a-string"),
    # The contract is silent on assigning a tenant that does not exist; the emulator answers 400.
    pytest.param([UNKNOWN_ID], id="updateOfferAssignments-400-unknown-tenant-id"),
]
MALFORMED_REQUESTS = [
    pytest.param("GET", OFFERS, [("page", -1), ("pageSize", 10)], None, id="getOffersPage-400-negative-page"),
    pytest.param("GET", OFFERS, [("page", 0), ("pageSize", 0)], None, id="getOffersPage-400-page-size-0"),
    pytest.param("GET", OFFERS, [("page", 0), ("pageSize", 1001)], None, id="getOffersPage-400-page-size-1001"),
    pytest.param("GET", OFFERS, [("pageSize", 10)], None, id="getOffersPage-400-no-page"),
    pytest.param("GET", OFFERS, [("page", 0)], None, id="getOffersPage-400-no-page-size"),
    pytest.param("GET", OFFERS, [("page", "first"), ("pageSize", 10)], None, id="getOffersPage-400-page-not-a-number"),
    pytest.param("GET", OFFERS, FIRST_PAGE + [("productId", "not-a-uuid")], None,
                 id="getOffersPage-400-product-id-not-a-uuid"),
    pytest.param("GET", OFFERS, FIRST_PAGE + [("tenantIds", UNKNOWN_ID), ("tenantIds", "not-a-uuid")], None,
                 id="getOffersPage-400-tenant-id-not-a-uuid"),
    pytest.param("GET", f"{OFFERS}/count", [("productId", "not-a-uuid")], None,
                 id="getOffersCount-400-product-id-not-a-uuid"),
    pytest.param("GET", f"{OFFERS}/count", [("tenantId", "not-a-uuid")], None,
                 id="getOffersCount-400-tenant-id-not-a-uuid"),
    pytest.param("GET", f"{OFFERS}/not-a-uuid", [], None, id="getOffer-400-id-not-a-uuid"),
    pytest.param("DELETE", f"{OFFERS}/not-a-uuid", [], None, id="deleteOffer-400-id-not-a-uuid"),
    pytest.param("PUT", f"{OFFERS}/not-a-uuid/assignments", [], [], id="updateOfferAssignments-400-id-not-a-uuid"),
    pytest.param("GET", f"{OFFERS}/not-a-uuid/assignments/list", [], None,
                 id="getOfferAssignmentsList-400-id-not-a-uuid"),
]


def offer_create(name, product_id) -> OfferCreate:
    return OfferCreate(name=name, label=f"{name}-label", description="Made by the MSX suite", product_id=product_id,
                       version=1)


def offer_update(name, product_id) -> OfferUpdate:
    return OfferUpdate(**offer_create(name, product_id).to_dict())


# Every offer operation, aimed at nothing that exists, with a valid body.
OPERATIONS = [
    pytest.param(lambda api, name: api.get_offers_page(page=0, page_size=10), id="getOffersPage"),
    pytest.param(lambda api, name: api.create_offer(offer_create(name, UNKNOWN_ID)), id="createOffer"),
    pytest.param(lambda api, name: api.get_offers_count(), id="getOffersCount"),
    pytest.param(lambda api, name: api.get_offer(UNKNOWN_ID), id="getOffer"),
    pytest.param(lambda api, name: api.update_offer(UNKNOWN_ID, offer_update(name, UNKNOWN_ID)), id="updateOffer"),
    pytest.param(lambda api, name: api.delete_offer(UNKNOWN_ID), id="deleteOffer"),
    pytest.param(lambda api, name: api.update_offer_assignments(UNKNOWN_ID, []), id="updateOfferAssignments"),
    pytest.param(lambda api, name: api.get_offer_assignments_list(UNKNOWN_ID), id="getOfferAssignmentsList"),
]
UNKNOWN = [
    pytest.param(lambda api, product: api.get_offer(UNKNOWN_ID), id="getOffer-404-unknown-id"),
    pytest.param(lambda api, product: api.update_offer(UNKNOWN_ID, offer_update(f"{product.name}-renamed", product.id)),
                 id="updateOffer-404-unknown-id"),
    pytest.param(lambda api, product: api.delete_offer(UNKNOWN_ID), id="deleteOffer-404-unknown-id"),
    pytest.param(lambda api, product: api.update_offer_assignments(UNKNOWN_ID, []),
                 id="updateOfferAssignments-404-unknown-id"),
    pytest.param(lambda api, product: api.get_offer_assignments_list(UNKNOWN_ID),
                 id="getOfferAssignmentsList-404-unknown-id"),
]
# The limited user's writes, aimed at an offer the suite user made (and a tenant of the limited user's own).
LIMITED_WRITES = [
    pytest.param(lambda api, user, offer: api.create_offer(offer_create(f"{user.username}-forbidden",
                                                                        offer.product_id)),
                 id="createOffer-403-limited-user"),
    pytest.param(lambda api, user, offer: api.update_offer(offer.id, offer_update(f"{user.username}-renamed",
                                                                                   offer.product_id)),
                 id="updateOffer-403-limited-user"),
    pytest.param(lambda api, user, offer: api.delete_offer(offer.id), id="deleteOffer-403-limited-user"),
    pytest.param(lambda api, user, offer: api.update_offer_assignments(offer.id, user.tenant_ids),
                 id="updateOfferAssignments-403-limited-user"),
]


@pytest.mark.parametrize("make_body", INVALID_BODIES)
def test_invalid_offer_is_not_created(msx_api, send_raw, refuses, product, unique_name, make_body):
    refuses(400, lambda: send_raw("POST", OFFERS, make_body(unique_name, product.id), answer=(Offer,)))
    assert msx_api(OffersApi).get_offers_count(product_id=product.id) == 0, "a refused create makes no offer"


@pytest.mark.parametrize("make_body", INVALID_UPDATES)
def test_invalid_offer_update_is_refused(msx_api, send_raw, refuses, offer, unique_name, make_body):
    refuses(400, lambda: send_raw("PUT", f"{OFFERS}/{offer.id}", make_body(f"{unique_name}-renamed", offer.product_id)))
    assert msx_api(OffersApi).get_offer(offer.id).to_dict() == offer.to_dict(), "a refused update changes nothing"


def test_updateOffer_400_for_an_id_that_is_not_a_uuid(send_raw, refuses, product, unique_name):
    refuses(400, lambda: send_raw("PUT", f"{OFFERS}/not-a-uuid", valid_offer(unique_name, product.id)))


@pytest.mark.parametrize("body", INVALID_ASSIGNMENTS)
def test_invalid_offer_assignments_are_refused(msx_api, send_raw, refuses, offer, body):
    refuses(400, lambda: send_raw("PUT", f"{OFFERS}/{offer.id}/assignments", body))
    assert msx_api(OffersApi).get_offer_assignments_list(offer.id) == [], "a refused update assigns nothing"


@pytest.mark.parametrize("method, path, query, body", MALFORMED_REQUESTS)
def test_malformed_offer_request_is_rejected(send_raw, refuses, method, path, query, body):
    refuses(400, lambda: send_raw(method, path, body, query))


@pytest.mark.parametrize("token", TOKENS)
@pytest.mark.parametrize("call", OPERATIONS)
def test_offer_operations_need_a_valid_token(make_api_client, refuses, unique_name, call, token):
    refuses(401, lambda: call(OffersApi(make_api_client(token)), unique_name))


@pytest.mark.parametrize("write", LIMITED_WRITES)
def test_limited_user_may_not_change_offers(msx_api, limited_api_client, limited_user, offer, refuses, write):
    offers_api = msx_api(OffersApi)
    refuses(403, lambda: write(OffersApi(limited_api_client), limited_user, offer))
    assert offers_api.get_offer(offer.id).to_dict() == offer.to_dict(), "a refused write changes nothing"
    assert offers_api.get_offer_assignments_list(offer.id) == []
    assert offers_api.get_offers_count(product_id=offer.product_id) == 1, "a refused create makes no offer"


@pytest.mark.parametrize("call", UNKNOWN)
def test_unknown_offer_is_not_found(msx_api, refuses, product, call):
    offers_api = msx_api(OffersApi)
    refuses(404, lambda: call(offers_api, product))
