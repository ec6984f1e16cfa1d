"""Sites (Manage): what MSX must refuse, and with which status (ids: <operationId>-<status>-<case>)."""

import pytest
from python_msx_sdk.api.sites_api import SitesApi
from python_msx_sdk.api.tenants_api import TenantsApi
from python_msx_sdk.model.site import Site
from python_msx_sdk.model.site_create import SiteCreate
from python_msx_sdk.model.site_update import SiteUpdate

from tests.manage.conftest import required_device_fields

pytestmark = pytest.mark.negative

SITES = "/manage/api/v8/sites"
UNKNOWN_ID = "5f0c3e52-0000-4000-8000-000000000404"
FIRST_PAGE = [("page", 0), ("pageSize", 10)]
TOKENS = [pytest.param(None, id="401-no-token"), pytest.param("not-a-valid-token", id="401-bad-token")]


def valid_site(name, tenant_id) -> dict:
    """A createSite body MSX accepts (raw JSON names)."""
    return {"name": name, "tenantId": tenant_id}


def without(field):
    return lambda name, tenant: {k: v for k, v in valid_site(name, tenant).items() if k != field}


def with_(**fields):
    return lambda name, tenant: valid_site(name, tenant) | fields


# Each body breaks one constraint of the contract's SiteUpdate (SiteCreate adds tenantId, deviceIds, serviceIds).
BROKEN_BODIES = [
    pytest.param(without("name"), id="missing-name"),
    pytest.param(with_(name=""), id="empty-name"),
    pytest.param(lambda name, tenant: valid_site(name.ljust(129, "x"), tenant), id="name-129-chars"),
    pytest.param(lambda name, tenant: valid_site(name, tenant) | {"name": 42, "description": name},
                 id="name-not-a-string"),
    pytest.param(with_(type="branch office"), id="type-breaks-its-pattern"),
    pytest.param(with_(type="t" * 129), id="type-129-chars"),
    pytest.param(with_(description="d" * 257), id="description-257-chars"),
    pytest.param(with_(image="i" * 40001), id="image-40001-chars"),
    pytest.param(with_(managingControlPlaneId="c" * 129), id="managing-control-plane-id-129-chars"),
    pytest.param(with_(parentId="not-a-uuid"), id="parent-id-not-a-uuid"),
    # The contract is silent on a parent that does not exist; the emulator answers 400.
    pytest.param(with_(parentId=UNKNOWN_ID), id="unknown-parent-id"),
    pytest.param(with_(location={"latitude": 90.5, "longitude": 0}), id="latitude-over-90"),
    pytest.param(with_(location={"latitude": 0, "longitude": -180.5}), id="longitude-under-minus-180"),
    pytest.param(with_(location={"latitude": 10}), id="location-missing-longitude"),
    pytest.param(with_(contact={"name": "Operations"}), id="contact-missing-phone"),
    pytest.param(with_(contact={"name": "Operations", "phone": "1", "email": "not-an-email"}),
                 id="contact-email-not-an-email"),
    pytest.param(with_(address={"formattedAddress": "a" * 257}), id="formatted-address-257-chars"),
    pytest.param(with_(attributes={"tier": 1}), id="attribute-not-a-string"),
]
INVALID_BODIES = [pytest.param(*case.values, id=f"createSite-400-{case.id}") for case in BROKEN_BODIES] + [
    pytest.param(without("tenantId"), id="createSite-400-missing-tenant-id"),
    pytest.param(with_(tenantId="not-a-uuid"), id="createSite-400-tenant-id-not-a-uuid"),
    # The contract is silent on a tenant or device that does not exist; the emulator answers 400.
    pytest.param(with_(tenantId=UNKNOWN_ID), id="createSite-400-unknown-tenant-id"),
    pytest.param(with_(deviceIds=["unknown-device"]), id="createSite-400-unknown-device-id"),
    pytest.param(with_(serviceIds="unknown-service"), id="createSite-400-service-ids-not-an-array"),
    pytest.param(lambda name, tenant: [valid_site(name, tenant)], id="createSite-400-body-not-an-object"),
]
INVALID_UPDATES = [pytest.param(*case.values, id=f"updateSite-400-{case.id}") for case in BROKEN_BODIES] + [
    pytest.param(with_(type=None), id="updateSite-400-type-null"),
]
# Bodies of the four membership operations that break the contract's array of at least one string.
INVALID_MEMBERS = [
    pytest.param(operation, suffix, body, id=f"{operation}-400-{case}")
    for operation, suffix in (("addDevicesToSite", "devices/add"), ("removeDevicesFromSite", "devices/remove"),
                              ("addServicesToSite", "services/add"), ("removeServicesFromSite", "services/remove"))
    for case, body in (("empty-array", []), ("body-not-an-array", {"ids": []}), ("id-not-a-string", [42]))
] + [
    pytest.param("addDevicesToSite", "devices/add", ["unknown-device"], id="addDevicesToSite-400-unknown-device"),
    pytest.param("addServicesToSite", "services/add", ["unknown-service"], id="addServicesToSite-400-unknown-service"),
]
MALFORMED_REQUESTS = [
    pytest.param("GET", SITES, [("page", -1), ("pageSize", 10)], None, id="getSitesPage-400-negative-page"),
    pytest.param("GET", SITES, [("page", 0), ("pageSize", 0)], None, id="getSitesPage-400-page-size-0"),
    pytest.param("GET", SITES, [("page", 0), ("pageSize", 1001)], None, id="getSitesPage-400-page-size-1001"),
    pytest.param("GET", SITES, [("pageSize", 10)], None, id="getSitesPage-400-no-page"),
    pytest.param("GET", SITES, FIRST_PAGE + [("tenantId", "not-a-uuid")], None,
                 id="getSitesPage-400-tenant-id-not-a-uuid"),
    pytest.param("GET", SITES, FIRST_PAGE + [("includeSubtenants", "maybe")], None,
                 id="getSitesPage-400-include-subtenants-not-a-boolean"),
    pytest.param("GET", SITES, FIRST_PAGE + [("showImage", "maybe")], None,
                 id="getSitesPage-400-show-image-not-a-boolean"),
    pytest.param("GET", f"{SITES}/not-a-uuid", [], None, id="getSite-400-id-not-a-uuid"),
    pytest.param("GET", f"{SITES}/{UNKNOWN_ID}", [("showImage", "maybe")], None,
                 id="getSite-400-show-image-not-a-boolean"),
    pytest.param("PUT", f"{SITES}/not-a-uuid", [], {"name": "msxt-nobody"}, id="updateSite-400-id-not-a-uuid"),
    pytest.param("PUT", f"{SITES}/{UNKNOWN_ID}", [("sendNotification", "maybe")], {"name": "msxt-nobody"},
                 id="updateSite-400-send-notification-not-a-boolean"),
    pytest.param("DELETE", f"{SITES}/not-a-uuid", [], None, id="deleteSite-400-id-not-a-uuid"),
    pytest.param("POST", f"{SITES}/not-a-uuid/devices/add", [], ["d"], id="addDevicesToSite-400-id-not-a-uuid"),
    pytest.param("POST", f"{SITES}/not-a-uuid/devices/remove", [], ["d"],
                 id="removeDevicesFromSite-400-id-not-a-uuid"),
    pytest.param("POST", f"{SITES}/not-a-uuid/services/add", [], ["s"], id="addServicesToSite-400-id-not-a-uuid"),
]

