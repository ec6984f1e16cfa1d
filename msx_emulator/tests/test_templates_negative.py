"""The template service's refusals: 400 per breakable constraint, 403 for CONSUMER writes, 404 for unknown ids."""

from __future__ import annotations

import pytest
from python_msx_sdk.api.template_applications_api import TemplateApplicationsApi
from python_msx_sdk.api.templates_api import TemplatesApi
from python_msx_sdk.model.template_application_create import TemplateApplicationCreate
from python_msx_sdk.model.template_create import TemplateCreate

from msx_emulator.config import OPERATIONS_TENANT_ID
from msx_emulator.tests.helpers import error_naming, raw_call
from msx_emulator.tests.operations import OPERATIONS

TEMPLATES = "/template/api/v8/templates"
ASSIGNMENTS, APPLICATIONS = f"{TEMPLATES}/assignments", f"{TEMPLATES}/applications"
UNKNOWN_ID = "00000000-0000-4000-8000-000000000000"
TEMPLATE = {"name": "t", "serviceType": "s", "type": "t"}
APPLICATION = {"tenantId": OPERATIONS_TENANT_ID, "targetId": "d", "targetType": "device"}
FIRST_PAGE = [("page", 0), ("pageSize", 10)]
# The CONSUMER role of the contract views templates and manages applications only.
ASSET_AND_ASSIGNMENT_WRITES = {
    "importTemplate": "MANAGE_SERVICE_CONFIG_ASSET", "updateTemplateStatus": "MANAGE_SERVICE_CONFIG_ASSET",
    "deleteTemplate": "MANAGE_SERVICE_CONFIG_ASSET", "batchAssignTemplate": "MANAGE_SERVICE_CONFIG_ASSIGNMENT",
    "batchUnassignTemplate": "MANAGE_SERVICE_CONFIG_ASSIGNMENT",
    "updateAssignmentStatus": "MANAGE_SERVICE_CONFIG_ASSIGNMENT",
}
APPLICATION_WRITES = ["applyTemplate", "updateApplicationStatus", "deleteTemplateApplication"]
UNKNOWN = ["getTemplate", "updateTemplateStatus", "getTemplateHistory", "deleteTemplate", "batchAssignTemplate",
           "batchUnassignTemplate", "getAssignment", "updateAssignmentStatus", "getAssignmentHistory", "applyTemplate",
           "getTemplateApplication", "updateApplicationStatus", "getTemplateApplicationHistory",
           "deleteTemplateApplication"]


@pytest.fixture
def emu_template_id(emu_superuser_client):
    """The id of a template made with its required fields only."""
    return TemplatesApi(emu_superuser_client).import_template(TemplateCreate(name="t", service_type="s", type="t")).id


def _without(body: dict, name: str) -> dict:
    return {key: value for key, value in body.items() if key != name}


@pytest.mark.parametrize("body, field", [
    *[pytest.param(_without(TEMPLATE, name), name, id=f"missing-{name}") for name in TEMPLATE],
    pytest.param(TEMPLATE | {"name": ""}, "name", id="empty-name"),
    pytest.param(TEMPLATE | {"name": "n" * 129}, "name", id="long-name"),
    pytest.param(TEMPLATE | {"description": ""}, "description", id="empty-description"),
    pytest.param(TEMPLATE | {"description": "d" * 513}, "description", id="long-description"),
    pytest.param(TEMPLATE | {"type": 1}, "type", id="number-type"),
    pytest.param(TEMPLATE | {"attributes": {"a": 1}}, "attributes.a", id="attribute-not-a-string"),
    pytest.param(TEMPLATE | {"tags": "EFT"}, "tags", id="text-tags"),
    pytest.param(TEMPLATE | {"tags": ["has space"]}, "tags[0]", id="tag-outside-its-format"),
    pytest.param(TEMPLATE | {"notes": 5}, "notes", id="number-notes"),
    pytest.param([TEMPLATE], "body", id="not-an-object"),
])
def test_import_template_rejects_invalid_fields(emu_superuser_client, body, field):
    error_naming(lambda: raw_call(emu_superuser_client, "POST", TEMPLATES, body=body), 400, field)


