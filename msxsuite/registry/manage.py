"""Manage: sites, devices and services belong to a tenant; a site cannot go while it holds devices or
services, a service while devices name it, a device template while it is attached to a device.

Two shapes differ from the common one. A device template's new version is made through the same
factory (`new_version=True`), so that it is deleted after the test like the first one. A service is
made by an order for a Catalog product and offer; the order answers ids only, so the service itself is
read back, and its subscription id carries the suite's name (the order's `payload.subscriptionId`).
"""

from __future__ import annotations

from python_msx_sdk.api.device_templates_api import DeviceTemplatesApi
from python_msx_sdk.api.devices_api import DevicesApi
from python_msx_sdk.api.services_api import ServicesApi
from python_msx_sdk.api.sites_api import SitesApi
from python_msx_sdk.model.device import Device
from python_msx_sdk.model.device_create import DeviceCreate
from python_msx_sdk.model.device_template import DeviceTemplate
from python_msx_sdk.model.device_template_create import DeviceTemplateCreate
from python_msx_sdk.model.device_template_version_create import DeviceTemplateVersionCreate
from python_msx_sdk.model.legacy_service_order import LegacyServiceOrder
from python_msx_sdk.model.legacy_service_order_detail import LegacyServiceOrderDetail
from python_msx_sdk.model.service import Service
from python_msx_sdk.model.site import Site
from python_msx_sdk.model.site_create import SiteCreate

from msxsuite.paging import all_items
from msxsuite.registry.kind import ResourceKind, crud

# Fields of the order's payload that a service factory call may carry, besides product_id and offer_id.
PAYLOAD_FIELDS = ("subscription_id", "subscription_name", "service", "tenant")


def create_device_template(sdk, fields: dict) -> tuple:
    """createDeviceTemplate, or createDeviceTemplateVersion when `new_version` is true."""
    fields = dict(fields)
    if fields.pop("new_version", False):
        return sdk.create_device_template_version(DeviceTemplateVersionCreate(**fields), _return_http_data_only=False)
    return sdk.create_device_template(DeviceTemplateCreate(**fields), _return_http_data_only=False)


def order(fields: dict) -> LegacyServiceOrder:
    """The order a service factory call describes: payload fields (`tenant_id` as `tenant.id`), the rest as is."""
    fields = {name: value for name, value in fields.items() if name not in ("product_id", "offer_id")}
    if "tenant_id" in fields:
        fields["tenant"] = {"id": fields.pop("tenant_id")}
    payload = {name: fields.pop(name) for name in PAYLOAD_FIELDS if name in fields}
    return LegacyServiceOrder(payload=LegacyServiceOrderDetail(**payload), **fields)


def submit_order(sdk, fields: dict) -> tuple:
    """submitOrder(product_id, offer_id, order); answers the Service made, the order's status and headers."""
    answer, status, headers = sdk.submit_order(fields["product_id"], fields["offer_id"], order(fields),
                                               _return_http_data_only=False)
    return sdk.get_service(answer.service_instance_ids[0]), status, headers


SITE = crud("site", "manage", SitesApi, SiteCreate, Site, "name",
            create="create_site", delete="delete_site", page="get_sites_page", blocks=("tenant",))
SERVICE = ResourceKind(
    "service", "manage", ServicesApi, Service, "subscription_id", create=submit_order,
    delete=lambda sdk, service_id, **kwargs: sdk.delete_service(service_id, **kwargs),
    list_all=lambda sdk: all_items(sdk.get_services_page), blocks=("site", "tenant"))
DEVICE_TEMPLATE = ResourceKind(
    "device_template", "manage", DeviceTemplatesApi, DeviceTemplate, "name",
    create=create_device_template,
    delete=lambda sdk, template_id, **kwargs: sdk.delete_device_template(template_id, **kwargs),
    list_all=lambda sdk: sdk.get_device_templates_list(all_versions=True), blocks=("tenant",))
# Devices carry credentials in their attributes (the MSX guide's sample: devicePassword).
DEVICE = crud("device", "manage", DevicesApi, DeviceCreate, Device, "name",
              create="create_device", delete="delete_device", page="get_devices_page",
              secret_fields=("devicePassword",), blocks=("tenant", "site", "service", "device_template"))
KINDS = (SITE, SERVICE, DEVICE_TEMPLATE, DEVICE)
