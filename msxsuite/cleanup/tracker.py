"""Create resources safely and delete what a test created, also when the test failed.

A create that fails with a connection error or 502/503/504 may still have been made: the
tracker looks the resource up by its name and creates it again only when it is not there,
at most MAX_RETRIES times, so a retry never makes a duplicate.
"""

from __future__ import annotations

from typing import Any, Callable, NamedTuple

import urllib3
from python_msx_sdk.exceptions import ApiException, NotFoundException

from msxsuite.cleanup.ledger import Ledger
from msxsuite.counters import TALLY
from msxsuite.registry import ResourceKind, deletion_order
from msxsuite.retries import RETRIED_STATUSES

MAX_RETRIES = 2
CREATED = 201


class Created(NamedTuple):
    """A resource as the create call returned it, with the HTTP status.

    `recovered` is True when the create's answer was lost and the resource was found by its
    name instead; the status is then the 201 that the lost answer carried.
    """

    resource: Any
    status: int
    recovered: bool = False


def is_transient(error: BaseException) -> bool:
    """True for failures after which the create may or may not have been made.

    Timeouts are not among them: waiting out the timeout again would only double the wait.
    """
    if isinstance(error, ApiException):
        return error.status in RETRIED_STATUSES
    if isinstance(error, urllib3.exceptions.MaxRetryError):
        return error.reason is not None and is_transient(error.reason)
    if isinstance(error, urllib3.exceptions.NameResolutionError):
        return False
    return isinstance(error, (urllib3.exceptions.ProtocolError, urllib3.exceptions.NewConnectionError,
                              ConnectionError))


class Tracker:
    """Creates resources and, at `cleanup()`, deletes those still there.

    `create(fields)` returns the SDK's (resource, status, headers); `delete(id, **sdk_kwargs)`
    is the SDK's delete operation; `find(fields)` looks a resource up by its name (None when
    absent). A resource is registered the moment it is known to exist, and the ledger gets a
    line before every create call.
    """

    def __init__(self, kind: ResourceKind, create: Callable[..., Any], delete: Callable[..., Any],
                 find: Callable[[dict], Any], ledger: Ledger | None = None):
        self.kind = kind
        self._create = create
        self._delete = delete
        self._find = find
        self._ledger = ledger
        self._alive: list[str] = []

    def create(self, **fields) -> Created:
        """Create one resource (retrying only if a look-up shows it was not made) and register it."""
        name = fields.get(self.kind.name_field)
        retries = 0
        while True:
            if self._ledger is not None:
                self._ledger.record(self.kind.label, name)
            try:
                resource, status, _ = self._create(fields)
                break
            except Exception as error:
                if not is_transient(error) or retries == MAX_RETRIES or not name:
                    raise
                found = self._find(fields)
                if found is not None:
                    self._alive.append(found.id)
                    return Created(found, CREATED, recovered=True)
                retries += 1
                TALLY["retries"] += 1
        self._alive.append(resource.id)
        return Created(resource, status)

    def delete(self, resource_id: str) -> int:
        """Delete a resource the test no longer needs; returns the HTTP status."""
        _, status, _ = self._delete(resource_id, _return_http_data_only=False)
        self._alive.remove(resource_id)
        return status

    def cleanup(self) -> None:
        """Delete, newest first, every resource still registered; raise the first failure."""
        failures = []
        while self._alive:
            resource_id = self._alive.pop()
            try:
                self._delete(resource_id)
            except NotFoundException:
                continue
            except Exception as error:  # keep deleting the rest, then report
                TALLY["leaked"] += 1
                failures.append(error)
                continue
            TALLY["cleaned"] += 1
        if failures:
            raise failures[0]


def find_by_name(api, kind: ResourceKind, name: str):
    """The resource of that kind with exactly that name, by listing them all, else None."""
    return next((item for item in kind.list_all(api) if kind.name_of(item) == name), None)


def tracker_for(kind: ResourceKind, api, ledger: Ledger | None = None) -> Tracker:
    """A Tracker of one registry kind, through its SDK API object."""
    return Tracker(
        kind,
        lambda fields: kind.create(api, fields),
        lambda resource_id, **kwargs: kind.delete(api, resource_id, **kwargs),
        lambda fields: find_by_name(api, kind, fields[kind.name_field]),
        ledger,
    )


class Resources:
    """One test's trackers, one per kind, cleaned up in the registry's deletion order."""

    def __init__(self, api_for: Callable[[type], Any], ledger: Ledger | None = None):
        self._api_for = api_for
        self._ledger = ledger
        self._trackers: dict[ResourceKind, Tracker] = {}

    def tracker(self, kind: ResourceKind) -> Tracker:
        """The tracker of that kind, made on first use."""
        if kind not in self._trackers:
            self._trackers[kind] = tracker_for(kind, self._api_for(kind.api), self._ledger)
        return self._trackers[kind]

    def cleanup(self) -> None:
        """Delete what is left, blocking kinds first; raise the first failure after trying all."""
        failures = []
        for kind in deletion_order():
            tracker = self._trackers.get(kind)
            if tracker is None:
                continue
            try:
                tracker.cleanup()
            except Exception as error:  # the other kinds still get their turn
                failures.append(error)
        if failures:
            raise failures[0]
