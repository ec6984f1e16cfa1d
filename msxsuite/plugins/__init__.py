"""The MSX suite's pytest plugins, registered through one `pytest11` entry point in this order.

`core` resolves settings, starts the embedded emulator and gets the run's token; the rest build
on what it keeps in the config stash (core's pytest_configure runs first: it is tryfirst). Library code they use lives beside this folder, in `msxsuite`.
"""

# pytest-recording marks vcr.matchers for assertion rewriting when imported; that has to happen
# before these plugins import vcr, or pytest warns (an error under filterwarnings = error).
import pytest_recording  # noqa: F401

# pluggy calls plain hook implementations of later plugins first: `services` comes before `core` so
# that core's pytest_sessionstart (the run's token) runs before services' (asking each service).
pytest_plugins = [
    "msxsuite.plugins.services",
    "msxsuite.plugins.core",
    "msxsuite.plugins.cassettes",
    "msxsuite.plugins.contract_check",
    "msxsuite.plugins.freshness",
    "msxsuite.plugins.run_summary",
    "msxsuite.plugins.permission_matrix",
    "msxsuite.plugins.sweeping",
    "msxsuite.plugins.redacted_output",
    "msxsuite.plugins.reliability",
]
