"""Workflows: definitions imported in the contract's import format, their runs, categories, events, targets, schemas.

Ids are ksuids (27 base62 characters), as the contract's `format: ksuid` says. A started workflow is an
instance whose steps run one after the other (msx_emulator/services/workflow_run.py); the fault knob
`workflow_failing_step` makes the step of that name fail. Where the contract is silent (see
msx_emulator/README.md): categories, events and targets name seeded schemas of their base type (400
otherwise); events name an existing target; workflows name existing categories; a workflow with
instances, a category in a workflow and a target of an event cannot be deleted (400, no 409 documented).
"""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from msx_emulator.config import (
    MANAGE_CATEGORY, MANAGE_TARGET, MANAGE_WORKFLOW, MANAGE_WORKFLOW_EVENT, MANAGE_WORKFLOW_INSTANCE, VIEW_CATEGORY,
    VIEW_TARGET, VIEW_WORKFLOW, VIEW_WORKFLOW_EVENT, VIEW_WORKFLOW_INSTANCE,
)
from msx_emulator.errors import bad_request, not_found
from msx_emulator.request_validation import invalid
from msx_emulator.service import Call, Service
from msx_emulator.services import workflow_run as runs
from msx_emulator.services.idm import TENANTS
from msx_emulator.services.workflow_definitions import definition, exported, is_valid_action, mapping
from msx_emulator.services.workflow_instances import instance_answer, start
from msx_emulator.services.workflow_kinds import (
    CATEGORIES, EVENTS, FORMATS, INSTANCES, SCHEMA_KIND, TARGETS, WORKFLOWS, footer, new_ksuid, schema_of, touched,
    visible,
)
from msx_emulator.services.workflow_schemas import ADAPTERS, SCHEMAS, VARIABLE_BASE_TYPE
from msx_emulator.store import Store


def _seed(store: Store, config) -> None:
    for schema in SCHEMAS:
        store.create(SCHEMA_KIND, schema, schema["id"])


SERVICE = Service("workflow", kinds=(SCHEMA_KIND, TARGETS, CATEGORIES, EVENTS, WORKFLOWS, INSTANCES), seed=_seed)


# --- schemas ---------------------------------------------------------------------------------

SCHEMA_TYPES = ("view", "data")


def _schema_type(call: Call) -> str:
    schema_type = call.params.get("schemaType", "view")
    if schema_type not in SCHEMA_TYPES:
        raise invalid(f"query parameter schemaType must be one of {', '.join(SCHEMA_TYPES)}, got {schema_type!r}")
    return schema_type


@SERVICE.operation("getWorkflowSchemasList", VIEW_WORKFLOW, formats=FORMATS)
def get_workflow_schemas_list(call: Call) -> list:
    _schema_type(call)
    base_type = VARIABLE_BASE_TYPE if call.params.get("variableType") else call.params["baseType"]
    return call.store.page(SCHEMA_KIND, 0, len(SCHEMAS), lambda s: s["base_type"] == base_type)["contents"]


@SERVICE.operation("getWorkflowSchema", VIEW_WORKFLOW, formats=FORMATS)
def get_workflow_schema(call: Call) -> dict:
    schema_type = _schema_type(call)
    return {f"{schema_type}_schema": call.store.get(SCHEMA_KIND, call.params["id"])}


# --- targets ---------------------------------------------------------------------------------

def _target_fields(call: Call) -> dict[str, Any]:
    """A target's fields from a create or update body: its schema from schema_id, else from type."""
    body = call.body
    if body.get("schema_id") is not None:
        schema = schema_of(call.store, body["schema_id"], "target", "schema_id")
    else:
        target_type = body.get("type", "web-service.endpoint")
        schema = call.store.first(SCHEMA_KIND, lambda s: s["base_type"] == "target" and s["type"] == target_type)
        if schema is None:
            raise invalid(f"type: no target schema of type {target_type!r}")
    return {"schema_id": schema["id"], "adapter_id": ADAPTERS[schema["type"]], "name": body["name"],
            "title": body.get("title"), "type": schema["type"], "base_type": "target",
            "properties": body["properties"], "valid": True, "def_access_meta": {"is_internal": False},
            "description_": body.get("description")}


@SERVICE.operation("getWorkflowTargetsList", VIEW_TARGET, formats=FORMATS)
def get_workflow_targets_list(call: Call) -> list:
    internal, target_type = call.params.get("internal"), call.params.get("type")
    chosen = call.store.page(TARGETS, 0, 1 + call.store.count(TARGETS), lambda t: (
        (internal is None or t["def_access_meta"]["is_internal"] == internal)
        and (target_type is None or t["type"] == target_type)))["contents"]
    return [visible(target) for target in chosen]


