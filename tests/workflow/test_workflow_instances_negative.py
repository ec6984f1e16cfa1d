"""Workflow instances: what MSX must refuse, and with which status (ids: <operationId>-<status>-<case>)."""

import pytest
from python_msx_sdk.api.workflow_instances_api import WorkflowInstancesApi

from tests.workflow.conftest import API, TOKENS, calls, slow_health_check

pytestmark = pytest.mark.negative

OPERATIONS = ("getWorkflowInstancesList", "getWorkflowInstance", "deleteWorkflowInstance", "cancelWorkflowInstance",
              "getWorkflowInstanceAction")
MALFORMED_REQUESTS = [
    pytest.param("GET", "workflows/instances/not-a-ksuid", id="getWorkflowInstance-400-id-not-a-ksuid"),
    pytest.param("POST", "workflows/instances/not-a-ksuid/cancel", id="cancelWorkflowInstance-400-id-not-a-ksuid"),
    pytest.param("GET", "workflows/instances/not-a-ksuid/actions/a",
                 id="getWorkflowInstanceAction-400-id-not-a-ksuid"),
]
INVALID_PAGES = [
    pytest.param([("pageSize", 10)], id="getWorkflowInstancesList-400-no-page"),
    pytest.param([("page", 0)], id="getWorkflowInstancesList-400-no-page-size"),
    pytest.param([("page", -1), ("pageSize", 10)], id="getWorkflowInstancesList-400-negative-page"),
    pytest.param([("page", 0), ("pageSize", 101)], id="getWorkflowInstancesList-400-page-size-101"),
    pytest.param([("page", 0), ("pageSize", 10), ("dateFrom", "yesterday")],
                 id="getWorkflowInstancesList-400-date-from-not-a-date"),
]


@pytest.mark.parametrize("method, path", MALFORMED_REQUESTS)
def test_malformed_instance_request_is_rejected(send_raw, refuses, method, path):
    refuses(400, lambda: send_raw(method, f"{API}/{path}"))


@pytest.mark.parametrize("query", INVALID_PAGES)
def test_invalid_instances_page_is_rejected(send_raw, refuses, workflow, query):
    refuses(400, lambda: send_raw("GET", f"{API}/workflows/{workflow.id}/instances/list", query=query))


@pytest.mark.side_effect
def test_deleteWorkflowInstance_400_while_running_and_cancelWorkflowInstance_400_once_ended(
        msx_api, workflows, workflow_instances, unique_name, refuses, follow):
    """Deleting a running instance, or canceling an ended one: the contract is silent, the emulator answers 400."""
    slow = workflows.create(name=unique_name, definition=slow_health_check()).resource
    started = workflow_instances.create(workflow_id=slow.id).resource
    api = msx_api(WorkflowInstancesApi)
    refuses(400, lambda: api.delete_workflow_instance(started.id))
    api.cancel_workflow_instance(started.id)
    follow.until_over(unique_name, started.id)
    refuses(400, lambda: api.cancel_workflow_instance(started.id))


@pytest.mark.side_effect
def test_getWorkflowInstanceAction_404_unknown_action(msx_api, workflow_instances, workflow, refuses):
    started = workflow_instances.create(workflow_id=workflow.id, sync=True).resource
    refuses(404, lambda: msx_api(WorkflowInstancesApi).get_workflow_instance_action(started.id, "no-such-action"))


@pytest.mark.parametrize("token", TOKENS)
@pytest.mark.parametrize("call", calls(*OPERATIONS))
def test_instance_operations_need_a_valid_token(make_api_client, refuses, unique_name, call, token):
    refuses(401, lambda: call(make_api_client(token), unique_name))


@pytest.mark.parametrize("call", calls(*OPERATIONS, status=404, case="unknown-id"))
def test_unknown_instance_is_not_found(msx_api_client, refuses, unique_name, call):
    refuses(404, lambda: call(msx_api_client, unique_name))
