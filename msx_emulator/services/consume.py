"""Catalog (the consume service): products, their offers, and the tenants each is assigned to.

Where the contract is silent (see msx_emulator/README.md): an offer names an existing product (400
otherwise, createOffer documents no 404); a product with offers cannot be deleted (400: deleteProduct
documents no 409); assignments name existing tenants (400) and are replaced as a whole by each update.
Products and offers are global; a caller limited to its tenants sees only their assignments.
"""

from __future__ import annotations

from typing import Any

from msx_emulator.config import MANAGE_SERVICETYPES, VIEW_SERVICES
from msx_emulator.errors import bad_request
from msx_emulator.request_validation import length_format, uuid_format
from msx_emulator.service import Call, Service
from msx_emulator.services.idm import TENANTS, visible_tenants
from msx_emulator.store import Kind, Reference, Store

# Kept inside each product and offer, never answered with it: [{"tenantId", "createdOn"}, ...], and the
# assigned tenant ids alone, so that a tenant with assignments cannot be deleted (409).
ASSIGNMENTS, ASSIGNED = "assignments", "assignedTenantIds"
# The contract's Product and Offer carry no createdOn or modifiedOn.
PRODUCTS = Kind("products", "product", stamped=False,
                references=(Reference(ASSIGNED, "tenants", "product assignment(s)"),))
OFFERS = Kind("offers", "offer", stamped=False,
              references=(Reference("productId", "products", "offer(s)", delete_status=400),
                          Reference(ASSIGNED, "tenants", "offer assignment(s)")))
# The SDK carries neither formats nor the lengths of a product's tags (1 to 64 characters each).
FORMATS = {"id": uuid_format, "tenantId": uuid_format, "tenantIds": uuid_format, "productId": uuid_format,
           "externalId": uuid_format, "tags": length_format(1, 64)}
ASSIGNMENT_FORMATS = {"id": uuid_format, "body": uuid_format}

SERVICE = Service("consume", kinds=(PRODUCTS, OFFERS))


def _render(item: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in item.items() if name not in (ASSIGNMENTS, ASSIGNED)}


def _assigned_to(tenant_ids: list[str] | None):
    """A filter: assigned to any of these tenants (None: no filter)."""
    if tenant_ids is None:
        return None
    return lambda item: any(a["tenantId"] in tenant_ids for a in item[ASSIGNMENTS])


def _scoped(call: Call, tenant_ids: list[str] | None) -> list[str] | None:
    """A tenant filter without the tenants out of the caller's scope: their assignments are not its to see."""
    visible = visible_tenants(call.store, call.principal)
    return tenant_ids if tenant_ids is None or visible is None else [t for t in tenant_ids if t in visible]


def _assignments(call: Call, item: dict[str, Any]) -> list[dict]:
    """The item's assignments to tenants in the caller's scope."""
    shown = _scoped(call, [a["tenantId"] for a in item[ASSIGNMENTS]])
    return [a for a in item[ASSIGNMENTS] if a["tenantId"] in shown]


def _page(call: Call, kind: Kind, predicate) -> dict:
    page = call.store.page(kind, call.params["page"], call.params["pageSize"], predicate)
    page["contents"] = [_render(item) for item in page["contents"]]
    return page


def _assign(store: Store, kind: Kind, item_id: str, tenant_ids: list[str]) -> list[dict]:
    """Replace the tenants an item is assigned to; assignments kept keep their createdOn."""
    with store.lock:
        current = {a["tenantId"]: a for a in store.get(kind, item_id)[ASSIGNMENTS]}
        unknown = [tenant_id for tenant_id in tenant_ids if not store.exists(TENANTS, tenant_id)]
        if unknown:
            raise bad_request(f"body: no tenant with id {unknown[0]}", "INVALID_FIELD")
        assignments = [current.get(tenant_id) or {"tenantId": tenant_id, "createdOn": store.clock.stamp()}
                       for tenant_id in dict.fromkeys(tenant_ids)]
        store.update(kind, item_id, {ASSIGNMENTS: assignments, ASSIGNED: [a["tenantId"] for a in assignments]})
        return assignments


# --- products --------------------------------------------------------------------------------

@SERVICE.operation("getProductsPage", VIEW_SERVICES, formats=FORMATS)
def get_products_page(call: Call) -> dict:
    tenant_id = call.params.get("tenantId")
    return _page(call, PRODUCTS, _assigned_to(_scoped(call, None if tenant_id is None else [tenant_id])))


