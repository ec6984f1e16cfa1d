"""The workflow service's refusals: 400 per breakable constraint, 403 by permission, 404 for unknown ids."""

from __future__ import annotations

import pytest
from python_msx_sdk.api.users_api import UsersApi
from python_msx_sdk.api.workflow_targets_api import WorkflowTargetsApi
from python_msx_sdk.api.workflows_api import WorkflowsApi
from python_msx_sdk.model.user_create import UserCreate
from python_msx_sdk.model.workflow_start_config import WorkflowStartConfig
from python_msx_sdk.model.workflow_target_create import WorkflowTargetCreate

from msx_emulator.config import OPERATOR_ROLE_ID, OPERATIONS_TENANT_ID, ROOT_TENANT_ID
from msx_emulator.services.workflow_schemas import CATEGORY_SCHEMA, EVENT_SCHEMA
from msx_emulator.tests.helpers import error_naming, raw_call
from msx_emulator.tests.workflow_fixtures import (  # noqa: F401  (fixtures)
    emu_workflow_id, emu_workflows, workflow_body,
)
from msx_emulator.tests.workflow_operations import UNKNOWN_KSUID, WORKFLOW_OPERATIONS

API = "/workflow/api/v8"
CATEGORY = {"name": "c", "title": "C", "description": "d", "schema_id": CATEGORY_SCHEMA}
TARGET = {"name": "t", "properties": {}}
EVENTS = [name for name in WORKFLOW_OPERATIONS if "Event" in name]
# Permissions the OPERATOR role lacks (it holds the instance, event and target ones).
NOT_OPERATORS = {"importWorkflow": "MANAGE_WORKFLOW", "getWorkflowsList": "VIEW_WORKFLOW",
                 "getWorkflow": "VIEW_WORKFLOW", "updateWorkflow": "MANAGE_WORKFLOW",
                 "deleteWorkflow": "MANAGE_WORKFLOW", "exportWorkflow": "VIEW_WORKFLOW",
                 "validateWorkflow": "MANAGE_WORKFLOW", "getWorkflowStartConfig": "VIEW_WORKFLOW",
                 "createWorkflowCategory": "MANAGE_CATEGORY", "getWorkflowCategoriesList": "VIEW_CATEGORY",
                 "getWorkflowCategory": "VIEW_CATEGORY", "updateWorkflowCategory": "MANAGE_CATEGORY",
                 "deleteWorkflowCategory": "MANAGE_CATEGORY", "getWorkflowSchemasList": "VIEW_WORKFLOW",
                 "getWorkflowSchema": "VIEW_WORKFLOW"}
NOT_FOUND = ["getWorkflow", "deleteWorkflow", "exportWorkflow", "validateWorkflow", "getWorkflowStartConfig",
             "startWorkflow", "getWorkflowInstancesList", "getWorkflowInstance", "cancelWorkflowInstance",
             "deleteWorkflowInstance", "getWorkflowInstanceAction", "getWorkflowCategory", "updateWorkflowCategory",
             "deleteWorkflowCategory", "getWorkflowEvent", "updateWorkflowEvent", "deleteWorkflowEvent",
             "getWorkflowTarget", "updateWorkflowTarget", "deleteWorkflowTarget"]


@pytest.fixture
def emu_operator_role_client(emu_client, emu_login, emu_superuser_client):
    """An ApiClient of a user with the OPERATOR role."""
    UsersApi(emu_superuser_client).create_user(UserCreate(
        username="op", email="op@example.com", last_name="Op", password="Op-Password-1",
        role_ids=[OPERATOR_ROLE_ID], tenant_ids=[ROOT_TENANT_ID]))
    return emu_client(emu_login(username="op", password="Op-Password-1").access_token)


def _without(body: dict, name: str) -> dict:
    return {key: value for key, value in body.items() if key != name}


