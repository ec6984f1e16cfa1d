"""Products (Catalog): what MSX must refuse, and with which status (ids: <operationId>-<status>-<case>)."""

import pytest
from python_msx_sdk.api.offers_api import OffersApi
from python_msx_sdk.api.products_api import ProductsApi
from python_msx_sdk.model.product import Product
from python_msx_sdk.model.product_create import ProductCreate
from python_msx_sdk.model.product_update import ProductUpdate

from tests.consume.conftest import required_product_fields

pytestmark = pytest.mark.negative

PRODUCTS = "/consume/api/v8/products"
UNKNOWN_ID = "5f0c3e52-0000-4000-8000-000000000404"
FIRST_PAGE = [("page", 0), ("pageSize", 10)]
TOKENS = [pytest.param(None, id="401-no-token"), pytest.param("not-a-valid-token", id="401-bad-token")]


def valid_product(name) -> dict:
    """A createProduct/updateProduct body MSX accepts, named after the test (its JSON names are the SDK's)."""
    return required_product_fields(name)


def without(field):
    return lambda name: {key: value for key, value in valid_product(name).items() if key != field}


def with_(**fields):
    return lambda name: valid_product(name) | fields


# Each body breaks one constraint of the contract's ProductCreate (ProductUpdate for updates) and nothing else.
# Not `serviceId`: the contract requires it without declaring it, and python-msx-sdk can never send it.
BROKEN_BODIES = [
    pytest.param(without("name"), id="missing-name"),
    pytest.param(without("label"), id="missing-label"),
    pytest.param(without("version"), id="missing-version"),
    pytest.param(without("description"), id="missing-description"),
    pytest.param(without("image"), id="missing-image"),
    pytest.param(lambda name: valid_product(name) | {"name": ""}, id="empty-name"),
    pytest.param(lambda name: valid_product(name.ljust(129, "x")), id="name-129-chars"),
    pytest.param(with_(label=""), id="empty-label"),
    pytest.param(with_(label="l" * 129), id="label-129-chars"),
    pytest.param(with_(description=""), id="empty-description"),
    pytest.param(with_(description="d" * 513), id="description-513-chars"),
    pytest.param(lambda name: valid_product(name) | {"name": 42, "description": name}, id="name-not-a-string"),
    pytest.param(with_(version="1"), id="version-not-an-integer"),
    pytest.param(with_(image=7), id="image-not-a-string"),
    pytest.param(with_(multipleInstanceAllowed="yes"), id="multiple-instance-allowed-not-a-boolean"),
    pytest.param(with_(price=100), id="price-not-a-string"),
    pytest.param(with_(displayOrder="first"), id="display-order-not-an-integer"),
    pytest.param(with_(active="yes"), id="active-not-a-boolean"),
    pytest.param(with_(orderLimit=1.5), id="order-limit-not-an-integer"),
    pytest.param(with_(options={"name": "x"}), id="options-not-an-array"),
    pytest.param(with_(properties=["region"]), id="property-not-an-object"),
    pytest.param(with_(configuration={"parts": 2}), id="configuration-value-not-a-string"),
    pytest.param(with_(isResource="no"), id="is-resource-not-a-boolean"),
    pytest.param(with_(hasChildren="no"), id="has-children-not-a-boolean"),
    pytest.param(with_(serviceExtensions=[{"serviceType": "vbranch"}]),
                 id="service-extension-missing-service-instance-x-path"),
    pytest.param(with_(serviceExtensions=[{"serviceInstanceXPath": ""}]),
                 id="service-extension-empty-service-instance-x-path"),
    pytest.param(with_(serviceConfigQueryRootXPaths="/services"),
                 id="service-config-query-root-x-paths-not-an-array"),
    pytest.param(with_(uiConfig={"links": "none"}), id="ui-config-links-not-an-array"),
    pytest.param(with_(externalId="not-a-uuid"), id="external-id-not-a-uuid"),
    pytest.param(with_(tags=[""]), id="empty-tag"),
    pytest.param(with_(tags=["t" * 65]), id="tag-65-chars"),
    pytest.param(with_(tags="Preview"), id="tags-not-an-array"),
]
INVALID_BODIES = [pytest.param(*case.values, id=f"createProduct-400-{case.id}") for case in BROKEN_BODIES] + [
    pytest.param(lambda name: [valid_product(name)], id="createProduct-400-body-not-an-object"),
]
INVALID_UPDATES = [pytest.param(*case.values, id=f"updateProduct-400-{case.id}") for case in BROKEN_BODIES]
INVALID_ASSIGNMENTS = [
    pytest.param(["not-a-uuid"], id="updateProductAssignments-400-tenant-id-not-a-uuid"),
    pytest.param({"tenantIds": []}, id="updateProductAssignments-400-body-not-an-array"),
    pytest.param([42], id="updateProductAssignments-400-tenant-id-not-a-string"),
    # The contract is silent on assigning a tenant that does not exist; the emulator answers 400.
    pytest.param([UNKNOWN_ID], id="updateProductAssignments-400-unknown-tenant-id"),
]
MALFORMED_REQUESTS = [
    pytest.param("GET", PRODUCTS, [("page", -1), ("pageSize", 10)], None, id="getProductsPage-400-negative-page"),
    pytest.param("GET", PRODUCTS, [("page", 0), ("pageSize", 0)], None, id="getProductsPage-400-page-size-0"),
    pytest.param("GET", PRODUCTS, [("page", 0), ("pageSize", 1001)], None, id="getProductsPage-400-page-size-1001"),
    pytest.param("GET", PRODUCTS, [("pageSize", 10)], None, id="getProductsPage-400-no-page"),
    pytest.param("GET", PRODUCTS, [("page", 0)], None, id="getProductsPage-400-no-page-size"),
    pytest.param("GET", PRODUCTS, [("page", "first"), ("pageSize", 10)], None,
                 id="getProductsPage-400-page-not-a-number"),
    pytest.param("GET", PRODUCTS, FIRST_PAGE + [("tenantId", "not-a-uuid")], None,
                 id="getProductsPage-400-tenant-id-not-a-uuid"),
    pytest.param("GET", f"{PRODUCTS}/count", [("tenantId", "not-a-uuid")], None,
                 id="getProductsCount-400-tenant-id-not-a-uuid"),
    pytest.param("GET", f"{PRODUCTS}/not-a-uuid", [], None, id="getProduct-400-id-not-a-uuid"),
    pytest.param("PUT", f"{PRODUCTS}/not-a-uuid", [], valid_product("msxt-nobody"),
                 id="updateProduct-400-id-not-a-uuid"),
    pytest.param("DELETE", f"{PRODUCTS}/not-a-uuid", [], None, id="deleteProduct-400-id-not-a-uuid"),
    pytest.param("PUT", f"{PRODUCTS}/not-a-uuid/assignments", [], [], id="updateProductAssignments-400-id-not-a-uuid"),
    pytest.param("GET", f"{PRODUCTS}/not-a-uuid/assignments/list", [], None,
                 id="getProductAssignmentsList-400-id-not-a-uuid"),
]


