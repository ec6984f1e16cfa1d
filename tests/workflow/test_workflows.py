"""Workflows: import, read, list, update, export, validate, start config and delete the suite's own workflow.

python-msx-sdk's composed Workflow raises when its footer stamps are read as attributes: they are read
through to_dict().
"""

import pytest
from python_msx_sdk.api.workflows_api import WorkflowsApi
from python_msx_sdk.exceptions import NotFoundException

from tests.workflow.conftest import health_check

# What MSX makes on import and an export does not carry: ids, stamps, states.
MADE_BY_MSX = ("id", "workflow_id", "created_on", "created_by", "updated_on", "updated_by", "owner",
               "workflow_valid", "valid", "status", "permissions", "metadata", "schema_id")

VARIANTS = [
    pytest.param(health_check, id="health-check"),
    pytest.param(lambda: health_check(variables=[]), id="without-variables"),
    pytest.param(lambda: health_check(properties={"atomic": {"is_atomic": True}, "display_name": "Atomic"}),
                 id="atomic"),
    pytest.param(lambda: health_check(title="Contrôle de santé ✓"), id="unicode-title"),
]


def definition_of(workflow) -> dict:
    """A read workflow without what MSX makes, to compare definitions."""
    answered = workflow.to_dict()
    for part in ("actions", "variables"):
        answered[part] = [{k: v for k, v in item.items() if k not in MADE_BY_MSX} for item in answered.get(part) or []]
    return {k: v for k, v in answered.items() if k not in MADE_BY_MSX}


@pytest.mark.lifecycle
@pytest.mark.parametrize("make_definition", VARIANTS)
def test_importWorkflow_getWorkflow_getWorkflowsList_updateWorkflow_deleteWorkflow(msx_api, workflows, unique_name,
                                                                                   make_definition):
    api = msx_api(WorkflowsApi)
    definition = make_definition()
    created = workflows.create(name=unique_name, definition=definition)
    mapping = created.resource
    assert created.status == 201 and mapping.id
    workflow = api.get_workflow(mapping.id)
    assert (workflow.name, workflow.title, workflow.type) == (unique_name, definition["workflow"]["title"],
                                                              "generic.workflow")
    assert [a.name for a in workflow.actions] == ["First step", "Second step"]
    assert workflow.unique_name == mapping.unique_name
    assert mapping.id in [w.id for w in api.get_workflows_list()]
    renamed = f"{unique_name}-renamed"
    updated = api.update_workflow(mapping.id, health_check(name=renamed, title=renamed))
    assert updated.id == mapping.id
    assert (api.get_workflow(mapping.id).name, api.get_workflow(mapping.id).title) == (renamed, renamed)
    assert workflows.delete(mapping.id) == 204
    with pytest.raises(NotFoundException):
        api.get_workflow(mapping.id)


def test_getWorkflowsList_by_tenant_and_atomic_finds_the_workflow(msx_api, workflows, unique_name, workflow_tenant_id):
    api = msx_api(WorkflowsApi)
    mapping = workflows.create(name=unique_name, definition=health_check(), tenant_ids=[workflow_tenant_id]).resource
    assert mapping.tenant_ids == [workflow_tenant_id]
    assert mapping.id in [w.id for w in api.get_workflows_list(tenant_id=workflow_tenant_id)]
    assert mapping.id in [w.id for w in api.get_workflows_list(atomic=False)]
    assert mapping.id not in [w.id for w in api.get_workflows_list(atomic=True)]


def test_exportWorkflow_reimported_gives_the_same_workflow(msx_api, workflows, workflow):
    api = msx_api(WorkflowsApi)
    original = api.get_workflow(workflow.id)
    exported = api.export_workflow(workflow.id)
    assert exported["workflow"]["name"] == original.name
    assert workflows.delete(workflow.id) == 204, "deleted first: the export carries its unique_name"
    again = workflows.create(name=original.name, definition=exported).resource
    assert definition_of(api.get_workflow(again.id)) == definition_of(original)


def test_importWorkflow_in_a_category(msx_api, workflows, unique_name, category):
    mapping = workflows.create(name=unique_name, definition=health_check(categories=[category.id])).resource
    assert msx_api(WorkflowsApi).get_workflow(mapping.id).categories == [category.id]


def test_validateWorkflow_passes_the_suites_workflow(msx_api, workflow):
    result = msx_api(WorkflowsApi).validate_workflow(workflow.id)
    assert (result.workflow_valid, result.total_actions, result.total_valid) == (True, 2, 2)
    assert not result.invalid_action_ids


def test_validateWorkflow_reports_a_broken_step(msx_api, workflows, unique_name):
    definition = health_check()
    definition["workflow"]["actions"][1]["type"] = "suite-check.no_such_activity"
    mapping = workflows.create(name=unique_name, definition=definition).resource
    api = msx_api(WorkflowsApi)
    broken = api.get_workflow(mapping.id).actions[1]
    result = api.validate_workflow(mapping.id)
    assert (result.workflow_valid, result.total_actions, result.total_valid) == (False, 2, 1)
    assert result.invalid_action_ids == [broken.id]


def test_getWorkflowStartConfig_lists_the_input_variable(msx_api, workflow):
    config = msx_api(WorkflowsApi).get_workflow_start_config(workflow.id)
    assert [v.properties["name"] for v in config.input_variables] == ["greeting"]
