"""Which pytest process this is, and whether the run selects checklist tests at all."""

from __future__ import annotations

from pathlib import Path

import pytest


def is_worker(config: pytest.Config) -> bool:
    """True in a pytest-xdist worker process."""
    return hasattr(config, "workerinput")


def selects_msx_tests(config: pytest.Config) -> bool:
    """False when the run names only self-tests, which need no MSX token."""
    tests = config.rootpath / "tests"
    paths = [Path(arg.split("::")[0]).resolve() for arg in config.args] or [tests]
    return any(path == tests or tests in path.parents or path in tests.parents for path in paths)
