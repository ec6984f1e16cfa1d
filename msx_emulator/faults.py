"""Fault knobs for reliability tests: latency, a share of error answers, a token lifetime, services down or absent,
a failing workflow step, and a tenant isolation leak."""

from __future__ import annotations

import random
import threading
from dataclasses import asdict, dataclass, field
from typing import Any, Mapping

from msx_emulator.operations import service_names

# 500 is what MSX documents; 502, 503 and 504 are what a gateway in front of it answers.
ERROR_STATUSES = (500, 502, 503, 504)
# up: served; down: 503 from the gateway for every request to the service; absent: no route, 404.
AVAILABILITIES = ("up", "down", "absent")


@dataclass(frozen=True)
class FaultSettings:
    """The knobs; all off by default (every service up)."""

    latency_ms: int = 0
    error_rate: float = 0.0
    token_lifetime_seconds: int | None = None
    error_status: int = 500
    services: Mapping[str, str] = field(default_factory=dict)
    # The name of a workflow step that fails in every workflow started while it is set.
    workflow_failing_step: str | None = None
    # When on, any caller may read the users of every tenant (getUser, getUsersPage): a broken isolation.
    isolation_leak: bool = False

    def __post_init__(self):
        if isinstance(self.latency_ms, bool) or not isinstance(self.latency_ms, int) or self.latency_ms < 0:
            raise ValueError(f"latency_ms must be an integer >= 0, got {self.latency_ms!r}")
        if isinstance(self.error_rate, bool) or not isinstance(self.error_rate, (int, float)) \
                or not 0.0 <= self.error_rate <= 1.0:
            raise ValueError(f"error_rate must be a number from 0 to 1, got {self.error_rate!r}")
        lifetime = self.token_lifetime_seconds
        if lifetime is not None and (isinstance(lifetime, bool) or not isinstance(lifetime, int) or lifetime < 0):
            raise ValueError(f"token_lifetime_seconds must be an integer >= 0 or null, got {lifetime!r}")
        if type(self.error_status) is not int or self.error_status not in ERROR_STATUSES:
            raise ValueError(f"error_status must be one of {', '.join(map(str, ERROR_STATUSES))}, got {self.error_status!r}")
        if not isinstance(self.services, Mapping):
            raise ValueError(f"services must map service names to {'/'.join(AVAILABILITIES)}, got {self.services!r}")
        for name, availability in self.services.items():
            if name not in service_names():
                raise ValueError(f"services: unknown service {name!r}; known: {', '.join(service_names())}")
            if availability not in AVAILABILITIES:
                raise ValueError(f"services: {name} must be one of {', '.join(AVAILABILITIES)}, got {availability!r}")
        step = self.workflow_failing_step
        if step is not None and (not isinstance(step, str) or not step):
            raise ValueError(f"workflow_failing_step must be a step name or null, got {step!r}")
        if not isinstance(self.isolation_leak, bool):
            raise ValueError(f"isolation_leak must be true or false, got {self.isolation_leak!r}")
        # Every service named, so that the knobs in force read completely.
        object.__setattr__(self, "services", {name: self.services.get(name, "up") for name in service_names()})


class Faults:
    """The knobs in force, changed at run time from any thread."""

    def __init__(self, settings: FaultSettings):
        self._settings = settings
        self._random = random.Random()
        self._lock = threading.Lock()

    @property
    def settings(self) -> FaultSettings:
        return self._settings

    def set(self, **knobs: Any) -> FaultSettings:
        """Replace the knobs (ValueError for a bad value); knobs left out are turned off."""
        settings = FaultSettings(**knobs)
        self._settings = settings
        return settings

    def as_dict(self) -> dict[str, Any]:
        return asdict(self._settings)

    def availability(self, service: str) -> str:
        """up, down or absent; paths outside the MSX services count as up (they answer 404 anyway)."""
        return self._settings.services.get(service, "up")

    def should_fail(self) -> bool:
        """Draw whether this request gets an injected error (status `error_status`)."""
        rate = self._settings.error_rate
        if rate <= 0.0:
            return False
        with self._lock:
            return self._random.random() < rate
