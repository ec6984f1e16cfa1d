"""Template assignments: a template of the suite's own assigned to tenants of its own, read, changed, unassigned."""

import pytest
from python_msx_sdk.api.template_assignments_api import TemplateAssignmentsApi
from python_msx_sdk.exceptions import NotFoundException
from python_msx_sdk.model.template_assignment_status_patch import TemplateAssignmentStatusPatch
from python_msx_sdk.model.template_status import TemplateStatus

from msxsuite.paging import all_items
from tests.template.conftest import status_of

ASSIGNED = ("NEW", "OK")


@pytest.mark.lifecycle
@pytest.mark.parametrize("inheritable", [pytest.param(False, id="not-inheritable"),
                                         pytest.param(True, id="inheritable")])
def test_batchAssignTemplate_getAssignment_updateAssignmentStatus_getAssignmentHistory_batchUnassignTemplate(
        msx_api, template_assignments, template, tenant, inheritable):
    """The lifecycle of an assignment: assigned, read, its status changed, its history, unassigned, gone."""
    assignments_api = msx_api(TemplateAssignmentsApi)
    created = template_assignments.create(template_id=template.id, tenant_id=tenant.id, inheritable=inheritable)
    assert created.status == 202, "batchAssignTemplate is asynchronous: 202"
    assignment = created.resource
    assert assignment.response_status in ASSIGNED, f"the tenant is assigned: {assignment}"
    assert (assignment.template_id, assignment.template_name, assignment.assigned_tenant_id) == (
        template.id, template.name, tenant.id)
    assert assignment.inheritable == inheritable

    fetched = assignments_api.get_assignment(assignment.id)
    assert (fetched.id, fetched.template_id, fetched.assigned_tenant_id) == (assignment.id, template.id, tenant.id)

    patch = TemplateAssignmentStatusPatch(status=TemplateStatus("SUCCESS"), status_details="checked by the MSX suite")
    updated, status, _ = assignments_api.update_assignment_status(assignment.id, patch, _return_http_data_only=False)
    assert status == 200
    assert (updated.id, status_of(updated), updated.status_details) == (
        assignment.id, "SUCCESS", "checked by the MSX suite")
    assert status_of(assignments_api.get_assignment(assignment.id)) == "SUCCESS", "get returns the change"
    history = assignments_api.get_assignment_history(assignment.id)
    assert "SUCCESS" in [status_of(entry) for entry in history], f"the change is in the history: {history}"

    assert template_assignments.delete(assignment.id) == 202, "batchUnassignTemplate is asynchronous: 202"
    with pytest.raises(NotFoundException):
        assignments_api.get_assignment(assignment.id)


def test_batchAssignTemplate_batchUnassignTemplate_report_each_tenant(msx_api, template_assignments, template,
                                                                     tenants, unique_name):
    """One answer per tenant, whether assigned now or already; unassigning answers per tenant too."""
    assignments_api = msx_api(TemplateAssignmentsApi)
    first = tenants.create(name=f"{unique_name}-1").resource
    second = tenants.create(name=f"{unique_name}-2").resource
    existing = template_assignments.create(template_id=template.id, tenant_id=first.id).resource

    answers = assignments_api.batch_assign_template(template.id, [first.id, second.id])
    by_tenant = {answer.assigned_tenant_id: answer for answer in answers}
    assert set(by_tenant) == {first.id, second.id}, f"one answer per tenant: {answers}"
    assert by_tenant[first.id].id == existing.id, "an existing assignment is kept"
    assert by_tenant[second.id].response_status in ASSIGNED

    removed = assignments_api.batch_unassign_template(template.id, [first.id, second.id])
    assert {answer.assigned_tenant_id for answer in removed} == {first.id, second.id}
    assert all(answer.response_status == "UNASSIGNED" for answer in removed), f"both unassigned: {removed}"
    for assignment in (existing, by_tenant[second.id]):
        with pytest.raises(NotFoundException):
            assignments_api.get_assignment(assignment.id)


def test_getTemplateAssignmentsPage_by_template_and_by_tenant(msx_api, template_assignments, template, tenant):
    assignments_api = msx_api(TemplateAssignmentsApi)
    assignment = template_assignments.create(template_id=template.id, tenant_id=tenant.id).resource
    by_template = list(all_items(assignments_api.get_template_assignments_page, template_id=template.id))
    assert [a.id for a in by_template] == [assignment.id], "the template's one assignment"
    by_tenant = list(all_items(assignments_api.get_template_assignments_page, tenant_id=tenant.id))
    assert assignment.id in [a.id for a in by_tenant], "found among the tenant's assignments"


def test_getTemplateAssignmentsPage_a_child_tenant_inherits(msx_api, template_assignments, template, tenant, tenants,
                                                           unique_name):
    """An inheritable assignment to a tenant is seen from its child tenant; a plain one is not."""
    assignments_api = msx_api(TemplateAssignmentsApi)
    child = tenants.create(name=f"{unique_name}-child", parent_id=tenant.id).resource
    inherited = template_assignments.create(template_id=template.id, tenant_id=tenant.id, inheritable=True).resource
    seen = [a.id for a in all_items(assignments_api.get_template_assignments_page, tenant_id=child.id)]
    assert inherited.id in seen, "the child tenant sees its parent's inheritable assignment"
