"""One call per bearer-authenticated operation the emulator serves, keyed by operationId, through the SDK."""

from __future__ import annotations

from datetime import datetime, timezone

from python_msx_sdk.api.health_api import HealthApi
from python_msx_sdk.api.offers_api import OffersApi
from python_msx_sdk.api.products_api import ProductsApi
from python_msx_sdk.api.roles_api import RolesApi
from python_msx_sdk.api.tenants_api import TenantsApi
from python_msx_sdk.api.users_api import UsersApi
from python_msx_sdk.model.offer_create import OfferCreate
from python_msx_sdk.model.offer_update import OfferUpdate
from python_msx_sdk.model.product_create import ProductCreate
from python_msx_sdk.model.product_update import ProductUpdate
from python_msx_sdk.model.tenant_create import TenantCreate
from python_msx_sdk.model.tenant_update import TenantUpdate
from python_msx_sdk.model.update_password import UpdatePassword
from python_msx_sdk.model.user_create import UserCreate
from python_msx_sdk.model.user_update import UserUpdate
from python_msx_sdk.api.incident_change_requests_api import IncidentChangeRequestsApi
from python_msx_sdk.api.incident_configurations_api import IncidentConfigurationsApi
from python_msx_sdk.api.incidents_api import IncidentsApi
from python_msx_sdk.api.template_applications_api import TemplateApplicationsApi
from python_msx_sdk.api.template_assignments_api import TemplateAssignmentsApi
from python_msx_sdk.api.templates_api import TemplatesApi
from python_msx_sdk.model.change_request_create import ChangeRequestCreate
from python_msx_sdk.model.change_request_update import ChangeRequestUpdate
from python_msx_sdk.model.incident_cancel import IncidentCancel
from python_msx_sdk.model.incident_config_patch import IncidentConfigPatch
from python_msx_sdk.model.incident_config_update import IncidentConfigUpdate
from python_msx_sdk.model.incident_create import IncidentCreate
from python_msx_sdk.model.incident_update import IncidentUpdate
from python_msx_sdk.model.service_now_configuration_create import ServiceNowConfigurationCreate
from python_msx_sdk.model.template_application_create import TemplateApplicationCreate
from python_msx_sdk.model.template_application_status_patch import TemplateApplicationStatusPatch
from python_msx_sdk.model.template_assignment_status_patch import TemplateAssignmentStatusPatch
from python_msx_sdk.model.template_create import TemplateCreate
from python_msx_sdk.model.template_patch import TemplatePatch
from python_msx_sdk.model.template_status import TemplateStatus
from python_msx_sdk.api.auditing_generic_events_api import AuditingGenericEventsApi
from python_msx_sdk.api.billing_cycles_api import BillingCyclesApi
from python_msx_sdk.api.billing_events_api import BillingEventsApi
from python_msx_sdk.api.billing_prices_api import BillingPricesApi
from python_msx_sdk.api.licensing_accounts_api import LicensingAccountsApi
from python_msx_sdk.api.licensing_configurations_api import LicensingConfigurationsApi
from python_msx_sdk.api.licensing_licenses_api import LicensingLicensesApi
from python_msx_sdk.api.registration_api import RegistrationApi
from python_msx_sdk.api.validation_api import ValidationApi
from python_msx_sdk.api.vulnerabilities_api import VulnerabilitiesApi
from python_msx_sdk.model.billing_cycle_create import BillingCycleCreate
from python_msx_sdk.model.billing_cycle_process import BillingCycleProcess
from python_msx_sdk.model.billing_cycle_update import BillingCycleUpdate
from python_msx_sdk.model.billing_price_create import BillingPriceCreate
from python_msx_sdk.model.billing_price_update import BillingPriceUpdate
from python_msx_sdk.model.generic_event_create import GenericEventCreate
from python_msx_sdk.model.smart_account_configuration_create import SmartAccountConfigurationCreate
from python_msx_sdk.model.smart_account_configuration_update import SmartAccountConfigurationUpdate
from python_msx_sdk.model.vulnerability_feed import VulnerabilityFeed
from python_msx_sdk.model.vulnerability_registration_create import VulnerabilityRegistrationCreate

from msx_emulator.config import CONSUMER_ROLE_ID, OPERATIONS_TENANT_ID
from msx_emulator.tests.manage_operations import MANAGE_OPERATIONS
from msx_emulator.tests.workflow_operations import WORKFLOW_OPERATIONS
from msx_emulator.config import ROOT_TENANT_ID

