"""Fixtures of the Workflow checklist: the suite's own workflow, a category, a target and an event of the test's own.

The workflow is `health_check.json`, in the contract's import format: two core.sleep steps of no duration,
written for this suite. Schemas are looked up by base type, as a real MSX has its own ids for them.
"""

import copy
import json
from pathlib import Path

import pytest
from python_msx_sdk.api.users_api import UsersApi
from python_msx_sdk.api.workflow_categories_api import WorkflowCategoriesApi
from python_msx_sdk.api.workflow_events_api import WorkflowEventsApi
from python_msx_sdk.api.workflow_instances_api import WorkflowInstancesApi
from python_msx_sdk.api.workflow_schemas_api import WorkflowSchemasApi
from python_msx_sdk.api.workflow_targets_api import WorkflowTargetsApi
from python_msx_sdk.api.workflows_api import WorkflowsApi
from python_msx_sdk.model.workflow_category_create import WorkflowCategoryCreate
from python_msx_sdk.model.workflow_category_update import WorkflowCategoryUpdate
from python_msx_sdk.model.workflow_event_create import WorkflowEventCreate
from python_msx_sdk.model.workflow_event_update import WorkflowEventUpdate
from python_msx_sdk.model.workflow_start_config import WorkflowStartConfig
from python_msx_sdk.model.workflow_target_create import WorkflowTargetCreate
from python_msx_sdk.model.workflow_target_update import WorkflowTargetUpdate

from msxsuite.workflow_runs import InstanceFollower

HEALTH_CHECK = json.loads((Path(__file__).parent / "health_check.json").read_text(encoding="utf-8"))
TARGET_TYPE = "web-service.endpoint"
# The example ksuid of the ksuid format's documentation: well formed, never an id of MSX.
UNKNOWN_ID = "0ujsswThIGTUYm2K8FjOOfXtY1K"
UNKNOWN_TENANT_ID = "5f0c3e52-0000-4000-8000-000000000404"
API = "/workflow/api/v8"


def health_check(**workflow) -> dict:
    """The suite's workflow in the import format, with some of its fields changed."""
    definition = copy.deepcopy(HEALTH_CHECK)
    definition["workflow"].update(workflow)
    return definition


def slow_health_check() -> dict:
    """The suite's workflow whose first step sleeps a minute, so that it is still running when canceled."""
    definition = health_check()
    definition["workflow"]["actions"][0]["properties"]["sleep_interval"] = 60
    return definition


def target_fields(name) -> dict:
    """A web-service target named after the test; it points at a host that does not resolve."""
    return {"name": name, "type": TARGET_TYPE, "description": "Made by the MSX suite",
            "properties": {"host": "suite-check.invalid", "protocol": "https", "port": 443, "no_runtime_user": True}}


@pytest.fixture
def schema_of(msx_api):
    """The id of a workflow schema of a base type (the first MSX lists): schema_of("category")."""
    return lambda base_type: msx_api(WorkflowSchemasApi).get_workflow_schemas_list(base_type)[0].id


@pytest.fixture
def workflow_tenant_id(msx_api):
    """The suite user's tenant, where its categories are made."""
    return msx_api(UsersApi).get_current_user().tenant_ids[0]


@pytest.fixture
def category_fields(unique_name, schema_of, workflow_tenant_id):
    """createWorkflowCategory fields (with its tenant) named after the test."""
    return {"tenant_id": workflow_tenant_id, "name": unique_name, "title": unique_name,
            "description": "Made by the MSX suite", "schema_id": schema_of("category")}


@pytest.fixture
def category(workflow_categories, category_fields):
    """A workflow category of the test's own; deleted after it."""
    return workflow_categories.create(**category_fields).resource


@pytest.fixture
def target(workflow_targets, unique_name):
    """A workflow target of the test's own; deleted after it."""
    return workflow_targets.create(**target_fields(unique_name)).resource


@pytest.fixture
def event_fields(unique_name, schema_of, target):
    """createWorkflowEvent fields naming the test's target."""
    return {"title": unique_name, "description": "Made by the MSX suite", "target_id": target.id,
            "schema_id": schema_of("event"), "properties": {"topic_name": "suite-health-events"}}


@pytest.fixture
def event(workflow_events, event_fields):
    """A workflow event of the test's own; deleted after it."""
    return workflow_events.create(**event_fields).resource


@pytest.fixture
def workflow(workflows, unique_name):
    """The suite's workflow imported under the test's name (its WorkflowMapping); deleted after the test."""
    return workflows.create(name=unique_name, definition=health_check()).resource


@pytest.fixture
def follow(msx_api, msx_settings):
    """Follows a started workflow's instance: `follow.until_completed(workflow name, instance id)`."""
    return InstanceFollower(msx_api(WorkflowInstancesApi), msx_settings.workflow_poll_interval,
                            msx_settings.workflow_timeout, replaying=msx_settings.mode == "replay")


def _category(name):
    return {"name": name, "title": name, "description": "Made by the MSX suite", "schema_id": UNKNOWN_ID}


