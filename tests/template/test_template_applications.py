"""Template applications: a template of the suite's own applied in a tenant of its own, read, changed, deleted.

On a real MSX an application configures its target, outside what the suite made: side effects.
"""

import pytest
from python_msx_sdk.api.template_applications_api import TemplateApplicationsApi
from python_msx_sdk.exceptions import NotFoundException
from python_msx_sdk.model.template_application_status_patch import TemplateApplicationStatusPatch
from python_msx_sdk.model.template_status import TemplateStatus

from msxsuite.paging import all_items
from tests.template.conftest import status_of

pytestmark = pytest.mark.side_effect

CASES = [
    pytest.param({}, id="required-fields-only"),
    pytest.param({"parameters": {"hostname": "msx-checklist-edge", "vlan": "42"}}, id="with-parameters"),
]


@pytest.mark.lifecycle
@pytest.mark.parametrize("more", CASES)
def test_applyTemplate_getTemplateApplication_getTemplateApplicationsPage_updateApplicationStatus_getTemplateApplicationHistory_deleteTemplateApplication(  # noqa: E501
        msx_api, template_applications, template, tenant, unique_name, more):
    """The lifecycle of an application: applied, read, found by paging, its status changed, its history, deleted."""
    applications_api = msx_api(TemplateApplicationsApi)
    applied = template_applications.create(template_id=template.id, tenant_id=tenant.id, target_id=unique_name,
                                           target_type="device", **more)
    assert applied.status == 202, "applyTemplate is asynchronous: 202"
    application = applied.resource
    assert (application.template_id, application.template_name, application.tenant_id, application.target_id) == (
        template.id, template.name, tenant.id, unique_name)
    assert application.to_dict().get("parameters") == more.get("parameters")

    assert applications_api.get_template_application(application.id).to_dict() == application.to_dict()
    paged = [a.id for a in all_items(applications_api.get_template_applications_page, tenant_id=tenant.id,
                                     template_id=template.id)]
    assert paged == [application.id], "the tenant's one application of the template"

    patch = TemplateApplicationStatusPatch(status=TemplateStatus("FAILED"), status_details="checked by the MSX suite")
    updated, status, _ = applications_api.update_application_status(application.id, patch,
                                                                    _return_http_data_only=False)
    assert status == 200
    assert (status_of(updated), updated.status_details) == ("FAILED", "checked by the MSX suite")
    history = applications_api.get_template_application_history(application.id)
    assert "FAILED" in [status_of(entry) for entry in history], f"the change is in the history: {history}"

    assert template_applications.delete(application.id) == 204
    with pytest.raises(NotFoundException):
        applications_api.get_template_application(application.id)


def test_getTemplateApplicationsPage_filters_and_sorts(msx_api, template_applications, template, tenant, unique_name):
    applications_api = msx_api(TemplateApplicationsApi)
    for target, target_type in (("b", "device"), ("a", "device"), ("c", "site")):
        template_applications.create(template_id=template.id, tenant_id=tenant.id, target_id=f"{unique_name}-{target}",
                                     target_type=target_type)

    def targets(**options):
        page = applications_api.get_template_applications_page(tenant.id, 0, 100, template_id=template.id, **options)
        return [a.target_id.removeprefix(f"{unique_name}-") for a in page.contents]

    assert targets() == ["b", "a", "c"], "by default oldest first (sortBy createdOn, asc)"
    assert targets(sort_by="targetId", sort_order="desc") == ["c", "b", "a"]
    assert targets(target_type="site") == ["c"]
    assert targets(target_id=f"{unique_name}-a") == ["a"]
