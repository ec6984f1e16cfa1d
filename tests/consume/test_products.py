"""Products (Catalog): the whole lifecycle of a product, for several kinds of product, its count and its assignments.

The contract's Product has no createdOn or modifiedOn, so an update is checked by its fields alone.
"""

import pytest
from python_msx_sdk.api.products_api import ProductsApi
from python_msx_sdk.exceptions import NotFoundException
from python_msx_sdk.model.nso_config_data_x_path import NSOConfigDataXPath
from python_msx_sdk.model.product_create import ProductCreate
from python_msx_sdk.model.product_update import ProductUpdate
from python_msx_sdk.model.service_element import ServiceElement
from python_msx_sdk.model.service_element_price import ServiceElementPrice
from python_msx_sdk.model.service_slmui_config import ServiceSLMUIConfig
from python_msx_sdk.model.service_ui_config import ServiceUIConfig
from python_msx_sdk.model.service_ui_link import ServiceUILink
from python_msx_sdk.model.service_ui_resource import ServiceUIResource

from msxsuite.paging import find_in_pages
from tests.consume.conftest import required_product_fields as required

EXTERNAL_ID = "3f6c1d2e-5a4b-4c3d-8e2f-1a0b9c8d7e6f"


def every_field(name, parent_id) -> dict:
    option = ServiceElement(
        name="bandwidth", label="Bandwidth", header="Link", description="Access bandwidth", hint="Mbps",
        input_type="number", type="integer", component="slider", max_limit="1000", min_limit="10", value="100",
        value_list=[{"size": "small"}], allowed_option_values=["10", "100", "1000"],
        allowed_values=[{"key": "100"}], mandatory=True, section="access", billable=True, hidden=False,
        parent_name="link", supported=True, dynamic_data=False, min_value=10, max_value=1000, step_size=10,
        pricing_atttributes=ServiceElementPrice(
            one_time_price="100", periodic_price="10", time_period="month", unit_of_measure="Mbps",
            included_quantity=100, additional_one_time_price="5", additional_periodic_price="1",
            additional_quantity=10),
        child_elements=[ServiceElement(name="burst", value="on")],
    )
    return required(name) | {
        "multiple_instance_allowed": True,
        "price": "100 USD",
        "display_order": 3,
        "active": True,
        "order_limit": 5,
        "options": [option],
        "properties": [ServiceElement(name="region", value="eu-west")],
        "configuration": {"device": "false", "parts": "2", "showOffers": "true"},
        "is_resource": False,
        "has_children": False,
        "parent_id": parent_id,
        "service_extensions": [NSOConfigDataXPath(
            service_instance_x_path="/services/vbranch", service_type="vbranch",
            possible_x_path_locations=["/services/vbranch/site"])],
        "service_config_query_root_x_paths": ["/services/vbranch"],
        "ui_config": ServiceUIConfig(banner_image="/images/banner.svg", links=[ServiceUILink(
            type="doc", label="Guide", address="https://example.com/msx-suite", target="_blank")]),
        "slm_ui_config": ServiceSLMUIConfig(type="tabs", resources=[ServiceUIResource(
            type="script", href="/slm/msx-suite.js")]),
        "external_id": EXTERNAL_ID,
        "tags": ["Preview", "EFT"],
    }


CASES = [
    pytest.param(lambda name, parent: required(name), id="required-fields-only"),
    pytest.param(lambda name, parent: every_field(name, parent()), id="every-field"),
    pytest.param(lambda name, parent: required(f"{name} Ünïcødé 名前 ✓") | {
        "label": "Étiquette 标签 ✓", "description": "Descripción — описание — 説明",
        "tags": ["Präview", "预览"]},
        id="unicode"),
    pytest.param(lambda name, parent: required(name.ljust(128, "x")) | {
        "label": "l" * 128, "description": "d" * 512, "tags": ["t" * 64]}, id="max-lengths"),
    pytest.param(lambda name, parent: required(name) | {
        "options": None, "properties": None, "configuration": None, "is_resource": None, "has_children": None,
        "external_id": None, "tags": None}, id="nullable-fields-null"),
]


def assert_fields(product, fields):
    """The product carries every field that was sent (nested models compared as dicts)."""
    sent = ProductCreate(**fields).to_dict()
    got = product.to_dict()
    for field, value in sent.items():
        assert got.get(field) == value, f"{field}: sent {value!r}, got {got.get(field)!r}"


