"""One in-memory store for the resources of every emulated service, guarded by one lock.

A resource kind is declared once (`Kind`): its collection, id factory, references to other collections,
unique fields and sortable fields. The store stamps createdOn/modifiedOn, builds the contract's page
envelope, checks references on writes and refuses deletes that would leave dangling references.
Handlers run on the server's event loop while the test process calls `stats` and `reset` from its
own threads, so every public method takes the lock (re-entrant, so a service can group calls).
"""

from __future__ import annotations

import copy
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Iterable

from msx_emulator.errors import ApiError, bad_request, not_found

Resource = dict[str, Any]
Predicate = Callable[[Resource], bool]
ONE_MILLISECOND = timedelta(milliseconds=1)


def new_uuid() -> str:
    """The default id factory: a random (version 4) uuid, as MSX gives created objects."""
    return str(uuid.uuid4())


class Clock:
    """ISO-8601 UTC stamps with milliseconds and Z, strictly increasing so that modifiedOn always moves."""

    def __init__(self):
        self._last = datetime.fromtimestamp(0, timezone.utc)

    def stamp(self) -> str:
        now = datetime.now(timezone.utc)
        now = max(now.replace(microsecond=now.microsecond // 1000 * 1000), self._last + ONE_MILLISECOND)
        self._last = now
        return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


@dataclass(frozen=True)
class Reference:
    """A field naming resources of another collection: one id, or a list of ids.

    Writes naming an unknown id answer 400; deleting a referenced resource answers `delete_status`
    with a message saying what still refers to it (`referrers`, e.g. "child tenant(s)").
    """

    field: str
    target: str
    referrers: str
    delete_status: int = 409


@dataclass(frozen=True)
class Unique:
    """A field no two resources of a kind share (400 on a duplicate)."""

    field: str
    ignore_case: bool = False

    def key(self, value: Any) -> Any:
        return value.casefold() if self.ignore_case and isinstance(value, str) else value


@dataclass(frozen=True)
class Kind:
    """A resource kind: where it is kept and the rules the store applies to it."""

    collection: str  # the key in stats()["left"], e.g. "tenants"
    noun: str  # how messages name one, e.g. "tenant"
    label_field: str = "name"  # how stats() names a resource (its id when this field is empty)
    new_id: Callable[[], str] = new_uuid
    references: tuple[Reference, ...] = ()
    unique: tuple[Unique, ...] = ()
    sortable: tuple[str, ...] = ()
    stamped: bool = True  # createdOn and modifiedOn


class Store:
    """The collections of every declared kind."""

    def __init__(self, kinds: Iterable[Kind]):
        self.lock = threading.RLock()
        self.clock = Clock()
        self._kinds = {kind.collection: kind for kind in kinds}
        self._items: dict[str, dict[str, Resource]] = {name: {} for name in self._kinds}
        self._seeded: dict[str, frozenset[str]] = {name: frozenset() for name in self._kinds}

    # --- lifecycle -------------------------------------------------------------------------

    def clear(self) -> None:
        """Empty every collection (the services seed them again)."""
        with self.lock:
            for items in self._items.values():
                items.clear()

    def mark_seeded(self) -> None:
        """Remember what exists now as seeded: stats() reports only what came later."""
        with self.lock:
            self._seeded = {name: frozenset(items) for name, items in self._items.items()}

    def left(self) -> dict[str, list[str]]:
        """Per collection, the name (else id) of every resource that was not seeded; empty collections left out."""
        with self.lock:
            left = {}
            for name, items in self._items.items():
                label_field = self._kinds[name].label_field
                labels = [item.get(label_field) or item["id"] for item_id, item in items.items()
                          if item_id not in self._seeded[name]]
                if labels:
                    left[name] = labels
            return left

    # --- reads -----------------------------------------------------------------------------

    def get(self, kind: Kind, resource_id: str) -> Resource:
        """A copy of the resource, else a 404."""
        with self.lock:
            return copy.deepcopy(self._existing(kind, resource_id))

    def exists(self, kind: Kind, resource_id: str) -> bool:
        with self.lock:
            return resource_id in self._items[kind.collection]

    def first(self, kind: Kind, predicate: Predicate) -> Resource | None:
        """A copy of the first resource that matches, or None."""
        with self.lock:
            item = next((item for item in self._items[kind.collection].values() if predicate(item)), None)
            return copy.deepcopy(item)

    def by_ids(self, kind: Kind, ids: Iterable[str]) -> list[Resource]:
        """The resources with these ids, in the order asked, each once; unknown ids are skipped."""
        with self.lock:
            items = self._items[kind.collection]
            return [copy.deepcopy(items[i]) for i in dict.fromkeys(ids) if i in items]

    def count(self, kind: Kind, predicate: Predicate | None = None) -> int:
        with self.lock:
            return sum(1 for item in self._items[kind.collection].values() if predicate is None or predicate(item))

    def page(self, kind: Kind, page: int, page_size: int, predicate: Predicate | None = None,
             sort_by: str | None = None, sort_order: str | None = None) -> dict[str, Any]:
        """The contract's page envelope; `contents` holds copies of the matching resources."""
        if sort_by is not None and sort_by not in kind.sortable:
            raise bad_request(f"query parameter sortBy must be one of {', '.join(kind.sortable)}", "INVALID_FIELD")
        with self.lock:
            items = [item for item in self._items[kind.collection].values() if predicate is None or predicate(item)]
            if sort_by is not None:
                # Nulls first, as a database sorts them ascending.
                items.sort(key=lambda item: (item.get(sort_by) is not None, item.get(sort_by) or ""),
                           reverse=sort_order == "desc")
            elif sort_order == "desc":
                items.reverse()
            start = page * page_size
            return {
                "page": page, "pageSize": page_size, "totalItems": len(items),
                "hasNext": start + page_size < len(items), "hasPrevious": page > 0,
                "sortBy": sort_by, "sortOrder": sort_order,
                "contents": copy.deepcopy(items[start:start + page_size]),
            }

    def referrers(self, kind: Kind, resource_id: str) -> dict[Reference, int]:
        """How many resources refer to this one, per reference that targets its kind."""
        with self.lock:
            counts = {}
            for other in self._kinds.values():
                for reference in other.references:
                    if reference.target == kind.collection:
                        counts[reference] = sum(_names(item.get(reference.field), resource_id)
                                                for item in self._items[other.collection].values())
            return counts

    # --- writes ----------------------------------------------------------------------------

    def create(self, kind: Kind, fields: Resource, resource_id: str | None = None) -> Resource:
        """Store a new resource with an id and stamps; 400 for an unknown reference or a duplicate."""
        with self.lock:
            self._check_references(kind, fields)
            self._check_unique(kind, fields, own_id=None)
            item = {"id": resource_id or kind.new_id()}
            if kind.stamped:
                item["createdOn"] = item["modifiedOn"] = self.clock.stamp()
            item.update(copy.deepcopy(fields))
            self._items[kind.collection][item["id"]] = item
            return copy.deepcopy(item)

    def update(self, kind: Kind, resource_id: str, fields: Resource) -> Resource:
        """Change the fields given (PUT and PATCH alike: fields left out keep their values); moves modifiedOn."""
        with self.lock:
            item = self._existing(kind, resource_id)
            self._check_references(kind, fields)
            self._check_unique(kind, {**item, **fields}, own_id=resource_id)
            item.update(copy.deepcopy(fields))
            if kind.stamped:
                item["modifiedOn"] = self.clock.stamp()
            return copy.deepcopy(item)

    def delete(self, kind: Kind, resource_id: str) -> Resource:
        """Remove a resource nothing refers to (else the reference's delete_status); 404 if unknown."""
        with self.lock:
            self._existing(kind, resource_id)
            for reference, count in self.referrers(kind, resource_id).items():
                if count:
                    code = "CONFLICT" if reference.delete_status == 409 else "IN_USE"
                    raise ApiError(reference.delete_status, code,
                                   f"{kind.noun} {resource_id} still has {count} {reference.referrers}")
            return self._items[kind.collection].pop(resource_id)

    # --- checks ----------------------------------------------------------------------------

    def _existing(self, kind: Kind, resource_id: str) -> Resource:
        item = self._items[kind.collection].get(resource_id)
        if item is None:
            raise not_found(f"{kind.noun} with id", resource_id)
        return item

    def _check_references(self, kind: Kind, fields: Resource) -> None:
        for reference in kind.references:
            value = fields.get(reference.field)
            targets = self._items[reference.target]
            for target_id in value if isinstance(value, list) else [value] if value is not None else []:
                if target_id not in targets:
                    noun = self._kinds[reference.target].noun
                    raise bad_request(f"{reference.field}: no {noun} with id {target_id}", "INVALID_FIELD")

    def _check_unique(self, kind: Kind, fields: Resource, own_id: str | None) -> None:
        for unique in kind.unique:
            value = fields.get(unique.field)
            if value is None:
                continue
            key = unique.key(value)
            for item_id, item in self._items[kind.collection].items():
                if item_id != own_id and unique.key(item.get(unique.field)) == key:
                    raise bad_request(f"{unique.field}: a {kind.noun} with {unique.field} {value!r} already exists",
                                      "DUPLICATE")


def _names(value: Any, resource_id: str) -> bool:
    """Whether a reference field's value (an id or a list of ids) names this resource."""
    return resource_id in value if isinstance(value, list) else value == resource_id
