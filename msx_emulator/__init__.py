"""A local emulator of Cisco MSX (IDM, monitor health lists, Catalog), faithful to the MSX SDK contract.

`running_emulator()` serves it from a background thread of this process; `python -m msx_emulator`
serves it standalone. See msx_emulator/README.md.
"""

from msx_emulator.config import (
    DEFAULT_CONFIG, EmulatorConfig, HealthSeed, RoleSeed, SecurityClient, TenantSeed, UserSeed,
)
from msx_emulator.server import Emulator, running_emulator

__all__ = [
    "DEFAULT_CONFIG", "Emulator", "EmulatorConfig", "HealthSeed", "RoleSeed", "SecurityClient", "TenantSeed",
    "UserSeed", "running_emulator",
]
