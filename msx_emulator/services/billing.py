"""Billing: seeded billing events and their cost summary, prices and billing cycles of tenants, cycle processing.

Billing events are not created through the API: the emulator seeds a few for its two tenants. Where the
contract is silent (see msx_emulator/README.md): prices and cycles name an existing tenant, a cycle an
existing billing event (400 otherwise); a tenant with prices or cycles cannot be deleted (409); one
cycle per tenant and event (addBillingCycle: 409, updateBillingCycle: 400); a cycle's nextBilledOn comes
after its lastBilledOn; processing is accepted and changes no cycle (its outcome is not in the contract).
"""

from __future__ import annotations

import uuid
from typing import Any

from msx_emulator.config import (
    MANAGE_BILLINGCYCLE, MANAGE_PRICES, OPERATIONS_TENANT_ID, ROOT_TENANT_ID, VIEW_BILLINGCYCLE, VIEW_COSTS,
    VIEW_EVENTS, VIEW_PRICES, EmulatorConfig,
)
from msx_emulator.errors import bad_request, conflict
from msx_emulator.request_validation import uuid_format
from msx_emulator.service import Call, Service
from msx_emulator.services.formats import check_range, datetime_format, known_id_format, moment, within
from msx_emulator.store import Kind, Reference, Store

EVENTS = Kind("billing_events", "billing event", stamped=False)
PRICES = Kind("prices", "price", references=(Reference("tenantId", "tenants", "price(s)"),))
# The contract's BillingCycle has no createdOn or modifiedOn, and no name: stats() names it by id.
CYCLES = Kind("billing_cycles", "billing cycle", stamped=False,
              references=(Reference("tenantId", "tenants", "billing cycle(s)"),
                          Reference("eventId", "billing_events", "billing cycle(s)")))
GROUPINGS = ("type", "subtype", "service")


FORMATS = {"id": uuid_format, "tenantId": uuid_format, "eventId": uuid_format, "fromDate": datetime_format,
           "toDate": datetime_format, "nextBilledOn": datetime_format, "lastBilledOn": datetime_format}
DELETE_FORMATS = {"id": known_id_format}


def _event(number: int, tenant_id: str, created_on: str, type_: str, subtype: str, action: str, price: float,
           device: str) -> dict[str, Any]:
    return {"id": f"5b1e0c3a-6f7d-4e1a-9b2c-0d1e2f3a4b{number:02d}", "createdOn": created_on, "modifiedOn": created_on,
            "name": "DeviceEvent" if type_ == "device" else "SiteEvent",
            "description": f"{type_.capitalize()} {device} has been {action}d", "type": type_, "subtype": subtype,
            "severity": "info", "action": action, "price": price, "tenantId": tenant_id,
            "details": {"id": device, "name": device, "serviceType": subtype, "managed": True}}


SEEDED_EVENTS = (
    _event(1, ROOT_TENANT_ID, "2020-09-18T06:06:51.000Z", "device", "manageddevice", "create", 340.5, "edge-router-1"),
    _event(2, ROOT_TENANT_ID, "2020-10-02T09:30:00.000Z", "device", "manageddevice", "update", 120.0, "edge-router-1"),
    _event(3, ROOT_TENANT_ID, "2020-10-15T14:00:00.000Z", "site", "sdbranch", "create", 250.0, "branch-1"),
    _event(4, OPERATIONS_TENANT_ID, "2020-11-01T08:00:00.000Z", "device", "manageddevice", "create", 340.5,
           "branch-switch-2"),
    _event(5, OPERATIONS_TENANT_ID, "2020-11-20T17:45:00.000Z", "site", "sdbranch", "create", 250.0, "branch-2"),
)


def _seed(store: Store, config: EmulatorConfig) -> None:
    for event in SEEDED_EVENTS:
        store.create(EVENTS, event, event["id"])


SERVICE = Service("billing", kinds=(EVENTS, PRICES, CYCLES), seed=_seed)


# --- events ----------------------------------------------------------------------------------

def _events_of(call: Call):
    params = call.params
    check_range(params, "fromDate", "toDate")
    return lambda event: (event["tenantId"] == params["tenantId"]
                          and within(event["createdOn"], params, "fromDate", "toDate")
                          and params.get("type") in (None, event["type"])
                          and params.get("subtype") in (None, event["subtype"]))


@SERVICE.operation("getEventsPage", VIEW_EVENTS, formats=FORMATS)
def get_events_page(call: Call) -> dict:
    return call.store.page(EVENTS, call.params["page"], call.params["pageSize"], _events_of(call))


@SERVICE.operation("getEvent", VIEW_EVENTS, formats=FORMATS)
def get_event(call: Call) -> dict:
    return call.store.get(EVENTS, call.params["id"])


def _group(event: dict[str, Any], group_by: str) -> tuple[tuple[str, str], ...]:
    """The fields of the CostSummary an event's price adds to."""
    if group_by == "type":
        return (("type", event["type"]),)
    if group_by == "subtype":
        return tuple((name, event[name]) for name in ("type", "subtype") if event[name])
    # CostSummary has no service field: the event's service type is reported as its subtype.
    return (("subtype", (event["details"] or {}).get("serviceType") or event["type"]),)


