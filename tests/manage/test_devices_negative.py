"""Devices (Manage): what MSX must refuse, and with which status (ids: <operationId>-<status>-<case>).

Config updates, redeploys and template attachments act on real devices: their refusals carry side_effect
(refused, they change nothing; marked all the same, as the plumbing decides what runs against a real MSX).
"""

import pytest
from python_msx_sdk.api.devices_api import DevicesApi
from python_msx_sdk.api.tenants_api import TenantsApi
from python_msx_sdk.model.device import Device
from python_msx_sdk.model.device_config_update import DeviceConfigUpdate
from python_msx_sdk.model.device_create import DeviceCreate
from python_msx_sdk.model.device_patch import DevicePatch
from python_msx_sdk.model.device_template_batch_attach_request import DeviceTemplateBatchAttachRequest
from python_msx_sdk.model.device_template_details import DeviceTemplateDetails
from python_msx_sdk.model.device_template_update_details import DeviceTemplateUpdateDetails
from python_msx_sdk.model.device_template_update_request import DeviceTemplateUpdateRequest
from python_msx_sdk.model.device_update import DeviceUpdate

from tests.manage.conftest import required_device_fields, required_template_fields
from tests.manage.test_devices import attach_request

pytestmark = pytest.mark.negative

DEVICES = "/manage/api/v8/devices"
UNKNOWN_ID = "5f0c3e52-0000-4000-8000-000000000404"
UNKNOWN_DEVICE = "msxt-unknown-device"
FIRST_PAGE = [("page", 0), ("pageSize", 10)]
TOKENS = [pytest.param(None, id="401-no-token"), pytest.param("not-a-valid-token", id="401-bad-token")]
CONFIG = {"correlationId": "msx-suite-1", "format": "cli", "configContent": "hostname msx-suite\n"}


def valid_device(name, tenant_id) -> dict:
    """A createDevice body MSX accepts (raw JSON names)."""
    return {"name": name, "tenantId": tenant_id, "model": "c8000v", "type": "router", "onboardType": "manual"}


def without(field):
    return lambda name, tenant: {k: v for k, v in valid_device(name, tenant).items() if k != field}


def with_(**fields):
    return lambda name, tenant: valid_device(name, tenant) | fields


