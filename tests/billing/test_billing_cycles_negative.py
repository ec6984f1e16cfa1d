"""Billing cycles: what MSX must refuse, and with which status (ids: <operationId>-<status>-<case>)."""

import pytest
from python_msx_sdk.api.billing_cycles_api import BillingCyclesApi
from python_msx_sdk.model.billing_cycle import BillingCycle
from python_msx_sdk.model.billing_cycle_create import BillingCycleCreate
from python_msx_sdk.model.billing_cycle_process import BillingCycleProcess
from python_msx_sdk.model.billing_cycle_update import BillingCycleUpdate

from tests.billing.conftest import NEXT_BILLED_ON, cycle_fields

pytestmark = pytest.mark.negative

CYCLES = "/billing/api/v8/cycles"
UNKNOWN_ID = "5f0c3e52-0000-4000-8000-000000000404"
TOKENS = [pytest.param(None, id="401-no-token"), pytest.param("not-a-valid-token", id="401-bad-token")]
LAST, NEXT = "2020-09-18T18:37:33.810Z", "2020-10-18T18:37:33.810Z"


def valid_cycle(event_id, tenant_id) -> dict:
    """An addBillingCycle/updateBillingCycle body MSX accepts (raw JSON names)."""
    return {"eventId": event_id, "tenantId": tenant_id, "lastBilledOn": LAST, "nextBilledOn": NEXT}


def without(field):
    return lambda event_id, tenant_id: {k: v for k, v in valid_cycle(event_id, tenant_id).items() if k != field}


def with_(**fields):
    return lambda event_id, tenant_id: valid_cycle(event_id, tenant_id) | fields


# Each body breaks one constraint of the contract's BillingCycleCreate (BillingCycleUpdate for updates).
BROKEN_BODIES = [
    pytest.param(without("eventId"), id="missing-event-id"),
    pytest.param(without("tenantId"), id="missing-tenant-id"),
    pytest.param(without("lastBilledOn"), id="missing-last-billed-on"),
    pytest.param(without("nextBilledOn"), id="missing-next-billed-on"),
    pytest.param(with_(eventId="not-a-uuid"), id="event-id-not-a-uuid"),
    pytest.param(with_(tenantId="not-a-uuid"), id="tenant-id-not-a-uuid"),
    pytest.param(with_(lastBilledOn="last month"), id="last-billed-on-not-a-date"),
    pytest.param(with_(nextBilledOn=1603046253), id="next-billed-on-not-a-string"),
    # The contract is silent on these; the emulator answers 400.
    pytest.param(with_(eventId=UNKNOWN_ID), id="unknown-event-id"),
    pytest.param(with_(tenantId=UNKNOWN_ID), id="unknown-tenant-id"),
    pytest.param(with_(nextBilledOn=LAST), id="next-billed-on-not-after-last"),
]
INVALID_ADDS = [pytest.param(*case.values, id=f"addBillingCycle-400-{case.id}") for case in BROKEN_BODIES] + [
    pytest.param(lambda event_id, tenant_id: [valid_cycle(event_id, tenant_id)],
                 id="addBillingCycle-400-body-not-an-object")]
INVALID_UPDATES = [pytest.param(*case.values, id=f"updateBillingCycle-400-{case.id}") for case in BROKEN_BODIES]
MALFORMED = [
    pytest.param("GET", CYCLES, lambda t: [("page", 0), ("pageSize", 10)], id="getBillingCyclesPage-400-no-tenant-id"),
    pytest.param("GET", CYCLES, lambda t: [("tenantId", "x"), ("page", 0), ("pageSize", 10)],
                 id="getBillingCyclesPage-400-tenant-id-not-a-uuid"),
    pytest.param("GET", CYCLES, lambda t: [("tenantId", t), ("page", -1), ("pageSize", 10)],
                 id="getBillingCyclesPage-400-negative-page"),
    pytest.param("GET", CYCLES, lambda t: [("tenantId", t), ("page", 0), ("pageSize", 0)],
                 id="getBillingCyclesPage-400-page-size-0"),
    pytest.param("GET", CYCLES, lambda t: [("tenantId", t), ("page", 0), ("pageSize", 10), ("nextBilledOn", "soon")],
                 id="getBillingCyclesPage-400-next-billed-on-not-a-date"),
    pytest.param("GET", f"{CYCLES}/not-a-uuid", lambda t: [], id="getBillingCycle-400-id-not-a-uuid"),
]
INVALID_PROCESSING = [
    pytest.param({}, id="processBillingCycle-400-missing-next-billed-on"),
    pytest.param({"nextBilledOn": "tomorrow"}, id="processBillingCycle-400-next-billed-on-not-a-date"),
    pytest.param({"nextBilledOn": None}, id="processBillingCycle-400-null-next-billed-on"),
    pytest.param([NEXT], id="processBillingCycle-400-body-not-an-object"),
]


def processing():
    return BillingCycleProcess(next_billed_on=NEXT_BILLED_ON)


