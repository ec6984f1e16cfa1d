"""Tenant isolation of Manage: the tenant admin of one suite tenant never reads, lists, changes or deletes the
sites, devices and services of another, and reads and changes its own (ids: <operationId>-<case>).

Both tenants and all their objects are the suite's own (`suite_tenants`, the registry's factories). A refusal
is 403 (no access to the tenant, what the emulator answers) or 404 (where MSX hides that the object exists).
A leak fails with one line: `isolation leak: the tenant admin of A read site X of tenant B (getSite 200)`.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest
from python_msx_sdk.api.devices_api import DevicesApi
from python_msx_sdk.api.services_api import ServicesApi
from python_msx_sdk.api.sites_api import SitesApi
from python_msx_sdk.model.device_config_update import DeviceConfigUpdate
from python_msx_sdk.model.device_create import DeviceCreate
from python_msx_sdk.model.device_patch import DevicePatch
from python_msx_sdk.model.device_update import DeviceUpdate
from python_msx_sdk.model.service_update import ServiceUpdate
from python_msx_sdk.model.site_create import SiteCreate
from python_msx_sdk.model.site_update import SiteUpdate

from msxsuite.isolation import ANSWERED, Crossing, SuiteTenant, cross, fail_if_listed
from msxsuite.paging import all_items
from tests.manage.conftest import required_device_fields, required_site_fields


class ManageObjects(NamedTuple):
    """A site, a device and a service of one suite tenant."""

    site: object
    device: object
    service: object


def _raw(response) -> tuple:
    """A text or bodiless answer read with _preload_content=False, as the SDK's (data, status, headers)."""
    return None, response.status, response.headers


def _device_update(device) -> DeviceUpdate:
    return DeviceUpdate(name=device.name, model=device.model, type=device.type, onboard_type="manual",
                        version="taken-over")


CROSSINGS = [
    Crossing("getSite", "other-tenants-site", "read site {site} of tenant {tenant}",
             lambda client, a, b, objects: SitesApi(client).get_site(objects.site.id, **ANSWERED)),
    Crossing("updateSite", "other-tenants-site", "changed site {site} of tenant {tenant}",
             lambda client, a, b, objects: SitesApi(client).update_site(
                 objects.site.id, SiteUpdate(name=objects.site.name, description="Taken over"), **ANSWERED)),
    Crossing("deleteSite", "other-tenants-site", "deleted site {site} of tenant {tenant}",
             lambda client, a, b, objects: SitesApi(client).delete_site(objects.site.id, **ANSWERED)),
    Crossing("createSite", "in-other-tenant", "created a site in tenant {tenant}",
             lambda client, a, b, objects: SitesApi(client).create_site(SiteCreate(
                 **required_site_fields(f"{a.tenant.name}-intruder", b.tenant.id)), **ANSWERED)),
    Crossing("getDevice", "other-tenants-device", "read device {device} of tenant {tenant}",
             lambda client, a, b, objects: DevicesApi(client).get_device(objects.device.id, **ANSWERED)),
    Crossing("getDeviceConfig", "other-tenants-device", "read the running config of device {device} of tenant {tenant}",
             lambda client, a, b, objects: _raw(DevicesApi(client).get_device_config(objects.device.id,
                                                                                     _preload_content=False))),
    Crossing("getDeviceTemplateHistory", "other-tenants-device",
             "read the template history of device {device} of tenant {tenant}",
             lambda client, a, b, objects: DevicesApi(client).get_device_template_history(objects.device.id,
                                                                                          **ANSWERED)),
    Crossing("updateDevice", "other-tenants-device", "changed device {device} of tenant {tenant}",
             lambda client, a, b, objects: DevicesApi(client).update_device(
                 objects.device.id, _device_update(objects.device), **ANSWERED)),
    Crossing("patchDevice", "other-tenants-device", "changed device {device} of tenant {tenant}",
             lambda client, a, b, objects: DevicesApi(client).patch_device(
                 objects.device.id, DevicePatch(version="taken-over"), **ANSWERED)),
    Crossing("updateDeviceConfig", "other-tenants-device", "changed the running config of device {device} of "
             "tenant {tenant}",
             lambda client, a, b, objects: _raw(DevicesApi(client).update_device_config(
                 objects.device.id, DeviceConfigUpdate(correlation_id="msx-suite-isolation", format="cli", config_content="hostname taken-over\n"),
                 _preload_content=False))),
    Crossing("deleteDevice", "other-tenants-device", "deleted device {device} of tenant {tenant}",
             lambda client, a, b, objects: DevicesApi(client).delete_device(objects.device.id, **ANSWERED)),
    Crossing("createDevice", "in-other-tenant", "created a device in tenant {tenant}",
             lambda client, a, b, objects: DevicesApi(client).create_device(DeviceCreate(
                 **required_device_fields(f"{a.tenant.name}-intruder", b.tenant.id)), **ANSWERED)),
    Crossing("getService", "other-tenants-service", "read service {service} of tenant {tenant}",
             lambda client, a, b, objects: ServicesApi(client).get_service(objects.service.id, **ANSWERED)),
    Crossing("updateService", "other-tenants-service", "changed service {service} of tenant {tenant}",
             lambda client, a, b, objects: ServicesApi(client).update_service(
                 objects.service.id, ServiceUpdate(attributes={"takenOver": "yes"}), **ANSWERED)),
    Crossing("deleteService", "other-tenants-service", "deleted service {service} of tenant {tenant}",
             lambda client, a, b, objects: ServicesApi(client).delete_service(objects.service.id, **ANSWERED)),
]