# Each body breaks one constraint of the contract's DeviceUpdate (DeviceCreate adds tenantId and its service).
BROKEN_BODIES = [
    *[pytest.param(without(field), id=f"missing-{slug}") for field, slug in (
        ("name", "name"), ("model", "model"), ("type", "type"), ("onboardType", "onboard-type"))],
    pytest.param(with_(name=""), id="empty-name"),
    pytest.param(lambda name, tenant: valid_device(name.ljust(129, "x"), tenant), id="name-129-chars"),
    *[pytest.param(with_(**{field: "x" * 129}), id=f"{slug}-129-chars") for field, slug in (
        ("model", "model"), ("type", "type"), ("subType", "sub-type"), ("serialKey", "serial-key"),
        ("version", "version"), ("serviceType", "service-type"), ("onboardType", "onboard-type"))],
    pytest.param(with_(complianceState="C" * 17), id="compliance-state-17-chars"),
    # Its description lists the valid values.
    pytest.param(with_(complianceState="GREEN"), id="compliance-state-not-a-valid-value"),
    pytest.param(with_(managed="yes"), id="managed-not-a-boolean"),
    pytest.param(with_(tags={"role": 1}), id="tag-not-a-string"),
    pytest.param(with_(attributes=["devicePassword"]), id="attributes-not-an-object"),
    pytest.param(with_(onboardInformation="manual"), id="onboard-information-not-an-object"),
    pytest.param(lambda name, tenant: valid_device(name, tenant) | {"name": 42, "serialKey": name},
                 id="name-not-a-string"),
]
INVALID_BODIES = [pytest.param(*case.values, id=f"createDevice-400-{case.id}") for case in BROKEN_BODIES] + [
    pytest.param(without("tenantId"), id="createDevice-400-missing-tenant-id"),
    pytest.param(with_(tenantId="not-a-uuid"), id="createDevice-400-tenant-id-not-a-uuid"),
    # The contract is silent on a tenant or service that does not exist; the emulator answers 400.
    pytest.param(with_(tenantId=UNKNOWN_ID), id="createDevice-400-unknown-tenant-id"),
    pytest.param(with_(serviceInstanceId="msxt-unknown-service"), id="createDevice-400-unknown-service-instance-id"),
    pytest.param(lambda name, tenant: [valid_device(name, tenant)], id="createDevice-400-body-not-an-object"),
]
INVALID_UPDATES = [pytest.param(*case.values, id=f"updateDevice-400-{case.id}") for case in BROKEN_BODIES]
INVALID_PATCHES = [
    pytest.param({"name": ""}, id="patchDevice-400-empty-name"),
    pytest.param({"name": None}, id="patchDevice-400-name-null"),
    pytest.param({"model": "m" * 129}, id="patchDevice-400-model-129-chars"),
    pytest.param({"complianceState": "GREEN"}, id="patchDevice-400-compliance-state-not-a-valid-value"),
    pytest.param({"version": 17}, id="patchDevice-400-version-not-a-string"),
    pytest.param({"onboardInformation": []}, id="patchDevice-400-onboard-information-not-an-object"),
    pytest.param([{"name": "x"}], id="patchDevice-400-body-not-an-object"),
]
INVALID_CONFIGS = [
    pytest.param({k: v for k, v in CONFIG.items() if k != "correlationId"}, id="missing-correlation-id"),
    pytest.param({k: v for k, v in CONFIG.items() if k != "format"}, id="missing-format"),
    # The contract requires "configContents", which it does not declare: configContent is what it means.
    pytest.param({k: v for k, v in CONFIG.items() if k != "configContent"}, id="missing-config-content"),
    pytest.param(CONFIG | {"configContent": ""}, id="empty-config-content"),
    pytest.param(CONFIG | {"correlationId": "c" * 37}, id="correlation-id-37-chars"),
    pytest.param(CONFIG | {"format": "json"}, id="format-4-chars"),
    pytest.param(CONFIG | {"configContent": ["hostname"]}, id="config-content-not-a-string"),
]
MALFORMED_REQUESTS = [
    pytest.param("GET", DEVICES, [("page", -1), ("pageSize", 10)], None, id="getDevicesPage-400-negative-page"),
    pytest.param("GET", DEVICES, [("page", 0), ("pageSize", 0)], None, id="getDevicesPage-400-page-size-0"),
    pytest.param("GET", DEVICES, [("page", 0), ("pageSize", 1001)], None, id="getDevicesPage-400-page-size-1001"),
    pytest.param("GET", DEVICES, [("page", 0)], None, id="getDevicesPage-400-no-page-size"),
    pytest.param("GET", DEVICES, FIRST_PAGE + [("tenantIds", "not-a-uuid")], None,
                 id="getDevicesPage-400-tenant-id-not-a-uuid"),
    pytest.param("GET", DEVICES, FIRST_PAGE + [("includeSubtenants", "maybe")], None,
                 id="getDevicesPage-400-include-subtenants-not-a-boolean"),
    pytest.param("GET", DEVICES, FIRST_PAGE + [("sortOrder", "up")], None, id="getDevicesPage-400-sort-order"),
    pytest.param("GET", DEVICES, FIRST_PAGE + [("sortBy", "colour")], None, id="getDevicesPage-400-unknown-sort-by"),
    pytest.param("GET", f"{DEVICES}/{UNKNOWN_DEVICE}/templates", [("templateId", "not-a-uuid")], None,
                 id="getDeviceTemplateHistory-400-template-id-not-a-uuid"),
]

