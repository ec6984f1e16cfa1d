"""Workflow instances: start the suite's workflow (async and sync), follow its instance to its end, read its
actions, cancel a running one, delete an ended one.

Starting a workflow acts on real targets on a real MSX: every test here is a side effect.
"""

import pytest
from python_msx_sdk.api.workflow_instances_api import WorkflowInstancesApi
from python_msx_sdk.exceptions import NotFoundException
from python_msx_sdk.model.workflow_variable import WorkflowVariable

from tests.workflow.conftest import slow_health_check

pytestmark = pytest.mark.side_effect

GREETING = WorkflowVariable(properties={"name": "greeting", "value": "hello from the MSX suite"})


@pytest.mark.lifecycle
@pytest.mark.parametrize("config", [pytest.param({}, id="defaults"),
                                    pytest.param({"input_variables": [GREETING]}, id="with-input-value")])
def test_startWorkflow_getWorkflowInstance_getWorkflowInstancesList_getWorkflowInstanceAction_deleteWorkflowInstance(
        msx_api, workflow_instances, workflow, unique_name, follow, config):
    started = workflow_instances.create(workflow_id=workflow.id, config=config).resource
    assert started.definition_id == workflow.id and started.status["state"] in ("created", "running", "completed")
    api = msx_api(WorkflowInstancesApi)
    assert started.id in [i.id for i in api.get_workflow_instances_list(workflow.id, 0, 100)]
    instance = follow.until_completed(unique_name, started.id)
    assert [a.status["state"] for a in instance.actions] == ["completed", "completed"]
    for action in instance.actions:
        read = api.get_workflow_instance_action(started.id, action.id)
        assert (read.name, read.status) == (action.name, {"state": "completed"})
    assert workflow_instances.delete(started.id) == 200, "the contract documents 200 for deleteWorkflowInstance"
    with pytest.raises(NotFoundException):
        api.get_workflow_instance(started.id)


def test_startWorkflow_sync_answers_the_ended_run(workflow_instances, workflow, unique_name, follow):
    started = workflow_instances.create(workflow_id=workflow.id, sync=True).resource
    assert started.status["state"] == "completed"
    assert follow.until_completed(unique_name, started.id).status["state"] == "completed"


def test_startWorkflow_against_a_target(msx_api, workflow_instances, workflow, target, unique_name, follow):
    started = workflow_instances.create(workflow_id=workflow.id, config={"target_id": target.id}).resource
    instance = follow.until_completed(unique_name, started.id)
    assert instance.properties["target"]["target_id"] == target.id


def test_cancelWorkflowInstance_stops_a_running_instance(msx_api, workflows, workflow_instances, unique_name, follow):
    slow = workflows.create(name=unique_name, definition=slow_health_check()).resource
    started = workflow_instances.create(workflow_id=slow.id).resource
    canceled = msx_api(WorkflowInstancesApi).cancel_workflow_instance(started.id)
    assert canceled.id == started.id
    assert follow.until_over(unique_name, started.id).status["state"] == "canceled"