@SERVICE.operation("createWorkflowTarget", MANAGE_TARGET, status=201, formats=FORMATS)
def create_workflow_target(call: Call) -> dict:
    target_id = new_ksuid()
    unique_name = call.body.get("unique_name") or f"definition_target_{target_id}"
    fields = _target_fields(call) | footer(call) | {"unique_name": unique_name}
    return visible(call.store.create(TARGETS, fields, target_id))


@SERVICE.operation("getWorkflowTarget", VIEW_TARGET, formats=FORMATS)
def get_workflow_target(call: Call) -> dict:
    return visible(call.store.get(TARGETS, call.params["id"]))


@SERVICE.operation("updateWorkflowTarget", MANAGE_TARGET, formats=FORMATS)
def update_workflow_target(call: Call) -> dict:
    call.store.get(TARGETS, call.params["id"])
    fields = _target_fields(call) | touched(call)
    if call.body.get("unique_name"):
        fields["unique_name"] = call.body["unique_name"]
    return visible(call.store.update(TARGETS, call.params["id"], fields))


@SERVICE.operation("deleteWorkflowTarget", MANAGE_TARGET, status=204, formats=FORMATS)
def delete_workflow_target(call: Call) -> None:
    call.store.delete(TARGETS, call.params["id"])


# --- categories ------------------------------------------------------------------------------

def _category_fields(call: Call) -> dict[str, Any]:
    body = call.body
    schema = schema_of(call.store, body["schema_id"], "category", "schema_id")
    return {"schema_id": schema["id"], "name": body["name"], "title": body["title"], "type": schema["type"],
            "base_type": "category", "description": body["description"], "category_type": "custom"}


@SERVICE.operation("getWorkflowCategoriesList", VIEW_CATEGORY, formats=FORMATS)
def get_workflow_categories_list(call: Call) -> list:
    tenant_id = call.params.get("tenantId")
    chosen = call.store.page(CATEGORIES, 0, 1 + call.store.count(CATEGORIES),
                             lambda c: tenant_id is None or c["tenant_id"] == tenant_id)["contents"]
    return [visible(category) for category in chosen]


@SERVICE.operation("createWorkflowCategory", MANAGE_CATEGORY, status=201, formats=FORMATS)
def create_workflow_category(call: Call) -> dict:
    tenant_id = call.params["tenantId"]
    if not call.store.exists(TENANTS, tenant_id):
        raise invalid(f"query parameter tenantId: no tenant with id {tenant_id}")
    category_id = new_ksuid()
    unique_name = call.body.get("unique_name") or f"category_{category_id}"
    fields = _category_fields(call) | footer(call) | {"unique_name": unique_name, "tenant_id": tenant_id}
    return visible(call.store.create(CATEGORIES, fields, category_id))


@SERVICE.operation("getWorkflowCategory", VIEW_CATEGORY, formats=FORMATS)
def get_workflow_category(call: Call) -> dict:
    return visible(call.store.get(CATEGORIES, call.params["id"]))


@SERVICE.operation("updateWorkflowCategory", MANAGE_CATEGORY, formats=FORMATS)
def update_workflow_category(call: Call) -> dict:
    call.store.get(CATEGORIES, call.params["id"])
    fields = _category_fields(call) | touched(call)
    if call.body.get("unique_name"):
        fields["unique_name"] = call.body["unique_name"]
    return visible(call.store.update(CATEGORIES, call.params["id"], fields))


@SERVICE.operation("deleteWorkflowCategory", MANAGE_CATEGORY, status=204, formats=FORMATS)
def delete_workflow_category(call: Call) -> None:
    call.store.delete(CATEGORIES, call.params["id"])


# --- events ----------------------------------------------------------------------------------

def _event_fields(call: Call) -> dict[str, Any]:
    """An event's fields; as in the contract's examples, its properties repeat its title and target."""
    body = call.body
    schema = schema_of(call.store, body["schema_id"], "event", "schema_id")
    return {"name": body["title"], "title": body["title"], "type": schema["type"], "base_type": "event",
            "schema_id": schema["id"], "target_id": body["target_id"], "description_": body.get("description"),
            "properties": body["properties"] | {"title": body["title"], "target_id": body["target_id"]}}


@SERVICE.operation("getWorkflowEventsList", VIEW_WORKFLOW_EVENT, formats=FORMATS)
def get_workflow_events_list(call: Call) -> list:
    return [visible(event) for event in call.store.page(EVENTS, 0, 1 + call.store.count(EVENTS))["contents"]]