@pytest.mark.parametrize("body, field", [
    pytest.param({}, "workflow", id="no-workflow"),
    pytest.param({"workflow": "w"}, "workflow", id="workflow-not-an-object"),
    pytest.param({"workflow": {"title": "w"}}, "workflow.name", id="missing-name"),
    pytest.param({"workflow": {"name": ""}}, "workflow.name", id="empty-name"),
    pytest.param({"workflow": {"name": 7}}, "workflow.name", id="name-not-a-string"),
    pytest.param({"workflow": {"name": "w", "actions": {}}}, "workflow.actions", id="actions-not-an-array"),
    pytest.param({"workflow": {"name": "w", "actions": ["a"]}}, "workflow.actions[0]", id="action-not-an-object"),
    pytest.param({"workflow": {"name": "w", "actions": [{"type": 1}]}}, "workflow.actions[0].type", id="action-type"),
    pytest.param({"workflow": {"name": "w", "variables": [{"properties": []}]}}, "workflow.variables[0].properties",
                 id="variable-properties"),
    pytest.param({"workflow": {"name": "w", "properties": "p"}}, "workflow.properties", id="properties"),
    pytest.param({"workflow": {"name": "w", "categories": [1]}}, "workflow.categories", id="category-not-a-string"),
    pytest.param({"workflow": {"name": "w", "categories": [UNKNOWN_KSUID]}}, UNKNOWN_KSUID, id="unknown-category"),
    pytest.param({"workflow": {"name": "w"}, "targets": []}, "targets", id="targets-not-an-object"),
    pytest.param([{"workflow": {"name": "w"}}], "body", id="body-not-an-object"),
])
def test_import_refuses_a_malformed_workflow(emu_superuser_client, body, field):
    error_naming(lambda: raw_call(emu_superuser_client, "POST", f"{API}/workflows", body=body), 400, field)


@pytest.mark.parametrize("query, field", [
    pytest.param([("tenantIds", "x")], "tenantIds", id="tenant-not-a-uuid"),
    pytest.param([("tenantIds", "00000000-0000-4000-8000-000000000000")], "tenantIds", id="unknown-tenant"),
    pytest.param([("global", "maybe")], "global", id="global-not-a-boolean"),
])
def test_import_refuses_bad_tenants(emu_superuser_client, query, field):
    error_naming(lambda: raw_call(emu_superuser_client, "POST", f"{API}/workflows", query=query,
                                  body=workflow_body()), 400, field)


def test_import_refuses_a_unique_name_in_use(emu_workflows, emu_workflow_id):
    unique_name = emu_workflows.get_workflow(emu_workflow_id).unique_name
    error_naming(lambda: emu_workflows.import_workflow(workflow_body(unique_name=unique_name)), 400, unique_name)


def test_update_of_an_unknown_workflow_is_a_bad_request(emu_superuser_client):
    # updateWorkflow documents no 404.
    error_naming(lambda: WORKFLOW_OPERATIONS["updateWorkflow"](emu_superuser_client), 400, UNKNOWN_KSUID)


@pytest.mark.parametrize("path, method", [
    pytest.param("workflows/{}", "GET", id="getWorkflow"), pytest.param("workflows/{}", "PUT", id="updateWorkflow"),
    pytest.param("workflows/{}", "DELETE", id="deleteWorkflow"),
    pytest.param("workflows/{}/export", "GET", id="exportWorkflow"),
    pytest.param("workflows/{}/start", "POST", id="startWorkflow"),
    pytest.param("workflows/{}/startconfig", "GET", id="getWorkflowStartConfig"),
    pytest.param("workflows/{}/validate", "POST", id="validateWorkflow"),
    pytest.param("workflows/{}/instances/list", "GET", id="getWorkflowInstancesList"),
    pytest.param("workflows/instances/{}", "GET", id="getWorkflowInstance"),
    pytest.param("workflows/instances/{}/cancel", "POST", id="cancelWorkflowInstance"),
    pytest.param("workflows/instances/{}/actions/a", "GET", id="getWorkflowInstanceAction"),
    pytest.param("categories/{}", "GET", id="getWorkflowCategory"),
    pytest.param("categories/{}", "PUT", id="updateWorkflowCategory"),
    pytest.param("categories/{}", "DELETE", id="deleteWorkflowCategory"),
    pytest.param("events/{}", "GET", id="getWorkflowEvent"), pytest.param("events/{}", "PUT", id="updateWorkflowEvent"),
    pytest.param("events/{}", "DELETE", id="deleteWorkflowEvent"),
    pytest.param("targets/{}", "GET", id="getWorkflowTarget"), pytest.param("targets/{}", "PUT", id="updateWorkflowTarget"),
    pytest.param("targets/{}", "DELETE", id="deleteWorkflowTarget"),
    pytest.param("schemas/{}", "GET", id="getWorkflowSchema"),
])
def test_ids_that_are_not_ksuids_are_bad_requests(emu_superuser_client, path, method):
    query = [("page", 0), ("pageSize", 10)] if path.endswith("list") else []
    error_naming(lambda: raw_call(emu_superuser_client, method, f"{API}/{path.format('not-a-ksuid')}", query=query,
                                  body={}), 400, "ksuid")


