"""Sites (Manage): the lifecycle of a site of the test's own tenant, for several kinds of site; its devices and
services; the page's filters."""

import pytest
from python_msx_sdk.api.sites_api import SitesApi
from python_msx_sdk.exceptions import NotFoundException
from python_msx_sdk.model.site_address import SiteAddress
from python_msx_sdk.model.site_contact import SiteContact
from python_msx_sdk.model.site_create import SiteCreate
from python_msx_sdk.model.site_location import SiteLocation
from python_msx_sdk.model.site_update import SiteUpdate

from msxsuite.paging import all_items, find_in_pages
from tests.manage.conftest import required_site_fields as required

IMAGE = "data:image/svg+xml;base64,PHN2Zy8+"


def every_field(name, tenant_id, parent_id) -> dict:
    return required(name, tenant_id) | {
        "parent_id": parent_id, "description": "A branch made by the MSX suite", "type": "branch-office",
        "address": SiteAddress(name="HQ", company="MSX suite", formatted_address="1 Main St, Springfield",
                               address1="1 Main St", address2="Floor 2", city="Springfield", state="IL",
                               country="US", post_code="62701"),
        "contact": SiteContact(name="Operations", phone="+1 555 0100", email="ops@example.com"),
        "location": SiteLocation(latitude=39.78, longitude=-89.65), "image": IMAGE,
        "managing_control_plane_id": "control-plane-1", "attributes": {"region": "us-central", "tier": "gold"},
    }


CASES = [
    pytest.param(lambda name, tenant, parent: required(name, tenant), id="required-fields-only"),
    pytest.param(lambda name, tenant, parent: every_field(name, tenant, parent()), id="every-field"),
    pytest.param(lambda name, tenant, parent: required(f"{name} Ünïcødé 名前 ✓", tenant) | {
        "description": "Descripción — описание — 説明", "attributes": {"Région": "Île-de-France"}}, id="unicode"),
    pytest.param(lambda name, tenant, parent: required(name.ljust(128, "x"), tenant) | {
        "description": "d" * 256, "type": "t" * 128, "managing_control_plane_id": "c" * 128}, id="max-lengths"),
    pytest.param(lambda name, tenant, parent: required(name, tenant) | {
        "description": None, "managing_control_plane_id": None, "address": None, "contact": None,
        "location": None}, id="nullable-fields-null"),
    pytest.param(lambda name, tenant, parent: required(name, tenant) | {
        "location": SiteLocation(latitude=-90.0, longitude=180.0)}, id="location-bounds"),
]
SENT_ONLY = ("device_ids", "service_ids")


def assert_fields(site, fields):
    """The site carries every field that was sent (nested models compared as dicts)."""
    sent = SiteCreate(**fields).to_dict()
    got = site.to_dict()
    for field, value in sent.items():
        if field not in SENT_ONLY:
            assert got.get(field) == value, f"{field}: sent {value!r}, got {got.get(field)!r}"


@pytest.mark.lifecycle
@pytest.mark.parametrize("make_fields", CASES)
def test_createSite_getSite_getSitesPage_updateSite_deleteSite(msx_api, sites, manage_tenant, unique_name,
                                                                make_fields):
    """The lifecycle of a site: created in the test's tenant, read, found by paging, updated, deleted, gone."""
    sites_api = msx_api(SitesApi)

    def parent():
        return sites.create(**required(f"{unique_name}-parent", manage_tenant.id)).resource.id

    fields = make_fields(unique_name, manage_tenant.id, parent)
    created = sites.create(**fields)
    assert created.status == 201
    site = created.resource
    assert site.id and site.tenant_id == manage_tenant.id
    assert_fields(site, fields)
    assert (site.devices, site.service_ids) == ([], []), "a new site holds no devices or services"

    fetched = sites_api.get_site(site.id, show_image=True)
    assert fetched.to_dict() == site.to_dict(), "get (showImage) returns what create returned"
    paged = find_in_pages(sites_api.get_sites_page, site.id, tenant_id=manage_tenant.id, show_image=True)
    assert paged is not None, f"site {site.id} not found by paging getSitesPage with tenantId={manage_tenant.id}"
    assert paged.to_dict() == site.to_dict()

    changes = {"name": f"{fields['name'][:120]}-renamed", "description": "Renamed by the MSX suite",
               "type": "hub"}
    updated, status, _ = sites_api.update_site(site.id, SiteUpdate(**changes), _return_http_data_only=False)
    assert status == 200
    assert updated.id == site.id
    assert_fields(updated, fields | changes)
    assert sites_api.get_site(site.id, show_image=True).to_dict() == updated.to_dict(), "get returns the update"

    assert sites.delete(site.id) == 204
    with pytest.raises(NotFoundException):
        sites_api.get_site(site.id)