@SERVICE.operation("createWorkflowEvent", MANAGE_WORKFLOW_EVENT, status=201, formats=FORMATS)
def create_workflow_event(call: Call) -> dict:
    event_id = new_ksuid()
    fields = _event_fields(call) | footer(call) | {"unique_name": f"event_{event_id}"}
    return visible(call.store.create(EVENTS, fields, event_id))


@SERVICE.operation("getWorkflowEvent", VIEW_WORKFLOW_EVENT, formats=FORMATS)
def get_workflow_event(call: Call) -> dict:
    return visible(call.store.get(EVENTS, call.params["id"]))


@SERVICE.operation("updateWorkflowEvent", MANAGE_WORKFLOW_EVENT, formats=FORMATS)
def update_workflow_event(call: Call) -> dict:
    call.store.get(EVENTS, call.params["id"])
    return visible(call.store.update(EVENTS, call.params["id"], _event_fields(call) | touched(call)))


@SERVICE.operation("deleteWorkflowEvent", MANAGE_WORKFLOW_EVENT, status=204, formats=FORMATS)
def delete_workflow_event(call: Call) -> None:
    call.store.delete(EVENTS, call.params["id"])


# --- workflows -------------------------------------------------------------------------------

def _tenants(call: Call, default: list[str]) -> list[str]:
    tenant_ids = call.params.get("tenantIds")
    if tenant_ids is None:
        return default
    unknown = [tenant_id for tenant_id in tenant_ids if not call.store.exists(TENANTS, tenant_id)]
    if unknown:
        raise invalid(f"query parameter tenantIds: no tenant with id {unknown[0]}")
    return list(dict.fromkeys(tenant_ids))


@SERVICE.operation("getWorkflowsList", VIEW_WORKFLOW, formats=FORMATS)
def get_workflows_list(call: Call) -> list:
    tenant_id, atomic = call.params.get("tenantId"), call.params.get("atomic")

    def chosen(workflow: dict) -> bool:
        is_atomic = bool(((workflow["properties"] or {}).get("atomic") or {}).get("is_atomic"))
        return ((tenant_id is None or workflow["global"] or tenant_id in workflow["tenant_ids"])
                and (atomic is None or is_atomic == atomic))

    return [visible(w) for w in call.store.page(WORKFLOWS, 0, 1 + call.store.count(WORKFLOWS), chosen)["contents"]]


@SERVICE.operation("importWorkflow", MANAGE_WORKFLOW, status=201, formats=FORMATS)
def import_workflow(call: Call) -> dict:
    workflow_id = new_ksuid()
    fields = definition(call, workflow_id) | footer(call) | {
        "tenant_ids": _tenants(call, [call.principal.tenant_id]), "global": bool(call.params.get("global")),
        "modified_by": call.principal.user["username"]}
    with call.store.lock:
        unique_name = fields["unique_name"]
        if call.store.first(WORKFLOWS, lambda w: w["unique_name"] == unique_name) is not None:
            raise invalid(f"workflow.unique_name: a workflow with unique_name {unique_name!r} already exists")
        return mapping(call.store.create(WORKFLOWS, fields, workflow_id))


@SERVICE.operation("getWorkflow", VIEW_WORKFLOW, formats=FORMATS)
def get_workflow(call: Call) -> dict:
    return visible(call.store.get(WORKFLOWS, call.params["id"]))


@SERVICE.operation("updateWorkflow", MANAGE_WORKFLOW, formats=FORMATS)
def update_workflow(call: Call) -> dict:
    workflow_id = call.params["id"]
    if not call.store.exists(WORKFLOWS, workflow_id):
        # updateWorkflow documents no 404.
        raise invalid(f"id: no workflow with id {workflow_id}")
    current = call.store.get(WORKFLOWS, workflow_id)
    fields = definition(call, workflow_id) | touched(call) | {
        "unique_name": current["unique_name"], "tenant_ids": _tenants(call, current["tenant_ids"]),
        "global": call.params.get("global", current["global"]), "modified_by": call.principal.user["username"]}
    return mapping(call.store.update(WORKFLOWS, workflow_id, fields))


@SERVICE.operation("deleteWorkflow", MANAGE_WORKFLOW, status=204, formats=FORMATS)
def delete_workflow(call: Call) -> None:
    call.store.delete(WORKFLOWS, call.params["id"])


