"""Manage device templates: create, versions, list, get, delete, tenant access, the parameter scan."""

from __future__ import annotations

import pytest
from python_msx_sdk.api.device_templates_api import DeviceTemplatesApi
from python_msx_sdk.api.devices_api import DevicesApi
from python_msx_sdk.model.device_create import DeviceCreate
from python_msx_sdk.model.device_template_access import DeviceTemplateAccess
from python_msx_sdk.model.device_template_attach_request import DeviceTemplateAttachRequest
from python_msx_sdk.model.device_template_create import DeviceTemplateCreate
from python_msx_sdk.model.device_template_details import DeviceTemplateDetails
from python_msx_sdk.model.device_template_version_create import DeviceTemplateVersionCreate
from python_msx_sdk.model.template_parameter_validator import TemplateParameterValidator

from msx_emulator.config import OPERATIONS_TENANT_ID, ROOT_TENANT_ID
from msx_emulator.tests.helpers import error_naming
from msx_emulator.tests.manage_operations import template_file

UNKNOWN_ID = "00000000-0000-4000-8000-000000000000"


@pytest.fixture
def emu_templates(emu_superuser_client):
    """DeviceTemplatesApi as superuser."""
    return DeviceTemplatesApi(emu_superuser_client)


def _template(name: str = "Hostname", **fields) -> DeviceTemplateCreate:
    required = dict(service_type="managed-device", resource_provider="nso", config_content="<config/>")
    return DeviceTemplateCreate(name=name, **(required | fields))


def test_create_template_answers_it_as_the_latest_version(emu, emu_templates):
    template = emu_templates.create_device_template(_template(
        version="1", device_models=["c8000v"], tags=["edge"], template_standard="nso",
        template_parameter_validators=[TemplateParameterValidator(type="String", display_type="Input",
                                                                  allowed_values=["a"])]))
    assert (template.is_latest_version, template.user_id, template.tags) == (True, emu.config.superuser.id, ["edge"])
    assert template.tenant_access.to_dict() == {"_global": False, "tenant_ids": []}
    assert emu_templates.get_device_template(template.id).to_dict() == template.to_dict()
    assert emu.stats()["left"] == {"device_templates": ["Hostname"]}
    error_naming(lambda: emu_templates.create_device_template(_template()), 400, "Hostname")


def test_versions_number_on_and_the_latest_moves_back_on_delete(emu_templates):
    first = emu_templates.create_device_template(_template(description="first"))
    second = emu_templates.create_device_template_version(DeviceTemplateVersionCreate(
        name="Hostname", config_content="<config><v>2</v></config>"))
    assert (second.version, second.is_latest_version, second.description) == ("2", True, "first")
    assert [t.id for t in emu_templates.get_device_templates_list()] == [second.id]
    assert {t.id for t in emu_templates.get_device_templates_list(all_versions=True)} == {first.id, second.id}
    assert emu_templates.get_device_template(first.id).is_latest_version is False
    _, status, _ = emu_templates.delete_device_template(second.id, _return_http_data_only=False)
    assert status == 204
    assert emu_templates.get_device_template(first.id).is_latest_version is True
    error_naming(lambda: emu_templates.create_device_template_version(DeviceTemplateVersionCreate(
        name="Unknown", config_content="x")), 400, "Unknown")


def test_access_grants_known_tenants_or_all(emu_templates):
    template = emu_templates.create_device_template(_template(service_type="sdwan"))
    answer = emu_templates.update_device_template_access(template.id, DeviceTemplateAccess(
        tenant_ids=[OPERATIONS_TENANT_ID, UNKNOWN_ID]))
    assert (answer.success_list_of_tenants, answer.failure_list_of_tenants, answer._global) == (
        [OPERATIONS_TENANT_ID], [UNKNOWN_ID], False)
    assert [t.id for t in emu_templates.get_device_templates_list(tenant_id=OPERATIONS_TENANT_ID)] == [template.id]
    assert emu_templates.get_device_templates_list(tenant_id=ROOT_TENANT_ID) == []
    assert emu_templates.update_device_template_access(template.id, DeviceTemplateAccess(_global=True))._global
    assert [t.id for t in emu_templates.get_device_templates_list(tenant_id=ROOT_TENANT_ID,
                                                                  service_type="sdwan")] == [template.id]
    assert emu_templates.get_device_templates_list(service_type="other") == []
    error_naming(lambda: emu_templates.update_device_template_access(template.id, DeviceTemplateAccess(
        _global=True, tenant_ids=[ROOT_TENANT_ID])), 400, "mutually exclusive")


def test_scan_lists_the_parameters_of_the_xml_sent_as_a_file(emu_templates):
    assert emu_templates.scan_device_template_parameters(file=template_file(
        "<config><a>{$hostname}</a><b x='{$ntpServer}'>{$hostname}</b></config>")) == ["hostname", "ntpServer"]
    error_naming(lambda: emu_templates.scan_device_template_parameters(file=template_file("<config>")), 400, "XML")
    error_naming(lambda: emu_templates.scan_device_template_parameters(), 400, "file")


def test_a_template_attached_to_a_device_cannot_be_deleted(emu_superuser_client, emu_templates):
    template = emu_templates.create_device_template(_template(tenant_access=DeviceTemplateAccess(_global=True)))
    devices = DevicesApi(emu_superuser_client)
    device = devices.create_device(DeviceCreate(tenant_id=OPERATIONS_TENANT_ID, name="d", model="m", type="t",
                                                onboard_type="manual"))
    devices.attach_device_templates(device.id, DeviceTemplateAttachRequest(template_details=[
        DeviceTemplateDetails(template_id=template.id)]))
    error_naming(lambda: emu_templates.delete_device_template(template.id), 400, "attached")
    devices.detach_device_template(device.id, template.id)
    emu_templates.delete_device_template(template.id)


def test_sdk_cannot_send_a_parameter_validator_name():
    """python-msx-sdk 1.0.10 mangles the contract's pattern of name, label and hintText: nothing matches it."""
    with pytest.raises(Exception, match="regular expression"):
        TemplateParameterValidator(name="hostname")
