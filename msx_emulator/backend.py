"""What the routes share: the configuration, the store, the token authority, the fault knobs, the counters."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from msx_emulator.auth import Principal, principal_from_token
from msx_emulator.config import EmulatorConfig
from msx_emulator.faults import FaultSettings, Faults
from msx_emulator.services import SERVICES, idm
from msx_emulator.store import Store
from msx_emulator.tokens import TokenAuthority
from msx_emulator.traffic import Traffic


@dataclass
class Backend:
    """One emulator's state, shared by its HTTP routes and its in-process handle."""

    config: EmulatorConfig
    store: Store
    tokens: TokenAuthority
    faults: Faults
    traffic: Traffic

    @classmethod
    def from_config(cls, config: EmulatorConfig) -> "Backend":
        store = Store(kind for service in SERVICES for kind in service.kinds)
        backend = cls(config, store, TokenAuthority(config.token_cache_size), Faults(_fault_settings(config)),
                      Traffic())
        backend.reset()
        return backend

    @functools.cached_property
    def role_permissions(self) -> dict[str, frozenset[str]]:
        return {role.name: frozenset(role.permissions) for role in self.config.roles}

    def principal(self, token: str) -> Principal:
        """Who a bearer token acts as, else a 401."""
        return principal_from_token(token, self.tokens, lambda name: idm.user_by_username(self.store, name),
                                    self.role_permissions)

    def reset(self) -> None:
        """Seeded data, zero counters and the configured fault knobs again."""
        with self.store.lock:
            self.store.clear()
            for service in SERVICES:
                if service.seed is not None:
                    service.seed(self.store, self.config)
            self.store.mark_seeded()
        self.traffic.reset()
        self.faults.set(**vars(_fault_settings(self.config)))

    def stats(self) -> dict[str, Any]:
        """Request counters, and per collection what exists now but was not seeded ("left")."""
        left = self.store.left()
        # The suite's plugin still reads these two keys; "left" carries them and every other collection.
        return {**self.traffic.counts(), "left": left, "tenants": left.get("tenants", []),
                "users": left.get("users", [])}


def _fault_settings(config: EmulatorConfig) -> FaultSettings:
    return FaultSettings(config.latency_ms, config.error_rate, config.token_lifetime_seconds, config.error_status,
                         config.services, workflow_failing_step=config.workflow_failing_step,
                         isolation_leak=config.isolation_leak)
