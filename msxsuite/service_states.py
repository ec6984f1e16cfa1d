"""Which MSX services this run found deployed, not deployed or down, shared by all xdist workers.

The controller writes what it found before any test; whoever first sees a service stop answering
mid-run marks it down, and every process then fails that service's remaining tests at once. One
small JSON file beside the run's token, changed under a file lock.
"""

from __future__ import annotations

import json
from pathlib import Path

from filelock import FileLock

from msxsuite.registry import KINDS, ResourceKind
from msxsuite.services import DEPLOYED, DOWN, Availability


class ServiceStates:
    """The run's service states in `path` (a missing file: nothing known, as on replay)."""

    def __init__(self, path: Path):
        self.path = path
        self._lock = FileLock(f"{path}.lock")

    def read(self) -> dict[str, Availability]:
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        return {service: Availability(**state) for service, state in stored.items()}

    def write(self, states: dict[str, Availability]) -> None:
        with self._lock:
            self._write(states)

    def mark_down(self, service: str, seen: str) -> Availability:
        """Mark a service down unless it already is; the state it has afterwards."""
        with self._lock:
            states = self.read()
            if states.get(service) is None or states[service].state != DOWN:
                states[service] = Availability(DOWN, seen)
                self._write(states)
            return states[service]

    def _write(self, states: dict[str, Availability]) -> None:
        written = self.path.with_suffix(".tmp")
        written.write_text(json.dumps({name: state.as_dict() for name, state in states.items()}), encoding="utf-8")
        written.replace(self.path)


def reachable_kinds(states: dict[str, Availability]) -> tuple[list[ResourceKind], list[str]]:
    """The registry's kinds whose service was not found down or not deployed, and the services that were.

    What a service that is not there holds cannot be listed or deleted: sweeps pass it over and say so.
    """
    away = sorted({kind.service for kind in KINDS
                   if states.get(kind.service) is not None and states[kind.service].state != DEPLOYED})
    return [kind for kind in KINDS if kind.service not in away], away
