"""Manage refusals: 400 per breakable constraint, 403 for a CONSUMER outside its tenants and for template
writes, 404 for unknown ids; and deleteTenant's 409 while Manage resources or Catalog assignments name it."""

from __future__ import annotations

import pytest
from python_msx_sdk.api.device_templates_api import DeviceTemplatesApi
from python_msx_sdk.api.devices_api import DevicesApi
from python_msx_sdk.api.offers_api import OffersApi
from python_msx_sdk.api.products_api import ProductsApi
from python_msx_sdk.api.sites_api import SitesApi
from python_msx_sdk.model.device_create import DeviceCreate
from python_msx_sdk.model.offer_create import OfferCreate
from python_msx_sdk.model.product_create import ProductCreate
from python_msx_sdk.model.site_create import SiteCreate
from python_msx_sdk.model.tenant_create import TenantCreate

from msx_emulator.config import OPERATIONS_TENANT_ID, ROOT_TENANT_ID
from msx_emulator.tests.helpers import error_naming, raw_call
from msx_emulator.tests.manage_operations import MANAGE_OPERATIONS, UNKNOWN_ID

SITES, DEVICES = "/manage/api/v8/sites", "/manage/api/v8/devices"
TEMPLATES, SERVICES = "/manage/api/v8/devicetemplates", "/manage/api/v8/services"
SITE = {"name": "s", "tenantId": OPERATIONS_TENANT_ID}
DEVICE = {"name": "d", "model": "m", "type": "t", "onboardType": "manual", "tenantId": OPERATIONS_TENANT_ID}
TEMPLATE = {"name": "t", "serviceType": "st", "configContent": "<c/>", "resourceProvider": "nso"}
FIRST_PAGE = [("page", 0), ("pageSize", 10)]
TEMPLATE_WRITES = ["createDeviceTemplate", "createDeviceTemplateVersion", "scanDeviceTemplateParameters",
                   "deleteDeviceTemplate", "updateDeviceTemplateAccess"]
READS = ["getSitesPage", "getDevicesPage", "getDeviceTemplatesList", "getServicesPage"]
NOT_FOUND = ["getSite", "updateSite", "deleteSite", "addDevicesToSite", "removeDevicesFromSite", "addServicesToSite",
             "removeServicesFromSite", "getDevice", "updateDevice", "patchDevice", "deleteDevice", "getDeviceConfig",
             "updateDeviceConfig", "attachDeviceTemplates", "updateDeviceTemplates", "detachDeviceTemplate",
             "detachDeviceTemplates", "getDeviceTemplateHistory", "batchAttachDeviceTemplates", "getDeviceTemplate",
             "deleteDeviceTemplate", "updateDeviceTemplateAccess", "getService", "deleteService"]


def _without(body: dict, name: str) -> dict:
    return {key: value for key, value in body.items() if key != name}


