"""Workflow targets: create, read, list by type, update and delete one of the test's own."""

import pytest
from python_msx_sdk.api.workflow_targets_api import WorkflowTargetsApi
from python_msx_sdk.exceptions import NotFoundException
from python_msx_sdk.model.workflow_target_update import WorkflowTargetUpdate

from tests.workflow.conftest import TARGET_TYPE, target_fields

VARIANTS = [
    pytest.param(lambda name: {"name": name, "properties": target_fields(name)["properties"],
                               "type": TARGET_TYPE}, id="name-properties-and-type"),
    pytest.param(target_fields, id="with-description"),
    pytest.param(lambda name: target_fields(name) | {"title": "Cible de test ✓"}, id="unicode-title"),
]


@pytest.mark.lifecycle
@pytest.mark.parametrize("make_fields", VARIANTS)
def test_createWorkflowTarget_getWorkflowTarget_getWorkflowTargetsList_updateWorkflowTarget_deleteWorkflowTarget(
        msx_api, workflow_targets, unique_name, make_fields):
    api = msx_api(WorkflowTargetsApi)
    fields = make_fields(unique_name)
    created = workflow_targets.create(**fields)
    target = created.resource
    assert created.status == 201 and (target.name, target.type) == (unique_name, TARGET_TYPE)
    assert api.get_workflow_target(target.id).to_dict() == target.to_dict()
    assert target.id in [t.id for t in api.get_workflow_targets_list(type=TARGET_TYPE)]
    moved = fields | {"properties": fields["properties"] | {"host": "moved.suite-check.invalid"}}
    updated = api.update_workflow_target(target.id, WorkflowTargetUpdate(**moved))
    assert (updated.id, updated.properties["host"]) == (target.id, "moved.suite-check.invalid")
    assert workflow_targets.delete(target.id) == 204
    with pytest.raises(NotFoundException):
        api.get_workflow_target(target.id)
