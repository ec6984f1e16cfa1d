"""Billing cycles: the lifecycle of a cycle of a tenant of the test's own, one cycle per event, and processing.

A cycle bills a billing event; events are not created through the API, so cycles use one of the
suite user's tenant (the test skips when that tenant has none).
"""

from datetime import datetime, timedelta, timezone

import pytest
from python_msx_sdk.api.billing_cycles_api import BillingCyclesApi
from python_msx_sdk.exceptions import NotFoundException
from python_msx_sdk.model.billing_cycle_create import BillingCycleCreate
from python_msx_sdk.model.billing_cycle_process import BillingCycleProcess
from python_msx_sdk.model.billing_cycle_update import BillingCycleUpdate

from msxsuite.paging import all_items
from tests.billing.conftest import LAST_BILLED_ON, NEXT_BILLED_ON, cycle_fields

CASES = [
    pytest.param(lambda: (LAST_BILLED_ON, NEXT_BILLED_ON), id="monthly"),
    pytest.param(lambda: (datetime(2021, 1, 1, tzinfo=timezone.utc), datetime(2022, 1, 1, tzinfo=timezone.utc)),
                 id="yearly-at-midnight"),
    pytest.param(lambda: (datetime(2021, 3, 1, 12, tzinfo=timezone.utc),
                          datetime(2021, 3, 1, 12, 0, 0, 1000, tzinfo=timezone.utc)), id="one-millisecond-apart"),
]


def assert_dates(cycle, last, following):
    assert (cycle.last_billed_on, cycle.next_billed_on) == (last, following), cycle


@pytest.mark.lifecycle
@pytest.mark.parametrize("dates", CASES)
def test_addBillingCycle_getBillingCycle_getBillingCyclesPage_updateBillingCycle_deleteBillingCycle(
        msx_api, billing_cycles, billing_tenant, billed_event, dates):
    """The lifecycle of a cycle: added, read, found among its tenant's cycles, updated, deleted, gone."""
    cycles_api = msx_api(BillingCyclesApi)
    last, following = dates()

    added = billing_cycles.create(**cycle_fields(billed_event.id, billing_tenant.id, last, following))
    assert added.status == 201
    cycle = added.resource
    assert (cycle.event_id, cycle.tenant_id) == (billed_event.id, billing_tenant.id)
    assert_dates(cycle, last, following)

    assert cycles_api.get_billing_cycle(cycle.id).to_dict() == cycle.to_dict(), "get returns what add returned"
    listed = list(all_items(cycles_api.get_billing_cycles_page, tenant_id=billing_tenant.id))
    assert [c.to_dict() for c in listed] == [cycle.to_dict()], "the tenant's cycles are exactly this one"

    billed_again = following + timedelta(days=30)
    updated, status, _ = cycles_api.update_billing_cycle(
        cycle.id, BillingCycleUpdate(**cycle_fields(billed_event.id, billing_tenant.id, following, billed_again)),
        _return_http_data_only=False)
    assert status == 200 and updated.id == cycle.id
    assert_dates(updated, following, billed_again)
    assert cycles_api.get_billing_cycle(cycle.id).to_dict() == updated.to_dict(), "get returns the update"

    assert billing_cycles.delete(cycle.id) == 204
    with pytest.raises(NotFoundException):
        cycles_api.get_billing_cycle(cycle.id)


def test_getBillingCyclesPage_nextBilledOn_lists_the_cycles_due_by_then(msx_api, billing_cycle, billing_tenant):
    cycles_api = msx_api(BillingCyclesApi)

    def due_by(moment):
        return [c.id for c in all_items(cycles_api.get_billing_cycles_page, tenant_id=billing_tenant.id,
                                         next_billed_on=moment)]

    assert due_by(NEXT_BILLED_ON) == [billing_cycle.id]
    assert due_by(LAST_BILLED_ON) == []


def test_addBillingCycle_409_a_second_cycle_of_the_tenant_for_the_event(msx_api, billing_cycle, billed_event,
                                                                        billing_tenant, refuses):
    refuses(409, lambda: msx_api(BillingCyclesApi).add_billing_cycle(
        BillingCycleCreate(**cycle_fields(billed_event.id, billing_tenant.id))))
    assert [c.id for c in all_items(msx_api(BillingCyclesApi).get_billing_cycles_page,
                                    tenant_id=billing_tenant.id)] == [billing_cycle.id], "no second cycle"


@pytest.mark.side_effect
def test_processBillingCycle_is_accepted(msx_api):
    """Processing bills every tenant due by then on a real MSX: a side effect beyond the suite's objects."""
    accepted, status, _ = msx_api(BillingCyclesApi).process_billing_cycle(
        BillingCycleProcess(next_billed_on=LAST_BILLED_ON), _return_http_data_only=False)
    assert status == 202
    assert accepted.next_billed_on == LAST_BILLED_ON, accepted


@pytest.mark.smoke
def test_getBillingCyclesPage_answers_for_the_users_tenant(msx_api, own_tenant_id):
    """Read-only: a first page of at most 10 billing cycles of the suite user's tenant."""
    page = msx_api(BillingCyclesApi).get_billing_cycles_page(tenant_id=own_tenant_id, page=0, page_size=10)
    assert page.page == 0 and len(page.contents) <= 10, page
