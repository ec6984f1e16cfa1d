"""Billing's refusals: 403 per documented permission, 400 per breakable constraint, 404 for unknown ids, 409."""

from __future__ import annotations

from datetime import datetime

import pytest
from python_msx_sdk.api.billing_cycles_api import BillingCyclesApi
from python_msx_sdk.api.billing_prices_api import BillingPricesApi
from python_msx_sdk.model.billing_cycle_create import BillingCycleCreate
from python_msx_sdk.model.billing_price_create import BillingPriceCreate

from msx_emulator.config import ROOT_TENANT_ID
from msx_emulator.services.billing import SEEDED_EVENTS
from msx_emulator.tests.helpers import error_naming, raw_call
from msx_emulator.tests.operations import OPERATIONS

EVENTS, PRICES, CYCLES = "/billing/api/v8/events", "/billing/api/v8/prices", "/billing/api/v8/cycles"
UNKNOWN_ID = "00000000-0000-4000-8000-000000000000"
TENANT = [("tenantId", ROOT_TENANT_ID)]
PAGE = TENANT + [("page", 0), ("pageSize", 10)]
PRICE = {"name": "p", "type": "device", "price": 1.5, "tenantId": ROOT_TENANT_ID}
CYCLE = {"eventId": SEEDED_EVENTS[0]["id"], "tenantId": ROOT_TENANT_ID, "lastBilledOn": "2020-09-18T00:00:00Z",
         "nextBilledOn": "2020-10-18T00:00:00Z"}
# Each billing operation and the permission the contract says it needs.
PERMISSIONS = {
    "getEventsPage": "VIEW_EVENTS", "getEvent": "VIEW_EVENTS", "getCostSummary": "VIEW_COSTS",
    "getPricesPage": "VIEW_PRICES", "getPrice": "VIEW_PRICES", "addPrice": "MANAGE_PRICES",
    "updatePrice": "MANAGE_PRICES", "deletePrice": "MANAGE_PRICES",
    "getBillingCyclesPage": "VIEW_BILLINGCYCLE", "getBillingCycle": "VIEW_BILLINGCYCLE",
    "addBillingCycle": "MANAGE_BILLINGCYCLE", "updateBillingCycle": "MANAGE_BILLINGCYCLE",
    "deleteBillingCycle": "MANAGE_BILLINGCYCLE", "processBillingCycle": "MANAGE_BILLINGCYCLE",
}


def _without(body: dict, name: str) -> dict:
    return {key: value for key, value in body.items() if key != name}


@pytest.mark.parametrize("operation, permission", PERMISSIONS.items())
def test_consumer_lacks_every_billing_permission(emu_operator_client, operation, permission):
    error_naming(lambda: OPERATIONS[operation](emu_operator_client), 403, permission)


@pytest.mark.parametrize("body, field", [
    *[pytest.param(_without(PRICE, name), name, id=f"missing-{name}") for name in PRICE],
    pytest.param(PRICE | {"name": ""}, "name", id="empty-name"),
    pytest.param(PRICE | {"type": "t" * 129}, "type", id="long-type"),
    pytest.param(PRICE | {"description": "d" * 257}, "description", id="long-description"),
    pytest.param(PRICE | {"subtype": ""}, "subtype", id="empty-subtype"),
    pytest.param(PRICE | {"source": ""}, "source", id="empty-source"),
    pytest.param(PRICE | {"price": -0.01}, "price", id="negative-price"),
    pytest.param(PRICE | {"price": "240.00"}, "price", id="text-price"),
    pytest.param(PRICE | {"billingPeriod": 1.5}, "billingPeriod", id="fractional-billing-period"),
    pytest.param(PRICE | {"service": 7}, "service", id="number-service"),
    pytest.param(PRICE | {"tenantId": "x"}, "tenantId", id="bad-tenant-id"),
    pytest.param(PRICE | {"tenantId": UNKNOWN_ID}, "tenantId", id="unknown-tenant"),
    pytest.param([PRICE], "body", id="not-an-object"),
])
@pytest.mark.parametrize("method, path", [("POST", PRICES), ("PUT", f"{PRICES}/{{id}}")], ids=["add", "update"])
def test_invalid_prices_are_bad_requests(emu_superuser_client, method, path, body, field):
    created = BillingPricesApi(emu_superuser_client).add_price(BillingPriceCreate(name="p", type="device", price=1.5,
                                                                                  tenant_id=ROOT_TENANT_ID))
    error_naming(lambda: raw_call(emu_superuser_client, method, path.format(id=created.id), body=body), 400, field)


