"""What the routes share: the configuration, the data, the token authority and the fault knobs."""

from __future__ import annotations

from dataclasses import dataclass

from msx_emulator.config import EmulatorConfig
from msx_emulator.faults import FaultSettings, Faults
from msx_emulator.state import IdmState
from msx_emulator.tokens import TokenAuthority


@dataclass
class Backend:
    """One emulator's state, shared by its HTTP routes and its in-process handle."""

    config: EmulatorConfig
    state: IdmState
    tokens: TokenAuthority
    faults: Faults

    @classmethod
    def from_config(cls, config: EmulatorConfig) -> "Backend":
        faults = FaultSettings(config.latency_ms, config.error_rate, config.token_lifetime_seconds, config.error_status)
        return cls(config, IdmState(config), TokenAuthority(config.token_cache_size), Faults(faults))

    def reset(self) -> None:
        """Seeded data, zero counters and the configured fault knobs again."""
        self.state.reset()
        self.faults.set(latency_ms=self.config.latency_ms, error_rate=self.config.error_rate,
                        token_lifetime_seconds=self.config.token_lifetime_seconds, error_status=self.config.error_status)
