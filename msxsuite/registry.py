"""Every kind of MSX resource the suite creates, declared once.

The factories, the cleanup tracker, the leak sweeper and its command, the `refuses` fixture,
cassette scrubbing and the end-of-run leak check all read `KINDS`: a new resource is one entry
here plus its tests.
"""

from __future__ import annotations

from dataclasses import dataclass

from python_msx_sdk.api.offers_api import OffersApi
from python_msx_sdk.api.products_api import ProductsApi
from python_msx_sdk.api.tenants_api import TenantsApi
from python_msx_sdk.api.users_api import UsersApi
from python_msx_sdk.model.offer import Offer
from python_msx_sdk.model.offer_create import OfferCreate
from python_msx_sdk.model.product import Product
from python_msx_sdk.model.product_create import ProductCreate
from python_msx_sdk.model.tenant import Tenant
from python_msx_sdk.model.tenant_create import TenantCreate
from python_msx_sdk.model.user import User
from python_msx_sdk.model.user_create import UserCreate


@dataclass(frozen=True)
class ResourceKind:
    """How the suite creates, finds and deletes one kind of resource through python-msx-sdk.

    `name_field` is the SDK attribute that carries the suite's `msxt-...` name; `secret_fields`
    are JSON keys whose values never reach a cassette or report; `blocks` names the kinds whose
    objects cannot be deleted while this kind's objects remain (a user blocks its tenant), so
    cleanup and sweeping delete this kind first. Adding a kind touches only its own entry.
    """

    label: str
    service: str
    api: type
    create_model: type
    model: type
    create: str
    delete: str
    page: str
    name_field: str
    secret_fields: tuple[str, ...] = ()
    blocks: tuple[str, ...] = ()

    @property
    def factory(self) -> str:
        """The name of the test fixture that creates this kind: tenant -> `tenants`."""
        return f"{self.label}s"

    def name_of(self, resource) -> str | None:
        return getattr(resource, self.name_field, None)


TENANT = ResourceKind("tenant", "idm", TenantsApi, TenantCreate, Tenant,
                      "create_tenant", "delete_tenant", "get_tenants_page", "name")
USER = ResourceKind("user", "idm", UsersApi, UserCreate, User,
                    "create_user", "delete_user", "get_users_page", "username",
                    secret_fields=("password",), blocks=("tenant",))
PRODUCT = ResourceKind("product", "consume", ProductsApi, ProductCreate, Product,
                       "create_product", "delete_product", "get_products_page", "name")
OFFER = ResourceKind("offer", "consume", OffersApi, OfferCreate, Offer,
                     "create_offer", "delete_offer", "get_offers_page", "name", blocks=("product",))

KINDS: tuple[ResourceKind, ...] = (TENANT, USER, PRODUCT, OFFER)
BY_LABEL = {kind.label: kind for kind in KINDS}
BY_MODEL = {kind.model: kind for kind in KINDS}


def deletion_order(kinds: tuple[ResourceKind, ...] = KINDS) -> list[ResourceKind]:
    """The kinds in an order where each comes before every kind it blocks."""
    ordered: list[ResourceKind] = []

    def visit(kind: ResourceKind, path: tuple[str, ...]) -> None:
        if kind in ordered:
            return
        if kind.label in path:
            raise ValueError(f"resource kinds block each other in a cycle: {' -> '.join(path + (kind.label,))}")
        for other in kinds:
            if kind.label in other.blocks:
                visit(other, path + (kind.label,))
        ordered.append(kind)

    for kind in kinds:
        visit(kind, ())
    return ordered


def secret_fields() -> frozenset[str]:
    """Every JSON key that some kind declares secret."""
    return frozenset(field for kind in KINDS for field in kind.secret_fields)
