"""Workflow categories: what MSX must refuse, and with which status (ids: <operationId>-<status>-<case>)."""

import pytest
from python_msx_sdk.api.workflow_categories_api import WorkflowCategoriesApi
from python_msx_sdk.model.workflow_category import WorkflowCategory
from python_msx_sdk.model.workflow_category_update import WorkflowCategoryUpdate

from tests.workflow.conftest import API, TOKENS, UNKNOWN_ID, UNKNOWN_TENANT_ID, calls, health_check

pytestmark = pytest.mark.negative

OPERATIONS = ("createWorkflowCategory", "getWorkflowCategoriesList", "getWorkflowCategory", "updateWorkflowCategory",
              "deleteWorkflowCategory")


def _body(fields) -> dict:
    return {k: v for k, v in fields.items() if k != "tenant_id"}


def _without(name):
    return lambda fields: {k: v for k, v in _body(fields).items() if k != name}


def _with(**change):
    return lambda fields: _body(fields) | change


BROKEN_BODIES = [
    *[pytest.param(_without(name), id=f"missing-{name.replace('_', '-')}")
      for name in ("name", "title", "description", "schema_id")],
    pytest.param(_with(name=""), id="empty-name"),
    pytest.param(lambda fields: _body(fields) | {"name": fields["name"].ljust(129, "x")}, id="name-129-chars"),
    pytest.param(_with(title=""), id="empty-title"),
    pytest.param(_with(title="t" * 129), id="title-129-chars"),
    pytest.param(_with(description=""), id="empty-description"),
    pytest.param(_with(description="d" * 257), id="description-257-chars"),
    pytest.param(_with(schema_id=UNKNOWN_ID), id="unknown-schema"),
    pytest.param(_with(unique_name=7), id="unique-name-not-a-string"),
]
INVALID_BODIES = [pytest.param(*case.values, id=f"createWorkflowCategory-400-{case.id}") for case in BROKEN_BODIES] + [
    pytest.param(lambda fields: [_body(fields)], id="createWorkflowCategory-400-body-not-an-object"),
]
INVALID_UPDATES = [pytest.param(*case.values, id=f"updateWorkflowCategory-400-{case.id}") for case in BROKEN_BODIES]
INVALID_TENANTS = [
    pytest.param([], id="createWorkflowCategory-400-no-tenant-id"),
    pytest.param([("tenantId", "not-a-uuid")], id="createWorkflowCategory-400-tenant-id-not-a-uuid"),
    pytest.param([("tenantId", UNKNOWN_TENANT_ID)], id="createWorkflowCategory-400-unknown-tenant"),
]
MALFORMED_REQUESTS = [
    pytest.param("GET", "categories/list", [("tenantId", "not-a-uuid")],
                 id="getWorkflowCategoriesList-400-tenant-id-not-a-uuid"),
    pytest.param("GET", "categories/not-a-ksuid", [], id="getWorkflowCategory-400-id-not-a-ksuid"),
    pytest.param("PUT", "categories/not-a-ksuid", [], id="updateWorkflowCategory-400-id-not-a-ksuid"),
    pytest.param("DELETE", "categories/not-a-ksuid", [], id="deleteWorkflowCategory-400-id-not-a-ksuid"),
]


@pytest.mark.parametrize("make_body", INVALID_BODIES)
def test_invalid_category_is_not_created(send_raw, refuses, category_fields, make_body):
    refuses(400, lambda: send_raw("POST", f"{API}/categories", make_body(category_fields),
                                  [("tenantId", category_fields["tenant_id"])], answer=(WorkflowCategory,)))


@pytest.mark.parametrize("query", INVALID_TENANTS)
def test_category_needs_a_known_tenant(send_raw, refuses, category_fields, query):
    refuses(400, lambda: send_raw("POST", f"{API}/categories", _body(category_fields), query,
                                  answer=(WorkflowCategory,)))


@pytest.mark.parametrize("make_body", INVALID_UPDATES)
def test_invalid_category_update_is_refused(msx_api, send_raw, refuses, category, category_fields, make_body):
    refuses(400, lambda: send_raw("PUT", f"{API}/categories/{category.id}", make_body(category_fields)))
    assert msx_api(WorkflowCategoriesApi).get_workflow_category(category.id).to_dict() == category.to_dict()


@pytest.mark.parametrize("method, path, query", MALFORMED_REQUESTS)
def test_malformed_category_request_is_rejected(send_raw, refuses, category_fields, method, path, query):
    refuses(400, lambda: send_raw(method, f"{API}/{path}", _body(category_fields) if method == "PUT" else None, query))


def test_deleteWorkflowCategory_400_while_a_workflow_is_in_it(msx_api, workflows, category, unique_name, refuses):
    """The contract documents no 409 and is silent on a category in use; the emulator answers 400."""
    workflows.create(name=unique_name, definition=health_check(categories=[category.id]))
    refuses(400, lambda: msx_api(WorkflowCategoriesApi).delete_workflow_category(category.id))


@pytest.mark.parametrize("token", TOKENS)
@pytest.mark.parametrize("call", calls(*OPERATIONS))
def test_category_operations_need_a_valid_token(make_api_client, refuses, unique_name, call, token):
    refuses(401, lambda: call(make_api_client(token), unique_name))


@pytest.mark.parametrize("call", calls("getWorkflowCategory", "deleteWorkflowCategory", status=404,
                                       case="unknown-id"))
def test_unknown_category_is_not_found(msx_api_client, refuses, unique_name, call):
    refuses(404, lambda: call(msx_api_client, unique_name))


def test_updateWorkflowCategory_404_unknown_id(msx_api, refuses, category_fields):
    refuses(404, lambda: msx_api(WorkflowCategoriesApi).update_workflow_category(
        UNKNOWN_ID, WorkflowCategoryUpdate(**_body(category_fields))))
