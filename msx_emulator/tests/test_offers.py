"""The catalog's offer operations: offers of a product, paged by product and tenant, counted, assigned."""

from __future__ import annotations

import pytest
from python_msx_sdk.model.name_value import NameValue
from python_msx_sdk.model.offer_create import OfferCreate
from python_msx_sdk.model.offer_update import OfferUpdate
from python_msx_sdk.model.product_create import ProductCreate

from msx_emulator.config import OPERATIONS_TENANT_ID, ROOT_TENANT_ID
from msx_emulator.tests.helpers import error_naming


@pytest.fixture
def emu_product(emu_products):
    """A product to hang offers on."""
    return emu_products.create_product(ProductCreate(name="Managed Device", label="Managed device", version=1,
                                                     description="A managed device service", image="/i/device.svg"))


def _offer(product_id: str, name: str = "Full", **fields) -> OfferCreate:
    return OfferCreate(name=name, label=f"{name} offer", description="An offer", product_id=product_id, version=1,
                       **fields)


def test_create_offer_returns_it_with_an_id(emu, emu_offers, emu_product):
    offer = emu_offers.create_offer(_offer(emu_product.id, supported_options=[NameValue(name="speed", value="10")],
                                           approvals={"needed": True}, display_order=None))
    assert (offer.product_id, offer.supported_options[0].value, offer.approvals) == (
        emu_product.id, "10", {"needed": True})
    assert emu_offers.get_offer(offer.id).to_dict() == offer.to_dict()
    assert emu.stats()["left"] == {"products": ["Managed Device"], "offers": ["Full"]}


def test_update_and_delete_offer(emu_offers, emu_product):
    created = emu_offers.create_offer(_offer(emu_product.id, price="5 USD"))
    updated = emu_offers.update_offer(created.id, OfferUpdate(name="Basic", label="Basic offer", description="Less",
                                                              product_id=emu_product.id, version=2))
    assert (updated.name, updated.version, updated.price) == ("Basic", 2, "5 USD")
    _, status, _ = emu_offers.delete_offer(created.id, _return_http_data_only=False)
    assert status == 204
    error_naming(lambda: emu_offers.get_offer(created.id), 404, created.id)


def test_offers_page_by_product_finds_its_offers(emu_products, emu_offers, emu_product):
    other = emu_products.create_product(ProductCreate(name="Other", label="Other", version=1, description="d",
                                                      image="/i/other.svg"))
    for name in ("Full", "Basic"):
        emu_offers.create_offer(_offer(emu_product.id, name))
    emu_offers.create_offer(_offer(other.id, "Elsewhere"))
    page = emu_offers.get_offers_page(0, 10, product_id=emu_product.id)
    assert ([o.name for o in page.contents], page.total_items) == (["Full", "Basic"], 2)
    assert emu_offers.get_offers_count(product_id=emu_product.id) == 2
    assert emu_offers.get_offers_count() == 3


def test_offer_assignments_and_the_tenant_filters(emu_offers, emu_product):
    offer = emu_offers.create_offer(_offer(emu_product.id))
    emu_offers.create_offer(_offer(emu_product.id, "Unassigned"))
    assigned = emu_offers.update_offer_assignments(offer.id, [OPERATIONS_TENANT_ID])
    assert [a.tenant_id for a in assigned] == [OPERATIONS_TENANT_ID]
    assert emu_offers.get_offer_assignments_list(offer.id) == assigned
    page = emu_offers.get_offers_page(0, 10, tenant_ids=[ROOT_TENANT_ID, OPERATIONS_TENANT_ID])
    assert [o.name for o in page.contents] == ["Full"]
    assert emu_offers.get_offers_count(tenant_id=OPERATIONS_TENANT_ID) == 1
    assert emu_offers.update_offer_assignments(offer.id, []) == []
    assert emu_offers.get_offers_count(tenant_id=OPERATIONS_TENANT_ID) == 0


def test_product_with_offers_cannot_be_deleted(emu_products, emu_offers, emu_product):
    """The contract documents no 409 for deleteProduct: 400 says what still refers to it."""
    offer = emu_offers.create_offer(_offer(emu_product.id))
    error_naming(lambda: emu_products.delete_product(emu_product.id), 400, "offer")
    emu_offers.delete_offer(offer.id)
    emu_products.delete_product(emu_product.id)


def test_offer_of_an_unknown_product_is_bad_request(emu_offers):
    """The contract documents no 404 for createOffer: an unknown product is bad input."""
    error_naming(lambda: emu_offers.create_offer(_offer("00000000-0000-4000-8000-000000000000")), 400, "productId")
