"""State of a service that is no resource: settings (a singleton) and histories (tasks it ran).

The contract offers no delete for them, so a test cannot leave them behind as it can a resource:
each service keeps them in one record seeded under its own name, so they reset with the store and
`stats()["left"]` never lists them.
"""

from __future__ import annotations

from typing import Any

from msx_emulator.store import Kind, Store

SERVICE_STATE = Kind("service_state", "service state", stamped=False)


def seed_state(store: Store, service: str, **fields: Any) -> None:
    """The service's record, as a reset leaves it."""
    store.create(SERVICE_STATE, fields, service)


def state(store: Store, service: str) -> dict[str, Any]:
    """A copy of the service's record."""
    return store.get(SERVICE_STATE, service)


def set_state(store: Store, service: str, **fields: Any) -> None:
    store.update(SERVICE_STATE, service, fields)


def append_state(store: Store, service: str, field: str, entry: dict[str, Any]) -> dict[str, Any]:
    """Add an entry to one of the service's histories; returns it."""
    with store.lock:
        set_state(store, service, **{field: [*state(store, service)[field], entry]})
    return entry


def page_of(items: list[dict[str, Any]], page: int, page_size: int) -> dict[str, Any]:
    """The contract's page envelope over a history (oldest first), as the store builds it for resources."""
    start = page * page_size
    return {"page": page, "pageSize": page_size, "totalItems": len(items), "hasNext": start + page_size < len(items),
            "hasPrevious": page > 0, "sortBy": None, "sortOrder": None, "contents": items[start:start + page_size]}