@pytest.mark.parametrize("body, field", [
    pytest.param({"status": "DONE"}, "status", id="status-outside-its-enum"),
    pytest.param({"statusDetails": "d" * 257}, "statusDetails", id="long-status-details"),
    pytest.param({"name": ""}, "name", id="empty-name"),
    pytest.param({"tags": ["a/b"]}, "tags[0]", id="tag-outside-its-format"),
])
def test_update_template_status_rejects_invalid_fields(emu_superuser_client, emu_template_id, body, field):
    error_naming(lambda: raw_call(emu_superuser_client, "PATCH", f"{TEMPLATES}/{emu_template_id}", body=body), 400,
                 field)


@pytest.mark.parametrize("body, query, field", [
    pytest.param([], [], "body", id="empty-list"),
    pytest.param([UNKNOWN_ID] * 101, [], "body", id="over-100-tenants"),
    pytest.param(["x"], [], "body[0]", id="not-a-uuid"),
    pytest.param({"tenantId": UNKNOWN_ID}, [], "body", id="not-an-array"),
    pytest.param([UNKNOWN_ID], [("inheritable", "yes")], "inheritable", id="inheritable-not-a-boolean"),
])
def test_batch_assign_rejects_invalid_requests(emu_superuser_client, emu_template_id, body, query, field):
    error_naming(lambda: raw_call(emu_superuser_client, "POST", f"{TEMPLATES}/{emu_template_id}/assignments/add",
                                  query=query, body=body), 400, field)


@pytest.mark.parametrize("body, field", [
    pytest.param([], "body", id="empty-list"),
    pytest.param(["x"], "body[0]", id="not-a-uuid"),
])
def test_batch_unassign_rejects_invalid_requests(emu_superuser_client, emu_template_id, body, field):
    error_naming(lambda: raw_call(emu_superuser_client, "POST", f"{TEMPLATES}/{emu_template_id}/assignments/remove",
                                  body=body), 400, field)


@pytest.mark.parametrize("body, field", [
    *[pytest.param(_without(APPLICATION, name), name, id=f"missing-{name}") for name in APPLICATION],
    pytest.param(APPLICATION | {"tenantId": "x"}, "tenantId", id="tenant-not-a-uuid"),
    pytest.param(APPLICATION | {"parameters": {"p": 1}}, "parameters.p", id="parameter-not-a-string"),
])
def test_apply_template_rejects_invalid_fields(emu_superuser_client, emu_template_id, body, field):
    error_naming(lambda: raw_call(emu_superuser_client, "POST", f"{TEMPLATES}/{emu_template_id}/applications",
                                  body=body), 400, field)


@pytest.mark.parametrize("path", [ASSIGNMENTS, APPLICATIONS])
@pytest.mark.parametrize("body, field", [
    pytest.param({}, "status", id="missing-status"),
    pytest.param({"status": "new"}, "status", id="status-outside-its-enum"),
    pytest.param({"status": "NEW", "statusDetails": "d" * 257}, "statusDetails", id="long-status-details"),
])
def test_status_patches_reject_invalid_fields(emu_superuser_client, path, body, field):
    error_naming(lambda: raw_call(emu_superuser_client, "PATCH", f"{path}/{UNKNOWN_ID}", body=body), 400, field)