@pytest.mark.parametrize("body, field", [
    *[pytest.param(_without(CATEGORY, name), name, id=f"missing-{name}") for name in CATEGORY],
    pytest.param(CATEGORY | {"name": ""}, "name", id="empty-name"),
    pytest.param(CATEGORY | {"title": "t" * 129}, "title", id="title-129-chars"),
    pytest.param(CATEGORY | {"description": "d" * 257}, "description", id="description-257-chars"),
    pytest.param(CATEGORY | {"schema_id": EVENT_SCHEMA}, "schema_id", id="not-a-category-schema"),
    pytest.param(CATEGORY | {"unique_name": 3}, "unique_name", id="unique-name-not-a-string"),
])
def test_category_refuses_invalid_fields(emu_superuser_client, body, field):
    error_naming(lambda: raw_call(emu_superuser_client, "POST", f"{API}/categories",
                                  query=[("tenantId", ROOT_TENANT_ID)], body=body), 400, field)


@pytest.mark.parametrize("query, field", [
    pytest.param([], "tenantId", id="missing-tenant"),
    pytest.param([("tenantId", "x")], "tenantId", id="tenant-not-a-uuid"),
    pytest.param([("tenantId", "00000000-0000-4000-8000-000000000000")], "tenantId", id="unknown-tenant"),
])
def test_category_needs_a_known_tenant(emu_superuser_client, query, field):
    error_naming(lambda: raw_call(emu_superuser_client, "POST", f"{API}/categories", query=query, body=CATEGORY),
                 400, field)


@pytest.mark.parametrize("body, field", [
    pytest.param(_without(TARGET, "name"), "name", id="missing-name"),
    pytest.param(_without(TARGET, "properties"), "properties", id="missing-properties"),
    pytest.param(TARGET | {"name": "<t>"}, "name", id="name-with-angle-brackets"),
    pytest.param(TARGET | {"description": "<d>"}, "description", id="description-with-angle-brackets"),
    pytest.param(TARGET | {"properties": []}, "properties", id="properties-not-an-object"),
    pytest.param(TARGET | {"schema_id": CATEGORY_SCHEMA}, "schema_id", id="not-a-target-schema"),
    pytest.param(TARGET | {"type": "no.such_endpoint"}, "type", id="unknown-type"),
])
def test_target_refuses_invalid_fields(emu_superuser_client, body, field):
    error_naming(lambda: raw_call(emu_superuser_client, "POST", f"{API}/targets", body=body), 400, field)


@pytest.fixture
def emu_event_body(emu_superuser_client):
    """A valid event body naming a new target."""
    target = WorkflowTargetsApi(emu_superuser_client).create_workflow_target(WorkflowTargetCreate(**TARGET))
    return {"title": "e", "target_id": target.id, "schema_id": EVENT_SCHEMA, "properties": {}}


@pytest.mark.parametrize("change, field", [
    *[pytest.param({name: None}, name, id=f"missing-{name}") for name in ("title", "target_id", "schema_id",
                                                                           "properties")],
    pytest.param({"target_id": UNKNOWN_KSUID}, "target_id", id="unknown-target"),
    pytest.param({"schema_id": CATEGORY_SCHEMA}, "schema_id", id="not-an-event-schema"),
    pytest.param({"properties": "p"}, "properties", id="properties-not-an-object"),
    pytest.param({"title": 5}, "title", id="title-not-a-string"),
])
def test_event_refuses_invalid_fields(emu_superuser_client, emu_event_body, change, field):
    body = {name: value for name, value in (emu_event_body | change).items() if value is not None}
    error_naming(lambda: raw_call(emu_superuser_client, "POST", f"{API}/events", body=body), 400, field)


