"""Template assignments: what MSX must refuse, and with which status (ids: <operationId>-<status>-<case>)."""

import pytest
from python_msx_sdk.api.template_assignments_api import TemplateAssignmentsApi
from python_msx_sdk.model.template_assignment_status_patch import TemplateAssignmentStatusPatch
from python_msx_sdk.model.template_status import TemplateStatus

pytestmark = pytest.mark.negative

TEMPLATES = "/template/api/v8/templates"
ASSIGNMENTS = f"{TEMPLATES}/assignments"
UNKNOWN_ID = "5f0c3e52-0000-4000-8000-000000000404"
FIRST_PAGE = [("page", 0), ("pageSize", 10)]
TOKENS = [pytest.param(None, id="401-no-token"), pytest.param("not-a-valid-token", id="401-bad-token")]


def patch() -> TemplateAssignmentStatusPatch:
    return TemplateAssignmentStatusPatch(status=TemplateStatus("SUCCESS"))


# Bodies of a batch (un)assignment that break the contract: 1 to 100 (assign) uuids.
INVALID_BATCHES = [pytest.param(operation, body, query, id=f"{operation}-400-{case}")
                   for operation in ("batchAssignTemplate", "batchUnassignTemplate")
                   for body, query, case in [
                       ([], [], "empty-list"),
                       (["not-a-uuid"], [], "tenant-id-not-a-uuid"),
                       ([42], [], "tenant-id-not-a-string"),
                       ({"tenantIds": [UNKNOWN_ID]}, [], "body-not-an-array"),
                   ]] + [
    pytest.param("batchAssignTemplate", [UNKNOWN_ID] * 101, [], id="batchAssignTemplate-400-101-tenants"),
    pytest.param("batchAssignTemplate", [UNKNOWN_ID], [("inheritable", "maybe")],
                 id="batchAssignTemplate-400-inheritable-not-a-boolean"),
]
PATH_OF = {"batchAssignTemplate": "assignments/add", "batchUnassignTemplate": "assignments/remove"}
INVALID_PATCHES = [pytest.param(body, id=f"updateAssignmentStatus-400-{case}") for body, case in [
    ({}, "missing-status"),
    ({"status": "DONE"}, "status-outside-its-enum"),
    ({"status": "SUCCESS", "statusDetails": "d" * 257}, "status-details-257-chars"),
    ({"status": None}, "null-status"),
]]
MALFORMED_REQUESTS = [
    pytest.param("GET", ASSIGNMENTS, [("page", -1), ("pageSize", 10)], None,
                 id="getTemplateAssignmentsPage-400-negative-page"),
    pytest.param("GET", ASSIGNMENTS, [("page", 0), ("pageSize", 1001)], None,
                 id="getTemplateAssignmentsPage-400-page-size-1001"),
    pytest.param("GET", ASSIGNMENTS, FIRST_PAGE + [("templateId", "not-a-uuid")], None,
                 id="getTemplateAssignmentsPage-400-template-id-not-a-uuid"),
    pytest.param("GET", ASSIGNMENTS, FIRST_PAGE + [("tenantId", "not-a-uuid")], None,
                 id="getTemplateAssignmentsPage-400-tenant-id-not-a-uuid"),
    pytest.param("GET", ASSIGNMENTS, FIRST_PAGE + [("calculateTotalItems", "maybe")], None,
                 id="getTemplateAssignmentsPage-400-calculate-total-items-not-a-boolean"),
    pytest.param("GET", f"{ASSIGNMENTS}/not-a-uuid", [], None, id="getAssignment-400-id-not-a-uuid"),
    pytest.param("PATCH", f"{ASSIGNMENTS}/not-a-uuid", [], {"status": "SUCCESS"},
                 id="updateAssignmentStatus-400-id-not-a-uuid"),
    pytest.param("GET", f"{ASSIGNMENTS}/not-a-uuid/history", [], None, id="getAssignmentHistory-400-id-not-a-uuid"),
    pytest.param("POST", f"{TEMPLATES}/not-a-uuid/assignments/add", [], [UNKNOWN_ID],
                 id="batchAssignTemplate-400-id-not-a-uuid"),
    pytest.param("POST", f"{TEMPLATES}/not-a-uuid/assignments/remove", [], [UNKNOWN_ID],
                 id="batchUnassignTemplate-400-id-not-a-uuid"),
]
# Every assignment operation, aimed at nothing that exists.
OPERATIONS = [
    pytest.param(lambda api: api.batch_assign_template(UNKNOWN_ID, [UNKNOWN_ID]), id="batchAssignTemplate"),
    pytest.param(lambda api: api.batch_unassign_template(UNKNOWN_ID, [UNKNOWN_ID]), id="batchUnassignTemplate"),
    pytest.param(lambda api: api.get_template_assignments_page(page=0, page_size=10), id="getTemplateAssignmentsPage"),
    pytest.param(lambda api: api.get_assignment(UNKNOWN_ID), id="getAssignment"),
    pytest.param(lambda api: api.update_assignment_status(UNKNOWN_ID, patch()), id="updateAssignmentStatus"),
    pytest.param(lambda api: api.get_assignment_history(UNKNOWN_ID), id="getAssignmentHistory"),
]
UNKNOWN = [pytest.param(*case.values, id=f"{case.id}-404-unknown-id") for case in OPERATIONS if
           case.id != "getTemplateAssignmentsPage"] + [
    pytest.param(lambda api: api.get_template_assignments_page(page=0, page_size=10, template_id=UNKNOWN_ID),
                 id="getTemplateAssignmentsPage-404-unknown-template-id"),
    pytest.param(lambda api: api.get_template_assignments_page(page=0, page_size=10, tenant_id=UNKNOWN_ID),
                 id="getTemplateAssignmentsPage-404-unknown-tenant-id"),
]


