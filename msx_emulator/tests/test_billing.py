"""Billing: the seeded events and their costs, prices and billing cycles of tenants, cycle processing."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from python_msx_sdk.api.billing_cycles_api import BillingCyclesApi
from python_msx_sdk.api.billing_events_api import BillingEventsApi
from python_msx_sdk.api.billing_prices_api import BillingPricesApi
from python_msx_sdk.model.billing_cycle_create import BillingCycleCreate
from python_msx_sdk.model.billing_cycle_process import BillingCycleProcess
from python_msx_sdk.model.billing_cycle_update import BillingCycleUpdate
from python_msx_sdk.model.billing_price_create import BillingPriceCreate
from python_msx_sdk.model.billing_price_update import BillingPriceUpdate
from python_msx_sdk.model.tenant_create import TenantCreate

from msx_emulator.config import OPERATIONS_TENANT_ID, ROOT_TENANT_ID
from msx_emulator.services.billing import SEEDED_EVENTS
from msx_emulator.tests.helpers import error_naming

FIRST_EVENT, SITE_EVENT = SEEDED_EVENTS[0]["id"], SEEDED_EVENTS[2]["id"]
SEPTEMBER, OCTOBER, NOVEMBER = (datetime(2020, month, 18, tzinfo=timezone.utc) for month in (9, 10, 11))
EARLY_OCTOBER = datetime(2020, 10, 10, tzinfo=timezone.utc)  # after the root tenant's device events, before its site event


@pytest.fixture
def emu_events(emu_superuser_client):
    """BillingEventsApi as superuser."""
    return BillingEventsApi(emu_superuser_client)


@pytest.fixture
def emu_prices(emu_superuser_client):
    """BillingPricesApi as superuser."""
    return BillingPricesApi(emu_superuser_client)


@pytest.fixture
def emu_cycles(emu_superuser_client):
    """BillingCyclesApi as superuser."""
    return BillingCyclesApi(emu_superuser_client)


def _cycle(event_id: str = FIRST_EVENT, tenant_id: str = ROOT_TENANT_ID, last=SEPTEMBER, following=OCTOBER) -> dict:
    return dict(event_id=event_id, tenant_id=tenant_id, last_billed_on=last, next_billed_on=following)


def test_events_page_lists_the_tenants_seeded_events_with_filters(emu_events):
    page = emu_events.get_events_page(ROOT_TENANT_ID, 0, 10)
    assert (page.total_items, [e.id for e in page.contents][:1]) == (3, [FIRST_EVENT])
    assert [e.subtype for e in emu_events.get_events_page(ROOT_TENANT_ID, 0, 10, type="site").contents] == ["sdbranch"]
    assert emu_events.get_events_page(ROOT_TENANT_ID, 0, 10, subtype="manageddevice").total_items == 2
    assert emu_events.get_events_page(ROOT_TENANT_ID, 0, 10, from_date=OCTOBER).total_items == 0
    assert emu_events.get_events_page(ROOT_TENANT_ID, 0, 10, from_date=SEPTEMBER, to_date=EARLY_OCTOBER).total_items == 2
    assert emu_events.get_events_page(OPERATIONS_TENANT_ID, 0, 1).has_next is True
    assert emu_events.get_events_page("00000000-0000-4000-8000-000000000000", 0, 10).contents == []


def test_get_event_answers_the_seeded_event(emu_events):
    event = emu_events.get_event(FIRST_EVENT)
    assert (event.tenant_id, event.type, event.price, event.details["serviceType"]) == (
        ROOT_TENANT_ID, "device", 340.5, "manageddevice")


@pytest.mark.parametrize("group_by, details", [
    (None, [("device", "manageddevice", 460.5), ("site", "sdbranch", 250.0)]),
    ("subtype", [("device", "manageddevice", 460.5), ("site", "sdbranch", 250.0)]),
    ("type", [("device", None, 460.5), ("site", None, 250.0)]),
    ("service", [(None, "manageddevice", 460.5), (None, "sdbranch", 250.0)]),
])
def test_cost_summary_adds_the_prices_of_the_tenants_events(emu_events, group_by, details):
    report = emu_events.get_cost_summary(ROOT_TENANT_ID, **({"group_by": group_by} if group_by else {}))
    assert report.tenant_id == ROOT_TENANT_ID
    assert [(d.get("type"), d.get("subtype"), d.cost) for d in report.details] == details


def test_cost_summary_of_a_date_range(emu_events):
    report = emu_events.get_cost_summary(ROOT_TENANT_ID, from_date=SEPTEMBER, to_date=EARLY_OCTOBER, group_by="type")
    assert [(d.type, d.cost) for d in report.details] == [("device", 460.5)]


def test_price_lifecycle(emu, emu_prices):
    created = emu_prices.add_price(BillingPriceCreate(name="Device price", type="device", subtype="CISCO ISR 4451",
                                                      price=240.0, tenant_id=ROOT_TENANT_ID, source="suite"))
    assert (created.name, created.price, created.created_on) == ("Device price", 240.0, created.modified_on)
    assert emu_prices.get_price(created.id).to_dict() == created.to_dict()
    assert [p.id for p in emu_prices.get_prices_page(ROOT_TENANT_ID, 0, 10, type="device").contents] == [created.id]
    assert emu_prices.get_prices_page(ROOT_TENANT_ID, 0, 10, subtype="other").contents == []
    assert emu.stats()["left"] == {"prices": ["Device price"]}
    updated = emu_prices.update_price(created.id, BillingPriceUpdate(name="Renamed", type="device", price=0.0,
                                                                     tenant_id=ROOT_TENANT_ID))
    assert (updated.name, updated.price, updated.source) == ("Renamed", 0.0, "suite"), "fields left out are kept"
    assert updated.modified_on > created.modified_on
    _, status, _ = emu_prices.delete_price(created.id, _return_http_data_only=False)
    assert status == 204
    error_naming(lambda: emu_prices.get_price(created.id), 404, created.id)


def test_tenant_with_prices_or_cycles_cannot_be_deleted(emu_tenants, emu_prices, emu_cycles):
    tenant = emu_tenants.create_tenant(TenantCreate(name="Billed"))
    price = emu_prices.add_price(BillingPriceCreate(name="p", type="device", price=1.0, tenant_id=tenant.id))
    cycle = emu_cycles.add_billing_cycle(BillingCycleCreate(**_cycle(tenant_id=tenant.id)))
    error_naming(lambda: emu_tenants.delete_tenant(tenant.id), 409, "price")
    emu_prices.delete_price(price.id)
    error_naming(lambda: emu_tenants.delete_tenant(tenant.id), 409, "billing cycle")
    emu_cycles.delete_billing_cycle(cycle.id)
    emu_tenants.delete_tenant(tenant.id)


def test_billing_cycle_lifecycle(emu, emu_cycles):
    created = emu_cycles.add_billing_cycle(BillingCycleCreate(**_cycle()))
    assert (created.event_id, created.next_billed_on) == (FIRST_EVENT, OCTOBER)
    assert emu_cycles.get_billing_cycle(created.id).to_dict() == created.to_dict()
    assert emu.stats()["left"] == {"billing_cycles": [created.id]}
    page = emu_cycles.get_billing_cycles_page(ROOT_TENANT_ID, 0, 10, next_billed_on=OCTOBER)
    assert [c.id for c in page.contents] == [created.id], "due by its nextBilledOn"
    assert emu_cycles.get_billing_cycles_page(ROOT_TENANT_ID, 0, 10, next_billed_on=SEPTEMBER).contents == []
    updated = emu_cycles.update_billing_cycle(created.id, BillingCycleUpdate(**_cycle(last=OCTOBER,
                                                                                      following=NOVEMBER)))
    assert (updated.id, updated.last_billed_on, updated.next_billed_on) == (created.id, OCTOBER, NOVEMBER)
    _, status, _ = emu_cycles.delete_billing_cycle(created.id, _return_http_data_only=False)
    assert status == 204
    error_naming(lambda: emu_cycles.get_billing_cycle(created.id), 404, created.id)


def test_one_cycle_per_tenant_and_event(emu_cycles):
    first = emu_cycles.add_billing_cycle(BillingCycleCreate(**_cycle()))
    error_naming(lambda: emu_cycles.add_billing_cycle(BillingCycleCreate(**_cycle())), 409, first.id)
    other = emu_cycles.add_billing_cycle(BillingCycleCreate(**_cycle(event_id=SITE_EVENT)))
    error_naming(lambda: emu_cycles.update_billing_cycle(other.id, BillingCycleUpdate(**_cycle())), 400, first.id)


def test_process_billing_cycle_is_accepted_and_changes_no_cycle(emu_cycles):
    cycle = emu_cycles.add_billing_cycle(BillingCycleCreate(**_cycle()))
    accepted, status, _ = emu_cycles.process_billing_cycle(BillingCycleProcess(next_billed_on=OCTOBER),
                                                           _return_http_data_only=False)
    assert (status, accepted.next_billed_on) == (202, OCTOBER) and accepted.id and accepted.created_on
    assert emu_cycles.get_billing_cycle(cycle.id).to_dict() == cycle.to_dict()