@pytest.mark.parametrize("path, body, field", [
    pytest.param(SITES, _without(SITE, "name"), "name", id="site-missing-name"),
    pytest.param(SITES, _without(SITE, "tenantId"), "tenantId", id="site-missing-tenant"),
    pytest.param(SITES, SITE | {"name": ""}, "name", id="site-empty-name"),
    pytest.param(SITES, SITE | {"type": "a b"}, "type", id="site-type-pattern"),
    pytest.param(SITES, SITE | {"description": "d" * 257}, "description", id="site-long-description"),
    pytest.param(SITES, SITE | {"tenantId": "x"}, "tenantId", id="site-tenant-not-uuid"),
    pytest.param(SITES, SITE | {"tenantId": UNKNOWN_ID}, "tenantId", id="site-unknown-tenant"),
    pytest.param(SITES, SITE | {"parentId": UNKNOWN_ID}, "parentId", id="site-unknown-parent"),
    pytest.param(SITES, SITE | {"location": {"latitude": 91, "longitude": 0}}, "location.latitude", id="latitude"),
    pytest.param(SITES, SITE | {"contact": {"name": "n"}}, "contact.phone", id="contact-missing-phone"),
    pytest.param(SITES, SITE | {"contact": {"name": "n", "phone": "1", "email": "x"}}, "contact.email",
                 id="contact-email"),
    pytest.param(SITES, SITE | {"attributes": {"a": 1}}, "attributes.a", id="site-attribute-type"),
    pytest.param(DEVICES, _without(DEVICE, "onboardType"), "onboardType", id="device-missing-onboard-type"),
    pytest.param(DEVICES, _without(DEVICE, "name"), "name", id="device-missing-name"),
    pytest.param(DEVICES, DEVICE | {"complianceState": "BAD"}, "complianceState", id="device-compliance"),
    pytest.param(DEVICES, DEVICE | {"managed": "yes"}, "managed", id="device-managed-type"),
    pytest.param(DEVICES, DEVICE | {"serviceInstanceId": "unknown"}, "serviceInstanceId", id="device-service"),
    pytest.param(TEMPLATES, _without(TEMPLATE, "configContent"), "configContent", id="template-no-content"),
    pytest.param(TEMPLATES, TEMPLATE | {"configContent": ""}, "configContent", id="template-empty-content"),
    pytest.param(TEMPLATES, TEMPLATE | {"tags": [""]}, "tags", id="template-empty-tag"),
    pytest.param(TEMPLATES, TEMPLATE | {"tenantAccess": {"tenantIds": ["x"]}}, "tenantAccess.tenantIds[0]",
                 id="template-access-not-uuid"),
    pytest.param(TEMPLATES, TEMPLATE | {"templateParameterValidators": [{"type": "Bogus"}]},
                 "templateParameterValidators[0].type", id="template-validator-type"),
    pytest.param(f"{TEMPLATES}/versions", {"name": "t"}, "configContent", id="version-no-content"),
])
def test_creates_reject_invalid_fields(emu_superuser_client, path, body, field):
    error_naming(lambda: raw_call(emu_superuser_client, "POST", path, body=body), 400, field)


@pytest.mark.parametrize("method, path, query, body, field", [
    pytest.param("GET", SITES, [("page", -1), ("pageSize", 1)], None, "page", id="sites-page"),
    pytest.param("GET", SITES, FIRST_PAGE + [("tenantId", "x")], None, "tenantId", id="sites-tenant"),
    pytest.param("GET", f"{SITES}/x", [], None, "id", id="site-id"),
    pytest.param("POST", f"{SITES}/{UNKNOWN_ID}/devices/add", [], [], "body", id="site-add-none"),
    pytest.param("GET", DEVICES, [("page", 0), ("pageSize", 1001)], None, "pageSize", id="devices-page-size"),
    pytest.param("GET", DEVICES, FIRST_PAGE + [("sortBy", "color")], None, "sortBy", id="devices-sort-by"),
    pytest.param("GET", DEVICES, FIRST_PAGE + [("sortOrder", "up")], None, "sortOrder", id="devices-sort-order"),
    pytest.param("GET", f"{DEVICES}/d/templates", [("templateId", "x")], None, "templateId", id="history-template"),
    pytest.param("POST", f"{DEVICES}/d/config/update", [], {"correlationId": "c", "format": "cli"}, "configContent",
                 id="config-no-content"),
    pytest.param("POST", f"{DEVICES}/d/config/update", [], {"correlationId": "c", "format": "long",
                                                             "configContent": "x"}, "format", id="config-format"),
    pytest.param("GET", f"{TEMPLATES}/list", [("tenantId", "x")], None, "tenantId", id="templates-tenant"),
    pytest.param("GET", f"{TEMPLATES}/x", [], None, "id", id="template-id"),
    pytest.param("PUT", f"{TEMPLATES}/{UNKNOWN_ID}/access", [], {"global": "yes"}, "global", id="access-type"),
    pytest.param("GET", SERVICES, FIRST_PAGE + [("tenantIds", "x")], None, "tenantIds", id="services-tenants"),
    pytest.param("POST", SERVICES, [("productId", "x"), ("offerId", UNKNOWN_ID)], {}, "productId", id="order-product"),
    pytest.param("POST", SERVICES, [("productId", UNKNOWN_ID)], {}, "offerId", id="order-no-offer"),
    pytest.param("PUT", SERVICES, [("productId", UNKNOWN_ID), ("offerId", UNKNOWN_ID)], {"transactionUUID": "x"},
                 "transactionUUID", id="order-transaction"),
    pytest.param("PUT", f"{SERVICES}/s", [], {"status": []}, "status", id="service-status-type"),
])
def test_malformed_requests_are_bad_requests(emu_superuser_client, method, path, query, body, field):
    error_naming(lambda: raw_call(emu_superuser_client, method, path, query=query, body=body), 400, field)