# Every site operation, aimed at nothing that exists, with a valid body.
OPERATIONS = [
    pytest.param(lambda api, name, tenant: api.get_sites_page(page=0, page_size=10), id="getSitesPage"),
    pytest.param(lambda api, name, tenant: api.create_site(SiteCreate(name=name, tenant_id=tenant)), id="createSite"),
    pytest.param(lambda api, name, tenant: api.get_site(UNKNOWN_ID), id="getSite"),
    pytest.param(lambda api, name, tenant: api.update_site(UNKNOWN_ID, SiteUpdate(name=name)), id="updateSite"),
    pytest.param(lambda api, name, tenant: api.delete_site(UNKNOWN_ID), id="deleteSite"),
    pytest.param(lambda api, name, tenant: api.add_devices_to_site(UNKNOWN_ID, ["d"]), id="addDevicesToSite"),
    pytest.param(lambda api, name, tenant: api.remove_devices_from_site(UNKNOWN_ID, ["d"]),
                 id="removeDevicesFromSite"),
    pytest.param(lambda api, name, tenant: api.add_services_to_site(UNKNOWN_ID, ["s"]), id="addServicesToSite"),
    pytest.param(lambda api, name, tenant: api.remove_services_from_site(UNKNOWN_ID, ["s"]),
                 id="removeServicesFromSite"),
]
UNKNOWN = [param for param in OPERATIONS[2:]]
# The limited user's writes, aimed at the suite's site in a tenant of the test's own: the contract's CONSUMER
# holds MANAGE_SITES, but not access to that tenant.
LIMITED_WRITES = [
    pytest.param(lambda api, user, site: api.create_site(SiteCreate(name=f"{user.username}-forbidden",
                                                                    tenant_id=site.tenant_id)),
                 id="createSite-403-limited-user"),
    pytest.param(lambda api, user, site: api.update_site(site.id, SiteUpdate(name=f"{user.username}-renamed")),
                 id="updateSite-403-limited-user"),
    pytest.param(lambda api, user, site: api.delete_site(site.id), id="deleteSite-403-limited-user"),
    pytest.param(lambda api, user, site: api.add_devices_to_site(site.id, ["d"]),
                 id="addDevicesToSite-403-limited-user"),
    pytest.param(lambda api, user, site: api.remove_devices_from_site(site.id, ["d"]),
                 id="removeDevicesFromSite-403-limited-user"),
    pytest.param(lambda api, user, site: api.add_services_to_site(site.id, ["s"]),
                 id="addServicesToSite-403-limited-user"),
    pytest.param(lambda api, user, site: api.remove_services_from_site(site.id, ["s"]),
                 id="removeServicesFromSite-403-limited-user"),
]


