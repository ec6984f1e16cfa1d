"""The catalog's refusals: 400 per breakable constraint, 403 for CONSUMER writes, 404 for unknown ids."""

from __future__ import annotations

import pytest
from python_msx_sdk.api.offers_api import OffersApi
from python_msx_sdk.api.products_api import ProductsApi
from python_msx_sdk.model.product_create import ProductCreate

from msx_emulator.tests.helpers import error_naming, raw_call
from msx_emulator.tests.operations import OPERATIONS

PRODUCTS, OFFERS = "/consume/api/v8/products", "/consume/api/v8/offers"
UNKNOWN_ID = "00000000-0000-4000-8000-000000000000"
PRODUCT = {"name": "p", "label": "P", "version": 1, "description": "d", "image": "i.svg"}
CONSUME_WRITES = ["createProduct", "updateProduct", "deleteProduct", "updateProductAssignments",
                  "createOffer", "updateOffer", "deleteOffer", "updateOfferAssignments"]
CONSUME_READS = ["getProductsPage", "getProductsCount", "getOffersPage", "getOffersCount"]


@pytest.fixture
def emu_product_id(emu_products):
    """The id of a product made with its required fields only."""
    return emu_products.create_product(ProductCreate(name="p", label="P", version=1, description="d",
                                                     image="i.svg")).id


def _without(body: dict, name: str) -> dict:
    return {key: value for key, value in body.items() if key != name}


@pytest.mark.parametrize("body, field", [
    *[pytest.param(_without(PRODUCT, name), name, id=f"missing-{name}") for name in PRODUCT],
    pytest.param(PRODUCT | {"name": ""}, "name", id="empty-name"),
    pytest.param(PRODUCT | {"name": "n" * 129}, "name", id="long-name"),
    pytest.param(PRODUCT | {"label": "l" * 129}, "label", id="long-label"),
    pytest.param(PRODUCT | {"description": "d" * 513}, "description", id="long-description"),
    pytest.param(PRODUCT | {"name": None}, "name", id="null-name"),
    pytest.param(PRODUCT | {"version": "1"}, "version", id="text-version"),
    pytest.param(PRODUCT | {"version": 1.5}, "version", id="fractional-version"),
    pytest.param(PRODUCT | {"version": True}, "version", id="boolean-version"),
    pytest.param(PRODUCT | {"active": "yes"}, "active", id="text-active"),
    pytest.param(PRODUCT | {"options": {"name": "x"}}, "options", id="object-options"),
    pytest.param(PRODUCT | {"options": [{"minValue": "one"}]}, "options[0].minValue", id="nested-type"),
    pytest.param(PRODUCT | {"uiConfig": {"links": [{"label": 7}]}}, "uiConfig.links[0].label", id="deep-type"),
    pytest.param(PRODUCT | {"configuration": {"parts": 2}}, "configuration.parts", id="map-value-type"),
    pytest.param(PRODUCT | {"tags": [""]}, "tags", id="empty-tag"),
    pytest.param(PRODUCT | {"tags": ["t" * 65]}, "tags", id="long-tag"),
    pytest.param(PRODUCT | {"tags": "EFT"}, "tags", id="text-tags"),
    pytest.param(PRODUCT | {"externalId": "not-a-uuid"}, "externalId", id="bad-external-id"),
    pytest.param([PRODUCT], "body", id="not-an-object"),
])
def test_create_product_rejects_invalid_fields(emu_superuser_client, body, field):
    error_naming(lambda: raw_call(emu_superuser_client, "POST", PRODUCTS, body=body), 400, field)


def test_update_product_needs_the_required_fields(emu_superuser_client, emu_product_id):
    error_naming(lambda: raw_call(emu_superuser_client, "PUT", f"{PRODUCTS}/{emu_product_id}",
                                  body=_without(PRODUCT, "image")), 400, "image")


@pytest.mark.parametrize("change, field", [
    pytest.param({"productId": None}, "productId", id="missing-product-id"),
    pytest.param({"productId": "x"}, "productId", id="bad-product-id"),
    pytest.param({"productId": UNKNOWN_ID}, "productId", id="unknown-product"),
    pytest.param({"label": ""}, "label", id="empty-label"),
    pytest.param({"version": "2"}, "version", id="text-version"),
    pytest.param({"supportedOptions": [{"name": 1}]}, "supportedOptions[0].name", id="nested-type"),
    pytest.param({"supportedProperties": [3]}, "supportedProperties[0]", id="item-type"),
    pytest.param({"approvals": ["yes"]}, "approvals", id="list-approvals"),
])
def test_create_offer_rejects_invalid_fields(emu_superuser_client, emu_product_id, change, field):
    body = {"name": "o", "label": "O", "description": "d", "productId": emu_product_id, "version": 1} | change
    body = {key: value for key, value in body.items() if value is not None}
    error_naming(lambda: raw_call(emu_superuser_client, "POST", OFFERS, body=body), 400, field)