@SERVICE.operation("exportWorkflow", VIEW_WORKFLOW, formats=FORMATS)
def export_workflow(call: Call) -> dict:
    return exported(call.store.get(WORKFLOWS, call.params["id"]))


@SERVICE.operation("validateWorkflow", MANAGE_WORKFLOW, formats=FORMATS)
def validate_workflow(call: Call) -> dict:
    with call.store.lock:
        workflow = call.store.get(WORKFLOWS, call.params["id"])
        invalid_ids = [a["id"] for a in workflow["actions"] if not is_valid_action(call.store, a)]
        call.store.update(WORKFLOWS, workflow["id"], {"workflow_valid": not invalid_ids})
    total = len(workflow["actions"])
    return {"total_actions": total, "total_valid": total - len(invalid_ids), "workflow_valid": not invalid_ids,
            "invalid_action_ids": invalid_ids or None}


def _input_variables(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [v for v in workflow["variables"] if (v.get("properties") or {}).get("scope") == "input"]


@SERVICE.operation("getWorkflowStartConfig", VIEW_WORKFLOW, formats=FORMATS)
def get_workflow_start_config(call: Call) -> dict:
    workflow = call.store.get(WORKFLOWS, call.params["id"])
    target = (workflow["properties"] or {}).get("target") or {}
    return {"input_variables": _input_variables(workflow), "type_of_target_needed": target.get("target_type"),
            "target_id": target.get("target_id")}


# --- instances -------------------------------------------------------------------------------

@SERVICE.operation("startWorkflow", MANAGE_WORKFLOW_INSTANCE, formats=FORMATS)
def start_workflow(call: Call) -> list:
    return [start(call, call.store.get(WORKFLOWS, call.params["id"]))]


def _dated(instance: dict[str, Any], date_from: str | None, date_to: str | None) -> bool:
    started = runs.iso(instance["run"]["started"])[:10]
    return (date_from is None or started >= date_from) and (date_to is None or started <= date_to)


@SERVICE.operation("getWorkflowInstancesList", VIEW_WORKFLOW_INSTANCE, formats=FORMATS)
def get_workflow_instances_list(call: Call) -> list:
    workflow_id = call.params["id"]
    call.store.get(WORKFLOWS, workflow_id)
    date_from, date_to = (date.fromisoformat(call.params[n]).isoformat() if n in call.params else None
                          for n in ("dateFrom", "dateTo"))
    page = call.store.page(INSTANCES, call.params["page"], call.params["pageSize"], lambda i: (
        i["definition_id"] == workflow_id and _dated(i, date_from, date_to)))
    return [instance_answer(instance) for instance in page["contents"]]


@SERVICE.operation("getWorkflowInstance", VIEW_WORKFLOW_INSTANCE, formats=FORMATS)
def get_workflow_instance(call: Call) -> dict:
    return instance_answer(call.store.get(INSTANCES, call.params["id"]))


@SERVICE.operation("getWorkflowInstanceAction", VIEW_WORKFLOW_INSTANCE, formats=FORMATS)
def get_workflow_instance_action(call: Call) -> dict:
    instance = instance_answer(call.store.get(INSTANCES, call.params["id"]))
    action = next((a for a in instance["actions"] if a["id"] == call.params["actionId"]), None)
    if action is None:
        raise not_found(f"action of workflow instance {instance['id']} with id", call.params["actionId"])
    return action


@SERVICE.operation("cancelWorkflowInstance", MANAGE_WORKFLOW_INSTANCE, formats=FORMATS)
def cancel_workflow_instance(call: Call) -> dict:
    with call.store.lock:
        instance = call.store.get(INSTANCES, call.params["id"])
        progress = runs.progress(instance["run"])
        if progress.over:
            raise bad_request(f"workflow instance {instance['id']} has ended ({progress.state}): "
                              "only a running one can be canceled", "NOT_RUNNING")
        run = instance["run"] | {"canceled": time.time()}
        return instance_answer(call.store.update(INSTANCES, instance["id"], {"run": run} | touched(call)))


# The instance's id carries no format in the contract: any text reaches the look-up (404).
@SERVICE.operation("deleteWorkflowInstance", MANAGE_WORKFLOW_INSTANCE, formats={})
def delete_workflow_instance(call: Call) -> dict:
    with call.store.lock:
        instance = call.store.get(INSTANCES, call.params["id"])
        if not runs.progress(instance["run"]).over:
            raise bad_request(f"workflow instance {instance['id']} is running: cancel it first", "RUNNING")
        call.store.delete(INSTANCES, instance["id"])
    return {"deleted_child_workflow_instance_ids": None}
