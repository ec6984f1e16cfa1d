"""Delete what a test created, also when the test failed."""

from __future__ import annotations

from typing import Any, Callable, NamedTuple

from python_msx_sdk.exceptions import NotFoundException


class Created(NamedTuple):
    """A resource as the create call returned it, with the HTTP status."""

    resource: Any
    status: int


class Tracker:
    """Creates resources and, at `cleanup()`, deletes those still there.

    `create(fields)` returns the SDK's (resource, status, headers); `delete(id, **sdk_kwargs)`
    is the SDK's delete operation.

    A resource is registered the moment its create call returns, so a failing assertion
    right after creation still leaves nothing behind.
    """

    def __init__(self, create: Callable[..., Any], delete: Callable[[str], Any]):
        self._create = create
        self._delete = delete
        self._alive: list[str] = []

    def create(self, **fields) -> Created:
        """Create one resource and register it for deletion."""
        resource, status, _ = self._create(fields)
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
                pass
            except Exception as error:  # keep deleting the rest, then report
                failures.append(error)
        if failures:
            raise failures[0]