@pytest.mark.parametrize("path, query, field", [
    pytest.param(PRODUCTS, [("pageSize", 10)], "page", id="products-missing-page"),
    pytest.param(PRODUCTS, [("page", 0), ("pageSize", 1001)], "pageSize", id="products-page-size-over-1000"),
    pytest.param(PRODUCTS, [("page", -1), ("pageSize", 10)], "page", id="products-negative-page"),
    pytest.param(PRODUCTS, [("page", 0), ("pageSize", 10), ("tenantId", "x")], "tenantId", id="products-tenant"),
    pytest.param(f"{PRODUCTS}/count", [("tenantId", "x")], "tenantId", id="products-count-tenant"),
    pytest.param(OFFERS, [("page", 0), ("pageSize", 0)], "pageSize", id="offers-zero-page-size"),
    pytest.param(OFFERS, [("page", "one"), ("pageSize", 10)], "page", id="offers-text-page"),
    pytest.param(OFFERS, [("page", 0), ("pageSize", 10), ("productId", "x")], "productId", id="offers-product"),
    pytest.param(OFFERS, [("page", 0), ("pageSize", 10), ("tenantIds", "x")], "tenantIds", id="offers-tenants"),
    pytest.param(f"{OFFERS}/count", [("productId", "x")], "productId", id="offers-count-product"),
])
def test_pages_and_counts_reject_invalid_queries(emu_superuser_client, path, query, field):
    error_naming(lambda: raw_call(emu_superuser_client, "GET", path, query=query), 400, field)


@pytest.mark.parametrize("base", [PRODUCTS, OFFERS])
@pytest.mark.parametrize("method, suffix", [("GET", ""), ("PUT", ""), ("DELETE", ""), ("PUT", "/assignments"),
                                            ("GET", "/assignments/list")])
def test_malformed_ids_are_bad_requests(emu_superuser_client, base, method, suffix):
    error_naming(lambda: raw_call(emu_superuser_client, method, f"{base}/not-a-uuid{suffix}", body=[]), 400, "id")


@pytest.mark.parametrize("body, field", [
    pytest.param({"tenantId": UNKNOWN_ID}, "body", id="not-an-array"),
    pytest.param(["x"], "body[0]", id="not-a-uuid"),
    pytest.param([UNKNOWN_ID], UNKNOWN_ID, id="unknown-tenant"),
])
def test_assignments_need_known_tenant_ids(emu_superuser_client, emu_product_id, body, field):
    error_naming(lambda: raw_call(emu_superuser_client, "PUT", f"{PRODUCTS}/{emu_product_id}/assignments",
                                  body=body), 400, field)


@pytest.mark.parametrize("operation", ["getProduct", "updateProduct", "deleteProduct", "updateProductAssignments",
                                       "getProductAssignmentsList", "getOffer", "updateOffer", "deleteOffer",
                                       "updateOfferAssignments", "getOfferAssignmentsList"])
def test_unknown_ids_are_not_found(emu_superuser_client, operation):
    error_naming(lambda: OPERATIONS[operation](emu_superuser_client), 404, UNKNOWN_ID)


@pytest.mark.parametrize("operation", CONSUME_WRITES)
def test_consumer_may_not_write_the_catalog(emu_operator_client, operation):
    error_naming(lambda: OPERATIONS[operation](emu_operator_client), 403, "MANAGE_SERVICETYPES")


@pytest.mark.parametrize("operation", CONSUME_READS)
def test_consumer_reads_the_catalog(emu_operator_client, operation):
    OPERATIONS[operation](emu_operator_client)


def test_consumer_reads_a_product_and_its_offers(emu_operator_client, emu_product_id):
    assert ProductsApi(emu_operator_client).get_product(emu_product_id).name == "p"
    assert OffersApi(emu_operator_client).get_offers_page(0, 10, product_id=emu_product_id).contents == []