OPERATIONS = [
    pytest.param(lambda api, t, e: api.get_billing_cycles_page(tenant_id=t, page=0, page_size=10),
                 id="getBillingCyclesPage"),
    pytest.param(lambda api, t, e: api.add_billing_cycle(BillingCycleCreate(**cycle_fields(e, t))),
                 id="addBillingCycle"),
    pytest.param(lambda api, t, e: api.get_billing_cycle(UNKNOWN_ID), id="getBillingCycle"),
    pytest.param(lambda api, t, e: api.update_billing_cycle(UNKNOWN_ID, BillingCycleUpdate(**cycle_fields(e, t))),
                 id="updateBillingCycle"),
    pytest.param(lambda api, t, e: api.delete_billing_cycle(UNKNOWN_ID), id="deleteBillingCycle"),
    pytest.param(lambda api, t, e: api.process_billing_cycle(processing()), id="processBillingCycle"),
]
UNKNOWN = [
    pytest.param(lambda api, t, e: api.get_billing_cycle(UNKNOWN_ID), id="getBillingCycle-404-unknown-id"),
    pytest.param(lambda api, t, e: api.update_billing_cycle(UNKNOWN_ID, BillingCycleUpdate(**cycle_fields(e, t))),
                 id="updateBillingCycle-404-unknown-id"),
    pytest.param(lambda api, t, e: api.delete_billing_cycle(UNKNOWN_ID), id="deleteBillingCycle-404-unknown-id"),
]
# Each cycle operation, aimed at a cycle the suite user made, and the permission the limited user lacks.
LIMITED = [
    pytest.param(lambda api, cycle: api.get_billing_cycles_page(tenant_id=cycle.tenant_id, page=0, page_size=10),
                 id="getBillingCyclesPage-403-limited-user-lacks-VIEW_BILLINGCYCLE"),
    pytest.param(lambda api, cycle: api.get_billing_cycle(cycle.id),
                 id="getBillingCycle-403-limited-user-lacks-VIEW_BILLINGCYCLE"),
    pytest.param(lambda api, cycle: api.add_billing_cycle(BillingCycleCreate(**cycle_fields(
        cycle.event_id, cycle.tenant_id))), id="addBillingCycle-403-limited-user-lacks-MANAGE_BILLINGCYCLE"),
    pytest.param(lambda api, cycle: api.update_billing_cycle(cycle.id, BillingCycleUpdate(**cycle_fields(
        cycle.event_id, cycle.tenant_id, following=NEXT_BILLED_ON.replace(year=2021)))),
        id="updateBillingCycle-403-limited-user-lacks-MANAGE_BILLINGCYCLE"),
    pytest.param(lambda api, cycle: api.delete_billing_cycle(cycle.id),
                 id="deleteBillingCycle-403-limited-user-lacks-MANAGE_BILLINGCYCLE"),
    pytest.param(lambda api, cycle: api.process_billing_cycle(processing()),
                 id="processBillingCycle-403-limited-user-lacks-MANAGE_BILLINGCYCLE"),
]


@pytest.mark.parametrize("make_body", INVALID_ADDS)
def test_invalid_billing_cycle_is_not_added(send_raw, refuses, billing_tenant, billed_event, make_body):
    refuses(400, lambda: send_raw("POST", CYCLES, make_body(billed_event.id, billing_tenant.id),
                                  answer=(BillingCycle,)))


@pytest.mark.parametrize("make_body", INVALID_UPDATES)
def test_invalid_billing_cycle_update_is_refused(msx_api, send_raw, refuses, billing_cycle, make_body):
    refuses(400, lambda: send_raw("PUT", f"{CYCLES}/{billing_cycle.id}",
                                  make_body(billing_cycle.event_id, billing_cycle.tenant_id)))
    assert msx_api(BillingCyclesApi).get_billing_cycle(billing_cycle.id).to_dict() == billing_cycle.to_dict(), \
        "a refused update changes nothing"


@pytest.mark.parametrize("method, path, make_query", MALFORMED)
def test_malformed_billing_cycle_request_is_rejected(send_raw, refuses, billing_tenant, method, path, make_query):
    refuses(400, lambda: send_raw(method, path, None, make_query(billing_tenant.id)))


def test_updateBillingCycle_400_id_not_a_uuid(send_raw, refuses, billing_tenant, billed_event):
    refuses(400, lambda: send_raw("PUT", f"{CYCLES}/not-a-uuid", valid_cycle(billed_event.id, billing_tenant.id)))


@pytest.mark.side_effect
@pytest.mark.parametrize("body", INVALID_PROCESSING)
def test_invalid_processing_is_refused(send_raw, refuses, body):
    """Marked side_effect: were MSX to accept it, processing would bill every tenant."""
    refuses(400, lambda: send_raw("POST", f"{CYCLES}/process", body))


@pytest.mark.parametrize("token", TOKENS)
@pytest.mark.parametrize("call", OPERATIONS)
def test_billing_cycle_operations_need_a_valid_token(make_api_client, refuses, billing_tenant, billed_event, call,
                                                     token):
    refuses(401, lambda: call(BillingCyclesApi(make_api_client(token)), billing_tenant.id, billed_event.id))


@pytest.mark.parametrize("call", LIMITED)
def test_limited_user_may_not_see_change_or_process_billing_cycles(msx_api, limited_api_client, refuses,
                                                                    billing_cycle, call):
    refuses(403, lambda: call(BillingCyclesApi(limited_api_client), billing_cycle))
    assert msx_api(BillingCyclesApi).get_billing_cycle(billing_cycle.id).to_dict() == billing_cycle.to_dict()


@pytest.mark.parametrize("call", UNKNOWN)
def test_unknown_billing_cycle_is_not_found(msx_api, refuses, billing_tenant, billed_event, call):
    refuses(404, lambda: call(msx_api(BillingCyclesApi), billing_tenant.id, billed_event.id))