def product_create(name) -> ProductCreate:
    return ProductCreate(**required_product_fields(name))


def product_update(name) -> ProductUpdate:
    return ProductUpdate(**required_product_fields(name))


# Every product operation, aimed at nothing that exists, with a valid body.
OPERATIONS = [
    pytest.param(lambda api, name: api.get_products_page(page=0, page_size=10), id="getProductsPage"),
    pytest.param(lambda api, name: api.create_product(product_create(name)), id="createProduct"),
    pytest.param(lambda api, name: api.get_products_count(), id="getProductsCount"),
    pytest.param(lambda api, name: api.get_product(UNKNOWN_ID), id="getProduct"),
    pytest.param(lambda api, name: api.update_product(UNKNOWN_ID, product_update(name)), id="updateProduct"),
    pytest.param(lambda api, name: api.delete_product(UNKNOWN_ID), id="deleteProduct"),
    pytest.param(lambda api, name: api.update_product_assignments(UNKNOWN_ID, []), id="updateProductAssignments"),
    pytest.param(lambda api, name: api.get_product_assignments_list(UNKNOWN_ID), id="getProductAssignmentsList"),
]
UNKNOWN = [
    pytest.param(lambda api, name: api.get_product(UNKNOWN_ID), id="getProduct-404-unknown-id"),
    pytest.param(lambda api, name: api.update_product(UNKNOWN_ID, product_update(name)),
                 id="updateProduct-404-unknown-id"),
    pytest.param(lambda api, name: api.delete_product(UNKNOWN_ID), id="deleteProduct-404-unknown-id"),
    pytest.param(lambda api, name: api.update_product_assignments(UNKNOWN_ID, []),
                 id="updateProductAssignments-404-unknown-id"),
    pytest.param(lambda api, name: api.get_product_assignments_list(UNKNOWN_ID),
                 id="getProductAssignmentsList-404-unknown-id"),
]
# The limited user's writes, aimed at a product the suite user made (and a tenant of the limited user's own).
LIMITED_WRITES = [
    pytest.param(lambda api, user, product: api.create_product(product_create(f"{user.username}-forbidden")),
                 id="createProduct-403-limited-user"),
    pytest.param(lambda api, user, product: api.update_product(product.id,
                                                               product_update(f"{user.username}-renamed")),
                 id="updateProduct-403-limited-user"),
    pytest.param(lambda api, user, product: api.delete_product(product.id), id="deleteProduct-403-limited-user"),
    pytest.param(lambda api, user, product: api.update_product_assignments(product.id, user.tenant_ids),
                 id="updateProductAssignments-403-limited-user"),
]


