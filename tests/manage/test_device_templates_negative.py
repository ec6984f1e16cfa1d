"""Device templates (Manage): what MSX must refuse, and with which status (ids: <operationId>-<status>-<case>)."""

import pytest
from python_msx_sdk.api.device_templates_api import DeviceTemplatesApi
from python_msx_sdk.api.devices_api import DevicesApi
from python_msx_sdk.model.device_template import DeviceTemplate
from python_msx_sdk.model.device_template_access import DeviceTemplateAccess
from python_msx_sdk.model.device_template_create import DeviceTemplateCreate
from python_msx_sdk.model.device_template_version_create import DeviceTemplateVersionCreate

from tests.manage.conftest import TEMPLATE_XML, required_template_fields
from tests.manage.test_devices import attach_request

pytestmark = pytest.mark.negative

TEMPLATES = "/manage/api/v8/devicetemplates"
UNKNOWN_ID = "5f0c3e52-0000-4000-8000-000000000404"
TOKENS = [pytest.param(None, id="401-no-token"), pytest.param("not-a-valid-token", id="401-bad-token")]


def valid_template(name) -> dict:
    """A createDeviceTemplate body MSX accepts (raw JSON names)."""
    return {"name": name, "serviceType": "managed-device", "configContent": TEMPLATE_XML, "resourceProvider": "nso"}


def without(field):
    return lambda name: {k: v for k, v in valid_template(name).items() if k != field}


def with_(**fields):
    return lambda name: valid_template(name) | fields


INVALID_BODIES = [
    *[pytest.param(without(field), id=f"createDeviceTemplate-400-missing-{slug}") for field, slug in (
        ("name", "name"), ("serviceType", "service-type"), ("configContent", "config-content"),
        ("resourceProvider", "resource-provider"))],
    pytest.param(with_(configContent=""), id="createDeviceTemplate-400-empty-config-content"),
    pytest.param(with_(tags=[""]), id="createDeviceTemplate-400-empty-tag"),
    pytest.param(with_(tags=["t" * 129]), id="createDeviceTemplate-400-tag-129-chars"),
    pytest.param(with_(tags="edge"), id="createDeviceTemplate-400-tags-not-an-array"),
    pytest.param(with_(deviceModels=[7]), id="createDeviceTemplate-400-device-model-not-a-string"),
    pytest.param(with_(tenantAccess={"tenantIds": ["not-a-uuid"]}),
                 id="createDeviceTemplate-400-access-tenant-id-not-a-uuid"),
    pytest.param(with_(tenantAccess={"tenantIds": [UNKNOWN_ID]}), id="createDeviceTemplate-400-access-unknown-tenant"),
    pytest.param(with_(tenantAccess={"global": "yes"}), id="createDeviceTemplate-400-access-global-not-a-boolean"),
    pytest.param(with_(templateParameterValidators=[{"type": "Colour"}]),
                 id="createDeviceTemplate-400-validator-type-breaks-its-pattern"),
    pytest.param(with_(templateParameterValidators=[{"displayType": "Slider"}]),
                 id="createDeviceTemplate-400-validator-display-type-breaks-its-pattern"),
    pytest.param(with_(templateParameterValidators=[{"name": "host!name"}]),
                 id="createDeviceTemplate-400-validator-name-breaks-its-pattern"),
    pytest.param(with_(templateParameterValidators=[{"allowedValues": "a"}]),
                 id="createDeviceTemplate-400-validator-allowed-values-not-an-array"),
    pytest.param(lambda name: [valid_template(name)], id="createDeviceTemplate-400-body-not-an-object"),
]
MALFORMED_REQUESTS = [
    pytest.param("GET", f"{TEMPLATES}/list", [("tenantId", "not-a-uuid")], None,
                 id="getDeviceTemplatesList-400-tenant-id-not-a-uuid"),
    pytest.param("GET", f"{TEMPLATES}/list", [("allVersions", "maybe")], None,
                 id="getDeviceTemplatesList-400-all-versions-not-a-boolean"),
    pytest.param("GET", f"{TEMPLATES}/not-a-uuid", [], None, id="getDeviceTemplate-400-id-not-a-uuid"),
    pytest.param("DELETE", f"{TEMPLATES}/not-a-uuid", [], None, id="deleteDeviceTemplate-400-id-not-a-uuid"),
    pytest.param("PUT", f"{TEMPLATES}/not-a-uuid/access", [], {"global": True},
                 id="updateDeviceTemplateAccess-400-id-not-a-uuid"),
    pytest.param("POST", f"{TEMPLATES}/versions", [], {"name": "msxt-nobody"},
                 id="createDeviceTemplateVersion-400-missing-config-content"),
    pytest.param("POST", f"{TEMPLATES}/versions", [], {"configContent": TEMPLATE_XML},
                 id="createDeviceTemplateVersion-400-missing-name"),
    pytest.param("POST", f"{TEMPLATES}/versions", [], {"name": "msxt-nobody", "configContent": ""},
                 id="createDeviceTemplateVersion-400-empty-config-content"),
    # The contract is silent on a version of a template that does not exist; the emulator answers 400.
    pytest.param("POST", f"{TEMPLATES}/versions", [], {"name": "msxt-nobody", "configContent": TEMPLATE_XML},
                 id="createDeviceTemplateVersion-400-unknown-template-name"),
]
INVALID_ACCESS = [
    pytest.param({"tenantIds": ["not-a-uuid"]}, id="updateDeviceTemplateAccess-400-tenant-id-not-a-uuid"),
    pytest.param({"global": "yes"}, id="updateDeviceTemplateAccess-400-global-not-a-boolean"),
    pytest.param({"tenantIds": "all"}, id="updateDeviceTemplateAccess-400-tenant-ids-not-an-array"),
    pytest.param([], id="updateDeviceTemplateAccess-400-body-not-an-object"),
]


