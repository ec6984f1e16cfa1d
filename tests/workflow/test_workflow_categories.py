"""Workflow categories: create, read, list by tenant, update and delete one of the test's own."""

import pytest
from python_msx_sdk.api.workflow_categories_api import WorkflowCategoriesApi
from python_msx_sdk.exceptions import NotFoundException
from python_msx_sdk.model.workflow_category_update import WorkflowCategoryUpdate

VARIANTS = [
    pytest.param({}, id="required-fields-only"),
    pytest.param({"description": "d" * 256, "title": "t" * 128}, id="max-lengths"),
    pytest.param({"description": "Catégorie de contrôle ✓"}, id="unicode"),
]


@pytest.mark.lifecycle
@pytest.mark.parametrize("change", VARIANTS)
def test_createWorkflowCategory_getWorkflowCategory_getWorkflowCategoriesList_updateWorkflowCategory_deleteWorkflowCategory(
        msx_api, workflow_categories, category_fields, change):
    api = msx_api(WorkflowCategoriesApi)
    created = workflow_categories.create(**(category_fields | change))
    category = created.resource
    assert created.status == 201 and (category.name, category.description) == (
        category_fields["name"], (category_fields | change)["description"])
    assert api.get_workflow_category(category.id).to_dict() == category.to_dict()
    tenant_id = category_fields["tenant_id"]
    assert category.id in [c.id for c in api.get_workflow_categories_list(tenant_id=tenant_id)]
    fields = {k: v for k, v in category_fields.items() if k != "tenant_id"} | {"title": "Renamed by the suite"}
    updated = api.update_workflow_category(category.id, WorkflowCategoryUpdate(**fields))
    assert (updated.id, updated.title) == (category.id, "Renamed by the suite")
    assert workflow_categories.delete(category.id) == 204
    with pytest.raises(NotFoundException):
        api.get_workflow_category(category.id)
