"""Billing events: the events of the suite user's tenant, read by page and by id, filtered, and their costs.

Billing events are not created through the API, so these tests only read; a tenant of the test's own
(which nothing has billed) shows what an unbilled tenant answers.
"""

from datetime import datetime, timezone

import pytest
from python_msx_sdk.api.billing_events_api import BillingEventsApi

from msxsuite.paging import all_items

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


@pytest.mark.smoke
def test_getEventsPage_answers_a_first_page_of_the_users_tenant(msx_api, own_tenant_id):
    """Read-only: a first page of at most 10 events, all of that tenant."""
    page = msx_api(BillingEventsApi).get_events_page(tenant_id=own_tenant_id, page=0, page_size=10)
    assert page.page == 0 and len(page.contents) <= 10, f"a first page of at most 10 events: {page}"
    assert all(event.tenant_id == own_tenant_id for event in page.contents), page


def test_getEvent_answers_the_event_as_paged(msx_api, billed_event):
    event = msx_api(BillingEventsApi).get_event(billed_event.id)
    assert event.to_dict() == billed_event.to_dict(), "getEvent returns what getEventsPage listed"


@pytest.mark.parametrize("filters", [
    pytest.param(lambda event: {"type": event.type}, id="type"),
    pytest.param(lambda event: {"type": event.type, "subtype": event.subtype}, id="type-and-subtype"),
    pytest.param(lambda event: {"from_date": event.created_on, "to_date": event.created_on}, id="its-created-on"),
])
def test_getEventsPage_filters_find_the_event(msx_api, own_tenant_id, billed_event, filters):
    """Every filter the event matches lists it, and everything listed matches the filter."""
    asked = filters(billed_event)
    found = list(all_items(msx_api(BillingEventsApi).get_events_page, tenant_id=own_tenant_id, **asked))
    assert billed_event.id in [event.id for event in found], f"{billed_event.id} not found with {asked}"
    for event in found:
        assert all(getattr(event, name) == value for name, value in asked.items() if name in ("type", "subtype"))
        if "from_date" in asked:
            assert asked["from_date"] <= event.created_on <= asked["to_date"], event


def test_getEventsPage_of_an_unbilled_tenant_is_empty(msx_api, billing_tenant):
    page = msx_api(BillingEventsApi).get_events_page(tenant_id=billing_tenant.id, page=0, page_size=10)
    assert (page.contents, page.has_next) == ([], False), page


@pytest.mark.parametrize("group_by", [
    pytest.param(None, id="default-grouping"),
    pytest.param("type", id="by-type"),
    pytest.param("subtype", id="by-subtype"),
    pytest.param("service", id="by-service"),
])
def test_getCostSummary_reports_the_tenants_costs(msx_api, own_tenant_id, billed_event, group_by):
    """A report of the tenant, one detail per group, no cost below 0; the billed event's type is among them."""
    options = {"group_by": group_by} if group_by else {}
    report = msx_api(BillingEventsApi).get_cost_summary(tenant_id=own_tenant_id, from_date=EPOCH, **options)
    assert report.tenant_id == own_tenant_id
    details = [detail.to_dict() for detail in report.details]
    assert all((detail.get("cost") or 0) >= 0 for detail in details), details
    groups = [tuple(sorted((k, v) for k, v in detail.items() if k in ("type", "subtype"))) for detail in details]
    assert len(groups) == len(set(groups)), f"one detail per group: {details}"
    if group_by == "type":
        assert billed_event.type in [detail.get("type") for detail in details], details


def test_getCostSummary_of_an_unbilled_tenant_costs_nothing(msx_api, billing_tenant):
    report = msx_api(BillingEventsApi).get_cost_summary(tenant_id=billing_tenant.id)
    assert report.tenant_id == billing_tenant.id
    assert all(not detail.cost for detail in report.details), report
