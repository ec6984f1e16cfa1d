"""Workflow: targets, categories, events, workflows and their instances.

Two SDK shapes differ from the common one: lists are plain arrays, and the composed workflow models
(Workflow, WorkflowTarget, ...) raise when their footer stamps are read as attributes (each allOf part
holds `created_on` in another type). Listed resources are therefore read through `to_dict()` into a
namespace holding what the sweeper and the tracker read: the id, the name field and createdOn.
"""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace
from typing import Any, Iterable

from python_msx_sdk.api.workflow_categories_api import WorkflowCategoriesApi
from python_msx_sdk.api.workflow_events_api import WorkflowEventsApi
from python_msx_sdk.api.workflow_instances_api import WorkflowInstancesApi
from python_msx_sdk.api.workflow_targets_api import WorkflowTargetsApi
from python_msx_sdk.api.workflows_api import WorkflowsApi
from python_msx_sdk.exceptions import ApiException
from python_msx_sdk.model.start_workflow_response import StartWorkflowResponse
from python_msx_sdk.model.workflow_category import WorkflowCategory
from python_msx_sdk.model.workflow_category_create import WorkflowCategoryCreate
from python_msx_sdk.model.workflow_event import WorkflowEvent
from python_msx_sdk.model.workflow_event_create import WorkflowEventCreate
from python_msx_sdk.model.workflow_mapping import WorkflowMapping
from python_msx_sdk.model.workflow_start_config import WorkflowStartConfig
from python_msx_sdk.model.workflow_target import WorkflowTarget
from python_msx_sdk.model.workflow_target_create import WorkflowTargetCreate

from msxsuite.registry.kind import ResourceKind

# getWorkflowInstancesList allows pages of up to 100.
INSTANCES_PAGE_SIZE = 100
RUNNING = ("created", "running")


def listed(items: Iterable[Any], name_field: str) -> list[SimpleNamespace]:
    """The id, name field and createdOn (a datetime, or None) of each listed resource."""
    found = []
    for item in items:
        fields = item.to_dict()
        created_on = fields.get("created_on")
        if isinstance(created_on, str):  # the SDK turns some stamps into datetimes, not others
            created_on = datetime.fromisoformat(created_on)
        found.append(SimpleNamespace(id=fields["id"], **{name_field: fields.get(name_field)}, created_on=created_on))
    return found


def import_workflow(sdk: WorkflowsApi, fields: dict) -> tuple:
    """Import `definition` (the contract's import format) under the name `name`."""
    definition = fields["definition"] | {"workflow": fields["definition"]["workflow"] | {"name": fields["name"]}}
    options = {name: fields[name] for name in ("tenant_ids", "_global") if name in fields}
    return sdk.import_workflow(definition, **options, _return_http_data_only=False)


def start_workflow(sdk, fields: dict) -> tuple:
    """Start workflow `workflow_id` with `config` (WorkflowStartConfig fields); its one StartWorkflowResponse."""
    options = {"sync": fields["sync"]} if "sync" in fields else {}
    answers, status, headers = WorkflowsApi(sdk.api_client).start_workflow(
        fields["workflow_id"], WorkflowStartConfig(**fields.get("config", {})), **options,
        _return_http_data_only=False)
    return answers[0], status, headers


def delete_instance(sdk, instance_id: str, **kwargs):
    """Delete an instance the suite started; a running one is canceled first (MSX deletes ended ones)."""
    if sdk.get_workflow_instance(instance_id).status.get("state") in RUNNING:
        try:
            sdk.cancel_workflow_instance(instance_id)
        except ApiException as error:
            if error.status != 400:  # 400: it ended meanwhile
                raise
    return sdk.delete_workflow_instance(instance_id, **kwargs)


def all_instances(sdk) -> list[SimpleNamespace]:
    """Every instance of every workflow the API can see."""
    instances = []
    for workflow in WorkflowsApi(sdk.api_client).get_workflows_list():
        page = 0
        while True:
            found = sdk.get_workflow_instances_list(workflow.id, page, INSTANCES_PAGE_SIZE)
            instances += listed(found, "name")
            if len(found) < INSTANCES_PAGE_SIZE:
                break
            page += 1
    return instances


WORKFLOW_TARGET = ResourceKind(
    "workflow_target", "workflow", WorkflowTargetsApi, WorkflowTarget, "name",
    create=lambda sdk, fields: sdk.create_workflow_target(WorkflowTargetCreate(**fields), _return_http_data_only=False),
    delete=lambda sdk, target_id, **kwargs: sdk.delete_workflow_target(target_id, **kwargs),
    list_all=lambda sdk: listed(sdk.get_workflow_targets_list(), "name"),
    secret_fields=("password",))
# The category's tenant travels as a query parameter: fields carry it as `tenant_id`.
WORKFLOW_CATEGORY = ResourceKind(
    "workflow_category", "workflow", WorkflowCategoriesApi, WorkflowCategory, "name",
    create=lambda sdk, fields: sdk.create_workflow_category(
        fields["tenant_id"], WorkflowCategoryCreate(**{k: v for k, v in fields.items() if k != "tenant_id"}),
        _return_http_data_only=False),
    delete=lambda sdk, category_id, **kwargs: sdk.delete_workflow_category(category_id, **kwargs),
    list_all=lambda sdk: listed(sdk.get_workflow_categories_list(), "name"))
# An event has no name of its own: its title carries the suite's name.
WORKFLOW_EVENT = ResourceKind(
    "workflow_event", "workflow", WorkflowEventsApi, WorkflowEvent, "title",
    create=lambda sdk, fields: sdk.create_workflow_event(WorkflowEventCreate(**fields), _return_http_data_only=False),
    delete=lambda sdk, event_id, **kwargs: sdk.delete_workflow_event(event_id, **kwargs),
    list_all=lambda sdk: listed(sdk.get_workflow_events_list(), "title"),
    blocks=("workflow_target",))
WORKFLOW = ResourceKind(
    "workflow", "workflow", WorkflowsApi, WorkflowMapping, "name",
    create=import_workflow,
    delete=lambda sdk, workflow_id, **kwargs: sdk.delete_workflow(workflow_id, **kwargs),
    list_all=lambda sdk: listed(sdk.get_workflows_list(), "name"),
    blocks=("workflow_category",))
# An instance carries its workflow's name; a start is never retried (its fields hold no name).
WORKFLOW_INSTANCE = ResourceKind(
    "workflow_instance", "workflow", WorkflowInstancesApi, StartWorkflowResponse, "name",
    create=start_workflow, delete=delete_instance,
    list_all=all_instances, blocks=("workflow",))
KINDS = (WORKFLOW_TARGET, WORKFLOW_CATEGORY, WORKFLOW_EVENT, WORKFLOW, WORKFLOW_INSTANCE)