@pytest.mark.parametrize("operation, body, query", INVALID_BATCHES)
def test_invalid_batch_is_refused(msx_api, send_raw, refuses, template, operation, body, query):
    refuses(400, lambda: send_raw("POST", f"{TEMPLATES}/{template.id}/{PATH_OF[operation]}", body, query))
    page = msx_api(TemplateAssignmentsApi).get_template_assignments_page(page=0, page_size=10, template_id=template.id)
    assert page.contents == [], "a refused batch assigns nothing"


@pytest.mark.parametrize("body", INVALID_PATCHES)
def test_invalid_assignment_patch_is_refused(msx_api, template_assignments, send_raw, refuses, template, tenant, body):
    assignment = template_assignments.create(template_id=template.id, tenant_id=tenant.id).resource
    before = msx_api(TemplateAssignmentsApi).get_assignment(assignment.id).to_dict()
    refuses(400, lambda: send_raw("PATCH", f"{ASSIGNMENTS}/{assignment.id}", body))
    assert msx_api(TemplateAssignmentsApi).get_assignment(assignment.id).to_dict() == before, \
        "a refused change changes nothing"


@pytest.mark.parametrize("method, path, query, body", MALFORMED_REQUESTS)
def test_malformed_assignment_request_is_rejected(send_raw, refuses, method, path, query, body):
    refuses(400, lambda: send_raw(method, path, body, query))


@pytest.mark.parametrize("token", TOKENS)
@pytest.mark.parametrize("call", OPERATIONS)
def test_assignment_operations_need_a_valid_token(make_api_client, refuses, call, token):
    refuses(401, lambda: call(TemplateAssignmentsApi(make_api_client(token))))


@pytest.mark.parametrize("write", [
    pytest.param(lambda api, template, tenant, assignment: api.batch_assign_template(template.id, [tenant.id]),
                 id="batchAssignTemplate-403-limited-user"),
    pytest.param(lambda api, template, tenant, assignment: api.batch_unassign_template(template.id, [tenant.id]),
                 id="batchUnassignTemplate-403-limited-user"),
    pytest.param(lambda api, template, tenant, assignment: api.update_assignment_status(assignment.id, patch()),
                 id="updateAssignmentStatus-403-limited-user"),
])
def test_limited_user_may_not_change_assignments(msx_api, template_assignments, limited_api_client, template, tenant,
                                                 refuses, write):
    assignment = template_assignments.create(template_id=template.id, tenant_id=tenant.id).resource
    before = msx_api(TemplateAssignmentsApi).get_assignment(assignment.id).to_dict()
    refuses(403, lambda: write(TemplateAssignmentsApi(limited_api_client), template, tenant, assignment))
    assert msx_api(TemplateAssignmentsApi).get_assignment(assignment.id).to_dict() == before, \
        "a refused write changes nothing"


@pytest.mark.parametrize("call", UNKNOWN)
def test_unknown_assignment_is_not_found(msx_api, refuses, call):
    refuses(404, lambda: call(msx_api(TemplateAssignmentsApi)))
