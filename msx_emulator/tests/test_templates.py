"""The template service: templates, their tenant assignments and their applications, with their histories."""

from __future__ import annotations

import pytest
from python_msx_sdk.api.template_applications_api import TemplateApplicationsApi
from python_msx_sdk.api.template_assignments_api import TemplateAssignmentsApi
from python_msx_sdk.api.templates_api import TemplatesApi
from python_msx_sdk.model.template_application_create import TemplateApplicationCreate
from python_msx_sdk.model.template_application_status_patch import TemplateApplicationStatusPatch
from python_msx_sdk.model.template_assignment_status_patch import TemplateAssignmentStatusPatch
from python_msx_sdk.model.template_create import TemplateCreate
from python_msx_sdk.model.template_patch import TemplatePatch
from python_msx_sdk.model.template_status import TemplateStatus
from python_msx_sdk.model.tenant_create import TenantCreate

from msx_emulator.config import OPERATIONS_TENANT_ID, ROOT_TENANT_ID
from msx_emulator.tests.helpers import error_naming

UNKNOWN_TENANT = "00000000-0000-4000-8000-000000000000"
SUPERUSER_ID = "0b6f0c2e-7d1a-4f5e-9a43-5a1e2f3c4d01"


@pytest.fixture
def emu_templates(emu_superuser_client):
    """TemplatesApi as superuser."""
    return TemplatesApi(emu_superuser_client)


@pytest.fixture
def emu_assignments(emu_superuser_client):
    """TemplateAssignmentsApi as superuser."""
    return TemplateAssignmentsApi(emu_superuser_client)


@pytest.fixture
def emu_applications(emu_superuser_client):
    """TemplateApplicationsApi as superuser."""
    return TemplateApplicationsApi(emu_superuser_client)


@pytest.fixture
def emu_template(emu_templates):
    """A template with its required fields only."""
    return emu_templates.import_template(TemplateCreate(name="Branch config", service_type="vbranch", type="config"))


def status_of(model) -> str:
    """A template, assignment or application's status.

    python-msx-sdk cannot read `.status` of these composed models: the allOf parts that do not declare
    it keep the raw string, the one that does a TemplateStatus, and the SDK refuses values that differ.
    """
    return model.to_dict()["status"]


def test_import_template_answers_202_with_a_new_template(emu, emu_templates):
    template, status, _ = emu_templates.import_template(
        TemplateCreate(name="Branch config", service_type="vbranch", type="config", subtype=None, external_id="ext-1",
                       description="d", configuration="hostname {{name}}", attributes={"a": "b"},
                       tags=["EFT", "v-1_0"], notes=None),
        _return_http_data_only=False)
    assert status == 202
    assert (status_of(template), template.status_details, template.created_by) == ("NEW", None, SUPERUSER_ID)
    assert template.created_on == template.modified_on and template.tags == ["EFT", "v-1_0"]
    assert emu_templates.get_template(template.id).to_dict() == template.to_dict()
    assert emu.stats()["left"] == {"templates": ["Branch config"]}


def test_update_template_status_changes_what_it_carries_and_the_history_grows(emu_templates, emu_template):
    updated = emu_templates.update_template_status(emu_template.id, TemplatePatch(
        status=TemplateStatus("SUCCESS"), status_details="imported", description="Now described"))
    assert (status_of(updated), updated.status_details, updated.description, updated.name) == (
        "SUCCESS", "imported", "Now described", "Branch config")
    assert updated.modified_on > emu_template.modified_on
    history = emu_templates.get_template_history(emu_template.id)
    assert [status_of(entry) for entry in history] == ["NEW", "SUCCESS"], "oldest first"
    assert history[-1].to_dict() == emu_templates.get_template(emu_template.id).to_dict()


def test_templates_page_filters_by_external_id_service_and_tags(emu_templates):
    emu_templates.import_template(TemplateCreate(name="a", service_type="vbranch", type="t", external_id="x",
                                                 tags=["EFT", "beta"]))
    emu_templates.import_template(TemplateCreate(name="b", service_type="sdwan", type="t", tags=["EFT"]))
    names = lambda **filters: [t.name for t in emu_templates.get_templates_page(0, 10, **filters).contents]
    assert names() == ["a", "b"]
    assert names(external_id="x") == ["a"]
    assert names(service="sdwan") == ["b"]
    assert names(tags=["EFT"]) == ["a", "b"] and names(tags=["EFT", "beta"]) == ["a"]
    page = emu_templates.get_templates_page(0, 1, calculate_total_items=False)
    assert (page.total_items, page.has_next, len(page.contents)) == (None, True, 1)
    assert emu_templates.get_templates_page(1, 1).total_items == 2


