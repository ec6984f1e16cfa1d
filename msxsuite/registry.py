"""Every kind of MSX resource the suite creates, declared once.

The factories, the cleanup tracker, the leak sweeper and its command, the `refuses` fixture,
cassette scrubbing and the end-of-run leak check all read `KINDS`: a new resource is one entry
here plus its tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Callable, Iterable

from python_msx_sdk.api.device_templates_api import DeviceTemplatesApi
from python_msx_sdk.api.devices_api import DevicesApi
from python_msx_sdk.api.services_api import ServicesApi
from python_msx_sdk.api.sites_api import SitesApi
from python_msx_sdk.model.device import Device
from python_msx_sdk.model.device_create import DeviceCreate
from python_msx_sdk.model.device_template import DeviceTemplate
from python_msx_sdk.model.service import Service
from python_msx_sdk.model.site import Site
from python_msx_sdk.model.site_create import SiteCreate
from python_msx_sdk.api.offers_api import OffersApi
from python_msx_sdk.api.products_api import ProductsApi
from python_msx_sdk.api.tenants_api import TenantsApi
from python_msx_sdk.api.users_api import UsersApi
from python_msx_sdk.model.offer import Offer
from python_msx_sdk.model.offer_create import OfferCreate
from python_msx_sdk.model.product import Product
from python_msx_sdk.model.product_create import ProductCreate
from python_msx_sdk.model.tenant import Tenant
from python_msx_sdk.model.tenant_create import TenantCreate
from python_msx_sdk.model.user import User
from python_msx_sdk.model.user_create import UserCreate
from python_msx_sdk.api.incident_change_requests_api import IncidentChangeRequestsApi
from python_msx_sdk.api.incident_configurations_api import IncidentConfigurationsApi
from python_msx_sdk.api.incidents_api import IncidentsApi
from python_msx_sdk.api.template_applications_api import TemplateApplicationsApi
from python_msx_sdk.api.template_assignments_api import TemplateAssignmentsApi
from python_msx_sdk.api.templates_api import TemplatesApi
from python_msx_sdk.model.change_request import ChangeRequest
from python_msx_sdk.model.change_request_create import ChangeRequestCreate
from python_msx_sdk.model.incident import Incident
from python_msx_sdk.model.incident_create import IncidentCreate
from python_msx_sdk.model.service_now_configuration import ServiceNowConfiguration
from python_msx_sdk.model.service_now_configuration_create import ServiceNowConfigurationCreate
from python_msx_sdk.model.template import Template
from python_msx_sdk.model.template_application import TemplateApplication
from python_msx_sdk.model.template_application_create import TemplateApplicationCreate
from python_msx_sdk.model.template_assignment import TemplateAssignment
from python_msx_sdk.model.template_create import TemplateCreate
from python_msx_sdk.api.billing_cycles_api import BillingCyclesApi
from python_msx_sdk.api.billing_prices_api import BillingPricesApi
from python_msx_sdk.api.registration_api import RegistrationApi
from python_msx_sdk.model.billing_cycle import BillingCycle
from python_msx_sdk.model.billing_cycle_create import BillingCycleCreate
from python_msx_sdk.model.billing_price import BillingPrice
from python_msx_sdk.model.billing_price_create import BillingPriceCreate
from python_msx_sdk.model.vulnerability_registration import VulnerabilityRegistration
from python_msx_sdk.model.vulnerability_registration_create import VulnerabilityRegistrationCreate

from python_msx_sdk.api.workflow_categories_api import WorkflowCategoriesApi
from python_msx_sdk.api.workflow_events_api import WorkflowEventsApi
from python_msx_sdk.api.workflow_instances_api import WorkflowInstancesApi
from python_msx_sdk.api.workflow_targets_api import WorkflowTargetsApi
from python_msx_sdk.api.workflows_api import WorkflowsApi
from python_msx_sdk.model.start_workflow_response import StartWorkflowResponse
from python_msx_sdk.model.workflow_category import WorkflowCategory
from python_msx_sdk.model.workflow_category_create import WorkflowCategoryCreate
from python_msx_sdk.model.workflow_event import WorkflowEvent
from python_msx_sdk.model.workflow_event_create import WorkflowEventCreate
from python_msx_sdk.model.workflow_mapping import WorkflowMapping
from python_msx_sdk.model.workflow_target import WorkflowTarget
from python_msx_sdk.model.workflow_target_create import WorkflowTargetCreate

from msxsuite import workflow_resources
from msxsuite import manage_resources
from msxsuite.paging import all_items


@dataclass(frozen=True)
class ResourceKind:
    """How the suite creates, lists and deletes one kind of resource through python-msx-sdk.

    `create(api, fields)` answers the SDK's (resource, status, headers); `delete(api, id, **sdk_kwargs)`
    deletes one; `list_all(api)` yields every object of the kind the API can see. `name_field` is the
    SDK attribute that carries the suite's `msxt-...` name; `secret_fields` are JSON keys whose values
    never reach a cassette or report; `blocks` names the kinds whose objects cannot be deleted while
    this kind's objects remain (a user blocks its tenant), so cleanup and sweeping delete this kind
    first. Adding a kind touches only its own entry.
    """

    label: str
    service: str
    api: type
    model: type
    name_field: str
    create: Callable[..., tuple]
    delete: Callable[..., object]
    list_all: Callable[[object], Iterable]
    secret_fields: tuple[str, ...] = ()
    blocks: tuple[str, ...] = ()

    @property
    def factory(self) -> str:
        """The name of the test fixture that creates this kind: tenant -> `tenants`."""
        return f"{self.label[:-1]}ies" if self.label.endswith("y") else f"{self.label}s"

    def name_of(self, resource) -> str | None:
        return getattr(resource, self.name_field, None)


def crud(label: str, service: str, api: type, create_model: type, model: type, name_field: str, *,
         create: str, delete: str, page: str, **more) -> ResourceKind:
    """A kind with the common shape: create(Model(**fields)), delete(id), a paged list."""
    return ResourceKind(
        label, service, api, model, name_field,
        create=lambda sdk, fields: getattr(sdk, create)(create_model(**fields), _return_http_data_only=False),
        delete=lambda sdk, resource_id, **kwargs: getattr(sdk, delete)(resource_id, **kwargs),
        list_all=lambda sdk: all_items(getattr(sdk, page)),
        **more)


TENANT = crud("tenant", "idm", TenantsApi, TenantCreate, Tenant, "name",
              create="create_tenant", delete="delete_tenant", page="get_tenants_page")
USER = crud("user", "idm", UsersApi, UserCreate, User, "username",
            create="create_user", delete="delete_user", page="get_users_page",
            secret_fields=("password",), blocks=("tenant",))
# A product or offer assigned to a tenant blocks the tenant's deletion.
PRODUCT = crud("product", "consume", ProductsApi, ProductCreate, Product, "name",
               create="create_product", delete="delete_product", page="get_products_page", blocks=("tenant",))
OFFER = crud("offer", "consume", OffersApi, OfferCreate, Offer, "name",
             create="create_offer", delete="delete_offer", page="get_offers_page", blocks=("product", "tenant"))


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


# Assignments and applications carry no name of their own: the suite's template's name finds them.
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
# An incident has no name: the suite's name starts its description.
INCIDENT = crud("incident", "incident", IncidentsApi, IncidentCreate, Incident, "description",
                create="create_incident", delete="delete_incident", page="get_incidents", blocks=("tenant",))
SERVICENOW_CONFIGURATION = crud(
    "servicenow_configuration", "incident", IncidentConfigurationsApi, ServiceNowConfigurationCreate,
    ServiceNowConfiguration, "domain", create="create_service_now_configuration",
    delete="delete_service_now_configuration", page="get_service_now_configurations_page",
    secret_fields=("clientSecret", "password"), blocks=("tenant",))
CHANGE_REQUEST = crud("change_request", "incident", IncidentChangeRequestsApi, ChangeRequestCreate, ChangeRequest,
                      "name", create="create_change_request", delete="delete_change_request",
                      page="get_change_requests_page", blocks=("tenant",))


def _prices_in_every_tenant(sdk):
    # getPricesPage requires a tenantId: ask tenant by tenant.
    for tenant in all_items(TenantsApi(sdk.api_client).get_tenants_page):
        yield from all_items(sdk.get_prices_page, tenant_id=tenant.id)


def _cycles_named_by_tenant(sdk):
    """Every billing cycle, named by its tenant: a cycle has no name, the suite's are those of its tenants."""
    for tenant in all_items(TenantsApi(sdk.api_client).get_tenants_page):
        for cycle in all_items(sdk.get_billing_cycles_page, tenant_id=tenant.id):
            yield SimpleNamespace(id=cycle.id, tenant_name=tenant.name)


