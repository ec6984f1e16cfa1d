"""Health ids: without MSX_HEALTH_DEVICE_IDS, the devices the Manage inventory lists are asked for."""

import shutil

from python_msx_sdk.api.devices_api import DevicesApi
from python_msx_sdk.api.tenants_api import TenantsApi
from python_msx_sdk.model.device_create import DeviceCreate
from python_msx_sdk.model.tenant_create import TenantCreate

from msxsuite.auth import request_token
from msxsuite.sdk import api_client
from msxsuite.tests.conftest import ROOT
from msxsuite.tests.emulated import emulator_settings, msx_environment


def test_device_health_asks_for_the_manage_inventorys_devices_and_the_header_says_so(suite, emulator, monkeypatch):
    emulator.reset()
    settings = emulator_settings(emulator)
    with api_client(settings, request_token(settings).access_token) as client:
        tenant = TenantsApi(client).create_tenant(TenantCreate(name="Customer Acme Corp"))
        DevicesApi(client).create_device(DeviceCreate(name="acme-edge-1", tenant_id=tenant.id, model="c8000v",
                                                      type="router", onboard_type="manual"))
    for name, value in msx_environment(emulator).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("MSX_HEALTH_SERVICE_IDS", "idm")
    (suite.path / "tests" / "monitor").mkdir()
    shutil.copy(ROOT / "tests" / "monitor" / "test_health.py", suite.path / "tests" / "monitor")

    result = suite.runpytest("--msx-mode=live", "-p", "no:cacheprovider", "-k", "reports_every_known_id")

    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["msx health: MSX_HEALTH_DEVICE_IDS is unset: the device health list is asked for "
                                 "the devices the Manage inventory lists"])
