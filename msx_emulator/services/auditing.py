"""Auditing: generic audit events, created only (the contract has no operation that reads them).

Where the contract is silent (see msx_emulator/README.md): an event without `security` is attributed to
the caller (its user id, username and current tenant); the emulator keeps no event, as nothing could read it.
"""

from __future__ import annotations

from typing import Any

from msx_emulator.config import CREATE_AUDIT_GENERIC_EVENT
from msx_emulator.request_validation import Format, uuid_format
from msx_emulator.service import Call, Service

SERVICE = Service("auditing")


def uuids_in(*fields: str) -> Format:
    """A Format of an object whose named fields are uuids (the SDK carries no formats of nested fields)."""

    def check(value: Any, name: str) -> Any:
        return {field: uuid_format(item, f"{name}.{field}") if field in fields and item is not None else item
                for field, item in value.items()}

    return check


FORMATS = {"trace": uuids_in("traceId", "spanId", "parentId"),
           "security": uuids_in("clientId", "userId", "tenantId", "providerId")}


@SERVICE.operation("createGenericEvent", CREATE_AUDIT_GENERIC_EVENT, status=201, formats=FORMATS)
def create_generic_event(call: Call) -> dict:
    user = call.principal.user
    caller = {"userId": user["id"], "username": user["username"], "tenantId": call.principal.tenant_id}
    return {"type": "generic", "time": call.store.clock.stamp(), "security": caller} | call.body
