"""Billing: prices and billing cycles of a tenant (both asked for tenant by tenant)."""

from types import SimpleNamespace

from python_msx_sdk.api.billing_cycles_api import BillingCyclesApi
from python_msx_sdk.api.billing_prices_api import BillingPricesApi
from python_msx_sdk.api.tenants_api import TenantsApi
from python_msx_sdk.model.billing_cycle import BillingCycle
from python_msx_sdk.model.billing_cycle_create import BillingCycleCreate
from python_msx_sdk.model.billing_price import BillingPrice
from python_msx_sdk.model.billing_price_create import BillingPriceCreate

from msxsuite.paging import all_items
from msxsuite.registry.kind import ResourceKind


def _prices_in_every_tenant(sdk):
    # getPricesPage requires a tenantId: ask tenant by tenant.
    for tenant in all_items(TenantsApi(sdk.api_client).get_tenants_page):
        yield from all_items(sdk.get_prices_page, tenant_id=tenant.id)


def _cycles_named_by_tenant(sdk):
    """Every billing cycle, named by its tenant: a cycle has no name, the suite's are those of its tenants."""
    for tenant in all_items(TenantsApi(sdk.api_client).get_tenants_page):
        for cycle in all_items(sdk.get_billing_cycles_page, tenant_id=tenant.id):
            yield SimpleNamespace(id=cycle.id, tenant_name=tenant.name)


PRICE = ResourceKind(
    "price", "billing", BillingPricesApi, BillingPrice, "name",
    create=lambda sdk, fields: sdk.add_price(BillingPriceCreate(**fields), _return_http_data_only=False),
    delete=lambda sdk, price_id, **kwargs: sdk.delete_price(price_id, **kwargs),
    list_all=_prices_in_every_tenant, blocks=("tenant",))
BILLING_CYCLE = ResourceKind(
    "billing_cycle", "billing", BillingCyclesApi, BillingCycle, "tenant_name",
    create=lambda sdk, fields: sdk.add_billing_cycle(BillingCycleCreate(**fields), _return_http_data_only=False),
    delete=lambda sdk, cycle_id, **kwargs: sdk.delete_billing_cycle(cycle_id, **kwargs),
    list_all=_cycles_named_by_tenant, blocks=("tenant",))
KINDS = (PRICE, BILLING_CYCLE)
