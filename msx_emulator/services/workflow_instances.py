"""Workflow instances: what a start makes, and how an instance answers at the moment it is read."""

from __future__ import annotations

import copy
from typing import Any

from msx_emulator.errors import bad_request
from msx_emulator.request_validation import invalid
from msx_emulator.service import Call
from msx_emulator.services import workflow_run as runs
from msx_emulator.services.workflow_definitions import is_valid_action
from msx_emulator.services.workflow_kinds import INSTANCES, SCHEMA_KIND, TARGETS, footer, new_ksuid, visible
from msx_emulator.services.workflow_schemas import ADAPTERS

VERSION = "1.0.0"


def _variables(workflow: dict[str, Any], given: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The workflow's variables with the values the start gives (matched by id, unique_name or name)."""
    variables = copy.deepcopy(workflow["variables"])
    for index, value in enumerate(given):
        properties = value.get("properties") or {}
        match = next((v for v in variables if value.get("id") == v["id"]
                      or value.get("unique_name") == v["unique_name"]
                      or (properties.get("name") is not None and properties.get("name") == v["properties"].get("name"))),
                     None)
        if match is None:
            raise invalid(f"input_variables[{index}]: the workflow has no such variable")
        if "value" in properties:
            match["properties"]["value"] = properties["value"]
    for variable in variables:
        properties = variable["properties"]
        if properties.get("scope") == "input" and properties.get("is_required") and properties.get("value") in ("", None):
            raise invalid(f"input_variables: the required input {properties.get('name')!r} has no value")
    return variables


def _properties(call: Call, workflow: dict[str, Any]) -> dict[str, Any]:
    """The workflow's properties, with the target the start names (which must exist)."""
    properties = copy.deepcopy(workflow["properties"])
    target_id = call.body.get("target_id")
    if target_id is not None:
        if not call.store.exists(TARGETS, target_id):
            raise invalid(f"target_id: no workflow target with id {target_id}")
        target = call.store.get(TARGETS, target_id)
        properties["target"] = (properties.get("target") or {}) | {"target_id": target_id, "target_type": target["type"]}
    return properties


def _steps(call: Call, workflow: dict[str, Any], instance_id: str) -> list[dict[str, Any]]:
    steps = []
    for action in workflow["actions"]:
        schema = call.store.first(SCHEMA_KIND, lambda s: s["base_type"] == "activity" and s["type"] == action["type"])
        steps.append({name: action[name] for name in ("name", "title", "type", "properties", "unique_name")
                      if name in action} | {
            "id": new_ksuid(), "workflow_id": instance_id, "definition_id": action["id"], "base_type": "activity",
            "object_type": "activity", "schema_id": schema["id"], "adapter_id": ADAPTERS.get(action["type"]),
            "started_by": call.principal.user["username"]})
    return steps


def start(call: Call, workflow: dict[str, Any]) -> dict[str, Any]:
    """Start a workflow: a new instance, running (or, with sync=true, ended); its StartWorkflowResponse."""
    broken = [action.get("name") or action["id"] for action in workflow["actions"]
              if not is_valid_action(call.store, action)]
    if broken:
        raise bad_request(f"workflow {workflow['id']} is not valid (see validateWorkflow): step(s) "
                          f"{', '.join(map(str, broken))}", "INVALID_WORKFLOW")
    instance_id = new_ksuid()
    faults, config = call.backend.faults.settings, call.backend.config
    run = runs.new_run(workflow["actions"], config.workflow_step_ms, faults.workflow_failing_step,
                       bool(call.params.get("sync")))
    instance = call.store.create(INSTANCES, footer(call) | {
        "definition_id": workflow["id"], "name": workflow["name"], "schema_id": workflow["schema_id"],
        "version": VERSION, "type": workflow["type"], "base_type": "workflow",
        "properties": _properties(call, workflow), "variables": _variables(workflow, call.body.get("input_variables") or []),
        "actions": _steps(call, workflow, instance_id), "unique_name": f"workflow_instance_{instance_id}",
        "run": run}, instance_id)
    answered = instance_answer(instance)
    return {name: answered[name] for name in ("id", "definition_id", "schema_id", "type", "base_type", "status",
                                              "version", "created_by", "created_on")}


def _output(state: str, action: dict[str, Any]) -> dict[str, Any] | None:
    if state == runs.COMPLETED:
        return {"response": {"succeeded": True}}
    if state == runs.FAILED:
        return {"error": {"code": "STEP_FAILED", "message": f"step {action.get('name')!r} failed: the emulator's "
                          "workflow_failing_step knob names it"}, "response": {"succeeded": False}}
    if state == runs.CANCELED:
        return {"error": {"code": "CANCELED", "message": "the workflow instance was canceled"},
                "response": {"succeeded": False}}
    return None


def instance_answer(instance: dict[str, Any]) -> dict[str, Any]:
    """A WorkflowInstance as it stands now: its state, and each step's."""
    progress = runs.progress(instance["run"])
    answered = visible(instance) | {"status": {"state": progress.state},
                                    "started_on": runs.iso(instance["run"]["started"])}
    if progress.ended is not None:
        answered["ended_on"] = runs.iso(progress.ended)
    answered["actions"] = [action | {
        "status": {"state": step.state}, "output": _output(step.state, action),
        "started_on": None if step.started is None else runs.iso(step.started),
        "ended_on": None if step.ended is None else runs.iso(step.ended)}
        for action, step in zip(instance["actions"], progress.steps)]
    return answered