@pytest.mark.parametrize("path, query, field", [
    pytest.param("schemas/list", [], "baseType", id="schemas-missing-base-type"),
    pytest.param("schemas/list", [("baseType", "category"), ("schemaType", "html")], "schemaType", id="schema-type"),
    pytest.param("schemas/list", [("baseType", "category"), ("variableType", "x")], "variableType", id="variable-type"),
    pytest.param(f"schemas/{CATEGORY_SCHEMA}", [("schemaType", "html")], "schemaType", id="schema-by-id-type"),
    pytest.param("targets/list", [("internal", "x")], "internal", id="targets-internal"),
    pytest.param("categories/list", [("tenantId", "x")], "tenantId", id="categories-tenant"),
    pytest.param("workflows/list", [("tenantId", "x")], "tenantId", id="workflows-tenant"),
    pytest.param("workflows/list", [("atomic", "x")], "atomic", id="workflows-atomic"),
])
def test_lists_refuse_invalid_queries(emu_superuser_client, path, query, field):
    error_naming(lambda: raw_call(emu_superuser_client, "GET", f"{API}/{path}", query=query), 400, field)


@pytest.mark.parametrize("query, field", [
    pytest.param([("pageSize", 10)], "page", id="missing-page"),
    pytest.param([("page", 0), ("pageSize", 101)], "pageSize", id="page-size-101"),
    pytest.param([("page", -1), ("pageSize", 10)], "page", id="negative-page"),
    pytest.param([("page", 0), ("pageSize", 10), ("dateFrom", "yesterday")], "dateFrom", id="date-from"),
])
def test_instances_list_refuses_invalid_queries(emu_superuser_client, emu_workflow_id, query, field):
    error_naming(lambda: raw_call(emu_superuser_client, "GET", f"{API}/workflows/{emu_workflow_id}/instances/list",
                                  query=query), 400, field)


def test_start_refuses_a_malformed_config(emu_superuser_client, emu_workflow_id):
    error_naming(lambda: raw_call(emu_superuser_client, "POST", f"{API}/workflows/{emu_workflow_id}/start",
                                  body={"input_variables": {}}), 400, "input_variables")


@pytest.mark.parametrize("operation", NOT_FOUND)
def test_unknown_ids_are_not_found(emu_superuser_client, operation):
    error_naming(lambda: WORKFLOW_OPERATIONS[operation](emu_superuser_client), 404, UNKNOWN_KSUID)


def test_unknown_schema_is_not_found(emu_superuser_client):
    error_naming(lambda: raw_call(emu_superuser_client, "GET", f"{API}/schemas/{UNKNOWN_KSUID}"), 404, UNKNOWN_KSUID)


@pytest.mark.parametrize("operation", EVENTS)
def test_consumer_has_no_event_permission(emu_operator_client, operation):
    error_naming(lambda: WORKFLOW_OPERATIONS[operation](emu_operator_client), 403, "WORKFLOW_EVENT")


@pytest.mark.parametrize("operation", sorted(NOT_OPERATORS))
def test_operator_role_has_no_workflow_or_category_permission(emu_operator_role_client, operation):
    error_naming(lambda: WORKFLOW_OPERATIONS[operation](emu_operator_role_client), 403, NOT_OPERATORS[operation])


def test_consumer_may_import_and_start_a_workflow(emu_operator_client):
    # The contract's CONSUMER role holds MANAGE_WORKFLOW and MANAGE_WORKFLOW_INSTANCE.
    workflows = WorkflowsApi(emu_operator_client)
    workflow = workflows.import_workflow(workflow_body())
    assert workflow.tenant_ids == [OPERATIONS_TENANT_ID], "the creator's tenant"
    [started] = workflows.start_workflow(workflow.id, WorkflowStartConfig(), sync=True)
    assert started.status == {"state": "completed"}
