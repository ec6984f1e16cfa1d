"""Workflow targets: what MSX must refuse, and with which status (ids: <operationId>-<status>-<case>)."""

import pytest
from python_msx_sdk.api.workflow_targets_api import WorkflowTargetsApi
from python_msx_sdk.model.workflow_target import WorkflowTarget

from tests.workflow.conftest import API, TOKENS, UNKNOWN_ID, calls, target_fields

pytestmark = pytest.mark.negative

OPERATIONS = ("createWorkflowTarget", "getWorkflowTargetsList", "getWorkflowTarget", "updateWorkflowTarget",
              "deleteWorkflowTarget")


def _without(field):
    return lambda name: {k: v for k, v in target_fields(name).items() if k != field}


def _with(**change):
    return lambda name: target_fields(name) | change


BROKEN_BODIES = [
    pytest.param(_without("name"), id="missing-name"),
    pytest.param(_without("properties"), id="missing-properties"),
    pytest.param(lambda name: target_fields(f"<{name}>"), id="name-with-angle-brackets"),
    pytest.param(_with(description="<b>suite</b>"), id="description-with-angle-brackets"),
    pytest.param(_with(properties=["host"]), id="properties-not-an-object"),
    pytest.param(_with(title=7), id="title-not-a-string"),
    pytest.param(_with(type="suite-check.no_such_endpoint"), id="unknown-type"),
    pytest.param(_with(schema_id=UNKNOWN_ID), id="unknown-schema"),
]
INVALID_BODIES = [pytest.param(*case.values, id=f"createWorkflowTarget-400-{case.id}") for case in BROKEN_BODIES] + [
    pytest.param(lambda name: [target_fields(name)], id="createWorkflowTarget-400-body-not-an-object"),
]
INVALID_UPDATES = [pytest.param(*case.values, id=f"updateWorkflowTarget-400-{case.id}") for case in BROKEN_BODIES]
MALFORMED_REQUESTS = [
    pytest.param("GET", "targets/list", [("internal", "maybe")], id="getWorkflowTargetsList-400-internal-not-a-boolean"),
    pytest.param("GET", "targets/not-a-ksuid", [], id="getWorkflowTarget-400-id-not-a-ksuid"),
    pytest.param("PUT", "targets/not-a-ksuid", [], id="updateWorkflowTarget-400-id-not-a-ksuid"),
    pytest.param("DELETE", "targets/not-a-ksuid", [], id="deleteWorkflowTarget-400-id-not-a-ksuid"),
]


@pytest.mark.parametrize("make_body", INVALID_BODIES)
def test_invalid_target_is_not_created(send_raw, refuses, unique_name, make_body):
    refuses(400, lambda: send_raw("POST", f"{API}/targets", make_body(unique_name), answer=(WorkflowTarget,)))


@pytest.mark.parametrize("make_body", INVALID_UPDATES)
def test_invalid_target_update_is_refused(msx_api, send_raw, refuses, target, unique_name, make_body):
    refuses(400, lambda: send_raw("PUT", f"{API}/targets/{target.id}", make_body(unique_name)))
    assert msx_api(WorkflowTargetsApi).get_workflow_target(target.id).to_dict() == target.to_dict()


@pytest.mark.parametrize("method, path, query", MALFORMED_REQUESTS)
def test_malformed_target_request_is_rejected(send_raw, refuses, unique_name, method, path, query):
    refuses(400, lambda: send_raw(method, f"{API}/{path}", target_fields(unique_name) if method == "PUT" else None,
                                  query))


def test_deleteWorkflowTarget_400_while_an_event_names_it(msx_api, event, target, refuses):
    """The contract documents no 409 and is silent on a target in use; the emulator answers 400."""
    refuses(400, lambda: msx_api(WorkflowTargetsApi).delete_workflow_target(target.id))


@pytest.mark.parametrize("token", TOKENS)
@pytest.mark.parametrize("call", calls(*OPERATIONS))
def test_target_operations_need_a_valid_token(make_api_client, refuses, unique_name, call, token):
    refuses(401, lambda: call(make_api_client(token), unique_name))


@pytest.mark.parametrize("call", calls("getWorkflowTarget", "updateWorkflowTarget", "deleteWorkflowTarget",
                                       status=404, case="unknown-id"))
def test_unknown_target_is_not_found(msx_api_client, refuses, unique_name, call):
    refuses(404, lambda: call(msx_api_client, unique_name))