def test_addDevicesToSite_removeDevicesFromSite_and_getSitesPage_by_deviceId(msx_api, site, device):
    sites_api = msx_api(SitesApi)
    joined = sites_api.add_devices_to_site(site.id, [device.id])
    assert [d.device_id for d in joined.devices] == [device.id]
    assert sites_api.get_site(site.id).devices == joined.devices
    assert [s.id for s in all_items(sites_api.get_sites_page, device_id=device.id)] == [site.id], \
        "getSitesPage with deviceId finds the device's site"

    left = sites_api.remove_devices_from_site(site.id, [device.id])
    assert left.devices == []
    assert list(all_items(sites_api.get_sites_page, device_id=device.id)) == []


@pytest.mark.side_effect
def test_addServicesToSite_removeServicesFromSite_and_getSitesPage_by_serviceId(msx_api, site, service):
    """Side effect: the service is an order, which provisions on a real MSX."""
    sites_api = msx_api(SitesApi)
    joined = sites_api.add_services_to_site(site.id, [service.id])
    assert joined.service_ids == [service.id]
    assert [s.id for s in all_items(sites_api.get_sites_page, service_id=service.id)] == [site.id], \
        "getSitesPage with serviceId finds the service's site"

    left = sites_api.remove_services_from_site(site.id, [service.id])
    assert left.service_ids == []
    assert list(all_items(sites_api.get_sites_page, service_id=service.id)) == []


def test_getSitesPage_filters_by_tenant_subtenants_parent_and_type(msx_api, sites, tenants, manage_tenant,
                                                                    unique_name):
    """Filtered on a tenant of the test's own, so other workers' sites never show."""
    sites_api = msx_api(SitesApi)
    child_tenant = tenants.create(name=f"{unique_name}-child", parent_id=manage_tenant.id).resource
    hub = sites.create(**required(f"{unique_name}-hub", manage_tenant.id), type="hub").resource
    spoke = sites.create(**required(f"{unique_name}-spoke", child_tenant.id), parent_id=hub.id, type="spoke",
                         image=IMAGE).resource

    def ids(**filters):
        return {s.id for s in all_items(sites_api.get_sites_page, **filters)}

    assert ids(tenant_id=manage_tenant.id) == {hub.id}
    assert ids(tenant_id=manage_tenant.id, include_subtenants=True) == {hub.id, spoke.id}
    assert ids(parent_id=hub.id) == {spoke.id}
    assert ids(tenant_id=manage_tenant.id, include_subtenants=True, type="spoke") == {spoke.id}
    [shown] = all_items(sites_api.get_sites_page, parent_id=hub.id, show_image=True)
    [hidden] = all_items(sites_api.get_sites_page, parent_id=hub.id)
    assert (shown.image, hidden.image) == (IMAGE, None), "the image comes only with showImage=true"


def test_a_site_belongs_to_its_tenant(msx_api, site, manage_tenant):
    assert [s.id for s in all_items(msx_api(SitesApi).get_sites_page, tenant_id=manage_tenant.id)] == [site.id]
    assert site.created_by, "createdBy names who made it"


@pytest.mark.smoke
def test_getSitesPage_answers_a_first_page_of_at_most_10(msx_api):
    """Read-only: a first page of at most 10 sites."""
    page = msx_api(SitesApi).get_sites_page(page=0, page_size=10)
    assert page.page == 0 and len(page.contents) <= 10, f"a first page of at most 10 sites: {page}"
