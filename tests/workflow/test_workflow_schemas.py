"""Workflow schemas: the lists by base type and each schema read by its id (reads only)."""

import pytest
from python_msx_sdk.api.workflow_schemas_api import WorkflowSchemasApi


@pytest.mark.smoke
def test_getWorkflowSchemasList_and_getWorkflowSchema_read_the_category_schemas(msx_api):
    api = msx_api(WorkflowSchemasApi)
    schemas = api.get_workflow_schemas_list("category")
    assert schemas and all(schema.base_type == "category" for schema in schemas)
    view = api.get_workflow_schema(schemas[0].id).view_schema
    assert (view.id, view.base_type) == (schemas[0].id, "category")


@pytest.mark.parametrize("base_type", ["event", "target", "activity"])
def test_getWorkflowSchemasList_by_base_type(msx_api, base_type):
    schemas = msx_api(WorkflowSchemasApi).get_workflow_schemas_list(base_type, schema_type="data")
    assert schemas and {schema.base_type for schema in schemas} == {base_type}


def test_getWorkflowSchema_as_data(msx_api, schema_of):
    schema_id = schema_of("event")
    assert msx_api(WorkflowSchemasApi).get_workflow_schema(schema_id, schema_type="data").data_schema.id == schema_id
