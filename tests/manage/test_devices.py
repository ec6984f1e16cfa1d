"""Devices (Manage): the lifecycle of a device of the test's own tenant, for several kinds of device; its running
config, redeploy and the device templates attached to it, with their history.

Devices carry credentials in their attributes (devicePassword): the registry declares it secret, so cassettes,
logs and reports show it scrubbed; the tests compare it only where the answer is not a replayed one.
"""

import json

import pytest
from python_msx_sdk.api.devices_api import DevicesApi
from python_msx_sdk.exceptions import NotFoundException
from python_msx_sdk.model.device_config_update import DeviceConfigUpdate
from python_msx_sdk.model.device_create import DeviceCreate
from python_msx_sdk.model.device_patch import DevicePatch
from python_msx_sdk.model.device_template_attach_request import DeviceTemplateAttachRequest
from python_msx_sdk.model.device_template_batch_attach_request import DeviceTemplateBatchAttachRequest
from python_msx_sdk.model.device_template_details import DeviceTemplateDetails
from python_msx_sdk.model.device_template_update_details import DeviceTemplateUpdateDetails
from python_msx_sdk.model.device_template_update_request import DeviceTemplateUpdateRequest
from python_msx_sdk.model.device_update import DeviceUpdate
from python_msx_sdk.model.name_value import NameValue

from msxsuite.paging import all_items, find_in_pages
from msxsuite.registry import secret_fields
from tests.manage.conftest import required_device_fields as required
from tests.manage.conftest import template_params

HISTORY_STATUSES = {"Applied", "Applying", "Apply Failed", "Detached", "Detaching", "Detach Failed"}
CREDENTIALS = {"devicePassword": "Msx-Suite-Device-1", "deviceUsername": "admin",
               "deviceInterfaces": json.dumps([{"name": "GigabitEthernet1", "ip": "192.0.2.10"}])}

CASES = [
    pytest.param(lambda name, tenant: required(name, tenant), id="required-fields-only"),
    pytest.param(lambda name, tenant: required(name, tenant) | {
        "subscription_id": f"{name}-subscription", "service_type": "managed-device", "tags": {"role": "edge"},
        "managed": False, "attributes": CREDENTIALS, "sub_type": "virtual", "serial_key": "SN-0001",
        "version": "17.3.1", "compliance_state": "COMPLIANT", "onboard_information": {"method": "manual"}},
        id="every-field-with-credentials"),
    pytest.param(lambda name, tenant: required(f"{name} Ünïcødé 名前 ✓", tenant) | {
        "model": "Modèle ✓", "attributes": {"Standort": "Zürich"}}, id="unicode"),
    pytest.param(lambda name, tenant: required(name.ljust(128, "x"), tenant) | {
        "model": "m" * 128, "type": "t" * 128, "sub_type": "s" * 128, "serial_key": "k" * 128,
        "version": "v" * 128, "service_type": "s" * 128, "onboard_type": "o" * 128,
        "compliance_state": "NOT_APPLICABLE"}, id="max-lengths"),
    pytest.param(lambda name, tenant: required(name, tenant) | {
        "service_type": None, "tags": None, "attributes": None, "sub_type": None, "serial_key": None,
        "version": None, "onboard_information": None, "service_instance_id": None, "subscription_id": None},
        id="nullable-fields-null"),
]


def without_secrets(fields: dict) -> dict:
    """The fields with the values of secret keys (at any depth) replaced by a placeholder: a replayed answer
    carries them scrubbed."""
    secrets = secret_fields()
    if isinstance(fields, dict):
        return {key: "<secret>" if key in secrets else without_secrets(value) for key, value in fields.items()}
    return fields


def assert_fields(device, fields):
    """The device carries every field that was sent, secrets aside."""
    sent = without_secrets(DeviceCreate(**fields).to_dict())
    got = without_secrets(device.to_dict())
    for field, value in sent.items():
        assert got.get(field) == value, f"{field}: sent {value!r}, got {got.get(field)!r}"


def attach_request(template_id, hostname="edge-1") -> DeviceTemplateAttachRequest:
    return DeviceTemplateAttachRequest(template_details=[DeviceTemplateDetails(
        template_id=template_id, template_params=[NameValue(**p) for p in template_params(hostname)])])


def raw_answer(response) -> tuple[int, dict | None]:
    """Status and JSON body of an answer read with _preload_content=False (the SDK reads one success shape)."""
    return response.status, json.loads(response.data) if response.data else None