@pytest.fixture
def objects_of(sites, devices, services, offer_of_product):
    """Make a site, a device and a service in a suite tenant: `objects_of(b)`."""

    def make(owner: SuiteTenant) -> ManageObjects:
        name, tenant_id = owner.tenant.name, owner.tenant.id
        return ManageObjects(
            sites.create(**required_site_fields(f"{name}-site", tenant_id)).resource,
            devices.create(**required_device_fields(f"{name}-device", tenant_id)).resource,
            services.create(product_id=offer_of_product.product_id, offer_id=offer_of_product.id,
                            subscription_id=f"{name}-service", tenant_id=tenant_id,
                            service_type="managed-device").resource)

    return make


@pytest.mark.parametrize("crossing", [crossing.param() for crossing in CROSSINGS])
def test_tenant_admin_is_refused_across_tenants(suite_tenants, objects_of, msx_api, crossing):
    a, b = suite_tenants
    objects = objects_of(b)
    cross(crossing, a, b, msx_api, objects, site=objects.site.name, device=objects.device.name,
          service=objects.service.subscription_id)
    assert msx_api(SitesApi).get_site(objects.site.id).description == objects.site.description, "b's site unchanged"
    device = msx_api(DevicesApi).get_device(objects.device.id)
    assert device.get("version") == objects.device.get("version"), "b's device unchanged"
    assert msx_api(ServicesApi).get_service(objects.service.id).attributes == objects.service.attributes


def test_getSitesPage_getDevicesPage_getServicesPage_list_no_other_tenants_object(suite_tenants, objects_of):
    a, b = suite_tenants
    own, others = objects_of(a), objects_of(b)
    pages = (("getSitesPage", "site", SitesApi(a.client).get_sites_page, own.site, others.site, "name"),
             ("getDevicesPage", "device", DevicesApi(a.client).get_devices_page, own.device, others.device, "name"),
             ("getServicesPage", "service", ServicesApi(a.client).get_services_page, own.service, others.service,
              "subscription_id"))
    for operation_id, noun, get_page, mine, theirs, name in pages:
        listed = list(all_items(get_page))
        fail_if_listed(a, listed, {theirs.id: getattr(theirs, name)}, f"listed {noun} {{name}} of tenant "
                       f"{b.tenant.name}", operation_id)
        assert mine.id in {item.id for item in listed}, f"{operation_id}: its own {noun} is listed"


def test_getSite_updateSite_getDevice_getService_work_in_own_tenant(suite_tenants, objects_of):
    a, _ = suite_tenants
    own = objects_of(a)
    sites = SitesApi(a.client)
    assert sites.get_site(own.site.id).name == own.site.name
    assert sites.update_site(own.site.id, SiteUpdate(name=own.site.name, description="Changed by its admin")) \
        .description == "Changed by its admin"
    assert DevicesApi(a.client).get_device(own.device.id).name == own.device.name
    assert ServicesApi(a.client).get_service(own.service.id).subscription_id == own.service.subscription_id
