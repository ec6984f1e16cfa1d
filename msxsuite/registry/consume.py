"""Catalog: products, and their offers; a product or offer assigned to a tenant blocks the tenant's deletion."""

from python_msx_sdk.api.offers_api import OffersApi
from python_msx_sdk.api.products_api import ProductsApi
from python_msx_sdk.model.offer import Offer
from python_msx_sdk.model.offer_create import OfferCreate
from python_msx_sdk.model.product import Product
from python_msx_sdk.model.product_create import ProductCreate

from msxsuite.registry.kind import crud

PRODUCT = crud("product", "consume", ProductsApi, ProductCreate, Product, "name",
               create="create_product", delete="delete_product", page="get_products_page", blocks=("tenant",))
OFFER = crud("offer", "consume", OffersApi, OfferCreate, Offer, "name",
             create="create_offer", delete="delete_offer", page="get_offers_page", blocks=("product", "tenant"))
KINDS = (PRODUCT, OFFER)
