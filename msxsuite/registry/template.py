"""Templates: templates, their assignments to tenants and their applications.

Assignments and applications carry no name of their own: the suite's template's name finds them.
"""

from python_msx_sdk.api.template_applications_api import TemplateApplicationsApi
from python_msx_sdk.api.template_assignments_api import TemplateAssignmentsApi
from python_msx_sdk.api.templates_api import TemplatesApi
from python_msx_sdk.api.tenants_api import TenantsApi
from python_msx_sdk.model.template import Template
from python_msx_sdk.model.template_application import TemplateApplication
from python_msx_sdk.model.template_application_create import TemplateApplicationCreate
from python_msx_sdk.model.template_assignment import TemplateAssignment
from python_msx_sdk.model.template_create import TemplateCreate

from msxsuite.paging import all_items
from msxsuite.registry.kind import ResourceKind, crud


def _assign_template(sdk, fields):
    """One assignment: batch-assign the template to one tenant (`template_id`, `tenant_id`, `inheritable`)."""
    options = {"inheritable": fields["inheritable"]} if "inheritable" in fields else {}
    answers, status, headers = sdk.batch_assign_template(fields["template_id"], [fields["tenant_id"]], **options,
                                                         _return_http_data_only=False)
    return answers[0], status, headers


def _unassign_template(sdk, assignment_id, **kwargs):
    assignment = sdk.get_assignment(assignment_id)
    return sdk.batch_unassign_template(assignment.template_id, [assignment.assigned_tenant_id], **kwargs)


def _apply_template(sdk, fields):
    body = {name: value for name, value in fields.items() if name != "template_id"}
    return sdk.apply_template(fields["template_id"], TemplateApplicationCreate(**body), _return_http_data_only=False)


def _applications_in_every_tenant(sdk):
    # getTemplateApplicationsPage requires a tenantId: ask tenant by tenant.
    for tenant in all_items(TenantsApi(sdk.api_client).get_tenants_page):
        yield from all_items(sdk.get_template_applications_page, tenant_id=tenant.id)


TEMPLATE = crud("template", "template", TemplatesApi, TemplateCreate, Template, "name",
                create="import_template", delete="delete_template", page="get_templates_page")
TEMPLATE_ASSIGNMENT = ResourceKind(
    "template_assignment", "template", TemplateAssignmentsApi, TemplateAssignment, "template_name",
    create=_assign_template, delete=_unassign_template,
    list_all=lambda sdk: all_items(sdk.get_template_assignments_page), blocks=("template", "tenant"))
TEMPLATE_APPLICATION = ResourceKind(
    "template_application", "template", TemplateApplicationsApi, TemplateApplication, "template_name",
    create=_apply_template, delete=lambda sdk, application_id, **kwargs: sdk.delete_template_application(
        application_id, **kwargs),
    list_all=_applications_in_every_tenant, blocks=("template", "tenant"))
KINDS = (TEMPLATE, TEMPLATE_ASSIGNMENT, TEMPLATE_APPLICATION)