# Every device operation, aimed at nothing that exists, with a valid body.
OPERATIONS = [
    pytest.param(lambda api, name, tenant: api.get_devices_page(page=0, page_size=10), id="getDevicesPage"),
    pytest.param(lambda api, name, tenant: api.create_device(DeviceCreate(**required_device_fields(name, tenant))),
                 id="createDevice"),
    pytest.param(lambda api, name, tenant: api.get_device(UNKNOWN_DEVICE), id="getDevice"),
    pytest.param(lambda api, name, tenant: api.update_device(UNKNOWN_DEVICE, DeviceUpdate(**{
        k: v for k, v in required_device_fields(name, tenant).items() if k != "tenant_id"})), id="updateDevice"),
    pytest.param(lambda api, name, tenant: api.patch_device(UNKNOWN_DEVICE, DevicePatch(name=name)), id="patchDevice"),
    pytest.param(lambda api, name, tenant: api.delete_device(UNKNOWN_DEVICE), id="deleteDevice"),
    pytest.param(lambda api, name, tenant: api.get_device_config(UNKNOWN_DEVICE), id="getDeviceConfig"),
    pytest.param(lambda api, name, tenant: api.update_device_config(UNKNOWN_DEVICE, DeviceConfigUpdate(
        correlation_id="c", format="cli", config_content="hostname x")), id="updateDeviceConfig"),
    pytest.param(lambda api, name, tenant: api.redeploy_device(UNKNOWN_DEVICE), id="redeployDevice"),
    pytest.param(lambda api, name, tenant: api.attach_device_templates(UNKNOWN_DEVICE, attach_request(UNKNOWN_ID)),
                 id="attachDeviceTemplates"),
    pytest.param(lambda api, name, tenant: api.update_device_templates(UNKNOWN_DEVICE, DeviceTemplateUpdateRequest(
        template_details=[DeviceTemplateUpdateDetails(template_history_id=UNKNOWN_ID)])),
        id="updateDeviceTemplates"),
    pytest.param(lambda api, name, tenant: api.detach_device_template(UNKNOWN_DEVICE, UNKNOWN_ID),
                 id="detachDeviceTemplate"),
    pytest.param(lambda api, name, tenant: api.detach_device_templates(UNKNOWN_DEVICE), id="detachDeviceTemplates"),
    pytest.param(lambda api, name, tenant: api.get_device_template_history(UNKNOWN_DEVICE),
                 id="getDeviceTemplateHistory"),
    pytest.param(lambda api, name, tenant: api.batch_attach_device_templates(DeviceTemplateBatchAttachRequest(
        device_ids=[UNKNOWN_DEVICE], template_details=attach_request(UNKNOWN_ID).template_details)),
        id="batchAttachDeviceTemplates"),
]
# redeployDevice documents no 404: its unknown device is a 400 below.
UNKNOWN = [pytest.param(*p.values, id=f"{p.id}-404-unknown-device") for p in OPERATIONS[2:]
           if p.id not in ("redeployDevice",)]
# The limited user's writes, aimed at the suite's device in a tenant of the test's own: the contract's CONSUMER
# holds MANAGE_DEVICES, but not access to that tenant.
LIMITED_WRITES = [
    pytest.param(lambda api, user, device, template: api.create_device(DeviceCreate(**required_device_fields(
        f"{user.username}-forbidden", device.tenant_id))), id="createDevice-403-limited-user"),
    pytest.param(lambda api, user, device, template: api.update_device(device.id, DeviceUpdate(
        name=f"{user.username}-renamed", model="m", type="t", onboard_type="manual")),
        id="updateDevice-403-limited-user"),
    pytest.param(lambda api, user, device, template: api.patch_device(device.id, DevicePatch(version="0")),
                 id="patchDevice-403-limited-user"),
    pytest.param(lambda api, user, device, template: api.delete_device(device.id), id="deleteDevice-403-limited-user"),
    pytest.param(lambda api, user, device, template: api.update_device_config(device.id, DeviceConfigUpdate(
        correlation_id="c", format="cli", config_content="hostname x")), id="updateDeviceConfig-403-limited-user"),
    pytest.param(lambda api, user, device, template: api.redeploy_device(device.id),
                 id="redeployDevice-403-limited-user"),
    pytest.param(lambda api, user, device, template: api.attach_device_templates(device.id,
                                                                                 attach_request(template.id)),
                 id="attachDeviceTemplates-403-limited-user"),
    pytest.param(lambda api, user, device, template: api.update_device_templates(device.id, DeviceTemplateUpdateRequest(
        template_details=[DeviceTemplateUpdateDetails(template_history_id=UNKNOWN_ID)])),
        id="updateDeviceTemplates-403-limited-user"),
    pytest.param(lambda api, user, device, template: api.detach_device_template(device.id, template.id),
                 id="detachDeviceTemplate-403-limited-user"),
    pytest.param(lambda api, user, device, template: api.detach_device_templates(device.id),
                 id="detachDeviceTemplates-403-limited-user"),
    pytest.param(lambda api, user, device, template: api.batch_attach_device_templates(
        DeviceTemplateBatchAttachRequest(device_ids=[device.id],
                                         template_details=attach_request(template.id).template_details)),
        id="batchAttachDeviceTemplates-403-limited-user"),
]


@pytest.mark.parametrize("make_body", INVALID_BODIES)
def test_invalid_device_is_not_created(send_raw, refuses, manage_tenant, unique_name, make_body):
    refuses(400, lambda: send_raw("POST", DEVICES, make_body(unique_name, manage_tenant.id), answer=(Device,)))