# Every workflow operation aimed at nothing that exists (`call(api_client, name)`), by operationId: the 401s
# of every operation and the 404s of those naming an id use them.
CALLS = {
    "importWorkflow": lambda c, name: WorkflowsApi(c).import_workflow(health_check(name=name)),
    "getWorkflowsList": lambda c, name: WorkflowsApi(c).get_workflows_list(),
    "getWorkflow": lambda c, name: WorkflowsApi(c).get_workflow(UNKNOWN_ID),
    "updateWorkflow": lambda c, name: WorkflowsApi(c).update_workflow(UNKNOWN_ID, health_check(name=name)),
    "deleteWorkflow": lambda c, name: WorkflowsApi(c).delete_workflow(UNKNOWN_ID),
    "exportWorkflow": lambda c, name: WorkflowsApi(c).export_workflow(UNKNOWN_ID),
    "startWorkflow": lambda c, name: WorkflowsApi(c).start_workflow(UNKNOWN_ID, WorkflowStartConfig()),
    "getWorkflowStartConfig": lambda c, name: WorkflowsApi(c).get_workflow_start_config(UNKNOWN_ID),
    "validateWorkflow": lambda c, name: WorkflowsApi(c).validate_workflow(UNKNOWN_ID),
    "getWorkflowInstancesList": lambda c, name: WorkflowInstancesApi(c).get_workflow_instances_list(UNKNOWN_ID, 0, 10),
    "getWorkflowInstance": lambda c, name: WorkflowInstancesApi(c).get_workflow_instance(UNKNOWN_ID),
    "deleteWorkflowInstance": lambda c, name: WorkflowInstancesApi(c).delete_workflow_instance(UNKNOWN_ID),
    "cancelWorkflowInstance": lambda c, name: WorkflowInstancesApi(c).cancel_workflow_instance(UNKNOWN_ID),
    "getWorkflowInstanceAction": lambda c, name: WorkflowInstancesApi(c).get_workflow_instance_action(
        UNKNOWN_ID, UNKNOWN_ID),
    "createWorkflowCategory": lambda c, name: WorkflowCategoriesApi(c).create_workflow_category(
        UNKNOWN_TENANT_ID, WorkflowCategoryCreate(**_category(name))),
    "getWorkflowCategoriesList": lambda c, name: WorkflowCategoriesApi(c).get_workflow_categories_list(),
    "getWorkflowCategory": lambda c, name: WorkflowCategoriesApi(c).get_workflow_category(UNKNOWN_ID),
    "updateWorkflowCategory": lambda c, name: WorkflowCategoriesApi(c).update_workflow_category(
        UNKNOWN_ID, WorkflowCategoryUpdate(**_category(name))),
    "deleteWorkflowCategory": lambda c, name: WorkflowCategoriesApi(c).delete_workflow_category(UNKNOWN_ID),
    "createWorkflowEvent": lambda c, name: WorkflowEventsApi(c).create_workflow_event(WorkflowEventCreate(
        title=name, target_id=UNKNOWN_ID, schema_id=UNKNOWN_ID, properties={})),
    "getWorkflowEventsList": lambda c, name: WorkflowEventsApi(c).get_workflow_events_list(),
    "getWorkflowEvent": lambda c, name: WorkflowEventsApi(c).get_workflow_event(UNKNOWN_ID),
    "updateWorkflowEvent": lambda c, name: WorkflowEventsApi(c).update_workflow_event(UNKNOWN_ID, WorkflowEventUpdate(
        title=name, target_id=UNKNOWN_ID, schema_id=UNKNOWN_ID, properties={})),
    "deleteWorkflowEvent": lambda c, name: WorkflowEventsApi(c).delete_workflow_event(UNKNOWN_ID),
    "createWorkflowTarget": lambda c, name: WorkflowTargetsApi(c).create_workflow_target(
        WorkflowTargetCreate(**target_fields(name))),
    "getWorkflowTargetsList": lambda c, name: WorkflowTargetsApi(c).get_workflow_targets_list(),
    "getWorkflowTarget": lambda c, name: WorkflowTargetsApi(c).get_workflow_target(UNKNOWN_ID),
    "updateWorkflowTarget": lambda c, name: WorkflowTargetsApi(c).update_workflow_target(
        UNKNOWN_ID, WorkflowTargetUpdate(**target_fields(name))),
    "deleteWorkflowTarget": lambda c, name: WorkflowTargetsApi(c).delete_workflow_target(UNKNOWN_ID),
    "getWorkflowSchemasList": lambda c, name: WorkflowSchemasApi(c).get_workflow_schemas_list("category"),
    "getWorkflowSchema": lambda c, name: WorkflowSchemasApi(c).get_workflow_schema(UNKNOWN_ID),
}
TOKENS = [pytest.param(None, id="401-no-token"), pytest.param("not-a-valid-token", id="401-bad-token")]


def calls(*operation_ids, status=None, case=None):
    """pytest params of CALLS, with ids `<operationId>` (or `<operationId>-<status>-<case>`)."""
    return [pytest.param(CALLS[operation_id], id="-".join(map(str, filter(None, (operation_id, status, case)))))
            for operation_id in operation_ids]
