"""The emulated MSX services, one module each on the shared store."""

from __future__ import annotations

from msx_emulator.operations import operation_table, service_names
from msx_emulator.service import Service
from msx_emulator.services import consume, idm, monitor
from msx_emulator.services import manage
from msx_emulator.services import workflow
from msx_emulator.services import incident, template
from msx_emulator.services import auditing, billing, licensing, vulnerability

# getAccessToken is served by msx_emulator/token_endpoint.py, outside the handler machinery.
TOKEN_OPERATION = "getAccessToken"
SERVICES: tuple[Service, ...] = (idm.SERVICE, monitor.SERVICE, consume.SERVICE, manage.SERVICE, template.SERVICE,
                                 incident.SERVICE, billing.SERVICE, licensing.SERVICE, vulnerability.SERVICE,
                                 auditing.SERVICE, workflow.SERVICE)


def served_operations() -> set[str]:
    """The operationIds of the contract the emulator serves."""
    return {TOKEN_OPERATION} | {handler.operation_id for service in SERVICES for handler in service.handlers}


def coverage() -> dict[str, dict[str, list[str]]]:
    """Per MSX service, the operationIds of the contract the emulator serves and those it does not."""
    served = served_operations()
    by_service: dict[str, dict[str, list[str]]] = {name: {"served": [], "not_served": []} for name in service_names()}
    for operation_id, operation in sorted(operation_table().items()):
        by_service[operation.path.split("/")[1]]["served" if operation_id in served else "not_served"].append(
            operation_id)
    return by_service
