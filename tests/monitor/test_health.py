"""Health (monitor): the services and devices health lists report on every id the monitor knows.

The lists answer only for ids asked (`ids` is required), so the suite must be told which ids
this MSX monitors: MSX_HEALTH_SERVICE_IDS and MSX_HEALTH_DEVICE_IDS (comma-separated). Without
MSX_HEALTH_DEVICE_IDS the devices the Manage inventory lists serve (the report header says so).
Against the embedded emulator the emulator's ids serve. Recording stores the ids in the cassette,
and replay asks for exactly those.
"""

import os

import pytest
from python_msx_sdk.api.devices_api import DevicesApi
from python_msx_sdk.api.health_api import HealthApi


KNOWN_IDS_ENV = {"service": "MSX_HEALTH_SERVICE_IDS", "device": "MSX_HEALTH_DEVICE_IDS"}
HEALTH_LISTS = [
    pytest.param("service", lambda api, ids: api.get_services_health_list(ids=ids), id="getServicesHealthList"),
    pytest.param("device", lambda api, ids: api.get_devices_health_list(ids=ids), id="getDevicesHealthList"),
]


def target_ids(kind, settings, msx_api) -> list[str]:
    """The ids of this kind the target monitors: from the environment, the embedded emulator's, or
    for devices the Manage inventory's."""
    configured = [i.strip() for i in os.environ.get(KNOWN_IDS_ENV[kind], "").split(",") if i.strip()]
    if configured:
        return configured
    if settings.embedded_emulator:
        from msx_emulator.config import DEFAULT_HEALTH  # the emulator's own ids; only its runs import it

        return [seed.id for seed in DEFAULT_HEALTH if seed.type == kind]
    if kind == "device":
        inventory = [device.id for device in msx_api(DevicesApi).get_devices_page(page=0, page_size=100).contents]
        if inventory:
            return inventory
        pytest.fail(f"the Manage inventory lists no device: set {KNOWN_IDS_ENV[kind]} to the comma-separated ids "
                    "of devices this MSX monitors", pytrace=False)
    pytest.fail(f"set {KNOWN_IDS_ENV[kind]} to the comma-separated ids of {kind}s this MSX monitors", pytrace=False)


@pytest.fixture
def known_ids(vcr, msx_settings, msx_api):
    """`known_ids(kind)`: the recorded ids on replay, the target's otherwise (stored when recording)."""

    def ids_of(kind):
        key = f"{kind}_ids"
        if msx_settings.mode == "replay":
            return vcr.get_metadata(key, None)
        ids = target_ids(kind, msx_settings, msx_api)
        return ids if vcr is None else vcr.get_metadata(key, ids)

    return ids_of


@pytest.mark.smoke
@pytest.mark.parametrize("kind, health_list", HEALTH_LISTS)
def test_health_list_reports_every_known_id(msx_api, known_ids, kind, health_list):
    health_api = msx_api(HealthApi)
    ids = known_ids(kind)
    answer = health_list(health_api, ids)
    assert sorted(item.id for item in answer) == sorted(ids)
    for item in answer:
        assert item.type.value == kind, f"{item.id}: type {item.type.value}"
        assert item.status.value in ("up", "down"), f"the monitor does not know {kind} {item.id!r}: {item.status.value}"
