"""Manage devices: create, read, page, PUT and PATCH, delete, running config, redeploy, device templates on them."""

from __future__ import annotations

import json

import pytest
from python_msx_sdk.api.device_templates_api import DeviceTemplatesApi
from python_msx_sdk.api.devices_api import DevicesApi
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
from python_msx_sdk.model.device_update import DeviceUpdate
from python_msx_sdk.model.name_value import NameValue

from msx_emulator.config import OPERATIONS_TENANT_ID, ROOT_TENANT_ID
from msx_emulator.tests.helpers import error_naming

REQUIRED = dict(model="c8000v", type="router", onboard_type="manual")
HOSTNAME = [NameValue(name="hostname", value="edge-1")]


@pytest.fixture
def emu_devices(emu_superuser_client):
    """DevicesApi as superuser."""
    return DevicesApi(emu_superuser_client)


@pytest.fixture
def emu_template(emu_superuser_client):
    """A device template with one parameter, granted to every tenant."""
    return DeviceTemplatesApi(emu_superuser_client).create_device_template(DeviceTemplateCreate(
        name="Hostname", service_type="managed-device", resource_provider="nso",
        config_content="<config><hostname>{$hostname}</hostname></config>",
        tenant_access=DeviceTemplateAccess(_global=True)))


def _device(devices: DevicesApi, name: str = "edge-1", **fields):
    return devices.create_device(DeviceCreate(tenant_id=OPERATIONS_TENANT_ID, name=name, **(REQUIRED | fields)))


def _raw(response) -> tuple[int, dict]:
    """Status and JSON body of an answer the SDK cannot read (asked with _preload_content=False)."""
    return response.status, json.loads(response.data)


def _attach(template_id: str) -> DeviceTemplateAttachRequest:
    return DeviceTemplateAttachRequest(template_details=[DeviceTemplateDetails(template_id=template_id,
                                                                               template_params=HOSTNAME)])


def test_create_device_answers_defaults_and_secrets_as_sent(emu, emu_devices):
    device = _device(emu_devices, attributes={"devicePassword": "Dev-Pass-1", "deviceInterfaces": "[]"})
    assert (device.tenant_id, device.provider_id, device.user_id) == (
        OPERATIONS_TENANT_ID, ROOT_TENANT_ID, emu.config.superuser.id)
    assert (device.compliance_state, device.vulnerability_state, device.managed) == ("UNKNOWN", "NOT_APPLICABLE",
                                                                                     False)
    assert device.attributes["devicePassword"] == "Dev-Pass-1"
    assert emu_devices.get_device(device.id).to_dict() == device.to_dict()
    assert emu.stats()["left"] == {"devices": ["edge-1"]}


def test_put_resets_what_it_leaves_out_and_patch_keeps_it(emu_devices):
    device = _device(emu_devices, serial_key="SN-1", version="17.3", tags={"role": "edge"})
    patched = emu_devices.patch_device(device.id, DevicePatch(name="edge-2", compliance_state="COMPLIANT"))
    assert (patched.name, patched.serial_key, patched.tags, patched.compliance_state) == (
        "edge-2", "SN-1", {"role": "edge"}, "COMPLIANT")
    put = emu_devices.update_device(device.id, DeviceUpdate(name="edge-3", **REQUIRED))
    assert (put.name, put.serial_key, put.tags, put.compliance_state) == ("edge-3", None, None, "UNKNOWN")
    assert put.modified_on > patched.modified_on and put.created_on == device.created_on
    _, status, _ = emu_devices.delete_device(device.id, _return_http_data_only=False)
    assert status == 204
    error_naming(lambda: emu_devices.get_device(device.id), 404, device.id)


def test_devices_page_filters_and_sorts(emu_devices):
    _device(emu_devices, "b", serial_key="SN-B", service_type="sdwan")
    _device(emu_devices, "a", model="isr", type="switch")
    _device(emu_devices, "c")

    def names(**filters):
        return [d.name for d in emu_devices.get_devices_page(0, 10, **filters).contents]

    assert names(sort_by="name", sort_order="desc") == ["c", "b", "a"]
    assert names(serial_keys=["SN-B"]) == names(service_types=["sdwan"]) == ["b"]
    assert names(models=["isr"], types=["switch"]) == ["a"]
    assert names(tenant_ids=[ROOT_TENANT_ID]) == [] and len(names(tenant_ids=[ROOT_TENANT_ID],
                                                                  include_subtenants=True)) == 3
    assert names(severities=["critical"]) == [], "the contract's Device has no severity"
    assert names(compliance_states=["UNKNOWN"], vulnerability_states=["NOT_APPLICABLE"]) == ["b", "a", "c"]