@pytest.mark.parametrize("make_body", INVALID_UPDATES)
def test_invalid_device_update_is_refused(msx_api, send_raw, refuses, device, unique_name, make_body):
    body = {k: v for k, v in make_body(f"{unique_name}-renamed", device.tenant_id).items() if k != "tenantId"}
    refuses(400, lambda: send_raw("PUT", f"{DEVICES}/{device.id}", body))
    assert msx_api(DevicesApi).get_device(device.id).to_dict() == device.to_dict(), "a refused update changes nothing"


@pytest.mark.parametrize("body", INVALID_PATCHES)
def test_invalid_device_patch_is_refused(msx_api, send_raw, refuses, device, body):
    refuses(400, lambda: send_raw("PATCH", f"{DEVICES}/{device.id}", body))
    assert msx_api(DevicesApi).get_device(device.id).to_dict() == device.to_dict(), "a refused patch changes nothing"


@pytest.mark.side_effect
@pytest.mark.parametrize("body", [pytest.param(*p.values, id=f"updateDeviceConfig-400-{p.id}")
                                  for p in INVALID_CONFIGS])
def test_invalid_config_update_is_refused(msx_api, send_raw, refuses, device, body):
    config = msx_api(DevicesApi).get_device_config(device.id)
    refuses(400, lambda: send_raw("POST", f"{DEVICES}/{device.id}/config/update", body))
    assert msx_api(DevicesApi).get_device_config(device.id) == config, "a refused update changes nothing"


@pytest.mark.parametrize("method, path, query, body", MALFORMED_REQUESTS)
def test_malformed_device_request_is_rejected(send_raw, refuses, method, path, query, body):
    refuses(400, lambda: send_raw(method, path, body, query))


@pytest.mark.side_effect
@pytest.mark.parametrize("make_body", [
    pytest.param(lambda template: {"templateDetails": []}, id="attachDeviceTemplates-400-no-template"),
    pytest.param(lambda template: {"templateDetails": [{"templateId": "not-a-uuid"}]},
                 id="attachDeviceTemplates-400-template-id-not-a-uuid"),
    pytest.param(lambda template: {"templateDetails": [{"templateId": UNKNOWN_ID}]},
                 id="attachDeviceTemplates-400-unknown-template"),
    pytest.param(lambda template: {"templateDetails": [{"templateId": template.id, "templateParams": [
        {"name": "hostname", "value": "edge-1"}]}]}, id="attachDeviceTemplates-400-parameter-without-value"),
    pytest.param(lambda template: {"templateDetails": [{"templateId": template.id, "templateParams": "hostname"}]},
                 id="attachDeviceTemplates-400-template-params-not-an-array"),
])
def test_invalid_template_attachment_is_refused(msx_api, send_raw, refuses, device, device_template, make_body):
    refuses(400, lambda: send_raw("POST", f"{DEVICES}/{device.id}/templates", make_body(device_template)))
    assert msx_api(DevicesApi).get_device_template_history(device.id) == [], "a refused attachment attaches nothing"


@pytest.mark.side_effect
def test_attachDeviceTemplates_400_for_a_template_not_granted_to_the_devices_tenant(msx_api, refuses, device,
                                                                                     device_templates, unique_name):
    """The contract is silent; the emulator attaches a template only where it is granted (or global)."""
    ungranted = device_templates.create(**required_template_fields(f"{unique_name}-ungranted")).resource
    refuses(400, lambda: msx_api(DevicesApi).attach_device_templates(device.id, attach_request(ungranted.id)))


@pytest.mark.side_effect
def test_attachDeviceTemplates_400_for_a_template_attached_already(msx_api, refuses, device, device_template):
    devices_api = msx_api(DevicesApi)
    devices_api.attach_device_templates(device.id, attach_request(device_template.id))
    refuses(400, lambda: devices_api.attach_device_templates(device.id, attach_request(device_template.id)))
    devices_api.detach_device_templates(device.id)


@pytest.mark.side_effect
@pytest.mark.parametrize("body", [
    pytest.param({"templateDetails": []}, id="updateDeviceTemplates-400-no-history-entry"),
    pytest.param({"templateDetails": [{"templateHistoryId": "not-a-uuid"}]},
                 id="updateDeviceTemplates-400-history-id-not-a-uuid"),
    pytest.param({"templateDetails": [{"templateHistoryId": UNKNOWN_ID}]},
                 id="updateDeviceTemplates-400-unknown-history-id"),
])
def test_invalid_template_update_is_refused(send_raw, refuses, device, body):
    refuses(400, lambda: send_raw("PUT", f"{DEVICES}/{device.id}/templates", body))


