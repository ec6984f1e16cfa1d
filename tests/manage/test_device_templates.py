"""Device templates (Manage): the lifecycle of a template, for several kinds; its versions, its tenant access
and the scan of a template file's parameters."""

import pytest
from python_msx_sdk.api.device_templates_api import DeviceTemplatesApi
from python_msx_sdk.exceptions import NotFoundException
from python_msx_sdk.model.device_template_access import DeviceTemplateAccess
from python_msx_sdk.model.device_template_create import DeviceTemplateCreate
from python_msx_sdk.model.template_parameter_validator import TemplateParameterValidator

from tests.manage.conftest import TEMPLATE_PARAMETERS, TEMPLATE_XML
from tests.manage.conftest import required_template_fields as required

CASES = [
    pytest.param(lambda name: required(name), id="required-fields-only"),
    # Not name, label or hintText of a validator: python-msx-sdk 1.0.10 mangles their pattern, so it can never
    # send one (see msx_emulator/README.md).
    pytest.param(lambda name: required(name) | {
        "description": "Hostname and NTP of an edge router", "version": "1.0", "device_models": ["c8000v"],
        "template_standard": "nso", "tags": ["edge", "ntp"],
        "template_parameter_validators": [TemplateParameterValidator(
            type="String", display_type="Select", allowed_values=["192.0.2.1", "192.0.2.2"],
            tool_tip_text="The NTP server")]}, id="every-field"),
    pytest.param(lambda name: required(f"{name} Ünïcødé 名前 ✓") | {"description": "Descripción — 説明",
                                                                   "tags": ["Präview"]}, id="unicode"),
    pytest.param(lambda name: required(name) | {"tags": ["t" * 128]}, id="max-length-tag"),
    pytest.param(lambda name: required(name) | {"device_models": None, "tags": None}, id="nullable-fields-null"),
]


def assert_fields(template, fields):
    sent = DeviceTemplateCreate(**fields).to_dict()
    got = template.to_dict()
    for field, value in sent.items():
        if field != "tenant_access":
            assert got.get(field) == value, f"{field}: sent {value!r}, got {got.get(field)!r}"


@pytest.mark.lifecycle
@pytest.mark.parametrize("make_fields", CASES)
def test_createDeviceTemplate_getDeviceTemplate_getDeviceTemplatesList_deleteDeviceTemplate(
        msx_api, device_templates, manage_tenant, unique_name, make_fields):
    """The lifecycle of a template granted to the test's tenant: created, read, listed for the tenant, gone."""
    templates_api = msx_api(DeviceTemplatesApi)
    fields = make_fields(unique_name) | {"tenant_access": DeviceTemplateAccess(tenant_ids=[manage_tenant.id])}
    created = device_templates.create(**fields)
    assert created.status == 201
    template = created.resource
    assert template.id and template.created_on and template.is_latest_version
    assert_fields(template, fields)
    assert template.tenant_access.tenant_ids == [manage_tenant.id]

    assert templates_api.get_device_template(template.id).to_dict() == template.to_dict()
    listed = templates_api.get_device_templates_list(tenant_id=manage_tenant.id)
    assert [t.id for t in listed] == [template.id], "the tenant sees the template granted to it"

    assert device_templates.delete(template.id) == 204
    with pytest.raises(NotFoundException):
        templates_api.get_device_template(template.id)


def test_createDeviceTemplateVersion_makes_the_new_latest_version(msx_api, device_templates, device_template,
                                                                    manage_tenant):
    templates_api = msx_api(DeviceTemplatesApi)
    content = TEMPLATE_XML.replace("<config>", "<config><banner>v2</banner>")
    created = device_templates.create(new_version=True, name=device_template.name, config_content=content)
    assert created.status == 201
    second = created.resource
    assert (second.name, second.config_content, second.is_latest_version) == (device_template.name, content, True)
    assert second.version != device_template.version
    assert templates_api.get_device_template(device_template.id).is_latest_version is False
    latest = templates_api.get_device_templates_list(tenant_id=manage_tenant.id)
    every = templates_api.get_device_templates_list(tenant_id=manage_tenant.id, all_versions=True)
    assert [t.id for t in latest] == [second.id]
    assert {t.id for t in every} == {device_template.id, second.id}


def test_updateDeviceTemplateAccess_grants_the_tenants_given(msx_api, device_template, tenants, manage_tenant,
                                                             unique_name):
    templates_api = msx_api(DeviceTemplatesApi)
    other = tenants.create(name=f"{unique_name}-other").resource
    answer, status, _ = templates_api.update_device_template_access(
        device_template.id, DeviceTemplateAccess(tenant_ids=[other.id]), _return_http_data_only=False)
    assert status == 200
    assert answer.success_list_of_tenants == [other.id] and not answer.failure_list_of_tenants
    assert [t.id for t in templates_api.get_device_templates_list(tenant_id=other.id)] == [device_template.id]
    assert templates_api.get_device_templates_list(tenant_id=manage_tenant.id) == [], "the grants are replaced"


@pytest.mark.side_effect
def test_updateDeviceTemplateAccess_global_makes_it_visible_to_every_tenant(msx_api, device_template, tenants,
                                                                            unique_name):
    """Side effect: a global template shows to every tenant of a real MSX."""
    templates_api = msx_api(DeviceTemplatesApi)
    stranger = tenants.create(name=f"{unique_name}-stranger").resource
    assert templates_api.update_device_template_access(device_template.id, DeviceTemplateAccess(_global=True))._global
    assert device_template.id in [t.id for t in templates_api.get_device_templates_list(tenant_id=stranger.id)]


def test_scanDeviceTemplateParameters_lists_the_parameters_of_a_template_file(msx_api, tmp_path):
    """The SDK sends the file as multipart/form-data (it wants an open file, which it reads and closes)."""
    template_file = tmp_path / "template.xml"
    template_file.write_text(TEMPLATE_XML)
    scanned = msx_api(DeviceTemplatesApi).scan_device_template_parameters(file=open(template_file, "rb"))
    assert sorted(scanned) == sorted(TEMPLATE_PARAMETERS)


@pytest.mark.smoke
def test_getDeviceTemplatesList_answers(msx_api):
    """Read-only: the latest versions of the templates this user sees."""
    assert isinstance(msx_api(DeviceTemplatesApi).get_device_templates_list(), list)