def template_file(tmp_path, content=TEMPLATE_XML):
    path = tmp_path / "template.xml"
    path.write_text(content)
    return open(path, "rb")


# Every template operation, aimed at nothing that exists, with a valid body.
OPERATIONS = [
    pytest.param(lambda api, name, tmp: api.create_device_template(DeviceTemplateCreate(
        **required_template_fields(name))), id="createDeviceTemplate"),
    pytest.param(lambda api, name, tmp: api.create_device_template_version(DeviceTemplateVersionCreate(
        name=name, config_content=TEMPLATE_XML)), id="createDeviceTemplateVersion"),
    pytest.param(lambda api, name, tmp: api.scan_device_template_parameters(file=template_file(tmp)),
                 id="scanDeviceTemplateParameters"),
    pytest.param(lambda api, name, tmp: api.get_device_templates_list(), id="getDeviceTemplatesList"),
    pytest.param(lambda api, name, tmp: api.get_device_template(UNKNOWN_ID), id="getDeviceTemplate"),
    pytest.param(lambda api, name, tmp: api.delete_device_template(UNKNOWN_ID), id="deleteDeviceTemplate"),
    pytest.param(lambda api, name, tmp: api.update_device_template_access(UNKNOWN_ID, DeviceTemplateAccess(
        _global=True)), id="updateDeviceTemplateAccess"),
]
UNKNOWN = [pytest.param(*p.values, id=f"{p.id}-404-unknown-id") for p in OPERATIONS[4:]]
# The limited user's writes: the contract's CONSUMER views templates and does not hold MANAGE_TEMPLATES.
LIMITED_WRITES = [
    pytest.param(lambda api, user, template, tmp: api.create_device_template(DeviceTemplateCreate(
        **required_template_fields(f"{user.username}-forbidden"))), id="createDeviceTemplate-403-limited-user"),
    pytest.param(lambda api, user, template, tmp: api.create_device_template_version(DeviceTemplateVersionCreate(
        name=template.name, config_content=TEMPLATE_XML)), id="createDeviceTemplateVersion-403-limited-user"),
    pytest.param(lambda api, user, template, tmp: api.scan_device_template_parameters(file=template_file(tmp)),
                 id="scanDeviceTemplateParameters-403-limited-user"),
    pytest.param(lambda api, user, template, tmp: api.delete_device_template(template.id),
                 id="deleteDeviceTemplate-403-limited-user"),
    pytest.param(lambda api, user, template, tmp: api.update_device_template_access(template.id, DeviceTemplateAccess(
        tenant_ids=user.tenant_ids)), id="updateDeviceTemplateAccess-403-limited-user"),
]