@SERVICE.operation("createProduct", MANAGE_SERVICETYPES, status=201, formats=FORMATS)
def create_product(call: Call) -> dict:
    # The contract's Product requires serviceId without declaring it (the SDK leaves it out): the
    # emulator answers the product's own id there.
    product_id = PRODUCTS.new_id()
    return _render(call.store.create(PRODUCTS, call.body | {"serviceId": product_id, ASSIGNMENTS: []}, product_id))


@SERVICE.operation("getProductsCount", VIEW_SERVICES, formats=FORMATS)
def get_products_count(call: Call) -> int:
    tenant_id = call.params.get("tenantId")
    return call.store.count(PRODUCTS, _assigned_to(_scoped(call, None if tenant_id is None else [tenant_id])))


@SERVICE.operation("getProduct", VIEW_SERVICES, formats=FORMATS)
def get_product(call: Call) -> dict:
    return _render(call.store.get(PRODUCTS, call.params["id"]))


@SERVICE.operation("updateProduct", MANAGE_SERVICETYPES, formats=FORMATS)
def update_product(call: Call) -> dict:
    return _render(call.store.update(PRODUCTS, call.params["id"], call.body))


# The contract documents 200 for deleteProduct, where every other v8 delete answers 204.
@SERVICE.operation("deleteProduct", MANAGE_SERVICETYPES, status=200, formats=FORMATS)
def delete_product(call: Call) -> None:
    call.store.delete(PRODUCTS, call.params["id"])


@SERVICE.operation("updateProductAssignments", MANAGE_SERVICETYPES, formats=ASSIGNMENT_FORMATS)
def update_product_assignments(call: Call) -> list:
    return _assign(call.store, PRODUCTS, call.params["id"], call.body)


@SERVICE.operation("getProductAssignmentsList", VIEW_SERVICES, formats=FORMATS)
def get_product_assignments_list(call: Call) -> list:
    return _assignments(call, call.store.get(PRODUCTS, call.params["id"]))


# --- offers ----------------------------------------------------------------------------------

def _offer_filter(product_id: str | None, tenant_ids: list[str] | None):
    assigned = _assigned_to(tenant_ids)
    return lambda offer: ((product_id is None or offer["productId"] == product_id)
                          and (assigned is None or assigned(offer)))


@SERVICE.operation("getOffersPage", VIEW_SERVICES, formats=FORMATS)
def get_offers_page(call: Call) -> dict:
    return _page(call, OFFERS, _offer_filter(call.params.get("productId"), _scoped(call, call.params.get("tenantIds"))))


@SERVICE.operation("createOffer", MANAGE_SERVICETYPES, status=201, formats=FORMATS)
def create_offer(call: Call) -> dict:
    return _render(call.store.create(OFFERS, call.body | {ASSIGNMENTS: []}))


@SERVICE.operation("getOffersCount", VIEW_SERVICES, formats=FORMATS)
def get_offers_count(call: Call) -> int:
    tenant_id = call.params.get("tenantId")
    return call.store.count(OFFERS, _offer_filter(call.params.get("productId"),
                                                  _scoped(call, None if tenant_id is None else [tenant_id])))


@SERVICE.operation("getOffer", VIEW_SERVICES, formats=FORMATS)
def get_offer(call: Call) -> dict:
    return _render(call.store.get(OFFERS, call.params["id"]))


@SERVICE.operation("updateOffer", MANAGE_SERVICETYPES, formats=FORMATS)
def update_offer(call: Call) -> dict:
    return _render(call.store.update(OFFERS, call.params["id"], call.body))


@SERVICE.operation("deleteOffer", MANAGE_SERVICETYPES, status=204, formats=FORMATS)
def delete_offer(call: Call) -> None:
    call.store.delete(OFFERS, call.params["id"])


@SERVICE.operation("updateOfferAssignments", MANAGE_SERVICETYPES, formats=ASSIGNMENT_FORMATS)
def update_offer_assignments(call: Call) -> list:
    return _assign(call.store, OFFERS, call.params["id"], call.body)


@SERVICE.operation("getOfferAssignmentsList", VIEW_SERVICES, formats=FORMATS)
def get_offer_assignments_list(call: Call) -> list:
    return _assignments(call, call.store.get(OFFERS, call.params["id"]))
