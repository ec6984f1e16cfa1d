"""Fixtures of the Catalog (consume) checklist: a product and an offer of the test's own."""

import pytest

IMAGE = "/services/msx-suite/images/icon.svg"


def required_product_fields(name) -> dict:
    """The fields a product cannot be created without (the SDK's required arguments)."""
    return {"name": name, "label": f"{name}-label", "version": 1, "description": "Made by the MSX suite",
            "image": IMAGE}


def required_offer_fields(name, product_id) -> dict:
    """The fields an offer of that product cannot be created without."""
    return {"name": name, "label": f"{name}-label", "description": "Made by the MSX suite",
            "product_id": product_id, "version": 1}


@pytest.fixture
def product(products, unique_name):
    """A product with only its required fields, named after the test; deleted after it."""
    return products.create(**required_product_fields(unique_name)).resource


@pytest.fixture
def offer(offers, product, unique_name):
    """An offer of `product` with only its required fields; deleted after the test."""
    return offers.create(**required_offer_fields(unique_name, product.id)).resource