@pytest.mark.parametrize("make_body", INVALID_BODIES)
def test_invalid_site_is_not_created(send_raw, refuses, manage_tenant, unique_name, make_body):
    refuses(400, lambda: send_raw("POST", SITES, make_body(unique_name, manage_tenant.id), answer=(Site,)))


@pytest.mark.parametrize("make_body", INVALID_UPDATES)
def test_invalid_site_update_is_refused(msx_api, send_raw, refuses, site, unique_name, make_body):
    refuses(400, lambda: send_raw("PUT", f"{SITES}/{site.id}", make_body(f"{unique_name}-renamed", site.tenant_id)))
    assert msx_api(SitesApi).get_site(site.id, show_image=True).to_dict() == site.to_dict(), \
        "a refused update changes nothing"


def test_updateSite_400_for_a_site_of_its_own_as_parent(send_raw, refuses, site):
    refuses(400, lambda: send_raw("PUT", f"{SITES}/{site.id}", {"name": site.name, "parentId": site.id}))


@pytest.mark.parametrize("operation, suffix, body", INVALID_MEMBERS)
def test_invalid_site_members_are_refused(msx_api, send_raw, refuses, site, operation, suffix, body):
    refuses(400, lambda: send_raw("POST", f"{SITES}/{site.id}/{suffix}", body))
    got = msx_api(SitesApi).get_site(site.id)
    assert (got.devices, got.service_ids) == ([], []), "a refused change adds nothing"


def test_addDevicesToSite_400_for_a_device_of_another_tenant(msx_api, refuses, site, devices, tenants, unique_name):
    """The contract is silent; the emulator keeps a site's devices in its tenant."""
    other = tenants.create(name=f"{unique_name}-other").resource
    stranger = devices.create(**required_device_fields(unique_name, other.id)).resource
    refuses(400, lambda: msx_api(SitesApi).add_devices_to_site(site.id, [stranger.id]))


@pytest.mark.parametrize("method, path, query, body", MALFORMED_REQUESTS)
def test_malformed_site_request_is_rejected(send_raw, refuses, method, path, query, body):
    refuses(400, lambda: send_raw(method, path, body, query))


@pytest.mark.parametrize("token", TOKENS)
@pytest.mark.parametrize("call", OPERATIONS)
def test_site_operations_need_a_valid_token(make_api_client, refuses, manage_tenant, unique_name, call, token):
    refuses(401, lambda: call(SitesApi(make_api_client(token)), unique_name, manage_tenant.id))


@pytest.mark.parametrize("write", LIMITED_WRITES)
def test_limited_user_may_not_change_the_suites_sites(msx_api, limited_api_client, limited_user, site, refuses,
                                                      write):
    refuses(403, lambda: write(SitesApi(limited_api_client), limited_user, site))
    assert msx_api(SitesApi).get_site(site.id, show_image=True).to_dict() == site.to_dict(), \
        "a refused write changes nothing"


@pytest.mark.parametrize("call", [pytest.param(*p.values, id=f"{p.id}-404-unknown-id") for p in UNKNOWN])
def test_unknown_site_is_not_found(msx_api, refuses, manage_tenant, unique_name, call):
    refuses(404, lambda: call(msx_api(SitesApi), unique_name, manage_tenant.id))


def test_deleteSite_400_while_it_has_devices_then_204(msx_api, sites, site, device, refuses):
    """The contract documents no 409 for deleteSite; the emulator answers 400 while the site holds devices."""
    sites_api = msx_api(SitesApi)
    sites_api.add_devices_to_site(site.id, [device.id])
    refuses(400, lambda: sites_api.delete_site(site.id))
    sites_api.remove_devices_from_site(site.id, [device.id])
    assert sites.delete(site.id) == 204


def test_deleteTenant_409_while_it_has_a_site_then_204(msx_api, tenants, sites, site, manage_tenant, refuses):
    refuses(409, lambda: msx_api(TenantsApi).delete_tenant(manage_tenant.id))
    assert sites.delete(site.id) == 204
    assert tenants.delete(manage_tenant.id) == 204
