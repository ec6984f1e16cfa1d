"""A local emulator of Cisco MSX (all eleven services of the MSX SDK contract), faithful to that contract.

`running_emulator()` serves it from a background thread of this process; `python -m msx_emulator`
serves it standalone. See msx_emulator/README.md.

The names below are imported on first use (PEP 562), so that a module such as
`msx_emulator.operations` can be read without starting to import the server and its web framework.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "DEFAULT_CONFIG": "msx_emulator.config", "EmulatorConfig": "msx_emulator.config",
    "HealthSeed": "msx_emulator.config", "RoleSeed": "msx_emulator.config",
    "SecurityClient": "msx_emulator.config", "TenantSeed": "msx_emulator.config",
    "UserSeed": "msx_emulator.config", "Emulator": "msx_emulator.server", "running_emulator": "msx_emulator.server",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'msx_emulator' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