@pytest.mark.lifecycle
@pytest.mark.parametrize("make_fields", CASES)
def test_createProduct_getProduct_getProductsPage_updateProduct_deleteProduct(msx_api, products, unique_name,
                                                                             make_fields):
    """The lifecycle of a product: created, read, found by paging, updated, deleted, gone."""
    products_api = msx_api(ProductsApi)

    def parent():
        return products.create(**required(f"{unique_name}-parent")).resource.id

    fields = make_fields(unique_name, parent)

    created = products.create(**fields)
    assert created.status == 201
    product = created.resource
    assert product.id
    assert_fields(product, fields)

    fetched = products_api.get_product(product.id)
    assert fetched.to_dict() == product.to_dict(), "get returns what create returned"

    paged = find_in_pages(products_api.get_products_page, product.id)
    assert paged is not None, f"product {product.id} not found by paging getProductsPage"
    assert paged.to_dict() == product.to_dict()

    changes = fields | {"name": f"{fields['name'][:120]}-renamed", "label": "Renamed", "version": 2,
                        "description": "Renamed by the MSX suite"}
    updated, status, _ = products_api.update_product(product.id, ProductUpdate(**changes),
                                                     _return_http_data_only=False)
    assert status == 200
    assert updated.id == product.id
    assert_fields(updated, changes)
    assert products_api.get_product(product.id).to_dict() == updated.to_dict(), "get returns the update"

    # The contract documents 200 for deleteProduct (204 for every other v8 delete).
    assert products.delete(product.id) == 200
    with pytest.raises(NotFoundException):
        products_api.get_product(product.id)


def test_getProductsCount_moves_by_one_with_create_and_delete(msx_api, products, tenants, unique_name):
    """Counted among the products of a tenant of the test's own (assigned to it), and in the whole catalog.

    Other xdist workers create and delete products meanwhile, so the whole catalog's count is only
    checked to hold the test's product; the exact difference is checked with the tenantId filter,
    on a tenant nobody else uses.
    """
    products_api = msx_api(ProductsApi)
    tenant = tenants.create(name=unique_name).resource
    assert products_api.get_products_count(tenant_id=tenant.id) == 0

    product = products.create(**required(unique_name)).resource
    assert products_api.get_products_count() >= 1
    products_api.update_product_assignments(product.id, [tenant.id])
    assert products_api.get_products_count(tenant_id=tenant.id) == 1
    assert [p.id for p in products_api.get_products_page(page=0, page_size=10, tenant_id=tenant.id).contents] == \
        [product.id], "getProductsPage with tenantId lists the tenant's one product"

    assert products.delete(product.id) == 200
    assert products_api.get_products_count(tenant_id=tenant.id) == 0


def test_updateProductAssignments_getProductAssignmentsList_set_list_and_clear(msx_api, product, tenants,
                                                                              unique_name):
    products_api = msx_api(ProductsApi)
    first = tenants.create(name=f"{unique_name}-1").resource
    second = tenants.create(name=f"{unique_name}-2").resource
    assert products_api.get_product_assignments_list(product.id) == [], "a new product is assigned to no tenant"

    assigned, status, _ = products_api.update_product_assignments(product.id, [first.id, second.id],
                                                                  _return_http_data_only=False)
    assert status == 200
    assert sorted(a.tenant_id for a in assigned) == sorted([first.id, second.id])
    assert all(a.created_on is not None for a in assigned), f"every assignment has createdOn: {assigned}"
    listed = products_api.get_product_assignments_list(product.id)
    assert sorted(a.tenant_id for a in listed) == sorted([first.id, second.id])

    kept = products_api.update_product_assignments(product.id, [second.id])
    assert [a.tenant_id for a in kept] == [second.id], "the assignments are replaced, not added to"
    assert [a.tenant_id for a in products_api.get_product_assignments_list(product.id)] == [second.id]

    assert products_api.update_product_assignments(product.id, []) == []
    assert products_api.get_product_assignments_list(product.id) == [], "an empty list clears the assignments"


@pytest.mark.smoke
def test_getProductsPage_and_getProductsCount_answer_for_the_whole_catalog(msx_api):
    """Read-only: a first page of at most 10 products, and a count.

    The two are not compared: other runs and xdist workers create and delete products between them.
    """
    products_api = msx_api(ProductsApi)
    page = products_api.get_products_page(page=0, page_size=10)
    assert page.page == 0 and len(page.contents) <= 10, f"a first page of at most 10 products: {page}"
    assert products_api.get_products_count() >= 0
