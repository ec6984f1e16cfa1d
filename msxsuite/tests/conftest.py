"""Fixtures for the plumbing's self-tests: a throw-away copy of the suite run by pytester."""

import os
import shutil
from pathlib import Path

import pytest

from msx_emulator import running_emulator

ROOT = Path(__file__).resolve().parents[2]
# The contract document is the one setting self-tests share with the caller (CI sets it).
KEPT_ENV = ("MSX_OPENAPI_SPEC",)


@pytest.fixture(autouse=True)
def _no_msx_environment(monkeypatch):
    """No other MSX_* variable of the caller leaks into a self-test."""
    for name in list(os.environ):
        if name.startswith("MSX_") and name not in KEPT_ENV:
            monkeypatch.delenv(name)


@pytest.fixture
def suite(pytester):
    """A pytester directory holding the suite's wiring (conftests, pytest.ini) and no tests yet."""
    for name in ("conftest.py", "pytest.ini", "tests/conftest.py"):
        target = pytester.path / name
        target.parent.mkdir(exist_ok=True)
        shutil.copy(ROOT / name, target)
    return pytester


@pytest.fixture(scope="module")
def emulator():
    """An MSX emulator in this process for the module's tests (plain HTTP); reset it where state matters."""
    with running_emulator() as running:
        yield running


@pytest.fixture(scope="module")
def tls_emulator():
    """An MSX emulator in this process serving HTTPS with a self-signed certificate (emulator.ca_bundle)."""
    with running_emulator(tls=True) as running:
        yield running
