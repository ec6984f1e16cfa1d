"""The workflow service's resource kinds, its ksuid ids and what its handlers share."""

from __future__ import annotations

import os
import re
import time
from typing import Any

from msx_emulator.request_validation import invalid, uuid_format
from msx_emulator.service import Call
from msx_emulator.store import Kind, Reference, Store

BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
KSUID_TEXT = re.compile(r"^[0-9A-Za-z]{27}$")
KSUID_EPOCH = 1_400_000_000  # the ksuid format counts seconds from 2014-05-13


def new_ksuid() -> str:
    """A ksuid: 4 bytes of seconds since the ksuid epoch and 16 random bytes, in 27 base62 characters."""
    number = int.from_bytes(int(time.time() - KSUID_EPOCH).to_bytes(4, "big") + os.urandom(16), "big")
    text = ""
    while number:
        number, digit = divmod(number, 62)
        text = BASE62[digit] + text
    return text.rjust(27, "0")


def ksuid_format(value: Any, name: str) -> str:
    if not isinstance(value, str) or not KSUID_TEXT.match(value):
        raise invalid(f"{name} must be a ksuid (27 base62 characters), got {value!r}")
    return value


SCHEMA_KIND = Kind("workflow_schemas", "workflow schema", new_id=new_ksuid, stamped=False)
TARGETS = Kind("workflow_targets", "workflow target", new_id=new_ksuid, stamped=False)
CATEGORIES = Kind("workflow_categories", "workflow category", new_id=new_ksuid, stamped=False)
EVENTS = Kind("workflow_events", "workflow event", new_id=new_ksuid, stamped=False,
              references=(Reference("target_id", TARGETS.collection, "event(s)", delete_status=400),))
WORKFLOWS = Kind("workflows", "workflow", new_id=new_ksuid, stamped=False,
                 references=(Reference("categories", CATEGORIES.collection, "workflow(s)", delete_status=400),))
INSTANCES = Kind("workflow_instances", "workflow instance", new_id=new_ksuid, stamped=False,
                 references=(Reference("definition_id", WORKFLOWS.collection, "instance(s)", delete_status=400),))
# Kept with a resource, never answered: a category's tenant, an event's target and description, a workflow's
# tenants, global flag, import targets and last modifier, an instance's run.
HIDDEN = ("tenant_id", "target_id", "description_", "tenant_ids", "global", "targets", "modified_by", "run")
FORMATS = {"id": ksuid_format, "tenantId": uuid_format, "tenantIds": uuid_format}


def visible(item: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in item.items() if name not in HIDDEN}


def footer(call: Call) -> dict[str, Any]:
    """created_on/by, updated_on/by and owner of something made now by the caller."""
    stamp, user = call.store.clock.stamp(), call.principal.user["username"]
    return {"created_on": stamp, "created_by": user, "updated_on": stamp, "updated_by": user, "owner": user}


def touched(call: Call) -> dict[str, Any]:
    return {"updated_on": call.store.clock.stamp(), "updated_by": call.principal.user["username"]}


def schema_of(store: Store, schema_id: Any, base_type: str, field: str) -> dict[str, Any]:
    """The seeded schema of that base type, else a 400 naming the field."""
    schema = store.first(SCHEMA_KIND, lambda s: s["id"] == schema_id and s["base_type"] == base_type)
    if schema is None:
        raise invalid(f"{field}: no {base_type} schema with id {schema_id!r}")
    return schema