def test_delete_template_answers_204_and_it_is_gone(emu, emu_templates, emu_template):
    _, status, _ = emu_templates.delete_template(emu_template.id, _return_http_data_only=False)
    assert status == 204
    error_naming(lambda: emu_templates.get_template(emu_template.id), 404, emu_template.id)
    error_naming(lambda: emu_templates.get_template_history(emu_template.id), 404, emu_template.id)
    assert emu.stats()["left"] == {}


def test_batch_assign_reports_each_tenant(emu_assignments, emu_template):
    answers, status, _ = emu_assignments.batch_assign_template(
        emu_template.id, [OPERATIONS_TENANT_ID, UNKNOWN_TENANT, OPERATIONS_TENANT_ID], inheritable=True,
        _return_http_data_only=False)
    assert status == 202
    assert [(a.assigned_tenant_id, a.response_status) for a in answers] == [
        (OPERATIONS_TENANT_ID, "NEW"), (UNKNOWN_TENANT, "ERROR")], "each tenant once, unknown ones refused"
    new = answers[0]
    assert (new.template_id, new.template_name, new.tenant_id, new.inheritable, status_of(new)) == (
        emu_template.id, "Branch config", ROOT_TENANT_ID, True, "NEW")
    again = emu_assignments.batch_assign_template(emu_template.id, [OPERATIONS_TENANT_ID], inheritable=True)
    changed = emu_assignments.batch_assign_template(emu_template.id, [OPERATIONS_TENANT_ID])
    assert [(again[0].id, again[0].response_status), (changed[0].id, changed[0].response_status)] == [
        (new.id, "OK"), (new.id, "CONFLICT")], "an existing assignment is kept as it is"


def test_assignment_status_history_and_unassignment(emu, emu_assignments, emu_template):
    [assignment] = emu_assignments.batch_assign_template(emu_template.id, [OPERATIONS_TENANT_ID])
    assert emu_assignments.get_assignment(assignment.id).to_dict() == {
        key: value for key, value in assignment.to_dict().items() if key != "response_status"}
    updated = emu_assignments.update_assignment_status(assignment.id, TemplateAssignmentStatusPatch(
        status=TemplateStatus("SUCCESS"), status_details="applied"))
    assert (status_of(updated), updated.status_details) == ("SUCCESS", "applied")
    assert [status_of(a) for a in emu_assignments.get_assignment_history(assignment.id)] == ["NEW", "SUCCESS"]
    removed, status, _ = emu_assignments.batch_unassign_template(
        emu_template.id, [OPERATIONS_TENANT_ID, ROOT_TENANT_ID], _return_http_data_only=False)
    assert status == 202
    assert [(a.assigned_tenant_id, a.response_status) for a in removed] == [
        (OPERATIONS_TENANT_ID, "UNASSIGNED"), (ROOT_TENANT_ID, "ERROR")]
    error_naming(lambda: emu_assignments.get_assignment(assignment.id), 404, assignment.id)
    assert emu.stats()["left"] == {"templates": ["Branch config"]}


def test_assignments_page_by_template_and_tenant_with_inheritance(emu_tenants, emu_templates, emu_assignments,
                                                                  emu_template):
    child = emu_tenants.create_tenant(TenantCreate(name="Branch", parent_id=OPERATIONS_TENANT_ID))
    other = emu_templates.import_template(TemplateCreate(name="Other", service_type="s", type="t"))
    emu_assignments.batch_assign_template(emu_template.id, [OPERATIONS_TENANT_ID], inheritable=True)
    emu_assignments.batch_assign_template(other.id, [OPERATIONS_TENANT_ID])
    names = lambda **filters: [a.template_name for a in
                               emu_assignments.get_template_assignments_page(0, 10, **filters).contents]
    assert names() == ["Branch config", "Other"]
    assert names(template_id=other.id) == ["Other"]
    assert names(tenant_id=OPERATIONS_TENANT_ID) == ["Branch config", "Other"]
    assert names(tenant_id=child.id) == ["Branch config"], "a child tenant inherits inheritable assignments"
    assert names(tenant_id=ROOT_TENANT_ID) == []
    error_naming(lambda: emu_assignments.get_template_assignments_page(0, 10, template_id=UNKNOWN_TENANT), 404,
                 UNKNOWN_TENANT)
    error_naming(lambda: emu_assignments.get_template_assignments_page(0, 10, tenant_id=UNKNOWN_TENANT), 404,
                 UNKNOWN_TENANT)


