"""Billing events: what MSX must refuse, and with which status (ids: <operationId>-<status>-<case>)."""

import pytest
from python_msx_sdk.api.billing_events_api import BillingEventsApi

pytestmark = pytest.mark.negative

EVENTS = "/billing/api/v8/events"
UNKNOWN_ID = "5f0c3e52-0000-4000-8000-000000000404"
TOKENS = [pytest.param(None, id="401-no-token"), pytest.param("not-a-valid-token", id="401-bad-token")]
LATER, EARLIER = "2021-01-01T00:00:00.000Z", "2020-01-01T00:00:00.000Z"


def page_of(tenant_id, *more):
    return [("tenantId", tenant_id), ("page", 0), ("pageSize", 10), *more]


# Each request breaks one constraint of its operation (the tenant is one of the test's own).
MALFORMED = [
    pytest.param(EVENTS, lambda t: page_of(t)[1:], id="getEventsPage-400-no-tenant-id"),
    pytest.param(EVENTS, lambda t: page_of("not-a-uuid"), id="getEventsPage-400-tenant-id-not-a-uuid"),
    pytest.param(EVENTS, lambda t: page_of(t)[:2], id="getEventsPage-400-no-page-size"),
    pytest.param(EVENTS, lambda t: [("tenantId", t), ("pageSize", 10)], id="getEventsPage-400-no-page"),
    pytest.param(EVENTS, lambda t: [("tenantId", t), ("page", -1), ("pageSize", 10)],
                 id="getEventsPage-400-negative-page"),
    pytest.param(EVENTS, lambda t: [("tenantId", t), ("page", 0), ("pageSize", 0)], id="getEventsPage-400-page-size-0"),
    pytest.param(EVENTS, lambda t: [("tenantId", t), ("page", 0), ("pageSize", 1001)],
                 id="getEventsPage-400-page-size-1001"),
    pytest.param(EVENTS, lambda t: page_of(t, ("fromDate", "yesterday")), id="getEventsPage-400-from-date-not-a-date"),
    pytest.param(EVENTS, lambda t: page_of(t, ("toDate", "2020-13-45T99:00:00Z")),
                 id="getEventsPage-400-to-date-not-a-date"),
    # The contract is silent on a range that ends before it starts; the emulator refuses it.
    pytest.param(EVENTS, lambda t: page_of(t, ("fromDate", LATER), ("toDate", EARLIER)),
                 id="getEventsPage-400-from-date-after-to-date"),
    pytest.param(f"{EVENTS}/costs", lambda t: [], id="getCostSummary-400-no-tenant-id"),
    pytest.param(f"{EVENTS}/costs", lambda t: [("tenantId", "not-a-uuid")], id="getCostSummary-400-tenant-id-not-a-uuid"),
    pytest.param(f"{EVENTS}/costs", lambda t: [("tenantId", t), ("fromDate", "last week")],
                 id="getCostSummary-400-from-date-not-a-date"),
    pytest.param(f"{EVENTS}/costs", lambda t: [("tenantId", t), ("fromDate", LATER), ("toDate", EARLIER)],
                 id="getCostSummary-400-from-date-after-to-date"),
    # The contract's example names the groupings: type, subtype or service.
    pytest.param(f"{EVENTS}/costs", lambda t: [("tenantId", t), ("groupBy", "month")],
                 id="getCostSummary-400-unknown-group-by"),
    pytest.param(f"{EVENTS}/not-a-uuid", lambda t: [], id="getEvent-400-id-not-a-uuid"),
]
OPERATIONS = [
    pytest.param(lambda api, tenant_id: api.get_events_page(tenant_id=tenant_id, page=0, page_size=10),
                 id="getEventsPage"),
    pytest.param(lambda api, tenant_id: api.get_event(UNKNOWN_ID), id="getEvent"),
    pytest.param(lambda api, tenant_id: api.get_cost_summary(tenant_id=tenant_id), id="getCostSummary"),
]
# Each event operation and the permission the contract says it needs, which the limited user lacks.
LIMITED_READS = [
    pytest.param(lambda api, tenant_id, event_id: api.get_events_page(tenant_id=tenant_id, page=0, page_size=10),
                 id="getEventsPage-403-limited-user-lacks-VIEW_EVENTS"),
    pytest.param(lambda api, tenant_id, event_id: api.get_event(event_id),
                 id="getEvent-403-limited-user-lacks-VIEW_EVENTS"),
    pytest.param(lambda api, tenant_id, event_id: api.get_cost_summary(tenant_id=tenant_id),
                 id="getCostSummary-403-limited-user-lacks-VIEW_COSTS"),
]


@pytest.mark.parametrize("path, make_query", MALFORMED)
def test_malformed_event_request_is_rejected(send_raw, refuses, billing_tenant, path, make_query):
    refuses(400, lambda: send_raw("GET", path, query=make_query(billing_tenant.id)))


@pytest.mark.parametrize("token", TOKENS)
@pytest.mark.parametrize("call", OPERATIONS)
def test_event_operations_need_a_valid_token(make_api_client, refuses, own_tenant_id, call, token):
    refuses(401, lambda: call(BillingEventsApi(make_api_client(token)), own_tenant_id))


@pytest.mark.parametrize("read", LIMITED_READS)
def test_limited_user_may_not_read_billing_events(limited_api_client, refuses, own_tenant_id, billed_event, read):
    refuses(403, lambda: read(BillingEventsApi(limited_api_client), own_tenant_id, billed_event.id))


def test_getEvent_404_unknown_id(msx_api, refuses):
    refuses(404, lambda: msx_api(BillingEventsApi).get_event(UNKNOWN_ID))