USER_ID = "0b6f0c2e-7d1a-4f5e-9a43-5a1e2f3c4d02"
# Nothing is seeded in the catalog: the calls naming one answer 404 (or 400 for an unknown product).
PRODUCT_ID = OFFER_ID = "00000000-0000-4000-8000-000000000000"
PRODUCT = dict(name="p", label="P", version=1, description="d", image="i.svg")
OFFER = dict(name="o", label="O", version=1, description="d", product_id=PRODUCT_ID)
OPERATIONS = {
    **MANAGE_OPERATIONS,
    **WORKFLOW_OPERATIONS,
    "getRolesList": lambda c: RolesApi(c).get_roles_list([CONSUMER_ROLE_ID]),
    "getRoleByName": lambda c: RolesApi(c).get_role_by_name("CONSUMER"),
    "getTenantsPage": lambda c: TenantsApi(c).get_tenants_page(0, 10),
    "createTenant": lambda c: TenantsApi(c).create_tenant(TenantCreate(name="t")),
    "getTenantsList": lambda c: TenantsApi(c).get_tenants_list([OPERATIONS_TENANT_ID]),
    "getTenant": lambda c: TenantsApi(c).get_tenant(OPERATIONS_TENANT_ID),
    "updateTenant": lambda c: TenantsApi(c).update_tenant(OPERATIONS_TENANT_ID, TenantUpdate(name="t")),
    "deleteTenant": lambda c: TenantsApi(c).delete_tenant(OPERATIONS_TENANT_ID),
    "getTenantByExternalId": lambda c: TenantsApi(c).get_tenant_by_external_id("emulator-root"),
    "getUsersPage": lambda c: UsersApi(c).get_users_page(0, 10),
    "createUser": lambda c: UsersApi(c).create_user(UserCreate(username="u", email="u@example.com", last_name="U")),
    "getUser": lambda c: UsersApi(c).get_user(USER_ID),
    "updateUser": lambda c: UsersApi(c).update_user(USER_ID, UserUpdate(email="u@example.com", last_name="U")),
    "deleteUser": lambda c: UsersApi(c).delete_user(USER_ID),
    "getCurrentUser": lambda c: UsersApi(c).get_current_user(),
    "updateUserPassword": lambda c: UsersApi(c).update_user_password(UpdatePassword(username="operator",
                                                                                    new_password="x")),
    "getServicesHealthList": lambda c: HealthApi(c).get_services_health_list(["idm"]),
    "getDevicesHealthList": lambda c: HealthApi(c).get_devices_health_list(["edge-router-1"]),
    "getProductsPage": lambda c: ProductsApi(c).get_products_page(0, 10),
    "createProduct": lambda c: ProductsApi(c).create_product(ProductCreate(**PRODUCT)),
    "getProductsCount": lambda c: ProductsApi(c).get_products_count(),
    "getProduct": lambda c: ProductsApi(c).get_product(PRODUCT_ID),
    "updateProduct": lambda c: ProductsApi(c).update_product(PRODUCT_ID, ProductUpdate(**PRODUCT)),
    "deleteProduct": lambda c: ProductsApi(c).delete_product(PRODUCT_ID),
    "updateProductAssignments": lambda c: ProductsApi(c).update_product_assignments(PRODUCT_ID, []),
    "getProductAssignmentsList": lambda c: ProductsApi(c).get_product_assignments_list(PRODUCT_ID),
    "getOffersPage": lambda c: OffersApi(c).get_offers_page(0, 10),
    "createOffer": lambda c: OffersApi(c).create_offer(OfferCreate(**OFFER)),
    "getOffersCount": lambda c: OffersApi(c).get_offers_count(),
    "getOffer": lambda c: OffersApi(c).get_offer(OFFER_ID),
    "updateOffer": lambda c: OffersApi(c).update_offer(OFFER_ID, OfferUpdate(**OFFER)),
    "deleteOffer": lambda c: OffersApi(c).delete_offer(OFFER_ID),
    "updateOfferAssignments": lambda c: OffersApi(c).update_offer_assignments(OFFER_ID, []),
    "getOfferAssignmentsList": lambda c: OffersApi(c).get_offer_assignments_list(OFFER_ID),
}

