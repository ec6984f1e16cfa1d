"""Workflow definitions: read from the contract's import format, answered as Workflow, exported back.

The import format is `{"workflow": {...}, "targets": {...}}` (the contract's example): the SDK types the
body as a free object, so its shape is checked here. An export holds what an import needs to make the
same workflow again: no ids, stamps or states.
"""

from __future__ import annotations

from typing import Any

from msx_emulator.errors import bad_request
from msx_emulator.request_validation import invalid
from msx_emulator.service import Call
from msx_emulator.services.workflow_kinds import SCHEMA_KIND, footer, new_ksuid
from msx_emulator.services.workflow_schemas import STRING_SCHEMA, WORKFLOW_SCHEMA
from msx_emulator.store import Store

NO_GIT_INFO = {"target_id": None, "commit_hash": None, "committed_by": None, "committed_on": None,
               "commit_message": None, "file_name": None}
# What each part of a definition keeps through an export and an import.
WORKFLOW_FIELDS = ("name", "title", "type", "base_type", "object_type", "properties", "categories", "unique_name")
VARIABLE_FIELDS = ("object_type", "properties", "schema_id", "unique_name")
ACTION_FIELDS = ("name", "title", "type", "base_type", "object_type", "properties", "unique_name")
JSON_TYPES = {str: "a string", dict: "an object", list: "an array"}


def _field(part: dict[str, Any], name: str, kind: type, path: str, default: Any = None) -> Any:
    """An optional field of the import format, of that JSON type, else a 400 naming it."""
    value = part.get(name)
    if value is None:
        return default
    if not isinstance(value, kind):
        raise invalid(f"{path}.{name} must be {JSON_TYPES[kind]}")
    return value


def _items(part: dict[str, Any], name: str, path: str) -> list[dict[str, Any]]:
    items = _field(part, name, list, path, [])
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise invalid(f"{path}.{name}[{index}] must be an object")
    return items


def _variable(call: Call, variable: dict[str, Any], path: str) -> dict[str, Any]:
    variable_id = new_ksuid()
    return footer(call) | {
        "id": variable_id, "schema_id": _field(variable, "schema_id", str, path, STRING_SCHEMA),
        "object_type": _field(variable, "object_type", str, path, "variable_workflow"),
        "properties": _field(variable, "properties", dict, path, {}),
        "unique_name": _field(variable, "unique_name", str, path, f"variable_workflow_{variable_id}")}


def _action(action: dict[str, Any], workflow_id: str, path: str) -> dict[str, Any]:
    action_id = new_ksuid()
    answered = {"id": action_id, "workflow_id": workflow_id, "base_type": "activity",
                "object_type": "definition_activity", "properties": _field(action, "properties", dict, path, {}),
                "unique_name": f"definition_activity_{action_id}", "status": {"state": "created"}}
    for name in ("name", "title", "type", "base_type", "object_type", "unique_name"):
        value = _field(action, name, str, path)
        if value is not None:
            answered[name] = value
    return answered


def definition(call: Call, workflow_id: str) -> dict[str, Any]:
    """A workflow's answered fields from an import-format body (400 naming what is malformed)."""
    body = call.body
    workflow = body.get("workflow")
    if not isinstance(workflow, dict):
        raise bad_request("workflow is required: an object, as the import format holds it", "MISSING_FIELD")
    name = _field(workflow, "name", str, "workflow")
    if not name:
        raise bad_request("workflow.name is required", "MISSING_FIELD")
    categories = _field(workflow, "categories", list, "workflow", [])
    if not all(isinstance(category, str) for category in categories):
        raise invalid("workflow.categories must be an array of category ids")
    workflow_type = _field(workflow, "type", str, "workflow", "generic.workflow")
    schema = call.store.first(SCHEMA_KIND, lambda s: s["base_type"] == "workflow" and s["type"] == workflow_type)
    actions = [_action(action, workflow_id, f"workflow.actions[{index}]")
               for index, action in enumerate(_items(workflow, "actions", "workflow"))]
    return {
        "schema_id": schema["id"] if schema else WORKFLOW_SCHEMA, "name": name,
        "title": _field(workflow, "title", str, "workflow", name), "type": workflow_type, "base_type": "workflow",
        "object_type": _field(workflow, "object_type", str, "workflow", "definition_workflow"),
        "properties": _field(workflow, "properties", dict, "workflow", {}),
        "valid": all(is_valid_action(call.store, action) for action in actions), "workflow_valid": False,
        "categories": categories, "metadata": {"git_info": NO_GIT_INFO},
        "status": {"state": "import_completed"}, "permissions": ["manage", "run"],
        "variables": [_variable(call, variable, f"workflow.variables[{index}]")
                      for index, variable in enumerate(_items(workflow, "variables", "workflow"))],
        "actions": actions,
        "unique_name": _field(workflow, "unique_name", str, "workflow", f"definition_workflow_{workflow_id}"),
        "targets": _field(body, "targets", dict, "body", {}),
    }


def is_valid_action(store: Store, action: dict[str, Any]) -> bool:
    """Whether a step can run: it has a name and its type is an activity schema's."""
    action_type = action.get("type")
    return bool(action.get("name")) and store.first(
        SCHEMA_KIND, lambda s: s["base_type"] == "activity" and s["type"] == action_type) is not None


def exported(workflow: dict[str, Any]) -> dict[str, Any]:
    """The import format of a stored workflow."""
    definition_part = {name: workflow[name] for name in WORKFLOW_FIELDS}
    definition_part["variables"] = [{name: v[name] for name in VARIABLE_FIELDS} for v in workflow["variables"]]
    definition_part["actions"] = [{name: a[name] for name in ACTION_FIELDS if name in a} for a in workflow["actions"]]
    return {"workflow": definition_part, "targets": workflow["targets"]}


def mapping(workflow: dict[str, Any]) -> dict[str, Any]:
    """The WorkflowMapping an import or update answers."""
    return {"id": workflow["id"], "tenantIds": workflow["tenant_ids"], "uniqueName": workflow["unique_name"],
            "createdBy": workflow["created_by"], "createdOn": workflow["created_on"],
            "modifiedBy": workflow["modified_by"], "modifiedOn": workflow["updated_on"]}
