"""Health (monitor): the services and devices health lists report on every id the monitor knows.

The lists answer only for ids asked (`ids` is required), so the suite must be told which ids
this MSX monitors: MSX_HEALTH_SERVICE_IDS and MSX_HEALTH_DEVICE_IDS (comma-separated). Against
the embedded emulator, and on replay of cassettes recorded against it, the emulator's ids serve.
"""

import os

import pytest

from msx_emulator.config import DEFAULT_HEALTH

KNOWN_IDS_ENV = {"service": "MSX_HEALTH_SERVICE_IDS", "device": "MSX_HEALTH_DEVICE_IDS"}
HEALTH_LISTS = [
    pytest.param("service", lambda api, ids: api.get_services_health_list(ids=ids), id="getServicesHealthList"),
    pytest.param("device", lambda api, ids: api.get_devices_health_list(ids=ids), id="getDevicesHealthList"),
]


def known_ids(kind, settings) -> list[str]:
    """The ids of this kind the monitor knows: from the environment, else the emulator's."""
    configured = [i.strip() for i in os.environ.get(KNOWN_IDS_ENV[kind], "").split(",") if i.strip()]
    if configured:
        return configured
    if settings.mode == "replay" or settings.sources.get("url") == "embedded emulator":
        return [seed.id for seed in DEFAULT_HEALTH if seed.type == kind]
    pytest.fail(f"set {KNOWN_IDS_ENV[kind]} to the comma-separated ids of {kind}s this MSX monitors", pytrace=False)


@pytest.mark.smoke
@pytest.mark.parametrize("kind, health_list", HEALTH_LISTS)
def test_health_list_reports_every_known_id(health_api, msx_settings, kind, health_list):
    ids = known_ids(kind, msx_settings)
    answer = health_list(health_api, ids)
    assert sorted(item.id for item in answer) == sorted(ids)
    for item in answer:
        assert item.type.value == kind, f"{item.id}: type {item.type.value}"
        assert item.status.value in ("up", "down"), f"the monitor does not know {kind} {item.id!r}: {item.status.value}"
