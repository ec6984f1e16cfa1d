"""Roles (list, by name) and the monitor's service and device health lists."""

from __future__ import annotations

from python_msx_sdk.api.devices_api import DevicesApi
from python_msx_sdk.api.health_api import HealthApi
from python_msx_sdk.api.roles_api import RolesApi
from python_msx_sdk.api.tenants_api import TenantsApi
from python_msx_sdk.model.device_create import DeviceCreate
from python_msx_sdk.model.tenant_create import TenantCreate

from msx_emulator.config import CONSUMER_ROLE_ID, SUPERUSER_ROLE_ID
from msx_emulator.tests.helpers import error_naming, raw_call

UNKNOWN_ID = "00000000-0000-4000-8000-000000000000"


def test_roles_list_returns_the_known_ids(emu_roles):
    roles = emu_roles.get_roles_list([SUPERUSER_ROLE_ID, CONSUMER_ROLE_ID, UNKNOWN_ID])
    assert [role.name for role in roles] == ["SUPERUSER", "CONSUMER"]
    assert "VIEW_TENANT" in roles[1].permissions


def test_role_by_name(emu_roles):
    assert emu_roles.get_role_by_name("CONSUMER").id == CONSUMER_ROLE_ID


def test_unknown_role_name_is_not_found(emu_roles):
    error_naming(lambda: emu_roles.get_role_by_name("NO_SUCH_ROLE"), 404, "NO_SUCH_ROLE")


def test_roles_list_needs_uuid_ids(emu_superuser_client):
    error_naming(lambda: raw_call(emu_superuser_client, "GET", "/idm/api/v8/roles/list", query=[("ids", "x")]),
                 400, "ids")


def test_limited_user_reads_roles(emu_operator_client):
    assert RolesApi(emu_operator_client).get_role_by_name("SUPERUSER").id == SUPERUSER_ROLE_ID


def test_services_health_for_known_ids(emu_health):
    health = emu_health.get_services_health_list(["idm", "manage", "monitor"])
    assert [(h.id, str(h.type), str(h.status)) for h in health] == [
        ("idm", "service", "up"), ("manage", "service", "up"), ("monitor", "service", "up")]


def test_devices_health_reports_down_devices(emu_health):
    health = emu_health.get_devices_health_list(["edge-router-1", "branch-switch-2"])
    assert [(h.id, str(h.type), str(h.status)) for h in health] == [
        ("edge-router-1", "device", "up"), ("branch-switch-2", "device", "down")]


def test_a_device_of_the_manage_inventory_is_monitored_and_up(emu_health, emu_superuser_client):
    tenant = TenantsApi(emu_superuser_client).create_tenant(TenantCreate(name="Monitored Tenant"))
    device = DevicesApi(emu_superuser_client).create_device(DeviceCreate(
        name="edge-7", tenant_id=tenant.id, model="c8000v", type="router", onboard_type="manual"))
    [health] = emu_health.get_devices_health_list([device.id])
    assert (health.id, str(health.type), str(health.status)) == (device.id, "device", "up")


def test_unknown_health_id_is_reported_unknown(emu_health):
    """The contract documents no 404 for the health lists: an id nobody monitors has status unknown."""
    [health] = emu_health.get_services_health_list(["no-such-service"])
    assert (health.id, str(health.status)) == ("no-such-service", "unknown")


def test_health_lists_need_ids(emu_superuser_client):
    for kind in ("services", "devices"):
        error_naming(lambda: raw_call(emu_superuser_client, "GET", f"/monitor/api/v8/health/{kind}/list"), 400, "ids")


def test_health_needs_a_token(emu_client):
    error_naming(lambda: HealthApi(emu_client()).get_services_health_list(["idm"]), 401, "access token")
