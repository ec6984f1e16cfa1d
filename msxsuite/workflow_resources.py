"""How the registry creates, lists and deletes the workflow service's resources through python-msx-sdk.

Two SDK shapes differ from the common one: lists are plain arrays, and the composed workflow models
(Workflow, WorkflowTarget, ...) raise when their footer stamps are read as attributes (each allOf part
holds `created_on` in another type). Listed resources are therefore read through `to_dict()` into a
`Listed` holding what the sweeper and the tracker read: the id, the name field and createdOn.
"""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace
from typing import Any, Iterable

from python_msx_sdk.api.workflows_api import WorkflowsApi
from python_msx_sdk.exceptions import ApiException
from python_msx_sdk.model.workflow_start_config import WorkflowStartConfig

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