@pytest.mark.lifecycle
@pytest.mark.parametrize("make_fields", CASES)
def test_createDevice_getDevice_getDevicesPage_updateDevice_patchDevice_deleteDevice(msx_api, devices,
                                                                                     manage_tenant, unique_name,
                                                                                     make_fields):
    """The lifecycle of a device: created in the test's tenant, read, found by paging, patched, replaced, gone."""
    devices_api = msx_api(DevicesApi)
    fields = make_fields(unique_name, manage_tenant.id)
    created = devices.create(**fields)
    assert created.status == 201
    device = created.resource
    assert device.id and device.tenant_id == manage_tenant.id and device.created_on
    assert_fields(device, fields)

    assert devices_api.get_device(device.id).to_dict() == device.to_dict(), "get returns what create returned"
    paged = find_in_pages(devices_api.get_devices_page, device.id, tenant_ids=[manage_tenant.id])
    assert paged is not None and paged.to_dict() == device.to_dict(), "found by paging with the tenant's id"

    patched, status, _ = devices_api.patch_device(device.id, DevicePatch(version="18.1", serial_key="SN-PATCHED"),
                                                  _return_http_data_only=False)
    assert status == 200
    assert (patched.version, patched.serial_key, patched.name, patched.model) == (
        "18.1", "SN-PATCHED", device.name, device.model), "a patch keeps what it does not carry"

    replaced_fields = {"name": f"{fields['name'][:120]}-renamed", "model": "isr4451", "type": "router",
                       "onboard_type": "manual"}
    replaced, status, _ = devices_api.update_device(device.id, DeviceUpdate(**replaced_fields),
                                                    _return_http_data_only=False)
    assert status == 200 and replaced.id == device.id and replaced.tenant_id == manage_tenant.id
    assert (replaced.name, replaced.model) == (replaced_fields["name"], "isr4451")
    assert devices_api.get_device(device.id).to_dict() == replaced.to_dict(), "get returns the update"

    assert devices.delete(device.id) == 204
    with pytest.raises(NotFoundException):
        devices_api.get_device(device.id)


def test_getDevicesPage_filters_within_the_tests_tenant(msx_api, devices, manage_tenant, unique_name):
    devices_api = msx_api(DevicesApi)
    edge = devices.create(**required(f"{unique_name}-edge", manage_tenant.id), serial_key=f"{unique_name}-SN",
                          service_type="sdwan").resource
    core = devices.create(**required(f"{unique_name}-core", manage_tenant.id) | {"model": "asr1001",
                                                                                "type": "switch"}).resource
    mine = [manage_tenant.id]

    def ids(**filters):
        return [d.id for d in all_items(devices_api.get_devices_page, tenant_ids=mine, **filters)]

    assert sorted(ids()) == sorted([edge.id, core.id])
    assert ids(serial_keys=[f"{unique_name}-SN"]) == ids(service_types=["sdwan"]) == [edge.id]
    assert ids(models=["asr1001"], types=["switch"]) == [core.id]
    assert ids(device_ids=[core.id]) == ids(names=[f"{unique_name}-core"]) == [core.id]
    assert ids(sort_by="name", sort_order="desc") == [edge.id, core.id]


@pytest.mark.side_effect
def test_getDeviceConfig_updateDeviceConfig_of_an_unmanaged_device_apply_at_once(msx_api, device):
    """Side effect: a real MSX pushes the configuration to the device."""
    devices_api = msx_api(DevicesApi)
    assert isinstance(devices_api.get_device_config(device.id), str)
    config = f"hostname {device.name}\ninterface GigabitEthernet1\n description msx-suite\n"
    update = DeviceConfigUpdate(correlation_id="msx-suite-1", format="cli", config_content=config)
    status, body = raw_answer(devices_api.update_device_config(device.id, update, _preload_content=False))
    assert (status, body) == (204, None), "an unmanaged device's config applies at once"
    assert devices_api.get_device_config(device.id) == config


@pytest.mark.side_effect
def test_updateDeviceConfig_and_redeployDevice_of_a_managed_device_go_through_change_requests(
        msx_api, devices, manage_tenant, unique_name):
    devices_api = msx_api(DevicesApi)
    managed = devices.create(**required(unique_name, manage_tenant.id), managed=True).resource
    pending = devices_api.update_device_config(managed.id, DeviceConfigUpdate(
        correlation_id="msx-suite-2", format="cli", config_content=f"hostname {unique_name}\n"))
    assert pending.change_request_id, f"a change request is pending: {pending}"
    _, status, _ = devices_api.redeploy_device(managed.id, _return_http_data_only=False)
    assert status == 200