def test_assigned_tenant_and_template_cannot_be_deleted(emu_tenants, emu_templates, emu_assignments, emu_template):
    tenant = emu_tenants.create_tenant(TenantCreate(name="Assigned"))
    emu_assignments.batch_assign_template(emu_template.id, [tenant.id])
    error_naming(lambda: emu_templates.delete_template(emu_template.id), 400, "assignment")
    error_naming(lambda: emu_tenants.delete_tenant(tenant.id), 409, "template assignment")
    emu_assignments.batch_unassign_template(emu_template.id, [tenant.id])
    emu_tenants.delete_tenant(tenant.id)
    emu_templates.delete_template(emu_template.id)


def test_renaming_a_template_renames_it_in_assignments_and_applications(emu_templates, emu_assignments,
                                                                        emu_applications, emu_template):
    [assignment] = emu_assignments.batch_assign_template(emu_template.id, [OPERATIONS_TENANT_ID])
    application = emu_applications.apply_template(emu_template.id, TemplateApplicationCreate(
        tenant_id=OPERATIONS_TENANT_ID, target_id="edge-router-1", target_type="device"))
    emu_templates.update_template_status(emu_template.id, TemplatePatch(name="Renamed"))
    assert emu_assignments.get_assignment(assignment.id).template_name == "Renamed"
    assert emu_applications.get_template_application(application.id).template_name == "Renamed"


def test_apply_template_status_history_and_delete(emu, emu_templates, emu_applications, emu_template):
    application, status, _ = emu_applications.apply_template(emu_template.id, TemplateApplicationCreate(
        tenant_id=OPERATIONS_TENANT_ID, target_id="edge-router-1", target_type="device",
        parameters={"hostname": "edge-1"}), _return_http_data_only=False)
    assert status == 202
    assert (application.template_id, application.template_name, status_of(application), application.parameters) == (
        emu_template.id, "Branch config", "NEW", {"hostname": "edge-1"})
    assert emu_applications.get_template_application(application.id).to_dict() == application.to_dict()
    updated = emu_applications.update_application_status(application.id, TemplateApplicationStatusPatch(
        status=TemplateStatus("FAILED"), status_details="device unreachable"))
    assert (status_of(updated), updated.status_details) == ("FAILED", "device unreachable")
    history = emu_applications.get_template_application_history(application.id)
    assert [status_of(a) for a in history] == ["NEW", "FAILED"]
    error_naming(lambda: emu_templates.delete_template(emu_template.id), 400, "application")
    _, status, _ = emu_applications.delete_template_application(application.id, _return_http_data_only=False)
    assert status == 204
    error_naming(lambda: emu_applications.get_template_application(application.id), 404, application.id)
    emu_templates.delete_template(emu_template.id)
    assert emu.stats()["left"] == {}


def test_applications_page_filters_and_sorts(emu_applications, emu_template):
    for target in ("b-device", "a-device"):
        emu_applications.apply_template(emu_template.id, TemplateApplicationCreate(
            tenant_id=OPERATIONS_TENANT_ID, target_id=target, target_type="device"))
    emu_applications.apply_template(emu_template.id, TemplateApplicationCreate(
        tenant_id=ROOT_TENANT_ID, target_id="c-site", target_type="site"))
    targets = lambda tenant, **more: [a.target_id for a in
                                      emu_applications.get_template_applications_page(tenant, 0, 10, **more).contents]
    page = emu_applications.get_template_applications_page(OPERATIONS_TENANT_ID, 0, 10)
    assert ([a.target_id for a in page.contents], page.sort_by, page.sort_order) == (
        ["b-device", "a-device"], "createdOn", "asc"), "the contract's default order"
    assert targets(OPERATIONS_TENANT_ID, sort_by="targetId") == ["a-device", "b-device"]
    assert targets(OPERATIONS_TENANT_ID, sort_order="desc") == ["a-device", "b-device"]
    assert targets(ROOT_TENANT_ID, target_type="site", template_id=emu_template.id) == ["c-site"]
    assert targets(ROOT_TENANT_ID, target_id="a-device") == []
    assert targets(UNKNOWN_TENANT) == [], "an unknown tenant has no applications (no 404 documented)"


def test_application_names_an_existing_tenant(emu_applications, emu_template):
    error_naming(lambda: emu_applications.apply_template(emu_template.id, TemplateApplicationCreate(
        tenant_id=UNKNOWN_TENANT, target_id="d", target_type="device")), 400, "tenantId")
