"""Fixtures of the Manage checklist: a tenant of the test's own and the sites, devices, device templates,
Catalog offers and services in it, each made through the registry's factories (deleted after the test)."""

import pytest
from python_msx_sdk.model.device_template_access import DeviceTemplateAccess

TEMPLATE_XML = "<config><hostname>{$hostname}</hostname><ntp><server>{$ntpServer}</server></ntp></config>"
TEMPLATE_PARAMETERS = ["hostname", "ntpServer"]


def required_site_fields(name, tenant_id) -> dict:
    """The fields a site cannot be created without."""
    return {"name": name, "tenant_id": tenant_id}


def required_device_fields(name, tenant_id) -> dict:
    """The fields a device cannot be created without (the contract's; the SDK requires fewer)."""
    return {"name": name, "tenant_id": tenant_id, "model": "c8000v", "type": "router", "onboard_type": "manual"}


def required_template_fields(name) -> dict:
    """The fields a device template cannot be created without."""
    return {"name": name, "service_type": "managed-device", "config_content": TEMPLATE_XML,
            "resource_provider": "nso"}


def template_params(hostname="edge-1") -> list:
    """A value for every parameter of TEMPLATE_XML, as the attach and update requests carry them."""
    return [{"name": "hostname", "value": hostname}, {"name": "ntpServer", "value": "192.0.2.1"}]


@pytest.fixture
def manage_tenant(tenants, unique_name):
    """A tenant of the test's own for its sites, devices and services (limited_user has another)."""
    return tenants.create(name=f"{unique_name}-tenant").resource


@pytest.fixture
def site(sites, manage_tenant, unique_name):
    """A site of `manage_tenant` with only its required fields."""
    return sites.create(**required_site_fields(unique_name, manage_tenant.id)).resource


@pytest.fixture
def device(devices, manage_tenant, unique_name):
    """An unmanaged device of `manage_tenant` with only its required fields."""
    return devices.create(**required_device_fields(unique_name, manage_tenant.id)).resource


@pytest.fixture
def device_template(device_templates, manage_tenant, unique_name):
    """A device template with two parameters, granted to `manage_tenant`."""
    return device_templates.create(**required_template_fields(unique_name),
                                   tenant_access=DeviceTemplateAccess(tenant_ids=[manage_tenant.id])).resource


@pytest.fixture
def offer_of_product(products, offers, unique_name):
    """A Catalog offer of a Catalog product, both the test's own, to order services of."""
    product = products.create(name=unique_name, label=unique_name, version=1, description="Made by the MSX suite",
                              image="/services/msx-suite/images/icon.svg").resource
    return offers.create(name=unique_name, label=unique_name, version=1, description="Made by the MSX suite",
                         product_id=product.id).resource


@pytest.fixture
def service(services, offer_of_product, manage_tenant, unique_name):
    """A service of `manage_tenant`, ordered from `offer_of_product`, its subscription named after the test."""
    return services.create(product_id=offer_of_product.product_id, offer_id=offer_of_product.id,
                           subscription_id=unique_name, tenant_id=manage_tenant.id, service_type="managed-device"
                           ).resource