PRICE = ResourceKind(
    "price", "billing", BillingPricesApi, BillingPrice, "name",
    create=lambda sdk, fields: sdk.add_price(BillingPriceCreate(**fields), _return_http_data_only=False),
    delete=lambda sdk, price_id, **kwargs: sdk.delete_price(price_id, **kwargs),
    list_all=_prices_in_every_tenant, blocks=("tenant",))
BILLING_CYCLE = ResourceKind(
    "billing_cycle", "billing", BillingCyclesApi, BillingCycle, "tenant_name",
    create=lambda sdk, fields: sdk.add_billing_cycle(BillingCycleCreate(**fields), _return_http_data_only=False),
    delete=lambda sdk, cycle_id, **kwargs: sdk.delete_billing_cycle(cycle_id, **kwargs),
    list_all=_cycles_named_by_tenant, blocks=("tenant",))
# A registration has no name: the suite's name is its product.
REGISTRATION = crud("registration", "vulnerability", RegistrationApi, VulnerabilityRegistrationCreate,
                    VulnerabilityRegistration, "product", create="register_product_version",
                    delete="delete_registered_product_version", page="get_registered_product_version_page")

KINDS: tuple[ResourceKind, ...] = (TENANT, USER, PRODUCT, OFFER,
                                   TEMPLATE, TEMPLATE_ASSIGNMENT, TEMPLATE_APPLICATION,
                                   INCIDENT, SERVICENOW_CONFIGURATION, CHANGE_REQUEST,
                                   PRICE, BILLING_CYCLE, REGISTRATION)
