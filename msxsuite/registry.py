"""Every kind of MSX resource the suite creates, declared once.

The factories, the cleanup tracker, the leak sweeper and its command, the `refuses` fixture,
cassette scrubbing and the end-of-run leak check all read `KINDS`: a new resource is one entry
here plus its tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

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

from msxsuite.paging import all_items


@dataclass(frozen=True)
class ResourceKind:
    """How the suite creates, lists and deletes one kind of resource through python-msx-sdk.

    `create(api, fields)` answers the SDK's (resource, status, headers); `delete(api, id, **sdk_kwargs)`
    deletes one; `list_all(api)` yields every object of the kind the API can see. `name_field` is the
    SDK attribute that carries the suite's `msxt-...` name; `secret_fields` are JSON keys whose values
    never reach a cassette or report; `blocks` names the kinds whose objects cannot be deleted while
    this kind's objects remain (a user blocks its tenant), so cleanup and sweeping delete this kind
    first. Adding a kind touches only its own entry.
    """

    label: str
    service: str
    api: type
    model: type
    name_field: str
    create: Callable[..., tuple]
    delete: Callable[..., object]
    list_all: Callable[[object], Iterable]
    secret_fields: tuple[str, ...] = ()
    blocks: tuple[str, ...] = ()

    @property
    def factory(self) -> str:
        """The name of the test fixture that creates this kind: tenant -> `tenants`."""
        return f"{self.label}s"

    def name_of(self, resource) -> str | None:
        return getattr(resource, self.name_field, None)


def crud(label: str, service: str, api: type, create_model: type, model: type, name_field: str, *,
         create: str, delete: str, page: str, **more) -> ResourceKind:
    """A kind with the common shape: create(Model(**fields)), delete(id), a paged list."""
    return ResourceKind(
        label, service, api, model, name_field,
        create=lambda sdk, fields: getattr(sdk, create)(create_model(**fields), _return_http_data_only=False),
        delete=lambda sdk, resource_id, **kwargs: getattr(sdk, delete)(resource_id, **kwargs),
        list_all=lambda sdk: all_items(getattr(sdk, page)),
        **more)


TENANT = crud("tenant", "idm", TenantsApi, TenantCreate, Tenant, "name",
              create="create_tenant", delete="delete_tenant", page="get_tenants_page")
USER = crud("user", "idm", UsersApi, UserCreate, User, "username",
            create="create_user", delete="delete_user", page="get_users_page",
            secret_fields=("password",), blocks=("tenant",))
PRODUCT = crud("product", "consume", ProductsApi, ProductCreate, Product, "name",
               create="create_product", delete="delete_product", page="get_products_page")
OFFER = crud("offer", "consume", OffersApi, OfferCreate, Offer, "name",
             create="create_offer", delete="delete_offer", page="get_offers_page", blocks=("product",))

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
