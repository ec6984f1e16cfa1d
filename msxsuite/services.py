"""The MSX services: the contract's path prefixes, and which service a checklist test belongs to."""

from __future__ import annotations

from pathlib import PurePosixPath

CHECKLIST = "tests"
SERVICES = ("idm", "monitor", "consume", "manage", "workflow", "template", "incident", "billing", "licensing",
            "vulnerability", "auditing")


def service_of(nodeid: str) -> str | None:
    """The service of a checklist node id, from its folder: tests/idm/test_tenants.py::x -> idm."""
    parts = PurePosixPath(nodeid.split("::")[0]).parts
    if len(parts) < 3 or parts[0] != CHECKLIST or parts[1] not in SERVICES:
        return None
    return parts[1]
