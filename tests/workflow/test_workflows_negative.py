"""Workflows: what MSX must refuse, and with which status (ids: <operationId>-<status>-<case>)."""

import pytest
from python_msx_sdk.api.workflows_api import WorkflowsApi
from python_msx_sdk.model.workflow_mapping import WorkflowMapping

from tests.workflow.conftest import API, CALLS, TOKENS, UNKNOWN_ID, calls, health_check

pytestmark = pytest.mark.negative

OPERATIONS = ("importWorkflow", "getWorkflowsList", "getWorkflow", "updateWorkflow", "deleteWorkflow",
              "exportWorkflow", "startWorkflow", "getWorkflowStartConfig", "validateWorkflow")


def _with(**workflow):
    return lambda name: health_check(name=name, **workflow)


def _with_actions(*actions):
    return _with(actions=list(actions))


# Each import-format body breaks one thing the import needs and nothing else.
BROKEN_DEFINITIONS = [
    pytest.param(lambda name: {"targets": {}, "name": name}, id="no-workflow"),
    pytest.param(lambda name: {"workflow": name}, id="workflow-not-an-object"),
    pytest.param(lambda name: {"workflow": {"title": name}}, id="missing-name"),
    pytest.param(lambda name: health_check(name=""), id="empty-name"),
    pytest.param(lambda name: health_check(name=7, title=name), id="name-not-a-string"),
    pytest.param(_with(actions={"name": "First step"}), id="actions-not-an-array"),
    pytest.param(_with_actions("First step"), id="action-not-an-object"),
    pytest.param(_with_actions({"name": "First step", "type": 1}), id="action-type-not-a-string"),
    pytest.param(_with(variables=[{"properties": []}]), id="variable-properties-not-an-object"),
    pytest.param(_with(properties="none"), id="properties-not-an-object"),
    pytest.param(_with(categories=[UNKNOWN_ID]), id="unknown-category"),
    pytest.param(lambda name: health_check(name=name) | {"targets": []}, id="targets-not-an-object"),
]
INVALID_IMPORTS = [pytest.param(*case.values, id=f"importWorkflow-400-{case.id}") for case in BROKEN_DEFINITIONS] + [
    pytest.param(lambda name: [health_check(name=name)], id="importWorkflow-400-body-not-an-object"),
]
INVALID_UPDATES = [pytest.param(*case.values, id=f"updateWorkflow-400-{case.id}") for case in BROKEN_DEFINITIONS]
MALFORMED_REQUESTS = [
    pytest.param("POST", "workflows", [("tenantIds", "not-a-uuid")], id="importWorkflow-400-tenant-id-not-a-uuid"),
    pytest.param("POST", "workflows", [("global", "maybe")], id="importWorkflow-400-global-not-a-boolean"),
    pytest.param("GET", "workflows/list", [("tenantId", "not-a-uuid")], id="getWorkflowsList-400-tenant-id-not-a-uuid"),
    pytest.param("GET", "workflows/list", [("atomic", "maybe")], id="getWorkflowsList-400-atomic-not-a-boolean"),
    pytest.param("GET", "workflows/not-a-ksuid", [], id="getWorkflow-400-id-not-a-ksuid"),
    pytest.param("PUT", "workflows/not-a-ksuid", [], id="updateWorkflow-400-id-not-a-ksuid"),
    pytest.param("DELETE", "workflows/not-a-ksuid", [], id="deleteWorkflow-400-id-not-a-ksuid"),
    pytest.param("GET", "workflows/not-a-ksuid/export", [], id="exportWorkflow-400-id-not-a-ksuid"),
    pytest.param("POST", "workflows/not-a-ksuid/start", [], id="startWorkflow-400-id-not-a-ksuid"),
    pytest.param("GET", "workflows/not-a-ksuid/startconfig", [], id="getWorkflowStartConfig-400-id-not-a-ksuid"),
    pytest.param("POST", "workflows/not-a-ksuid/validate", [], id="validateWorkflow-400-id-not-a-ksuid"),
]


@pytest.mark.parametrize("make_body", INVALID_IMPORTS)
def test_invalid_workflow_is_not_imported(send_raw, refuses, unique_name, make_body):
    refuses(400, lambda: send_raw("POST", f"{API}/workflows", make_body(unique_name), answer=(WorkflowMapping,)))


@pytest.mark.parametrize("make_body", INVALID_UPDATES)
def test_invalid_workflow_update_is_refused(msx_api, send_raw, refuses, workflow, unique_name, make_body):
    before = msx_api(WorkflowsApi).get_workflow(workflow.id).to_dict()
    refuses(400, lambda: send_raw("PUT", f"{API}/workflows/{workflow.id}", make_body(f"{unique_name}-renamed")))
    assert msx_api(WorkflowsApi).get_workflow(workflow.id).to_dict() == before, "a refused update changes nothing"


@pytest.mark.parametrize("method, path, query", MALFORMED_REQUESTS)
def test_malformed_workflow_request_is_rejected(send_raw, refuses, unique_name, method, path, query):
    body = health_check(name=unique_name) if method in ("POST", "PUT") and "start" not in path else {}
    refuses(400, lambda: send_raw(method, f"{API}/{path}", body, query, answer=(WorkflowMapping,)))


def test_updateWorkflow_400_unknown_id(msx_api_client, refuses, unique_name):
    """updateWorkflow documents no 404: the emulator answers 400 for an unknown workflow."""
    refuses(400, lambda: CALLS["updateWorkflow"](msx_api_client, unique_name))


def test_startWorkflow_400_config_not_valid(send_raw, refuses, workflow):
    refuses(400, lambda: send_raw("POST", f"{API}/workflows/{workflow.id}/start", {"input_variables": {}}))


@pytest.mark.parametrize("token", TOKENS)
@pytest.mark.parametrize("call", calls(*OPERATIONS))
def test_workflow_operations_need_a_valid_token(make_api_client, refuses, unique_name, call, token):
    refuses(401, lambda: call(make_api_client(token), unique_name))


@pytest.mark.parametrize("call", calls("getWorkflow", "deleteWorkflow", "exportWorkflow", "startWorkflow",
                                       "getWorkflowStartConfig", "validateWorkflow", status=404, case="unknown-id"))
def test_unknown_workflow_is_not_found(msx_api_client, refuses, unique_name, call):
    refuses(404, lambda: call(msx_api_client, unique_name))