@pytest.mark.parametrize("make_body", INVALID_BODIES)
def test_invalid_product_is_not_created(send_raw, refuses, unique_name, make_body):
    refuses(400, lambda: send_raw("POST", PRODUCTS, make_body(unique_name), answer=(Product,)))


@pytest.mark.parametrize("make_body", INVALID_UPDATES)
def test_invalid_product_update_is_refused(msx_api, send_raw, refuses, product, unique_name, make_body):
    refuses(400, lambda: send_raw("PUT", f"{PRODUCTS}/{product.id}", make_body(f"{unique_name}-renamed")))
    assert msx_api(ProductsApi).get_product(product.id).to_dict() == product.to_dict(), \
        "a refused update changes nothing"


@pytest.mark.parametrize("body", INVALID_ASSIGNMENTS)
def test_invalid_product_assignments_are_refused(msx_api, send_raw, refuses, product, body):
    refuses(400, lambda: send_raw("PUT", f"{PRODUCTS}/{product.id}/assignments", body))
    assert msx_api(ProductsApi).get_product_assignments_list(product.id) == [], "a refused update assigns nothing"


@pytest.mark.parametrize("method, path, query, body", MALFORMED_REQUESTS)
def test_malformed_product_request_is_rejected(send_raw, refuses, method, path, query, body):
    refuses(400, lambda: send_raw(method, path, body, query))


@pytest.mark.parametrize("token", TOKENS)
@pytest.mark.parametrize("call", OPERATIONS)
def test_product_operations_need_a_valid_token(make_api_client, refuses, unique_name, call, token):
    refuses(401, lambda: call(ProductsApi(make_api_client(token)), unique_name))


@pytest.mark.parametrize("write", LIMITED_WRITES)
def test_limited_user_may_not_change_products(msx_api, limited_api_client, limited_user, product, refuses, write):
    products_api = msx_api(ProductsApi)
    refuses(403, lambda: write(ProductsApi(limited_api_client), limited_user, product))
    assert products_api.get_product(product.id).to_dict() == product.to_dict(), "a refused write changes nothing"
    assert products_api.get_product_assignments_list(product.id) == []


@pytest.mark.parametrize("call", UNKNOWN)
def test_unknown_product_is_not_found(msx_api, refuses, unique_name, call):
    products_api = msx_api(ProductsApi)
    refuses(404, lambda: call(products_api, unique_name))


def test_deleteProduct_400_while_it_has_offers_then_200(msx_api, products, offers, product, offer, refuses):
    """The contract documents no 409 for deleteProduct and is silent on its offers; the emulator answers 400."""
    refuses(400, lambda: msx_api(ProductsApi).delete_product(product.id))
    assert msx_api(OffersApi).get_offer(offer.id).product_id == product.id, "a refused delete leaves product and offer"
    assert offers.delete(offer.id) == 204
    assert products.delete(product.id) == 200
