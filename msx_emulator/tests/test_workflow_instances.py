"""Started workflows: the instance's state machine, its actions, cancel, delete, the failing-step knob."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
import urllib3
from python_msx_sdk.model.workflow_start_config import WorkflowStartConfig
from python_msx_sdk.model.workflow_target_create import WorkflowTargetCreate
from python_msx_sdk.model.workflow_variable import WorkflowVariable

from msx_emulator.tests.helpers import error_naming
from msx_emulator.tests.workflow_fixtures import (  # noqa: F401  (fixtures)
    emu_workflow_id, emu_workflow_instances, emu_workflow_targets, emu_workflows, wait_until_over, workflow_body,
)


def _states(instance) -> tuple[str, list[str]]:
    return instance.status["state"], [action.status["state"] for action in instance.actions]


def test_async_start_runs_the_steps_one_after_the_other(emu, emu_workflows, emu_workflow_instances, emu_workflow_id):
    [started] = emu_workflows.start_workflow(emu_workflow_id, WorkflowStartConfig())
    assert (started.definition_id, started.status) == (emu_workflow_id, {"state": "running"})
    assert _states(emu_workflow_instances.get_workflow_instance(started.id)) == ("running", ["running", "created"])
    ended = wait_until_over(emu_workflow_instances, started.id)
    assert _states(ended) == ("completed", ["completed", "completed"])
    first, second = (action.to_dict() for action in ended.actions)
    assert first["ended_on"] <= second["started_on"] and ended.to_dict()["ended_on"] == second["ended_on"]
    assert emu.stats()["left"] == {"workflows": ["Health check"], "workflow_instances": ["Health check"]}


def test_sync_start_answers_the_ended_run(emu_workflows, emu_workflow_instances, emu_workflow_id):
    [started] = emu_workflows.start_workflow(emu_workflow_id, WorkflowStartConfig(), sync=True)
    assert started.status == {"state": "completed"}
    assert _states(emu_workflow_instances.get_workflow_instance(started.id)) == ("completed", ["completed"] * 2)


def test_failing_step_knob_fails_that_step_and_the_run(emu, emu_workflows, emu_workflow_instances, emu_workflow_id):
    emu.set_faults(workflow_failing_step="Second step")
    [started] = emu_workflows.start_workflow(emu_workflow_id, WorkflowStartConfig())
    emu.set_faults()  # the knob in force at the start decides
    ended = wait_until_over(emu_workflow_instances, started.id)
    assert _states(ended) == ("failed", ["completed", "failed"])
    action = emu_workflow_instances.get_workflow_instance_action(started.id, ended.actions[1].id)
    assert action.name == "Second step" and action.output["error"]["code"] == "STEP_FAILED"


def test_failing_step_knob_is_set_through_the_admin_route(emu):
    with urllib3.PoolManager() as pool:
        answer = pool.request("PUT", f"{emu.url}/_emulator/faults", json={"workflow_failing_step": "First step"})
        assert answer.status == 200 and json.loads(answer.data)["workflow_failing_step"] == "First step"
        refused = pool.request("PUT", f"{emu.url}/_emulator/faults", json={"workflow_failing_step": ""})
        assert refused.status == 400 and "workflow_failing_step" in json.loads(refused.data)["message"]


def test_cancel_stops_the_running_step(emu_workflows, emu_workflow_instances):
    body = workflow_body()
    body["workflow"]["actions"][0]["properties"]["sleep_interval"] = 60  # a core.sleep step runs that long
    [started] = emu_workflows.start_workflow(emu_workflows.import_workflow(body).id, WorkflowStartConfig())
    canceled = emu_workflow_instances.cancel_workflow_instance(started.id)
    assert _states(canceled) == ("canceled", ["canceled", "created"])
    assert _states(emu_workflow_instances.get_workflow_instance(started.id)) == ("canceled", ["canceled", "created"])
    error_naming(lambda: emu_workflow_instances.cancel_workflow_instance(started.id), 400, "canceled")


def test_an_ended_instance_is_deleted_with_200_and_a_running_one_is_not(emu, emu_workflows, emu_workflow_instances,
                                                                     emu_workflow_id):
    [running] = emu_workflows.start_workflow(emu_workflow_id, WorkflowStartConfig())
    error_naming(lambda: emu_workflow_instances.delete_workflow_instance(running.id), 400, "cancel it first")
    error_naming(lambda: emu_workflows.delete_workflow(emu_workflow_id), 400, "instance(s)")
    wait_until_over(emu_workflow_instances, running.id)
    deleted, status, _ = emu_workflow_instances.delete_workflow_instance(running.id, _return_http_data_only=False)
    assert status == 200 and deleted.deleted_child_workflow_instance_ids is None
    error_naming(lambda: emu_workflow_instances.get_workflow_instance(running.id), 404, running.id)
    emu_workflows.delete_workflow(emu_workflow_id)
    assert emu.stats()["left"] == {}


def test_instances_list_pages_and_filters_by_start_date(emu_workflows, emu_workflow_instances, emu_workflow_id):
    started = [emu_workflows.start_workflow(emu_workflow_id, WorkflowStartConfig(), sync=True)[0].id
               for _ in range(3)]
    assert [i.id for i in emu_workflow_instances.get_workflow_instances_list(emu_workflow_id, 0, 2)] == started[:2]
    assert [i.id for i in emu_workflow_instances.get_workflow_instances_list(emu_workflow_id, 1, 2)] == started[2:]
    today, tomorrow = date.today(), date.today() + timedelta(days=1)
    assert len(emu_workflow_instances.get_workflow_instances_list(emu_workflow_id, 0, 10, date_from=today,
                                                                   date_to=tomorrow)) == 3
    assert emu_workflow_instances.get_workflow_instances_list(emu_workflow_id, 0, 10, date_from=tomorrow) == []


def test_start_against_a_target_with_input_values(emu_workflows, emu_workflow_instances, emu_workflow_targets):
    target = emu_workflow_targets.create_workflow_target(WorkflowTargetCreate(name="Router", properties={"host": "r"}))
    body = workflow_body(variables=[{"properties": {"name": "service", "scope": "input", "is_required": True}}])
    workflow_id = emu_workflows.import_workflow(body).id
    error_naming(lambda: emu_workflows.start_workflow(workflow_id, WorkflowStartConfig(target_id=target.id)), 400,
                 "service")
    value = WorkflowVariable(properties={"name": "service", "value": "idm"})
    [started] = emu_workflows.start_workflow(workflow_id, WorkflowStartConfig(input_variables=[value],
                                                                              target_id=target.id), sync=True)
    instance = emu_workflow_instances.get_workflow_instance(started.id)
    assert instance.properties["target"] == {"target_id": target.id, "target_type": "web-service.endpoint"}
    assert instance.variables[0].properties["value"] == "idm"


@pytest.mark.parametrize("config, field", [
    pytest.param(WorkflowStartConfig(target_id="0ujsswThIGTUYm2K8FjOOfXtY1K"), "target_id", id="unknown-target"),
    pytest.param(WorkflowStartConfig(input_variables=[WorkflowVariable(properties={"name": "nope"})]),
                 "input_variables[0]", id="unknown-variable"),
])
def test_start_refuses_what_the_workflow_does_not_have(emu_workflows, emu_workflow_id, config, field):
    error_naming(lambda: emu_workflows.start_workflow(emu_workflow_id, config), 400, field)


def test_a_broken_workflow_does_not_start(emu_workflows):
    workflow_id = emu_workflows.import_workflow(workflow_body(actions=[{"name": "Broken", "type": "no.such"}])).id
    error_naming(lambda: emu_workflows.start_workflow(workflow_id, WorkflowStartConfig()), 400, "Broken")


def test_unknown_action_is_not_found(emu_workflows, emu_workflow_instances, emu_workflow_id):
    [started] = emu_workflows.start_workflow(emu_workflow_id, WorkflowStartConfig(), sync=True)
    error_naming(lambda: emu_workflow_instances.get_workflow_instance_action(started.id, "no-such-action"), 404,
                 "no-such-action")