# Templates and incidents: nothing is seeded but the incident configuration, so the calls naming an id answer 404.
TEMPLATE_ID = ASSIGNMENT_ID = APPLICATION_ID = SERVICENOW_CONFIGURATION_ID = "00000000-0000-4000-8000-000000000000"
INCIDENT_ID, CHANGE_REQUEST_ID = "INC0000000", "CHG0000000"
SERVICENOW = dict(client_id="c", client_secret="s", domain="d.service-now.invalid", password="p", user_name="u")
OPERATIONS |= {
    "getTemplatesPage": lambda c: TemplatesApi(c).get_templates_page(0, 10),
    "importTemplate": lambda c: TemplatesApi(c).import_template(TemplateCreate(name="t", service_type="s", type="t")),
    "getTemplate": lambda c: TemplatesApi(c).get_template(TEMPLATE_ID),
    "updateTemplateStatus": lambda c: TemplatesApi(c).update_template_status(
        TEMPLATE_ID, TemplatePatch(status=TemplateStatus("SUCCESS"))),
    "getTemplateHistory": lambda c: TemplatesApi(c).get_template_history(TEMPLATE_ID),
    "deleteTemplate": lambda c: TemplatesApi(c).delete_template(TEMPLATE_ID),
    "batchAssignTemplate": lambda c: TemplateAssignmentsApi(c).batch_assign_template(TEMPLATE_ID,
                                                                                     [OPERATIONS_TENANT_ID]),
    "batchUnassignTemplate": lambda c: TemplateAssignmentsApi(c).batch_unassign_template(TEMPLATE_ID,
                                                                                         [OPERATIONS_TENANT_ID]),
    "getTemplateAssignmentsPage": lambda c: TemplateAssignmentsApi(c).get_template_assignments_page(0, 10),
    "getAssignment": lambda c: TemplateAssignmentsApi(c).get_assignment(ASSIGNMENT_ID),
    "updateAssignmentStatus": lambda c: TemplateAssignmentsApi(c).update_assignment_status(
        ASSIGNMENT_ID, TemplateAssignmentStatusPatch(status=TemplateStatus("SUCCESS"))),
    "getAssignmentHistory": lambda c: TemplateAssignmentsApi(c).get_assignment_history(ASSIGNMENT_ID),
    "applyTemplate": lambda c: TemplateApplicationsApi(c).apply_template(TEMPLATE_ID, TemplateApplicationCreate(
        tenant_id=OPERATIONS_TENANT_ID, target_id="edge-router-1", target_type="device")),
    "getTemplateApplicationsPage": lambda c: TemplateApplicationsApi(c).get_template_applications_page(
        OPERATIONS_TENANT_ID, 0, 10),
    "getTemplateApplication": lambda c: TemplateApplicationsApi(c).get_template_application(APPLICATION_ID),
    "updateApplicationStatus": lambda c: TemplateApplicationsApi(c).update_application_status(
        APPLICATION_ID, TemplateApplicationStatusPatch(status=TemplateStatus("SUCCESS"))),
    "getTemplateApplicationHistory": lambda c: TemplateApplicationsApi(c).get_template_application_history(
        APPLICATION_ID),
    "deleteTemplateApplication": lambda c: TemplateApplicationsApi(c).delete_template_application(APPLICATION_ID),
    "getConfiguration": lambda c: IncidentConfigurationsApi(c).get_configuration(),
    "updateConfiguration": lambda c: IncidentConfigurationsApi(c).update_configuration(
        IncidentConfigUpdate(**SERVICENOW)),
    "patchConfiguration": lambda c: IncidentConfigurationsApi(c).patch_configuration(
        IncidentConfigPatch(critical_event=True)),
    "getIncidents": lambda c: IncidentsApi(c).get_incidents(0, 10),
    "createIncident": lambda c: IncidentsApi(c).create_incident(IncidentCreate(description="d")),
    "getIncident": lambda c: IncidentsApi(c).get_incident(INCIDENT_ID),
    "updateIncident": lambda c: IncidentsApi(c).update_incident(INCIDENT_ID, IncidentUpdate(description="d")),
    "cancelIncident": lambda c: IncidentsApi(c).cancel_incident(INCIDENT_ID,
                                                                IncidentCancel(tenant=OPERATIONS_TENANT_ID)),
    "deleteIncident": lambda c: IncidentsApi(c).delete_incident(INCIDENT_ID),
    "getServiceNowConfigurationsPage": lambda c: IncidentConfigurationsApi(c).get_service_now_configurations_page(
        0, 10),
    "createServiceNowConfiguration": lambda c: IncidentConfigurationsApi(c).create_service_now_configuration(
        ServiceNowConfigurationCreate(**SERVICENOW)),
    "getServiceNowConfiguration": lambda c: IncidentConfigurationsApi(c).get_service_now_configuration(
        SERVICENOW_CONFIGURATION_ID),
    "deleteServiceNowConfiguration": lambda c: IncidentConfigurationsApi(c).delete_service_now_configuration(
        SERVICENOW_CONFIGURATION_ID),
    "getChangeRequestsPage": lambda c: IncidentChangeRequestsApi(c).get_change_requests_page(0, 10),
    "createChangeRequest": lambda c: IncidentChangeRequestsApi(c).create_change_request(
        ChangeRequestCreate(name="c")),
    "getChangeRequest": lambda c: IncidentChangeRequestsApi(c).get_change_request(CHANGE_REQUEST_ID),
    "updateChangeRequest": lambda c: IncidentChangeRequestsApi(c).update_change_request(
        CHANGE_REQUEST_ID, ChangeRequestUpdate(name="c")),
    "deleteChangeRequest": lambda c: IncidentChangeRequestsApi(c).delete_change_request(CHANGE_REQUEST_ID),
}