@pytest.mark.side_effect
@pytest.mark.parametrize("make_body", [
    pytest.param(lambda device, template: {"deviceIds": [], "templateDetails": [{"templateId": template.id}]},
                 id="batchAttachDeviceTemplates-400-no-device"),
    pytest.param(lambda device, template: {"deviceIds": [device.id], "templateDetails": []},
                 id="batchAttachDeviceTemplates-400-no-template"),
    pytest.param(lambda device, template: {"deviceIds": [device.id], "templateDetails": [{"templateId": "x"}]},
                 id="batchAttachDeviceTemplates-400-template-id-not-a-uuid"),
    pytest.param(lambda device, template: {"deviceIds": device.id, "templateDetails": [{"templateId": template.id}]},
                 id="batchAttachDeviceTemplates-400-device-ids-not-an-array"),
])
def test_invalid_batch_attachment_is_refused(msx_api, send_raw, refuses, device, device_template, make_body):
    refuses(400, lambda: send_raw("POST", f"{DEVICES}/templates/attach", make_body(device, device_template)))
    assert msx_api(DevicesApi).get_device_template_history(device.id) == [], "a refused attachment attaches nothing"


@pytest.mark.side_effect
def test_detachDeviceTemplate_400_for_a_template_id_that_is_not_a_uuid(send_raw, refuses, device):
    refuses(400, lambda: send_raw("DELETE", f"{DEVICES}/{device.id}/templates/not-a-uuid"))


@pytest.mark.side_effect
def test_redeployDevice_400_for_an_unknown_device(msx_api, refuses):
    """redeployDevice documents no 404: the emulator answers 400."""
    refuses(400, lambda: msx_api(DevicesApi).redeploy_device(UNKNOWN_DEVICE))


@pytest.mark.side_effect
def test_redeployDevice_409_for_a_device_that_is_not_managed(msx_api, refuses, device):
    """The contract documents 409 without saying when; the emulator answers it for an unmanaged device."""
    refuses(409, lambda: msx_api(DevicesApi).redeploy_device(device.id))


@pytest.mark.parametrize("token", TOKENS)
@pytest.mark.parametrize("call", OPERATIONS)
def test_device_operations_need_a_valid_token(make_api_client, refuses, manage_tenant, unique_name, call, token):
    refuses(401, lambda: call(DevicesApi(make_api_client(token)), unique_name, manage_tenant.id))


@pytest.mark.parametrize("write", LIMITED_WRITES)
def test_limited_user_may_not_change_the_suites_devices(msx_api, limited_api_client, limited_user, device,
                                                        device_template, refuses, write):
    devices_api = msx_api(DevicesApi)
    refuses(403, lambda: write(DevicesApi(limited_api_client), limited_user, device, device_template))
    assert devices_api.get_device(device.id).to_dict() == device.to_dict(), "a refused write changes nothing"
    assert devices_api.get_device_template_history(device.id) == []


@pytest.mark.parametrize("call", UNKNOWN)
def test_unknown_device_is_not_found(msx_api, refuses, manage_tenant, unique_name, call):
    refuses(404, lambda: call(msx_api(DevicesApi), unique_name, manage_tenant.id))


@pytest.mark.side_effect
def test_detachDeviceTemplate_404_for_a_template_not_attached(msx_api, refuses, device, device_template):
    refuses(404, lambda: msx_api(DevicesApi).detach_device_template(device.id, device_template.id))


@pytest.mark.side_effect
def test_batchAttachDeviceTemplates_404_for_an_unknown_device_among_known_ones(msx_api, refuses, device,
                                                                               device_template):
    devices_api = msx_api(DevicesApi)
    refuses(404, lambda: devices_api.batch_attach_device_templates(DeviceTemplateBatchAttachRequest(
        device_ids=[device.id, UNKNOWN_DEVICE], template_details=[DeviceTemplateDetails(
            template_id=device_template.id, template_params=[])])))
    assert devices_api.get_device_template_history(device.id) == [], "all or nothing"


def test_deleteTenant_409_while_it_has_a_device_then_204(msx_api, tenants, devices, device, manage_tenant, refuses):
    refuses(409, lambda: msx_api(TenantsApi).delete_tenant(manage_tenant.id))
    assert devices.delete(device.id) == 204
    assert tenants.delete(manage_tenant.id) == 204

