"""Template applications: what MSX must refuse, and with which status (ids: <operationId>-<status>-<case>).

A wrongly accepted application would configure its target: these tests carry the side_effect marker.
"""

import pytest
from python_msx_sdk.api.template_applications_api import TemplateApplicationsApi
from python_msx_sdk.model.template_application_create import TemplateApplicationCreate
from python_msx_sdk.model.template_application_status_patch import TemplateApplicationStatusPatch
from python_msx_sdk.model.template_status import TemplateStatus

pytestmark = [pytest.mark.negative, pytest.mark.side_effect]

TEMPLATES = "/template/api/v8/templates"
APPLICATIONS = f"{TEMPLATES}/applications"
UNKNOWN_ID = "5f0c3e52-0000-4000-8000-000000000404"
TOKENS = [pytest.param(None, id="401-no-token"), pytest.param("not-a-valid-token", id="401-bad-token")]


def valid_application(tenant_id, target) -> dict:
    return {"tenantId": tenant_id, "targetId": target, "targetType": "device"}


def patch() -> TemplateApplicationStatusPatch:
    return TemplateApplicationStatusPatch(status=TemplateStatus("SUCCESS"))


# Each body breaks one constraint of the contract's TemplateApplicationCreate (the tenant: the test's own).
INVALID_APPLICATIONS = [pytest.param(change, id=f"applyTemplate-400-{case}") for change, case in [
    ({"tenantId": None}, "missing-tenant-id"),
    ({"targetId": None}, "missing-target-id"),
    ({"targetType": None}, "missing-target-type"),
    ({"tenantId": "not-a-uuid"}, "tenant-id-not-a-uuid"),
    ({"tenantId": UNKNOWN_ID}, "unknown-tenant-id"),  # the contract is silent; the emulator answers 400
    ({"targetId": 7}, "target-id-not-a-string"),
    ({"parameters": {"vlan": 42}}, "parameter-not-a-string"),
    ({"parameters": ["vlan"]}, "parameters-not-an-object"),
]]
INVALID_PATCHES = [pytest.param(body, id=f"updateApplicationStatus-400-{case}") for body, case in [
    ({}, "missing-status"),
    ({"status": "APPLIED"}, "status-outside-its-enum"),
    ({"status": "SUCCESS", "statusDetails": "d" * 257}, "status-details-257-chars"),
]]
MALFORMED_REQUESTS = [
    pytest.param("GET", APPLICATIONS, [("page", 0), ("pageSize", 10)], None,
                 id="getTemplateApplicationsPage-400-no-tenant-id"),
    pytest.param("GET", APPLICATIONS, [("tenantId", "not-a-uuid"), ("page", 0), ("pageSize", 10)], None,
                 id="getTemplateApplicationsPage-400-tenant-id-not-a-uuid"),
    pytest.param("GET", APPLICATIONS, [("tenantId", UNKNOWN_ID), ("page", -1), ("pageSize", 10)], None,
                 id="getTemplateApplicationsPage-400-negative-page"),
    pytest.param("GET", APPLICATIONS, [("tenantId", UNKNOWN_ID), ("page", 0), ("pageSize", 10), ("sortBy", "name")],
                 None, id="getTemplateApplicationsPage-400-sort-by-outside-its-enum"),
    pytest.param("GET", APPLICATIONS, [("tenantId", UNKNOWN_ID), ("page", 0), ("pageSize", 10), ("sortOrder", "ASC")],
                 None, id="getTemplateApplicationsPage-400-sort-order-outside-its-enum"),
    pytest.param("GET", f"{APPLICATIONS}/not-a-uuid", [], None, id="getTemplateApplication-400-id-not-a-uuid"),
    pytest.param("PATCH", f"{APPLICATIONS}/not-a-uuid", [], {"status": "SUCCESS"},
                 id="updateApplicationStatus-400-id-not-a-uuid"),
    pytest.param("GET", f"{APPLICATIONS}/not-a-uuid/history", [], None,
                 id="getTemplateApplicationHistory-400-id-not-a-uuid"),
    pytest.param("DELETE", f"{APPLICATIONS}/not-a-uuid", [], None, id="deleteTemplateApplication-400-id-not-a-uuid"),
    pytest.param("POST", f"{TEMPLATES}/not-a-uuid/applications", [], valid_application(UNKNOWN_ID, "msxt-nothing"),
                 id="applyTemplate-400-id-not-a-uuid"),
]
# Every application operation, aimed at nothing that exists.
OPERATIONS = [
    pytest.param(lambda api: api.apply_template(UNKNOWN_ID, TemplateApplicationCreate(
        tenant_id=UNKNOWN_ID, target_id="msxt-nothing", target_type="device")), id="applyTemplate"),
    pytest.param(lambda api: api.get_template_applications_page(UNKNOWN_ID, 0, 10), id="getTemplateApplicationsPage"),
    pytest.param(lambda api: api.get_template_application(UNKNOWN_ID), id="getTemplateApplication"),
    pytest.param(lambda api: api.update_application_status(UNKNOWN_ID, patch()), id="updateApplicationStatus"),
    pytest.param(lambda api: api.get_template_application_history(UNKNOWN_ID), id="getTemplateApplicationHistory"),
    pytest.param(lambda api: api.delete_template_application(UNKNOWN_ID), id="deleteTemplateApplication"),
]
UNKNOWN = [pytest.param(*case.values, id=f"{case.id}-404-unknown-id") for case in OPERATIONS
           if case.id != "getTemplateApplicationsPage"]


@pytest.mark.parametrize("change", INVALID_APPLICATIONS)
def test_invalid_application_is_refused(msx_api, send_raw, refuses, template, tenant, unique_name, change):
    body = {key: value for key, value in (valid_application(tenant.id, unique_name) | change).items()
            if value is not None}
    refuses(400, lambda: send_raw("POST", f"{TEMPLATES}/{template.id}/applications", body))
    page = msx_api(TemplateApplicationsApi).get_template_applications_page(tenant.id, 0, 10, template_id=template.id)
    assert page.contents == [], "a refused application applies nothing"


@pytest.mark.parametrize("body", INVALID_PATCHES)
def test_invalid_application_patch_is_refused(msx_api, template_applications, send_raw, refuses, template, tenant,
                                              unique_name, body):
    application = template_applications.create(template_id=template.id, tenant_id=tenant.id, target_id=unique_name,
                                               target_type="device").resource
    refuses(400, lambda: send_raw("PATCH", f"{APPLICATIONS}/{application.id}", body))
    assert msx_api(TemplateApplicationsApi).get_template_application(application.id).to_dict() == \
        application.to_dict(), "a refused change changes nothing"


@pytest.mark.parametrize("method, path, query, body", MALFORMED_REQUESTS)
def test_malformed_application_request_is_rejected(send_raw, refuses, method, path, query, body):
    refuses(400, lambda: send_raw(method, path, body, query))


@pytest.mark.parametrize("token", TOKENS)
@pytest.mark.parametrize("call", OPERATIONS)
def test_application_operations_need_a_valid_token(make_api_client, refuses, call, token):
    refuses(401, lambda: call(TemplateApplicationsApi(make_api_client(token))))


@pytest.mark.parametrize("call", UNKNOWN)
def test_unknown_application_is_not_found(msx_api, refuses, call):
    refuses(404, lambda: call(msx_api(TemplateApplicationsApi)))
