"""Manage sites: create, read, page with its filters, update, delete, devices and services added and removed."""

from __future__ import annotations

import pytest
from python_msx_sdk.api.devices_api import DevicesApi
from python_msx_sdk.api.sites_api import SitesApi
from python_msx_sdk.model.device_create import DeviceCreate
from python_msx_sdk.model.site_contact import SiteContact
from python_msx_sdk.model.site_create import SiteCreate
from python_msx_sdk.model.site_location import SiteLocation
from python_msx_sdk.model.site_update import SiteUpdate
from python_msx_sdk.model.tenant_create import TenantCreate

from msx_emulator.config import OPERATIONS_TENANT_ID, ROOT_TENANT_ID
from msx_emulator.tests.helpers import error_naming


@pytest.fixture
def emu_sites(emu_superuser_client):
    """SitesApi as superuser."""
    return SitesApi(emu_superuser_client)


@pytest.fixture
def emu_devices(emu_superuser_client):
    """DevicesApi as superuser."""
    return DevicesApi(emu_superuser_client)


def _device(devices: DevicesApi, name: str = "edge-1", tenant_id: str = OPERATIONS_TENANT_ID, **fields):
    return devices.create_device(DeviceCreate(tenant_id=tenant_id, name=name, model="c8000v", type="router",
                                              onboard_type="manual", **fields))


def test_create_site_returns_it_with_stamps_and_status(emu, emu_sites):
    site = emu_sites.create_site(SiteCreate(
        name="Branch 1", tenant_id=OPERATIONS_TENANT_ID, type="branch", image="data:image/png;base64,AA==",
        contact=SiteContact(name="Ann", phone="+1 555", email="ann@example.com"),
        location=SiteLocation(latitude=48.85, longitude=2.35), attributes={"region": "eu"}))
    assert (site.name, site.tenant_id, site.type, site.attributes) == ("Branch 1", OPERATIONS_TENANT_ID, "branch",
                                                                      {"region": "eu"})
    assert site.created_on == site.modified_on and site.created_by == "superuser"
    assert (site.devices, site.service_ids, site.status.value) == ([], [], "unknown")
    assert site.image == "data:image/png;base64,AA==", "a create answers the image"
    assert emu_sites.get_site(site.id).image is None, "a read shows the image only with showImage"
    assert emu_sites.get_site(site.id, show_image=True).to_dict() == site.to_dict()
    assert emu.stats()["left"] == {"sites": ["Branch 1"]}


def test_update_site_keeps_what_it_does_not_carry_and_delete(emu, emu_sites):
    site = emu_sites.create_site(SiteCreate(name="Branch", tenant_id=OPERATIONS_TENANT_ID, description="old"))
    updated = emu_sites.update_site(site.id, SiteUpdate(name="Renamed", type="hub"), send_notification=True)
    assert (updated.name, updated.type, updated.description) == ("Renamed", "hub", "old")
    assert updated.modified_on > site.modified_on
    _, status, _ = emu_sites.delete_site(site.id, _return_http_data_only=False)
    assert status == 204
    error_naming(lambda: emu_sites.get_site(site.id), 404, site.id)
    assert emu.stats()["left"] == {}


def test_devices_and_services_join_and_leave_a_site(emu_sites, emu_devices):
    device = _device(emu_devices, service_type="sdwan")
    site = emu_sites.create_site(SiteCreate(name="Branch", tenant_id=OPERATIONS_TENANT_ID))
    joined = emu_sites.add_devices_to_site(site.id, [device.id, device.id])
    assert [(d.device_id, d.service_type) for d in joined.devices] == [(device.id, "sdwan")]
    assert [s.id for s in emu_sites.get_sites_page(0, 10, device_id=device.id).contents] == [site.id]
    assert [s.id for s in emu_sites.get_sites_page(0, 10, service_type="sdwan").contents] == [site.id]
    error_naming(lambda: emu_sites.delete_site(site.id), 400, "device")
    assert emu_sites.remove_devices_from_site(site.id, [device.id, "not-a-member"]).devices == []
    emu_sites.add_devices_to_site(site.id, [device.id])
    emu_devices.delete_device(device.id)
    assert emu_sites.get_site(site.id).devices == [], "a deleted device leaves its sites"


def test_sites_page_filters(emu_sites, emu_tenants):
    child = emu_tenants.create_tenant(TenantCreate(name="Child", parent_id=OPERATIONS_TENANT_ID))
    parent = emu_sites.create_site(SiteCreate(name="Hub", tenant_id=OPERATIONS_TENANT_ID, type="hub",
                                              managing_control_plane_id="cp-1"))
    emu_sites.create_site(SiteCreate(name="Spoke", tenant_id=child.id, parent_id=parent.id, image="x"))
    emu_sites.create_site(SiteCreate(name="Elsewhere", tenant_id=ROOT_TENANT_ID))

    def names(**filters):
        return sorted(s.name for s in emu_sites.get_sites_page(0, 10, **filters).contents)

    assert names(tenant_id=OPERATIONS_TENANT_ID) == ["Hub"]
    assert names(tenant_id=OPERATIONS_TENANT_ID, include_subtenants=True) == ["Hub", "Spoke"]
    assert names(parent_id=parent.id) == ["Spoke"]
    assert names(type="hub") == names(managing_control_plane_id="cp-1") == ["Hub"]
    assert names(service_id="none") == []
    page = emu_sites.get_sites_page(0, 10, parent_id=parent.id, show_image=True)
    assert page.contents[0].image == "x" and page.total_items == 1
    error_naming(lambda: emu_sites.delete_site(parent.id), 400, "child site")


def test_site_members_belong_to_its_tenant(emu_sites, emu_devices):
    device = _device(emu_devices, tenant_id=ROOT_TENANT_ID)
    site = emu_sites.create_site(SiteCreate(name="Branch", tenant_id=OPERATIONS_TENANT_ID))
    error_naming(lambda: emu_sites.add_devices_to_site(site.id, [device.id]), 400, "another tenant")
    error_naming(lambda: emu_sites.add_services_to_site(site.id, ["unknown-service"]), 400, "unknown-service")
    error_naming(lambda: emu_sites.create_site(SiteCreate(name="B", tenant_id=OPERATIONS_TENANT_ID,
                                                          device_ids=["unknown-device"])), 400, "deviceIds[0]")