# Billing, licensing, vulnerability and auditing: the calls naming an id name nothing (404), the billing cycles an
# unknown event (400); there is no Smart Account configuration (404) until createSmartAccountConfiguration, and
# nothing to validate (400).
BILLING_ID = REGISTRATION_ID = "00000000-0000-4000-8000-000000000000"
PRICE = dict(name="p", type="device", price=1.0, tenant_id=ROOT_TENANT_ID)
CYCLE = dict(event_id=BILLING_ID, tenant_id=ROOT_TENANT_ID, last_billed_on=datetime(2020, 9, 18, tzinfo=timezone.utc),
             next_billed_on=datetime(2020, 10, 18, tzinfo=timezone.utc))
OPERATIONS |= {
    "getEventsPage": lambda c: BillingEventsApi(c).get_events_page(ROOT_TENANT_ID, 0, 10),
    "getEvent": lambda c: BillingEventsApi(c).get_event(BILLING_ID),
    "getCostSummary": lambda c: BillingEventsApi(c).get_cost_summary(ROOT_TENANT_ID),
    "getPricesPage": lambda c: BillingPricesApi(c).get_prices_page(ROOT_TENANT_ID, 0, 10),
    "addPrice": lambda c: BillingPricesApi(c).add_price(BillingPriceCreate(**PRICE)),
    "getPrice": lambda c: BillingPricesApi(c).get_price(BILLING_ID),
    "updatePrice": lambda c: BillingPricesApi(c).update_price(BILLING_ID, BillingPriceUpdate(**PRICE)),
    "deletePrice": lambda c: BillingPricesApi(c).delete_price(BILLING_ID),
    "getBillingCyclesPage": lambda c: BillingCyclesApi(c).get_billing_cycles_page(ROOT_TENANT_ID, 0, 10),
    "addBillingCycle": lambda c: BillingCyclesApi(c).add_billing_cycle(BillingCycleCreate(**CYCLE)),
    "getBillingCycle": lambda c: BillingCyclesApi(c).get_billing_cycle(BILLING_ID),
    "updateBillingCycle": lambda c: BillingCyclesApi(c).update_billing_cycle(BILLING_ID, BillingCycleUpdate(**CYCLE)),
    "deleteBillingCycle": lambda c: BillingCyclesApi(c).delete_billing_cycle(BILLING_ID),
    "processBillingCycle": lambda c: BillingCyclesApi(c).process_billing_cycle(
        BillingCycleProcess(next_billed_on=CYCLE["next_billed_on"])),
    "getSmartAccountConfiguration": lambda c: LicensingConfigurationsApi(c).get_smart_account_configuration(),
    "updateSmartAccountConfiguration": lambda c: LicensingConfigurationsApi(c).update_smart_account_configuration(
        SmartAccountConfigurationUpdate(client_id="c")),
    "createSmartAccountConfiguration": lambda c: LicensingConfigurationsApi(c).create_smart_account_configuration(
        SmartAccountConfigurationCreate(client_id="c")),
    "getUserAccountsList": lambda c: LicensingAccountsApi(c).get_user_accounts_list("cco-user"),
    "getLicensesList": lambda c: LicensingLicensesApi(c).get_licenses_list("345466", "236791"),
    "getIngestVulnerabilitiesTasksPage": lambda c: VulnerabilitiesApi(c).get_ingest_vulnerabilities_tasks_page(0, 10),
    "ingestVulnerabilities": lambda c: VulnerabilitiesApi(c).ingest_vulnerabilities(VulnerabilityFeed(name="f")),
    "getVulnerabilitiesPage": lambda c: VulnerabilitiesApi(c).get_vulnerabilities_page(0, 10),
    "getRegisteredProductVersionPage": lambda c: RegistrationApi(c).get_registered_product_version_page(0, 10),
    "validateProductVersion": lambda c: ValidationApi(c).validate_product_version(),
    "registerProductVersion": lambda c: RegistrationApi(c).register_product_version(
        VulnerabilityRegistrationCreate(product="ios_xe", version="16.9.1")),
    "deleteRegisteredProductVersion": lambda c: RegistrationApi(c).delete_registered_product_version(REGISTRATION_ID),
    "getValidateProductVersionPage": lambda c: ValidationApi(c).get_validate_product_version_page(0, 10),
    "createGenericEvent": lambda c: AuditingGenericEventsApi(c).create_generic_event(
        GenericEventCreate(service="s", description="d")),
}