# Workflow service. Its lists are plain arrays of composed models: see msxsuite/workflow_resources.py.
WORKFLOW_TARGET = ResourceKind(
    "workflow_target", "workflow", WorkflowTargetsApi, WorkflowTarget, "name",
    create=lambda sdk, fields: sdk.create_workflow_target(WorkflowTargetCreate(**fields), _return_http_data_only=False),
    delete=lambda sdk, target_id, **kwargs: sdk.delete_workflow_target(target_id, **kwargs),
    list_all=lambda sdk: workflow_resources.listed(sdk.get_workflow_targets_list(), "name"),
    secret_fields=("password",))
# The category's tenant travels as a query parameter: fields carry it as `tenant_id`.
WORKFLOW_CATEGORY = ResourceKind(
    "workflow_category", "workflow", WorkflowCategoriesApi, WorkflowCategory, "name",
    create=lambda sdk, fields: sdk.create_workflow_category(
        fields["tenant_id"], WorkflowCategoryCreate(**{k: v for k, v in fields.items() if k != "tenant_id"}),
        _return_http_data_only=False),
    delete=lambda sdk, category_id, **kwargs: sdk.delete_workflow_category(category_id, **kwargs),
    list_all=lambda sdk: workflow_resources.listed(sdk.get_workflow_categories_list(), "name"))
