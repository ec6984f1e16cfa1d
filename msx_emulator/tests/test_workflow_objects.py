"""Workflow categories, events, targets and schemas: create, list, get, update, delete, and their relations."""

from __future__ import annotations

import pytest
from python_msx_sdk.model.workflow_category_create import WorkflowCategoryCreate
from python_msx_sdk.model.workflow_category_update import WorkflowCategoryUpdate
from python_msx_sdk.model.workflow_event_create import WorkflowEventCreate
from python_msx_sdk.model.workflow_event_update import WorkflowEventUpdate
from python_msx_sdk.model.workflow_target_create import WorkflowTargetCreate
from python_msx_sdk.model.workflow_target_update import WorkflowTargetUpdate

from msx_emulator.config import OPERATIONS_TENANT_ID, ROOT_TENANT_ID
from msx_emulator.services.workflow_schemas import CATEGORY_SCHEMA, EVENT_SCHEMA, KAFKA_TARGET_SCHEMA
from msx_emulator.tests.helpers import error_naming
from msx_emulator.tests.workflow_fixtures import (  # noqa: F401  (fixtures)
    emu_workflow_categories, emu_workflow_events, emu_workflow_schemas, emu_workflow_targets, emu_workflows,
    workflow_body,
)

CATEGORY = dict(name="Checks", title="Health checks", description="Workflows that check health",
                schema_id=CATEGORY_SCHEMA)


@pytest.fixture
def emu_target(emu_workflow_targets):
    """A Kafka target."""
    return emu_workflow_targets.create_workflow_target(WorkflowTargetCreate(
        name="MSX Kafka", properties={"host": "kafka", "port": 9092}, schema_id=KAFKA_TARGET_SCHEMA))


def test_category_lifecycle(emu, emu_workflow_categories):
    created = emu_workflow_categories.create_workflow_category(OPERATIONS_TENANT_ID, WorkflowCategoryCreate(**CATEGORY))
    assert (created.type, created.base_type, created.category_type) == ("basic.category", "category", "custom")
    assert emu_workflow_categories.get_workflow_category(created.id).to_dict() == created.to_dict()
    assert [c.id for c in emu_workflow_categories.get_workflow_categories_list(tenant_id=OPERATIONS_TENANT_ID)] == [
        created.id]
    assert emu_workflow_categories.get_workflow_categories_list(tenant_id=ROOT_TENANT_ID) == []
    updated = emu_workflow_categories.update_workflow_category(
        created.id, WorkflowCategoryUpdate(**(CATEGORY | {"title": "Checks of health"})))
    assert (updated.id, updated.title, updated.unique_name) == (created.id, "Checks of health", created.unique_name)
    assert emu.stats()["left"] == {"workflow_categories": ["Checks"]}
    emu_workflow_categories.delete_workflow_category(created.id)
    error_naming(lambda: emu_workflow_categories.get_workflow_category(created.id), 404, created.id)


def test_a_category_in_use_by_a_workflow_is_not_deleted(emu_workflows, emu_workflow_categories):
    category = emu_workflow_categories.create_workflow_category(ROOT_TENANT_ID, WorkflowCategoryCreate(**CATEGORY))
    workflow_id = emu_workflows.import_workflow(workflow_body(categories=[category.id])).id
    assert emu_workflows.get_workflow(workflow_id).categories == [category.id]
    error_naming(lambda: emu_workflow_categories.delete_workflow_category(category.id), 400, "workflow(s)")
    emu_workflows.delete_workflow(workflow_id)
    emu_workflow_categories.delete_workflow_category(category.id)


def test_target_lifecycle(emu, emu_workflow_targets, emu_target):
    assert (emu_target.type, emu_target.base_type, emu_target.valid) == ("kafka.endpoint", "target", True)
    assert emu_workflow_targets.get_workflow_target(emu_target.id).to_dict() == emu_target.to_dict()
    web = emu_workflow_targets.create_workflow_target(WorkflowTargetCreate(name="Router", properties={}))
    assert web.type == "web-service.endpoint", "without schema or type: a web service endpoint"
    assert [t.id for t in emu_workflow_targets.get_workflow_targets_list(type="kafka.endpoint")] == [emu_target.id]
    assert len(emu_workflow_targets.get_workflow_targets_list(internal=False)) == 2
    assert emu_workflow_targets.get_workflow_targets_list(internal=True) == []
    updated = emu_workflow_targets.update_workflow_target(emu_target.id, WorkflowTargetUpdate(
        name="Kafka", properties={"host": "kafka2"}, type="kafka.endpoint", description="moved"))
    assert (updated.id, updated.name, updated.properties) == (emu_target.id, "Kafka", {"host": "kafka2"})
    emu_workflow_targets.delete_workflow_target(web.id)
    assert emu.stats()["left"] == {"workflow_targets": ["Kafka"]}


def test_event_lifecycle_and_its_target(emu, emu_workflow_events, emu_workflow_targets, emu_target):
    created = emu_workflow_events.create_workflow_event(WorkflowEventCreate(
        title="Device down", target_id=emu_target.id, schema_id=EVENT_SCHEMA, properties={"topic_name": "devices"}))
    assert (created.name, created.type, created.base_type) == ("Device down", "kafka.event", "event")
    assert created.properties == {"topic_name": "devices", "title": "Device down", "target_id": emu_target.id}
    assert emu_workflow_events.get_workflow_event(created.id).to_dict() == created.to_dict()
    assert [e.id for e in emu_workflow_events.get_workflow_events_list()] == [created.id]
    error_naming(lambda: emu_workflow_targets.delete_workflow_target(emu_target.id), 400, "event(s)")
    updated = emu_workflow_events.update_workflow_event(created.id, WorkflowEventUpdate(
        title="Device up", target_id=emu_target.id, schema_id=EVENT_SCHEMA, properties={"topic_name": "devices"}))
    assert (updated.id, updated.title) == (created.id, "Device up")
    emu_workflow_events.delete_workflow_event(created.id)
    emu_workflow_targets.delete_workflow_target(emu_target.id)
    assert emu.stats()["left"] == {}


def test_schemas_list_by_base_type_and_read_by_id(emu_workflow_schemas):
    [category] = emu_workflow_schemas.get_workflow_schemas_list("category")
    assert (category.id, category.type) == (CATEGORY_SCHEMA, "basic.category")
    assert {s.type for s in emu_workflow_schemas.get_workflow_schemas_list("target", schema_type="data")} == {
        "web-service.endpoint", "kafka.endpoint"}
    assert [s.type for s in emu_workflow_schemas.get_workflow_schemas_list("category", variable_type=True)] == [
        "datatype.string"]
    assert emu_workflow_schemas.get_workflow_schemas_list("no-such-base-type") == []
    assert emu_workflow_schemas.get_workflow_schema(CATEGORY_SCHEMA).view_schema.name == "Generic Category"
    by_data = emu_workflow_schemas.get_workflow_schema(CATEGORY_SCHEMA, schema_type="data")
    assert by_data.data_schema.id == CATEGORY_SCHEMA and "view_schema" not in by_data.to_dict()