def test_running_config_is_text_and_updates_at_once_or_by_change_request(emu_devices):
    unmanaged, managed = _device(emu_devices), _device(emu_devices, "core-1", managed=True)
    assert emu_devices.get_device_config(unmanaged.id) == "hostname edge-1\n"
    update = DeviceConfigUpdate(correlation_id="c-1", format="cli", config_content="hostname edge-9\n")
    # The SDK reads only the 202 answer of updateDeviceConfig: a 204 is read raw.
    assert emu_devices.update_device_config(unmanaged.id, update, _preload_content=False).status == 204
    assert emu_devices.get_device_config(unmanaged.id) == "hostname edge-9\n"
    pending, status, _ = emu_devices.update_device_config(managed.id, update, _return_http_data_only=False)
    assert status == 202 and pending.change_request_id
    assert emu_devices.get_device_config(managed.id) == "hostname edge-9\n", "the change request completes at once"


def test_only_a_managed_device_redeploys(emu_devices):
    _, status, _ = emu_devices.redeploy_device(_device(emu_devices, managed=True).id, _return_http_data_only=False)
    assert status == 200
    error_naming(lambda: emu_devices.redeploy_device(_device(emu_devices, "b").id), 409, "not managed")
    error_naming(lambda: emu_devices.redeploy_device("unknown-device"), 400, "unknown-device")


def test_template_attach_update_detach_show_in_history(emu_devices, emu_template):
    device = _device(emu_devices)
    [entry] = emu_devices.attach_device_templates(device.id, _attach(emu_template.id))
    assert (entry.template_id, entry.device_id, entry.status, entry.template_params) == (
        emu_template.id, device.id, "Applied", HOSTNAME)
    error_naming(lambda: emu_devices.attach_device_templates(device.id, _attach(emu_template.id)), 400, "already")
    changed = emu_devices.update_device_templates(device.id, DeviceTemplateUpdateRequest(template_details=[
        DeviceTemplateUpdateDetails(template_history_id=entry.id, template_params=[NameValue(name="hostname",
                                                                                             value="edge-2")])]))
    assert changed[0].template_params[0].value == "edge-2"
    [detached] = emu_devices.detach_device_template(device.id, emu_template.id)
    assert detached.status == "Detached"
    assert [e.status for e in emu_devices.get_device_template_history(device.id, template_id=emu_template.id)] == \
        ["Detached"]
    error_naming(lambda: emu_devices.detach_device_template(device.id, emu_template.id), 404, emu_template.id)
    emu_devices.attach_device_templates(device.id, _attach(emu_template.id))
    assert [e.status for e in emu_devices.detach_device_templates(device.id)] == ["Detached"]
    assert emu_devices.detach_device_templates(device.id) == []


def test_managed_devices_attach_by_change_request(emu_devices, emu_template):
    managed = _device(emu_devices, managed=True)
    # The SDK reads only the 200 answer (a history list) of these operations: a 202 is read raw.
    status, pending = _raw(emu_devices.attach_device_templates(managed.id, _attach(emu_template.id),
                                                               _preload_content=False))
    assert status == 202 and pending["changeRequestUrl"].endswith(pending["changeRequestId"])
    assert [e.status for e in emu_devices.get_device_template_history(managed.id)] == ["Applied"]
    assert _raw(emu_devices.detach_device_templates(managed.id, _preload_content=False))[0] == 202


def test_batch_attach_answers_per_template_and_device(emu_devices, emu_template):
    first, second = _device(emu_devices), _device(emu_devices, "b", managed=True)
    answer = emu_devices.batch_attach_device_templates(DeviceTemplateBatchAttachRequest(
        device_ids=[first.id, second.id], template_details=_attach(emu_template.id).template_details))
    assert [[(s.device_id, s.http_status) for s in summaries.value] for summaries in answer] == [
        [(first.id, "OK"), (second.id, "ACCEPTED")]]
    assert all(emu_devices.get_device_template_history(d.id)[0].status == "Applied" for d in (first, second))
    status, only_managed = _raw(emu_devices.batch_attach_device_templates(DeviceTemplateBatchAttachRequest(
        device_ids=[_device(emu_devices, "c", managed=True).id],
        template_details=_attach(emu_template.id).template_details), _preload_content=False))
    assert status == 202 and only_managed["changeRequestId"]


def test_templates_attach_only_where_allowed_and_with_every_parameter(emu_superuser_client, emu_devices,
                                                                       emu_template):
    templates = DeviceTemplatesApi(emu_superuser_client)
    device = _device(emu_devices)
    without_params = DeviceTemplateAttachRequest(template_details=[DeviceTemplateDetails(template_id=emu_template.id)])
    error_naming(lambda: emu_devices.attach_device_templates(device.id, without_params), 400, "hostname")
    templates.update_device_template_access(emu_template.id, DeviceTemplateAccess(tenant_ids=[ROOT_TENANT_ID]))
    error_naming(lambda: emu_devices.attach_device_templates(device.id, _attach(emu_template.id)), 400,
                 "not available")
    error_naming(lambda: emu_devices.batch_attach_device_templates(DeviceTemplateBatchAttachRequest(
        device_ids=["unknown-device"], template_details=[])), 400, "deviceIds")

