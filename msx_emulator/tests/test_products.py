"""The catalog's product operations: create, read, page, count, update, delete, assignments."""

from __future__ import annotations

from python_msx_sdk.model.product_create import ProductCreate
from python_msx_sdk.model.product_update import ProductUpdate
from python_msx_sdk.model.service_element import ServiceElement

from msx_emulator.config import OPERATIONS_TENANT_ID, ROOT_TENANT_ID
from msx_emulator.tests.helpers import error_naming

REQUIRED = dict(label="Managed device", version=1, description="A managed device service", image="/i/device.svg")


def _product(name: str = "Managed Device", **fields) -> ProductCreate:
    return ProductCreate(name=name, **(REQUIRED | fields))


def test_create_product_returns_it_with_an_id(emu, emu_products):
    product = emu_products.create_product(_product(tags=["EFT"], options=[ServiceElement(name="speed", min_value=1)],
                                                   configuration={"showOffers": "true"}))
    assert (product.name, product.version, product.tags) == ("Managed Device", 1, ["EFT"])
    assert product.options[0].min_value == 1 and product.configuration == {"showOffers": "true"}
    assert emu_products.get_product(product.id).to_dict() == product.to_dict()
    assert emu.stats()["left"] == {"products": ["Managed Device"]}


def test_update_product_keeps_what_it_does_not_carry(emu_products):
    created = emu_products.create_product(_product(price="10 USD"))
    updated = emu_products.update_product(created.id, ProductUpdate(name="Renamed", **(REQUIRED | {"version": 2})))
    assert (updated.id, updated.name, updated.version, updated.price) == (created.id, "Renamed", 2, "10 USD")
    assert emu_products.get_product(created.id).to_dict() == updated.to_dict()


def test_delete_product_answers_200_and_it_is_gone(emu, emu_products):
    created = emu_products.create_product(_product())
    _, status, _ = emu_products.delete_product(created.id, _return_http_data_only=False)
    assert status == 200, "the contract documents 200 for deleteProduct"
    error_naming(lambda: emu_products.get_product(created.id), 404, created.id)
    assert emu.stats()["left"] == {}


def test_products_page_and_count(emu_products):
    for index in range(3):
        emu_products.create_product(_product(f"Product {index}"))
    first = emu_products.get_products_page(0, 2)
    assert (first.total_items, first.has_next, first.has_previous, len(first.contents)) == (3, True, False, 2)
    last = emu_products.get_products_page(1, 2)
    assert ([p.name for p in last.contents], last.has_next, last.has_previous) == (["Product 2"], False, True)
    assert emu_products.get_products_count() == 3


def test_assignments_are_set_listed_replaced_and_cleared(emu_products):
    product = emu_products.create_product(_product())
    assert emu_products.get_product_assignments_list(product.id) == []
    assigned = emu_products.update_product_assignments(product.id, [ROOT_TENANT_ID, OPERATIONS_TENANT_ID])
    assert [a.tenant_id for a in assigned] == [ROOT_TENANT_ID, OPERATIONS_TENANT_ID]
    assert all(a.created_on is not None for a in assigned)
    kept = emu_products.update_product_assignments(product.id, [OPERATIONS_TENANT_ID])
    assert [(a.tenant_id, a.created_on) for a in kept] == [(OPERATIONS_TENANT_ID, assigned[1].created_on)], \
        "replaced, and an assignment kept keeps its createdOn"
    assert emu_products.get_product_assignments_list(product.id) == kept
    assert emu_products.update_product_assignments(product.id, []) == []
    assert emu_products.get_product_assignments_list(product.id) == []


def test_tenant_filter_finds_the_products_assigned_to_it(emu_products):
    assigned = emu_products.create_product(_product("Assigned"))
    emu_products.create_product(_product("Unassigned"))
    emu_products.update_product_assignments(assigned.id, [OPERATIONS_TENANT_ID])
    page = emu_products.get_products_page(0, 10, tenant_id=OPERATIONS_TENANT_ID)
    assert [p.name for p in page.contents] == ["Assigned"]
    assert emu_products.get_products_count(tenant_id=OPERATIONS_TENANT_ID) == 1
    assert emu_products.get_products_count(tenant_id=ROOT_TENANT_ID) == 0