@pytest.mark.side_effect
def test_attachDeviceTemplates_getDeviceTemplateHistory_updateDeviceTemplates_detachDeviceTemplate(
        msx_api, device, device_template):
    """Attaching shows in the device's history with a status from the contract's enum; so does detaching."""
    devices_api = msx_api(DevicesApi)
    [attached] = devices_api.attach_device_templates(device.id, attach_request(device_template.id))
    assert (attached.device_id, attached.template_id) == (device.id, device_template.id)
    assert attached.status in HISTORY_STATUSES
    history = devices_api.get_device_template_history(device.id, template_id=device_template.id)
    assert [entry.id for entry in history] == [attached.id]

    update = DeviceTemplateUpdateRequest(template_details=[DeviceTemplateUpdateDetails(
        template_history_id=attached.id, template_params=[NameValue(**p) for p in template_params("edge-2")])])
    [updated] = devices_api.update_device_templates(device.id, update)
    assert {p.name: p.value for p in updated.template_params}["hostname"] == "edge-2"

    [detached] = devices_api.detach_device_template(device.id, device_template.id)
    assert detached.id == attached.id and detached.status in {"Detached", "Detaching"}
    assert devices_api.get_device_template_history(device.id)[0].status == detached.status


@pytest.mark.side_effect
def test_detachDeviceTemplates_detaches_every_template_of_the_device(msx_api, device, device_template):
    devices_api = msx_api(DevicesApi)
    devices_api.attach_device_templates(device.id, attach_request(device_template.id))
    detached = devices_api.detach_device_templates(device.id)
    assert [entry.template_id for entry in detached] == [device_template.id]
    assert all(entry.status in {"Detached", "Detaching"} for entry in devices_api.get_device_template_history(
        device.id))


@pytest.mark.side_effect
def test_batchAttachDeviceTemplates_attaches_to_every_device_named(msx_api, devices, device, device_template,
                                                                    manage_tenant, unique_name):
    devices_api = msx_api(DevicesApi)
    other = devices.create(**required(f"{unique_name}-2", manage_tenant.id)).resource
    answer = devices_api.batch_attach_device_templates(DeviceTemplateBatchAttachRequest(
        device_ids=[device.id, other.id], template_details=attach_request(device_template.id).template_details))
    assert sorted(s.device_id for summaries in answer for s in summaries.value) == sorted([device.id, other.id])
    for device_id in (device.id, other.id):
        [entry] = devices_api.get_device_template_history(device_id)
        assert entry.template_id == device_template.id and entry.status in HISTORY_STATUSES
    devices_api.detach_device_templates(device.id)
    devices_api.detach_device_templates(other.id)


@pytest.mark.side_effect
def test_attachDeviceTemplates_to_a_managed_device_answers_a_change_request(msx_api, devices, device_template,
                                                                             manage_tenant, unique_name):
    devices_api = msx_api(DevicesApi)
    managed = devices.create(**required(unique_name, manage_tenant.id), managed=True).resource
    status, body = raw_answer(devices_api.attach_device_templates(managed.id, attach_request(device_template.id),
                                                                  _preload_content=False))
    assert status in (200, 202), body
    assert [e.template_id for e in devices_api.get_device_template_history(managed.id)] == [device_template.id]
    status, body = raw_answer(devices_api.detach_device_templates(managed.id, _preload_content=False))
    assert status in (200, 202), body


def test_a_device_belongs_to_its_tenant_and_its_provider(msx_api, device, manage_tenant):
    assert device.tenant_id == manage_tenant.id and device.provider_id
    assert [d.id for d in all_items(msx_api(DevicesApi).get_devices_page, tenant_ids=[manage_tenant.id])] == \
        [device.id]


@pytest.mark.smoke
def test_getDevicesPage_answers_a_first_page_of_at_most_10(msx_api):
    """Read-only: a first page of at most 10 devices."""
    page = msx_api(DevicesApi).get_devices_page(page=0, page_size=10)
    assert page.page == 0 and len(page.contents) <= 10, f"a first page of at most 10 devices: {page}"