@pytest.mark.parametrize("make_body", INVALID_BODIES)
def test_invalid_device_template_is_not_created(send_raw, refuses, unique_name, make_body):
    refuses(400, lambda: send_raw("POST", TEMPLATES, make_body(unique_name), answer=(DeviceTemplate,)))


def test_createDeviceTemplate_400_for_a_name_taken(send_raw, refuses, device_template):
    """A real MSX answers 409 (developer guides), which createDeviceTemplate does not document; the emulator: 400."""
    refuses(400, lambda: send_raw("POST", TEMPLATES, valid_template(device_template.name), answer=(DeviceTemplate,)))


@pytest.mark.parametrize("method, path, query, body", MALFORMED_REQUESTS)
def test_malformed_device_template_request_is_rejected(send_raw, refuses, method, path, query, body):
    refuses(400, lambda: send_raw(method, path, body, query))


@pytest.mark.parametrize("body", INVALID_ACCESS)
def test_invalid_template_access_is_refused(msx_api, send_raw, refuses, device_template, body):
    refuses(400, lambda: send_raw("PUT", f"{TEMPLATES}/{device_template.id}/access", body))
    assert msx_api(DeviceTemplatesApi).get_device_template(device_template.id).to_dict() == \
        device_template.to_dict(), "a refused change grants nothing"


def test_updateDeviceTemplateAccess_400_for_global_and_tenants_together(msx_api, refuses, device_template,
                                                                        manage_tenant):
    """The contract calls the two mutually exclusive."""
    refuses(400, lambda: msx_api(DeviceTemplatesApi).update_device_template_access(
        device_template.id, DeviceTemplateAccess(_global=True, tenant_ids=[manage_tenant.id])))


@pytest.mark.parametrize("content", [
    pytest.param(None, id="scanDeviceTemplateParameters-400-no-file"),
    pytest.param("<config><hostname>", id="scanDeviceTemplateParameters-400-not-well-formed-xml"),
])
def test_invalid_scan_is_refused(msx_api, refuses, tmp_path, content):
    templates_api = msx_api(DeviceTemplatesApi)
    files = {} if content is None else {"file": template_file(tmp_path, content)}
    refuses(400, lambda: templates_api.scan_device_template_parameters(**files))


@pytest.mark.side_effect
def test_deleteDeviceTemplate_400_while_attached_to_a_device_then_204(msx_api, device_templates, device,
                                                                      device_template, refuses):
    """The contract documents no 409 for deleteDeviceTemplate; the emulator answers 400 while it is attached."""
    devices_api = msx_api(DevicesApi)
    devices_api.attach_device_templates(device.id, attach_request(device_template.id))
    refuses(400, lambda: msx_api(DeviceTemplatesApi).delete_device_template(device_template.id))
    devices_api.detach_device_template(device.id, device_template.id)
    assert device_templates.delete(device_template.id) == 204


@pytest.mark.parametrize("token", TOKENS)
@pytest.mark.parametrize("call", OPERATIONS)
def test_device_template_operations_need_a_valid_token(make_api_client, refuses, unique_name, tmp_path, call, token):
    refuses(401, lambda: call(DeviceTemplatesApi(make_api_client(token)), unique_name, tmp_path))


@pytest.mark.parametrize("write", LIMITED_WRITES)
def test_limited_user_may_not_change_device_templates(msx_api, limited_api_client, limited_user, device_template,
                                                      refuses, tmp_path, write):
    refuses(403, lambda: write(DeviceTemplatesApi(limited_api_client), limited_user, device_template, tmp_path))
    assert msx_api(DeviceTemplatesApi).get_device_template(device_template.id).to_dict() == \
        device_template.to_dict(), "a refused write changes nothing"


@pytest.mark.parametrize("call", UNKNOWN)
def test_unknown_device_template_is_not_found(msx_api, refuses, unique_name, tmp_path, call):
    refuses(404, lambda: call(msx_api(DeviceTemplatesApi), unique_name, tmp_path))
