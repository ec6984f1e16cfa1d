"""Tenant isolation of the Catalog: products and offers are global, but the tenant admin of one suite tenant
never sees what is assigned to another (ids name the operation).

The product and offer are the test's own, assigned to both suite tenants. A leak fails with one line:
`isolation leak: the tenant admin of A listed the assignment to tenant B (getProductAssignmentsList 200)`.
"""

import pytest
from python_msx_sdk.api.offers_api import OffersApi
from python_msx_sdk.api.products_api import ProductsApi
from python_msx_sdk.exceptions import ApiException

from msxsuite.isolation import REFUSALS, leak
from tests.consume.conftest import required_offer_fields, required_product_fields


@pytest.fixture
def assigned_to_both(suite_tenants, products, offers, msx_api, unique_name):
    """A product and an offer of the test's own, each assigned to both suite tenants."""
    a, b = suite_tenants
    product = products.create(**required_product_fields(unique_name)).resource
    offer = offers.create(**required_offer_fields(unique_name, product.id)).resource
    msx_api(ProductsApi).update_product_assignments(product.id, [a.tenant.id, b.tenant.id])
    msx_api(OffersApi).update_offer_assignments(offer.id, [a.tenant.id, b.tenant.id])
    return product, offer


def _fail_if_assigned_to(a, b, assignments, operation_id):
    if b.tenant.id in {assignment.tenant_id for assignment in assignments}:
        pytest.fail(leak(a, f"listed the assignment to tenant {b.tenant.name}", operation_id, 200), pytrace=False)


def test_getProductAssignmentsList_getOfferAssignmentsList_list_no_other_tenants_assignment(suite_tenants,
                                                                                           assigned_to_both):
    a, b = suite_tenants
    product, offer = assigned_to_both
    product_assignments = ProductsApi(a.client).get_product_assignments_list(product.id)
    _fail_if_assigned_to(a, b, product_assignments, "getProductAssignmentsList")
    offer_assignments = OffersApi(a.client).get_offer_assignments_list(offer.id)
    _fail_if_assigned_to(a, b, offer_assignments, "getOfferAssignmentsList")
    assert [x.tenant_id for x in product_assignments + offer_assignments] == [a.tenant.id, a.tenant.id], \
        "its own tenant's assignments are listed"


def test_getProductsPage_getOffersPage_filtered_by_other_tenant_list_nothing(suite_tenants, assigned_to_both):
    a, b = suite_tenants
    product, offer = assigned_to_both
    pages = (("getProductsPage", lambda: ProductsApi(a.client).get_products_page(0, 100, tenant_id=b.tenant.id)),
             ("getOffersPage", lambda: OffersApi(a.client).get_offers_page(0, 100, tenant_ids=[b.tenant.id])))
    for operation_id, read in pages:
        try:
            listed = {item.id for item in read().contents}
        except ApiException as error:
            assert error.status in REFUSALS, f"{operation_id}: expected a refusal or nothing, got {error.status}"
            continue
        if listed & {product.id, offer.id}:
            pytest.fail(leak(a, f"listed what is assigned to tenant {b.tenant.name}", operation_id, 200),
                        pytrace=False)
    assert product.id in {p.id for p in ProductsApi(a.client).get_products_page(0, 100, tenant_id=a.tenant.id)
                          .contents}, "what is assigned to its own tenant is listed"