@pytest.mark.parametrize("path, query, field", [
    pytest.param(TEMPLATES, [("pageSize", 10)], "page", id="templates-missing-page"),
    pytest.param(TEMPLATES, [("page", 0), ("pageSize", 1001)], "pageSize", id="templates-page-size-over-1000"),
    pytest.param(TEMPLATES, FIRST_PAGE + [("calculateTotalItems", "maybe")], "calculateTotalItems",
                 id="templates-total-not-a-boolean"),
    pytest.param(TEMPLATES, FIRST_PAGE + [("tags", "a b")], "tags", id="templates-tag-outside-its-format"),
    pytest.param(ASSIGNMENTS, [("page", -1), ("pageSize", 10)], "page", id="assignments-negative-page"),
    pytest.param(ASSIGNMENTS, FIRST_PAGE + [("templateId", "x")], "templateId", id="assignments-template"),
    pytest.param(ASSIGNMENTS, FIRST_PAGE + [("tenantId", "x")], "tenantId", id="assignments-tenant"),
    pytest.param(APPLICATIONS, FIRST_PAGE, "tenantId", id="applications-missing-tenant"),
    pytest.param(APPLICATIONS, FIRST_PAGE + [("tenantId", "x")], "tenantId", id="applications-tenant"),
    pytest.param(APPLICATIONS, FIRST_PAGE + [("tenantId", UNKNOWN_ID), ("sortBy", "name")], "sortBy",
                 id="applications-sort-by-outside-its-enum"),
    pytest.param(APPLICATIONS, FIRST_PAGE + [("tenantId", UNKNOWN_ID), ("sortOrder", "ASC")], "sortOrder",
                 id="applications-sort-order-outside-its-enum"),
])
def test_pages_reject_invalid_queries(emu_superuser_client, path, query, field):
    error_naming(lambda: raw_call(emu_superuser_client, "GET", path, query=query), 400, field)


@pytest.mark.parametrize("method, path", [
    ("GET", f"{TEMPLATES}/x"), ("PATCH", f"{TEMPLATES}/x"), ("DELETE", f"{TEMPLATES}/x"),
    ("GET", f"{TEMPLATES}/x/history"), ("POST", f"{TEMPLATES}/x/assignments/add"),
    ("POST", f"{TEMPLATES}/x/assignments/remove"), ("POST", f"{TEMPLATES}/x/applications"),
    ("GET", f"{ASSIGNMENTS}/x"), ("PATCH", f"{ASSIGNMENTS}/x"), ("GET", f"{ASSIGNMENTS}/x/history"),
    ("GET", f"{APPLICATIONS}/x"), ("PATCH", f"{APPLICATIONS}/x"), ("DELETE", f"{APPLICATIONS}/x"),
    ("GET", f"{APPLICATIONS}/x/history"),
])
def test_malformed_ids_are_bad_requests(emu_superuser_client, method, path):
    body = {"status": "NEW"} if method == "PATCH" else APPLICATION if path.endswith("applications") else [UNKNOWN_ID]
    error_naming(lambda: raw_call(emu_superuser_client, method, path, body=body), 400, "id")


@pytest.mark.parametrize("operation", UNKNOWN)
def test_unknown_ids_are_not_found(emu_superuser_client, operation):
    error_naming(lambda: OPERATIONS[operation](emu_superuser_client), 404, UNKNOWN_ID)


@pytest.mark.parametrize("operation, permission", ASSET_AND_ASSIGNMENT_WRITES.items())
def test_consumer_may_not_change_templates_or_assignments(emu_operator_client, operation, permission):
    error_naming(lambda: OPERATIONS[operation](emu_operator_client), 403, permission)


@pytest.mark.parametrize("operation", ["getTemplatesPage", "getTemplateAssignmentsPage", "getTemplateApplicationsPage"])
def test_consumer_reads_templates(emu_operator_client, operation):
    OPERATIONS[operation](emu_operator_client)


@pytest.mark.parametrize("operation", APPLICATION_WRITES)
def test_consumer_reaches_application_writes(emu_operator_client, operation):
    """The contract's CONSUMER role carries MANAGE_SERVICE_CONFIG_APPLICATION: past the permission, a 404."""
    error_naming(lambda: OPERATIONS[operation](emu_operator_client), 404, UNKNOWN_ID)


def test_consumer_applies_a_template(emu_operator_client, emu_template_id):
    application = TemplateApplicationsApi(emu_operator_client).apply_template(
        emu_template_id, TemplateApplicationCreate(tenant_id=OPERATIONS_TENANT_ID, target_id="edge-router-1",
                                                   target_type="device"))
    assert application.created_by == "0b6f0c2e-7d1a-4f5e-9a43-5a1e2f3c4d02"
