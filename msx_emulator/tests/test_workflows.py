"""Workflow definitions: import, list, get, update, export, validate, start config, delete."""

from __future__ import annotations

import re

from python_msx_sdk.model.workflow_category_create import WorkflowCategoryCreate

from msx_emulator.config import OPERATIONS_TENANT_ID, ROOT_TENANT_ID
from msx_emulator.services.workflow_schemas import CATEGORY_SCHEMA
from msx_emulator.tests.helpers import error_naming
from msx_emulator.tests.workflow_fixtures import (  # noqa: F401  (fixtures)
    emu_workflow_categories, emu_workflow_id, emu_workflows, workflow_body,
)

KSUID = re.compile(r"^[0-9A-Za-z]{27}$")
# What an import does not carry over: ids, stamps, the last validation.
MADE_BY_MSX = ("id", "created_on", "updated_on", "workflow_valid")


def _definition(workflow) -> dict:
    answered = workflow.to_dict()
    answered["actions"] = [{k: v for k, v in a.items() if k not in ("id", "workflow_id")} for a in answered["actions"]]
    answered["variables"] = [{k: v for k, v in v.items() if k not in MADE_BY_MSX} for v in answered["variables"]]
    return {k: v for k, v in answered.items() if k not in MADE_BY_MSX}


def test_import_answers_a_mapping_and_the_workflow_reads_back(emu, emu_workflows):
    mapping = emu_workflows.import_workflow(workflow_body(variables=[{"properties": {"name": "service", "scope": "input"}}]),
                                            tenant_ids=[OPERATIONS_TENANT_ID])
    assert KSUID.match(mapping.id) and mapping.tenant_ids == [OPERATIONS_TENANT_ID]
    assert mapping.created_by == mapping.modified_by == "superuser" and mapping.created_on == mapping.modified_on
    workflow = emu_workflows.get_workflow(mapping.id)
    assert (workflow.name, workflow.base_type, workflow.valid, workflow.status) == (
        "Health check", "workflow", True, {"state": "import_completed"})
    assert [a.name for a in workflow.actions] == ["First step", "Second step"]
    assert all(KSUID.match(a.id) and a.status == {"state": "created"} for a in workflow.actions)
    assert workflow.unique_name == mapping.unique_name == f"definition_workflow_{mapping.id}"
    assert emu.stats()["left"] == {"workflows": ["Health check"]}


def test_list_filters_by_tenant_and_atomic(emu_workflows):
    mine = emu_workflows.import_workflow(workflow_body("Mine"))
    other = emu_workflows.import_workflow(workflow_body("Other", properties={"atomic": {"is_atomic": True}}),
                                          tenant_ids=[OPERATIONS_TENANT_ID])
    shared = emu_workflows.import_workflow(workflow_body("Shared"), tenant_ids=[OPERATIONS_TENANT_ID], _global=True)
    assert [w.id for w in emu_workflows.get_workflows_list()] == [mine.id, other.id, shared.id]
    assert [w.id for w in emu_workflows.get_workflows_list(tenant_id=ROOT_TENANT_ID)] == [mine.id, shared.id], \
        "the creator's tenant by default; global ones for every tenant"
    assert [w.id for w in emu_workflows.get_workflows_list(atomic=True)] == [other.id]
    assert [w.id for w in emu_workflows.get_workflows_list(atomic=False)] == [mine.id, shared.id]


def test_update_replaces_the_definition_and_keeps_the_id(emu_workflows, emu_workflow_id):
    before = emu_workflows.get_workflow(emu_workflow_id)
    mapping = emu_workflows.update_workflow(emu_workflow_id, workflow_body("Renamed", steps=["Only step"]),
                                            tenant_ids=[ROOT_TENANT_ID, OPERATIONS_TENANT_ID])
    assert (mapping.id, mapping.unique_name) == (emu_workflow_id, before.unique_name)
    # python-msx-sdk's composed models raise on reading their footer stamps as attributes: to_dict() reads them.
    assert mapping.tenant_ids == [ROOT_TENANT_ID, OPERATIONS_TENANT_ID]
    assert mapping.modified_on > before.to_dict()["created_on"]
    after = emu_workflows.get_workflow(emu_workflow_id)
    assert (after.name, [a.name for a in after.actions]) == ("Renamed", ["Only step"])


def test_an_export_reimported_gives_the_same_workflow(emu_workflows, emu_workflow_categories):
    category = emu_workflow_categories.create_workflow_category(
        ROOT_TENANT_ID, WorkflowCategoryCreate(name="c", title="C", description="d", schema_id=CATEGORY_SCHEMA))
    body = workflow_body(categories=[category.id], properties={"display_name": "Health check"},
                         variables=[{"properties": {"name": "service", "scope": "input", "value": "idm"}}])
    original = emu_workflows.import_workflow(body)
    exported = emu_workflows.export_workflow(original.id)
    assert set(exported) == {"workflow", "targets"} and "id" not in exported["workflow"]
    first = emu_workflows.get_workflow(original.id)
    emu_workflows.delete_workflow(original.id)
    again = emu_workflows.get_workflow(emu_workflows.import_workflow(exported).id)
    assert _definition(again) == _definition(first)


def test_validate_passes_a_valid_workflow(emu_workflows, emu_workflow_id):
    result = emu_workflows.validate_workflow(emu_workflow_id)
    assert (result.total_actions, result.total_valid, result.workflow_valid, result.invalid_action_ids) == (
        2, 2, True, None)
    assert emu_workflows.get_workflow(emu_workflow_id).workflow_valid is True


def test_validate_reports_the_broken_steps(emu_workflows):
    body = workflow_body()
    body["workflow"]["actions"].append({"name": "Broken step", "type": "no.such_activity"})
    workflow_id = emu_workflows.import_workflow(body).id
    broken = emu_workflows.get_workflow(workflow_id).actions[2]
    result = emu_workflows.validate_workflow(workflow_id)
    assert (result.total_actions, result.total_valid, result.workflow_valid, result.invalid_action_ids) == (
        3, 2, False, [broken.id])
    assert emu_workflows.get_workflow(workflow_id).valid is False


def test_start_config_lists_the_input_variables_and_the_target(emu_workflows):
    body = workflow_body(properties={"target": {"target_type": "web-service.endpoint", "target_id": "t"}},
                         variables=[{"properties": {"name": "service", "scope": "input"}},
                                    {"properties": {"name": "result", "scope": "output"}}])
    config = emu_workflows.get_workflow_start_config(emu_workflows.import_workflow(body).id)
    assert [v.properties["name"] for v in config.input_variables] == ["service"]
    assert (config.type_of_target_needed, config.target_id) == ("web-service.endpoint", "t")


def test_delete_answers_204_and_the_workflow_is_gone(emu, emu_workflows, emu_workflow_id):
    _, status, _ = emu_workflows.delete_workflow(emu_workflow_id, _return_http_data_only=False)
    assert status == 204
    error_naming(lambda: emu_workflows.get_workflow(emu_workflow_id), 404, emu_workflow_id)
    assert emu.stats()["left"] == {}
