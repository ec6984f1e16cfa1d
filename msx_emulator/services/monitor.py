"""The monitor's service and device health lists: the configured health ids, and the Manage inventory's devices.

A device the Manage inventory holds is monitored as soon as it exists, and reported up (the emulator
runs no device); nothing of its own is stored.
"""

from __future__ import annotations

from msx_emulator.config import VIEW_STATUS
from msx_emulator.service import Call, Service
from msx_emulator.services.manage import DEVICES

SERVICE = Service("monitor")


def _health_of(call: Call, kind: str) -> list[dict]:
    """One ResourceHealth per asked id; an id nobody monitors is reported `unknown` (the contract has no 404)."""
    known = {(item.type, item.id): item for item in call.backend.config.health}
    items = []
    for resource_id in call.params["ids"]:
        seed = known.get((kind, resource_id))
        if seed is None and kind == "device" and call.store.exists(DEVICES, resource_id):
            name = call.store.get(DEVICES, resource_id).get("name")
            items.append({"id": resource_id, "type": kind, "status": "up",
                          "description": f"managed device {name or resource_id}"[:256]})
        elif seed is None:
            items.append({"id": resource_id, "type": kind, "status": "unknown",
                          "description": f"no {kind} with id {resource_id!r} is monitored"[:256]})
        else:
            items.append({"id": seed.id, "type": kind, "status": seed.status, "description": seed.description})
    return items


@SERVICE.operation("getServicesHealthList", VIEW_STATUS)
def get_services_health_list(call: Call) -> list:
    return _health_of(call, "service")


@SERVICE.operation("getDevicesHealthList", VIEW_STATUS)
def get_devices_health_list(call: Call) -> list:
    return _health_of(call, "device")
