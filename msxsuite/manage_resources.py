"""How the registry creates the Manage resources whose SDK shape is not the common one.

A device template's new version is made through the same factory (`new_version=True`), so that it is
deleted after the test like the first one. A service is made by an order for a Catalog product and offer;
the order answers ids only, so the service itself is read back, and its subscription id carries the
suite's name (the order's `payload.subscriptionId`).
"""

from __future__ import annotations

from python_msx_sdk.model.device_template_create import DeviceTemplateCreate
from python_msx_sdk.model.device_template_version_create import DeviceTemplateVersionCreate
from python_msx_sdk.model.legacy_service_order import LegacyServiceOrder
from python_msx_sdk.model.legacy_service_order_detail import LegacyServiceOrderDetail

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