@pytest.mark.parametrize("body, field", [
    *[pytest.param(_without(CYCLE, name), name, id=f"missing-{name}") for name in CYCLE],
    pytest.param(CYCLE | {"eventId": "x"}, "eventId", id="bad-event-id"),
    pytest.param(CYCLE | {"eventId": UNKNOWN_ID}, "eventId", id="unknown-event"),
    pytest.param(CYCLE | {"tenantId": UNKNOWN_ID}, "tenantId", id="unknown-tenant"),
    pytest.param(CYCLE | {"lastBilledOn": "yesterday"}, "lastBilledOn", id="bad-last-billed-on"),
    pytest.param(CYCLE | {"nextBilledOn": 1600000000}, "nextBilledOn", id="number-next-billed-on"),
    pytest.param(CYCLE | {"nextBilledOn": CYCLE["lastBilledOn"]}, "nextBilledOn", id="not-after-last"),
])
@pytest.mark.parametrize("method, path", [("POST", CYCLES), ("PUT", f"{CYCLES}/{{id}}")], ids=["add", "update"])
def test_invalid_cycles_are_bad_requests(emu_superuser_client, method, path, body, field):
    created = BillingCyclesApi(emu_superuser_client).add_billing_cycle(BillingCycleCreate(
        event_id=SEEDED_EVENTS[1]["id"], tenant_id=ROOT_TENANT_ID, last_billed_on=datetime(2020, 9, 18),
        next_billed_on=datetime(2020, 10, 18)))
    error_naming(lambda: raw_call(emu_superuser_client, method, path.format(id=created.id), body=body), 400, field)


@pytest.mark.parametrize("body, field", [
    pytest.param({}, "nextBilledOn", id="missing-next-billed-on"),
    pytest.param({"nextBilledOn": "soon"}, "nextBilledOn", id="bad-next-billed-on"),
    pytest.param(["2020-10-18T00:00:00Z"], "body", id="not-an-object"),
])
def test_invalid_processing_is_a_bad_request(emu_superuser_client, body, field):
    error_naming(lambda: raw_call(emu_superuser_client, "POST", f"{CYCLES}/process", body=body), 400, field)


@pytest.mark.parametrize("path, query, field", [
    pytest.param(EVENTS, PAGE[1:], "tenantId", id="events-missing-tenant"),
    pytest.param(EVENTS, [("tenantId", "x"), ("page", 0), ("pageSize", 10)], "tenantId", id="events-bad-tenant"),
    pytest.param(EVENTS, PAGE[:2], "pageSize", id="events-missing-page-size"),
    pytest.param(EVENTS, TENANT + [("page", -1), ("pageSize", 10)], "page", id="events-negative-page"),
    pytest.param(EVENTS, PAGE + [("fromDate", "monday")], "fromDate", id="events-bad-from-date"),
    pytest.param(EVENTS, PAGE + [("fromDate", "2021-01-01T00:00:00Z"), ("toDate", "2020-01-01T00:00:00Z")],
                 "fromDate", id="events-from-after-to"),
    pytest.param(f"{EVENTS}/costs", [], "tenantId", id="costs-missing-tenant"),
    pytest.param(f"{EVENTS}/costs", TENANT + [("groupBy", "month")], "groupBy", id="costs-unknown-group"),
    pytest.param(f"{EVENTS}/costs", TENANT + [("toDate", "x")], "toDate", id="costs-bad-to-date"),
    pytest.param(f"{EVENTS}/costs", TENANT + [("fromDate", "2021-01-01T00:00:00Z"), ("toDate", "2020-01-01T00:00:00Z")],
                 "fromDate", id="costs-from-after-to"),
    pytest.param(PRICES, TENANT + [("page", 0), ("pageSize", 1001)], "pageSize", id="prices-page-size-over-1000"),
    pytest.param(PRICES, PAGE[1:], "tenantId", id="prices-missing-tenant"),
    pytest.param(CYCLES, TENANT + [("page", 0), ("pageSize", 0)], "pageSize", id="cycles-zero-page-size"),
    pytest.param(CYCLES, PAGE + [("nextBilledOn", "later")], "nextBilledOn", id="cycles-bad-next-billed-on"),
])
def test_pages_and_costs_reject_invalid_queries(emu_superuser_client, path, query, field):
    error_naming(lambda: raw_call(emu_superuser_client, "GET", path, query=query), 400, field)


@pytest.mark.parametrize("method, path, body", [
    ("GET", f"{EVENTS}/not-a-uuid", None), ("GET", f"{PRICES}/not-a-uuid", None),
    ("PUT", f"{PRICES}/not-a-uuid", PRICE), ("GET", f"{CYCLES}/not-a-uuid", None),
    ("PUT", f"{CYCLES}/not-a-uuid", CYCLE),
])
def test_malformed_ids_are_bad_requests(emu_superuser_client, method, path, body):
    error_naming(lambda: raw_call(emu_superuser_client, method, path, body=body), 400, "id")


@pytest.mark.parametrize("path", [f"{PRICES}/not-a-uuid", f"{CYCLES}/not-a-uuid"])
def test_deletes_document_no_400_so_a_malformed_id_is_not_found(emu_superuser_client, path):
    error_naming(lambda: raw_call(emu_superuser_client, "DELETE", path), 404, "not-a-uuid")


@pytest.mark.parametrize("operation", ["getEvent", "getPrice", "updatePrice", "deletePrice", "getBillingCycle",
                                       "deleteBillingCycle"])
def test_unknown_ids_are_not_found(emu_superuser_client, operation):
    error_naming(lambda: OPERATIONS[operation](emu_superuser_client), 404, UNKNOWN_ID)


def test_update_of_an_unknown_cycle_is_not_found(emu_superuser_client):
    error_naming(lambda: raw_call(emu_superuser_client, "PUT", f"{CYCLES}/{UNKNOWN_ID}", body=CYCLE), 404, UNKNOWN_ID)