@SERVICE.operation("getCostSummary", VIEW_COSTS, formats=FORMATS)
def get_cost_summary(call: Call) -> dict:
    group_by = call.params.get("groupBy", "subtype")
    if group_by not in GROUPINGS:
        raise bad_request(f"query parameter groupBy must be one of {', '.join(GROUPINGS)}", "INVALID_FIELD")
    matches = _events_of(call)
    costs: dict[tuple, float] = {}
    # One page holding every matching event.
    for event in call.store.page(EVENTS, 0, call.store.count(EVENTS) or 1, matches)["contents"]:
        key = _group(event, group_by)
        costs[key] = costs.get(key, 0.0) + (event.get("price") or 0.0)
    return {"tenantId": call.params["tenantId"],
            "details": [dict(key) | {"cost": round(cost, 2)} for key, cost in costs.items()]}


# --- prices ----------------------------------------------------------------------------------

@SERVICE.operation("getPricesPage", VIEW_PRICES, formats=FORMATS)
def get_prices_page(call: Call) -> dict:
    params = call.params
    return call.store.page(PRICES, params["page"], params["pageSize"],
                           lambda price: (price["tenantId"] == params["tenantId"]
                                          and params.get("type") in (None, price["type"])
                                          and params.get("subtype") in (None, price.get("subtype"))))


@SERVICE.operation("addPrice", MANAGE_PRICES, status=201, formats=FORMATS)
def add_price(call: Call) -> dict:
    return call.store.create(PRICES, call.body)


@SERVICE.operation("getPrice", VIEW_PRICES, formats=FORMATS)
def get_price(call: Call) -> dict:
    return call.store.get(PRICES, call.params["id"])


@SERVICE.operation("updatePrice", MANAGE_PRICES, formats=FORMATS)
def update_price(call: Call) -> dict:
    return call.store.update(PRICES, call.params["id"], call.body)


@SERVICE.operation("deletePrice", MANAGE_PRICES, status=204, formats=DELETE_FORMATS)
def delete_price(call: Call) -> None:
    call.store.delete(PRICES, call.params["id"])


# --- billing cycles --------------------------------------------------------------------------

def _check_cycle(store: Store, cycle: dict[str, Any], own_id: str | None) -> None:
    """A cycle is billed forward, and a tenant has one cycle per billing event (409 or 400 as documented)."""
    if moment(cycle["nextBilledOn"]) <= moment(cycle["lastBilledOn"]):
        raise bad_request("nextBilledOn must come after lastBilledOn", "INVALID_FIELD")
    twin = store.first(CYCLES, lambda other: other["id"] != own_id and other["tenantId"] == cycle["tenantId"]
                       and other["eventId"] == cycle["eventId"])
    if twin is not None:
        message = f"tenant {cycle['tenantId']} already has billing cycle {twin['id']} for event {cycle['eventId']}"
        # addBillingCycle documents 409; updateBillingCycle does not.
        raise conflict(message) if own_id is None else bad_request(message, "DUPLICATE")


@SERVICE.operation("getBillingCyclesPage", VIEW_BILLINGCYCLE, formats=FORMATS)
def get_billing_cycles_page(call: Call) -> dict:
    params = call.params
    due_by = params.get("nextBilledOn")
    # nextBilledOn: the cycles due by then.
    return call.store.page(CYCLES, params["page"], params["pageSize"],
                           lambda cycle: (cycle["tenantId"] == params["tenantId"]
                                          and (due_by is None or moment(cycle["nextBilledOn"]) <= moment(due_by))))


@SERVICE.operation("addBillingCycle", MANAGE_BILLINGCYCLE, status=201, formats=FORMATS)
def add_billing_cycle(call: Call) -> dict:
    with call.store.lock:
        _check_cycle(call.store, call.body, None)
        return call.store.create(CYCLES, call.body)


@SERVICE.operation("getBillingCycle", VIEW_BILLINGCYCLE, formats=FORMATS)
def get_billing_cycle(call: Call) -> dict:
    return call.store.get(CYCLES, call.params["id"])


@SERVICE.operation("updateBillingCycle", MANAGE_BILLINGCYCLE, formats=FORMATS)
def update_billing_cycle(call: Call) -> dict:
    with call.store.lock:
        call.store.get(CYCLES, call.params["id"])
        _check_cycle(call.store, call.body, call.params["id"])
        return call.store.update(CYCLES, call.params["id"], call.body)


@SERVICE.operation("deleteBillingCycle", MANAGE_BILLINGCYCLE, status=204, formats=DELETE_FORMATS)
def delete_billing_cycle(call: Call) -> None:
    call.store.delete(CYCLES, call.params["id"])


@SERVICE.operation("processBillingCycle", MANAGE_BILLINGCYCLE, status=202, formats=FORMATS)
def process_billing_cycle(call: Call) -> dict:
    return {"id": str(uuid.uuid4()), "nextBilledOn": call.body["nextBilledOn"], "createdOn": call.store.clock.stamp()}