# An event has no name of its own: its title carries the suite's name.
WORKFLOW_EVENT = ResourceKind(
    "workflow_event", "workflow", WorkflowEventsApi, WorkflowEvent, "title",
    create=lambda sdk, fields: sdk.create_workflow_event(WorkflowEventCreate(**fields), _return_http_data_only=False),
    delete=lambda sdk, event_id, **kwargs: sdk.delete_workflow_event(event_id, **kwargs),
    list_all=lambda sdk: workflow_resources.listed(sdk.get_workflow_events_list(), "title"),
    blocks=("workflow_target",))
WORKFLOW = ResourceKind(
    "workflow", "workflow", WorkflowsApi, WorkflowMapping, "name",
    create=workflow_resources.import_workflow,
    delete=lambda sdk, workflow_id, **kwargs: sdk.delete_workflow(workflow_id, **kwargs),
    list_all=lambda sdk: workflow_resources.listed(sdk.get_workflows_list(), "name"),
    blocks=("workflow_category",))
# An instance carries its workflow's name; a start is never retried (its fields hold no name).
WORKFLOW_INSTANCE = ResourceKind(
    "workflow_instance", "workflow", WorkflowInstancesApi, StartWorkflowResponse, "name",
    create=workflow_resources.start_workflow, delete=workflow_resources.delete_instance,
    list_all=workflow_resources.all_instances, blocks=("workflow",))
KINDS += (WORKFLOW_TARGET, WORKFLOW_CATEGORY, WORKFLOW_EVENT, WORKFLOW, WORKFLOW_INSTANCE)
# Manage: sites, devices and services belong to a tenant; a site cannot go while it holds devices or
# services, a service while devices name it, a device template while it is attached to a device.
SITE = crud("site", "manage", SitesApi, SiteCreate, Site, "name",
            create="create_site", delete="delete_site", page="get_sites_page", blocks=("tenant",))
SERVICE = ResourceKind(
    "service", "manage", ServicesApi, Service, "subscription_id", create=manage_resources.submit_order,
    delete=lambda sdk, service_id, **kwargs: sdk.delete_service(service_id, **kwargs),
    list_all=lambda sdk: all_items(sdk.get_services_page), blocks=("site", "tenant"))
DEVICE_TEMPLATE = ResourceKind(
    "device_template", "manage", DeviceTemplatesApi, DeviceTemplate, "name",
    create=manage_resources.create_device_template,
    delete=lambda sdk, template_id, **kwargs: sdk.delete_device_template(template_id, **kwargs),
    list_all=lambda sdk: sdk.get_device_templates_list(all_versions=True), blocks=("tenant",))
# Devices carry credentials in their attributes (the MSX guide's sample: devicePassword).
DEVICE = crud("device", "manage", DevicesApi, DeviceCreate, Device, "name",
              create="create_device", delete="delete_device", page="get_devices_page",
              secret_fields=("devicePassword",), blocks=("tenant", "site", "service", "device_template"))
KINDS += (SITE, SERVICE, DEVICE_TEMPLATE, DEVICE)
BY_LABEL = {kind.label: kind for kind in KINDS}
BY_MODEL = {kind.model: kind for kind in KINDS}


def deletion_order(kinds: tuple[ResourceKind, ...] = KINDS) -> list[ResourceKind]:
    """The kinds in an order where each comes before every kind it blocks."""
    ordered: list[ResourceKind] = []

    def visit(kind: ResourceKind, path: tuple[str, ...]) -> None:
        if kind in ordered:
            return
        if kind.label in path:
            raise ValueError(f"resource kinds block each other in a cycle: {' -> '.join(path + (kind.label,))}")
        for other in kinds:
            if kind.label in other.blocks:
                visit(other, path + (kind.label,))
        ordered.append(kind)

    for kind in kinds:
        visit(kind, ())
    return ordered


def secret_fields() -> frozenset[str]:
    """Every JSON key that some kind declares secret."""
    return frozenset(field for kind in KINDS for field in kind.secret_fields)
