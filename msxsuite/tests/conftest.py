"""Fixtures for the plumbing's self-tests: a throw-away copy of the suite run by pytester."""

import shutil
from pathlib import Path

import pytest

from msx_emulator import running_emulator

ROOT = Path(__file__).resolve().parents[2]
CLEAN_ENV = ("MSX_MODE", "MSX_URL", "MSX_CLIENT_ID", "MSX_CLIENT_SECRET", "MSX_USERNAME", "MSX_PASSWORD",
             "MSX_CA_BUNDLE", "MSX_INSECURE", "MSX_TIMEOUT")


@pytest.fixture(autouse=True)
def _no_msx_environment(monkeypatch):
    """No MSX_* variable of the caller leaks into a self-test."""
    for name in CLEAN_ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def suite(pytester, monkeypatch):
    """A pytester directory holding the suite's wiring (conftests, pytest.ini) and no tests yet."""
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
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
