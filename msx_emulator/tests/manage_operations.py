"""One call per Manage operation (37) through the SDK, keyed by operationId; merged into operations.OPERATIONS.

Nothing is seeded in Manage: the calls naming a site, device, template or service answer 404 (400 where the
operation documents no 404), the creates make one with only its required fields.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from python_msx_sdk.api.device_templates_api import DeviceTemplatesApi
from python_msx_sdk.api.devices_api import DevicesApi
from python_msx_sdk.api.services_api import ServicesApi
from python_msx_sdk.api.sites_api import SitesApi
from python_msx_sdk.model.device_config_update import DeviceConfigUpdate
from python_msx_sdk.model.device_create import DeviceCreate
from python_msx_sdk.model.device_patch import DevicePatch
from python_msx_sdk.model.device_template_access import DeviceTemplateAccess
from python_msx_sdk.model.device_template_attach_request import DeviceTemplateAttachRequest
from python_msx_sdk.model.device_template_batch_attach_request import DeviceTemplateBatchAttachRequest
from python_msx_sdk.model.device_template_create import DeviceTemplateCreate
from python_msx_sdk.model.device_template_details import DeviceTemplateDetails
from python_msx_sdk.model.device_template_update_details import DeviceTemplateUpdateDetails
from python_msx_sdk.model.device_template_update_request import DeviceTemplateUpdateRequest
from python_msx_sdk.model.device_template_version_create import DeviceTemplateVersionCreate
from python_msx_sdk.model.device_update import DeviceUpdate
from python_msx_sdk.model.legacy_service_order import LegacyServiceOrder
from python_msx_sdk.model.service_update import ServiceUpdate
from python_msx_sdk.model.site_create import SiteCreate
from python_msx_sdk.model.site_update import SiteUpdate

from msx_emulator.config import OPERATIONS_TENANT_ID

UNKNOWN_ID = "00000000-0000-4000-8000-000000000000"
DEVICE = dict(name="d", model="m", type="t", onboard_type="manual")
TEMPLATE = dict(name="t", service_type="managed-device", config_content="<config/>", resource_provider="nso")
TEMPLATE_XML = "<config><hostname>{$hostname}</hostname><ntp>{$ntpServer}</ntp></config>"


def template_file(content: str = TEMPLATE_XML):
    """An open XML file, as the SDK wants for scanDeviceTemplateParameters (it reads and closes it)."""
    path = Path(tempfile.gettempdir(), f"msx-emulator-template-{os.getpid()}.xml")
    path.write_text(content)
    return open(path, "rb")


MANAGE_OPERATIONS = {
    "getSitesPage": lambda c: SitesApi(c).get_sites_page(0, 10),
    "createSite": lambda c: SitesApi(c).create_site(SiteCreate(name="s", tenant_id=OPERATIONS_TENANT_ID)),
    "getSite": lambda c: SitesApi(c).get_site(UNKNOWN_ID),
    "updateSite": lambda c: SitesApi(c).update_site(UNKNOWN_ID, SiteUpdate(name="s")),
    "deleteSite": lambda c: SitesApi(c).delete_site(UNKNOWN_ID),
    "addDevicesToSite": lambda c: SitesApi(c).add_devices_to_site(UNKNOWN_ID, [UNKNOWN_ID]),
    "removeDevicesFromSite": lambda c: SitesApi(c).remove_devices_from_site(UNKNOWN_ID, [UNKNOWN_ID]),
    "addServicesToSite": lambda c: SitesApi(c).add_services_to_site(UNKNOWN_ID, [UNKNOWN_ID]),
    "removeServicesFromSite": lambda c: SitesApi(c).remove_services_from_site(UNKNOWN_ID, [UNKNOWN_ID]),
    "getDevicesPage": lambda c: DevicesApi(c).get_devices_page(0, 10),
    "createDevice": lambda c: DevicesApi(c).create_device(DeviceCreate(tenant_id=OPERATIONS_TENANT_ID, **DEVICE)),
    "getDevice": lambda c: DevicesApi(c).get_device(UNKNOWN_ID),
    "updateDevice": lambda c: DevicesApi(c).update_device(UNKNOWN_ID, DeviceUpdate(**DEVICE)),
    "patchDevice": lambda c: DevicesApi(c).patch_device(UNKNOWN_ID, DevicePatch(name="d")),
    "deleteDevice": lambda c: DevicesApi(c).delete_device(UNKNOWN_ID),
    "getDeviceConfig": lambda c: DevicesApi(c).get_device_config(UNKNOWN_ID),
    "updateDeviceConfig": lambda c: DevicesApi(c).update_device_config(
        UNKNOWN_ID, DeviceConfigUpdate(correlation_id="c", format="cli", config_content="hostname d")),
    "redeployDevice": lambda c: DevicesApi(c).redeploy_device(UNKNOWN_ID),
    "attachDeviceTemplates": lambda c: DevicesApi(c).attach_device_templates(
        UNKNOWN_ID, DeviceTemplateAttachRequest(template_details=[DeviceTemplateDetails(template_id=UNKNOWN_ID)])),
    "updateDeviceTemplates": lambda c: DevicesApi(c).update_device_templates(
        UNKNOWN_ID, DeviceTemplateUpdateRequest(template_details=[DeviceTemplateUpdateDetails(
            template_history_id=UNKNOWN_ID)])),
    "detachDeviceTemplate": lambda c: DevicesApi(c).detach_device_template(UNKNOWN_ID, UNKNOWN_ID),
    "detachDeviceTemplates": lambda c: DevicesApi(c).detach_device_templates(UNKNOWN_ID),
    "getDeviceTemplateHistory": lambda c: DevicesApi(c).get_device_template_history(UNKNOWN_ID),
    "batchAttachDeviceTemplates": lambda c: DevicesApi(c).batch_attach_device_templates(
        DeviceTemplateBatchAttachRequest(device_ids=[UNKNOWN_ID],
                                         template_details=[DeviceTemplateDetails(template_id=UNKNOWN_ID)])),
    "createDeviceTemplate": lambda c: DeviceTemplatesApi(c).create_device_template(DeviceTemplateCreate(**TEMPLATE)),
    "createDeviceTemplateVersion": lambda c: DeviceTemplatesApi(c).create_device_template_version(
        DeviceTemplateVersionCreate(name="t", config_content="<config/>")),
    "scanDeviceTemplateParameters": lambda c: DeviceTemplatesApi(c).scan_device_template_parameters(
        file=template_file()),
    "getDeviceTemplatesList": lambda c: DeviceTemplatesApi(c).get_device_templates_list(),
    "getDeviceTemplate": lambda c: DeviceTemplatesApi(c).get_device_template(UNKNOWN_ID),
    "deleteDeviceTemplate": lambda c: DeviceTemplatesApi(c).delete_device_template(UNKNOWN_ID),
    "updateDeviceTemplateAccess": lambda c: DeviceTemplatesApi(c).update_device_template_access(
        UNKNOWN_ID, DeviceTemplateAccess(_global=True)),
    "getServicesPage": lambda c: ServicesApi(c).get_services_page(0, 10),
    "submitOrder": lambda c: ServicesApi(c).submit_order(UNKNOWN_ID, UNKNOWN_ID, LegacyServiceOrder()),
    "updateOrder": lambda c: ServicesApi(c).update_order(UNKNOWN_ID, UNKNOWN_ID, LegacyServiceOrder()),
    "getService": lambda c: ServicesApi(c).get_service("unknown-service"),
    "updateService": lambda c: ServicesApi(c).update_service("unknown-service", ServiceUpdate()),
    "deleteService": lambda c: ServicesApi(c).delete_service("unknown-service"),
}
