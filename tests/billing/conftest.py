"""Fixtures of the billing checklist: a tenant of the test's own to bill, and a billing event to bill cycles on.

Billing events are not created through the API: the suite reads those of its own user's tenant.
"""

from datetime import datetime, timezone

import pytest
from python_msx_sdk.api.billing_events_api import BillingEventsApi
from python_msx_sdk.api.users_api import UsersApi

LAST_BILLED_ON = datetime(2020, 9, 18, 18, 37, 33, 810000, tzinfo=timezone.utc)
NEXT_BILLED_ON = datetime(2020, 10, 18, 18, 37, 33, 810000, tzinfo=timezone.utc)


def required_price_fields(name, tenant_id) -> dict:
    """The fields a price cannot be added without (the SDK's required arguments)."""
    return {"name": name, "type": "device", "price": 240.0, "tenant_id": tenant_id}


def cycle_fields(event_id, tenant_id, last=LAST_BILLED_ON, following=NEXT_BILLED_ON) -> dict:
    """A billing cycle's fields (all four are required)."""
    return {"event_id": event_id, "tenant_id": tenant_id, "last_billed_on": last, "next_billed_on": following}


@pytest.fixture
def own_tenant_id(msx_api):
    """The tenant of the suite's own user, whose billing events the checklist reads."""
    tenant_ids = msx_api(UsersApi).get_current_user().tenant_ids
    assert tenant_ids, "the suite's user belongs to no tenant"
    return tenant_ids[0]


@pytest.fixture
def billed_event(msx_api, own_tenant_id):
    """A billing event of the suite user's tenant (skips when it has none)."""
    events = msx_api(BillingEventsApi).get_events_page(tenant_id=own_tenant_id, page=0, page_size=1).contents
    if not events:
        pytest.skip("the suite user's tenant has no billing event to read or bill")
    return events[0]


@pytest.fixture
def billing_tenant(tenants, unique_name):
    """A tenant of the test's own to price and bill; deleted after the test."""
    return tenants.create(name=f"{unique_name}-billed").resource


@pytest.fixture
def price(prices, billing_tenant, unique_name):
    """A price of `billing_tenant` with only its required fields; deleted after the test."""
    return prices.create(**required_price_fields(unique_name, billing_tenant.id)).resource


@pytest.fixture
def billing_cycle(billing_cycles, billing_tenant, billed_event):
    """A billing cycle of `billing_tenant` on `billed_event`; deleted after the test."""
    return billing_cycles.create(**cycle_fields(billed_event.id, billing_tenant.id)).resource