def test_multipart_is_the_only_scan_body(emu_superuser_client):
    error_naming(lambda: raw_call(emu_superuser_client, "POST", f"{TEMPLATES}/parameters/scan", body={"file": "x"}),
                 400, "multipart")


@pytest.mark.parametrize("operation", NOT_FOUND)
def test_unknown_ids_are_not_found(emu_superuser_client, operation):
    error_naming(lambda: MANAGE_OPERATIONS[operation](emu_superuser_client), 404, "no ")


@pytest.mark.parametrize("operation", ["redeployDevice", "updateService", "submitOrder", "updateOrder"])
def test_unknown_ids_are_bad_requests_where_no_404_is_documented(emu_superuser_client, operation):
    error_naming(lambda: MANAGE_OPERATIONS[operation](emu_superuser_client), 400, "no ")


@pytest.mark.parametrize("operation", TEMPLATE_WRITES)
def test_consumer_may_not_write_templates(emu_operator_client, operation):
    error_naming(lambda: MANAGE_OPERATIONS[operation](emu_operator_client), 403, "MANAGE_TEMPLATES")


@pytest.mark.parametrize("operation", READS)
def test_consumer_reads_manage(emu_operator_client, operation):
    MANAGE_OPERATIONS[operation](emu_operator_client)


def test_consumer_writes_only_in_its_tenants(emu_superuser_client, emu_operator_client):
    """CONSUMER holds MANAGE_SITES and MANAGE_DEVICES (as the contract's example role), not other tenants."""
    root_site = SitesApi(emu_superuser_client).create_site(SiteCreate(name="Root", tenant_id=ROOT_TENANT_ID))
    error_naming(lambda: SitesApi(emu_operator_client).delete_site(root_site.id), 403, ROOT_TENANT_ID)
    error_naming(lambda: DevicesApi(emu_operator_client).create_device(DeviceCreate(
        tenant_id=ROOT_TENANT_ID, name="d", model="m", type="t", onboard_type="manual")), 403, ROOT_TENANT_ID)
    own = SitesApi(emu_operator_client).create_site(SiteCreate(name="Own", tenant_id=OPERATIONS_TENANT_ID))
    SitesApi(emu_operator_client).delete_site(own.id)


def test_delete_tenant_is_refused_while_anything_names_it(emu_superuser_client, emu_tenants):
    """deleteTenant's documented 409: Manage resources of the tenant and Catalog assignments naming it."""
    def tenant_blocked_by(make, remove, what):
        tenant = emu_tenants.create_tenant(TenantCreate(name=f"Tenant of {what}"))
        made = make(tenant.id)
        error_naming(lambda: emu_tenants.delete_tenant(tenant.id), 409, what)
        remove(made)
        emu_tenants.delete_tenant(tenant.id)

    sites, devices = SitesApi(emu_superuser_client), DevicesApi(emu_superuser_client)
    products, offers = ProductsApi(emu_superuser_client), OffersApi(emu_superuser_client)
    templates = DeviceTemplatesApi(emu_superuser_client)
    product = products.create_product(ProductCreate(name="p", label="P", version=1, description="d", image="i"))
    offer = offers.create_offer(OfferCreate(name="o", label="O", version=1, description="d", product_id=product.id))
    template = MANAGE_OPERATIONS["createDeviceTemplate"](emu_superuser_client)
    tenant_blocked_by(lambda t: sites.create_site(SiteCreate(name="s", tenant_id=t)).id, sites.delete_site, "site")
    tenant_blocked_by(lambda t: devices.create_device(DeviceCreate(
        tenant_id=t, name="d", model="m", type="t", onboard_type="manual")).id, devices.delete_device, "device")
    tenant_blocked_by(lambda t: products.update_product_assignments(product.id, [t]),
                      lambda _: products.update_product_assignments(product.id, []), "product assignment")
    tenant_blocked_by(lambda t: offers.update_offer_assignments(offer.id, [t]),
                      lambda _: offers.update_offer_assignments(offer.id, []), "offer assignment")
    tenant_blocked_by(lambda t: templates.update_device_template_access(template.id, {"tenant_ids": [t]}),
                      lambda _: templates.update_device_template_access(template.id, {"_global": True}),
                      "device template grant")
