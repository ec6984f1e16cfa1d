"""The emulated MSX services, one module each on the shared store."""

from __future__ import annotations

from msx_emulator.services import consume, idm, monitor
from msx_emulator.service import Service

# getAccessToken is served by msx_emulator/token_endpoint.py, outside the handler machinery.
TOKEN_OPERATION = "getAccessToken"
SERVICES: tuple[Service, ...] = (idm.SERVICE, monitor.SERVICE, consume.SERVICE)


def served_operations() -> set[str]:
    """The operationIds of the contract the emulator serves."""
    return {TOKEN_OPERATION} | {handler.operation_id for service in SERVICES for handler in service.handlers}
