"""One call per workflow operation (31), keyed by operationId, through the SDK; part of `OPERATIONS`.

Nothing of the workflow service is seeded but its schemas: calls naming an id answer 404 (updateWorkflow,
which documents no 404, and createWorkflowEvent, naming an unknown target, answer 400).
"""

from __future__ import annotations

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

from msx_emulator.config import ROOT_TENANT_ID
from msx_emulator.services.workflow_schemas import CATEGORY_SCHEMA, EVENT_SCHEMA

# The example ksuid of the ksuid format's documentation: well formed, never made by the emulator.
UNKNOWN_KSUID = "0ujsswThIGTUYm2K8FjOOfXtY1K"
CATEGORY = dict(name="c", title="C", description="d", schema_id=CATEGORY_SCHEMA)
EVENT = dict(title="e", target_id=UNKNOWN_KSUID, schema_id=EVENT_SCHEMA, properties={})
TARGET = dict(name="t", properties={})
IMPORT = {"workflow": {"name": "w"}}

WORKFLOW_OPERATIONS = {
    "importWorkflow": lambda c: WorkflowsApi(c).import_workflow(IMPORT),
    "getWorkflowsList": lambda c: WorkflowsApi(c).get_workflows_list(),
    "getWorkflow": lambda c: WorkflowsApi(c).get_workflow(UNKNOWN_KSUID),
    "updateWorkflow": lambda c: WorkflowsApi(c).update_workflow(UNKNOWN_KSUID, IMPORT),
    "deleteWorkflow": lambda c: WorkflowsApi(c).delete_workflow(UNKNOWN_KSUID),
    "exportWorkflow": lambda c: WorkflowsApi(c).export_workflow(UNKNOWN_KSUID),
    "validateWorkflow": lambda c: WorkflowsApi(c).validate_workflow(UNKNOWN_KSUID),
    "getWorkflowStartConfig": lambda c: WorkflowsApi(c).get_workflow_start_config(UNKNOWN_KSUID),
    "startWorkflow": lambda c: WorkflowsApi(c).start_workflow(UNKNOWN_KSUID, WorkflowStartConfig()),
    "getWorkflowInstancesList": lambda c: WorkflowInstancesApi(c).get_workflow_instances_list(UNKNOWN_KSUID, 0, 10),
    "getWorkflowInstance": lambda c: WorkflowInstancesApi(c).get_workflow_instance(UNKNOWN_KSUID),
    "cancelWorkflowInstance": lambda c: WorkflowInstancesApi(c).cancel_workflow_instance(UNKNOWN_KSUID),
    "deleteWorkflowInstance": lambda c: WorkflowInstancesApi(c).delete_workflow_instance(UNKNOWN_KSUID),
    "getWorkflowInstanceAction": lambda c: WorkflowInstancesApi(c).get_workflow_instance_action(UNKNOWN_KSUID, "a"),
    "createWorkflowCategory": lambda c: WorkflowCategoriesApi(c).create_workflow_category(
        ROOT_TENANT_ID, WorkflowCategoryCreate(**CATEGORY)),
    "getWorkflowCategoriesList": lambda c: WorkflowCategoriesApi(c).get_workflow_categories_list(),
    "getWorkflowCategory": lambda c: WorkflowCategoriesApi(c).get_workflow_category(UNKNOWN_KSUID),
    "updateWorkflowCategory": lambda c: WorkflowCategoriesApi(c).update_workflow_category(
        UNKNOWN_KSUID, WorkflowCategoryUpdate(**CATEGORY)),
    "deleteWorkflowCategory": lambda c: WorkflowCategoriesApi(c).delete_workflow_category(UNKNOWN_KSUID),
    "createWorkflowEvent": lambda c: WorkflowEventsApi(c).create_workflow_event(WorkflowEventCreate(**EVENT)),
    "getWorkflowEventsList": lambda c: WorkflowEventsApi(c).get_workflow_events_list(),
    "getWorkflowEvent": lambda c: WorkflowEventsApi(c).get_workflow_event(UNKNOWN_KSUID),
    "updateWorkflowEvent": lambda c: WorkflowEventsApi(c).update_workflow_event(
        UNKNOWN_KSUID, WorkflowEventUpdate(**EVENT)),
    "deleteWorkflowEvent": lambda c: WorkflowEventsApi(c).delete_workflow_event(UNKNOWN_KSUID),
    "createWorkflowTarget": lambda c: WorkflowTargetsApi(c).create_workflow_target(WorkflowTargetCreate(**TARGET)),
    "getWorkflowTargetsList": lambda c: WorkflowTargetsApi(c).get_workflow_targets_list(),
    "getWorkflowTarget": lambda c: WorkflowTargetsApi(c).get_workflow_target(UNKNOWN_KSUID),
    "updateWorkflowTarget": lambda c: WorkflowTargetsApi(c).update_workflow_target(
        UNKNOWN_KSUID, WorkflowTargetUpdate(**TARGET)),
    "deleteWorkflowTarget": lambda c: WorkflowTargetsApi(c).delete_workflow_target(UNKNOWN_KSUID),
    "getWorkflowSchemasList": lambda c: WorkflowSchemasApi(c).get_workflow_schemas_list("category"),
    "getWorkflowSchema": lambda c: WorkflowSchemasApi(c).get_workflow_schema(CATEGORY_SCHEMA),
}
