"""Fixtures for the plumbing's self-tests: a throw-away copy of the suite run by pytester.

Runs are in this process (`suite.runpytest`), which spares each the start of a Python and the
imports; a test that needs what only a process of its own shows uses `runpytest_subprocess`.
"""

import gc
import os
import shutil
import sys
from pathlib import Path

import pytest

from msx_emulator import running_emulator
from msxsuite.plugins.contract_check import SPEC_ENV

ROOT = Path(__file__).resolve().parents[2]
# The contract document is the one setting self-tests take from the caller (CI sets it). The suites
# they run check answers against it only where a test asks (`official_contract`): the check costs
# every pytest process it is on in about 0.15 s (the validators' import and the cached document).
CALLER_CONTRACT = os.environ.get(SPEC_ENV)


@pytest.fixture(autouse=True)
def _no_msx_environment(monkeypatch):
    """No MSX_* variable of the caller leaks into a self-test."""
    for name in list(os.environ):
        if name.startswith("MSX_"):
            monkeypatch.delenv(name)


@pytest.fixture
def official_contract(monkeypatch) -> Path:
    """The MSX contract the caller's MSX_OPENAPI_SPEC names, set for the suites this test runs;
    skips the test when it is unset (CI sets it)."""
    if not CALLER_CONTRACT:
        pytest.skip(f"{SPEC_ENV} is unset: point it at the MSX SDK OpenAPI document (CI does)")
    monkeypatch.setenv(SPEC_ENV, CALLER_CONTRACT)
    return Path(CALLER_CONTRACT)


@pytest.fixture
def suite(pytester, monkeypatch):
    """A pytester directory holding the suite's wiring (conftests, pytest.ini) and no tests yet."""
    # Where this process ran checklist tests, their modules (tests.conftest, ...) would clash with the
    # copies in pytester's directory: runs in this process do not see them.
    for name in [name for name in sys.modules if name == "tests" or name.startswith("tests.")]:
        monkeypatch.delitem(sys.modules, name)
    for name in ("conftest.py", "pytest.ini", "tests/conftest.py"):
        target = pytester.path / name
        target.parent.mkdir(exist_ok=True)
        shutil.copy(ROOT / name, target)
    yield pytester
    # A run in this process froze what it made (msxsuite.plugins.core): hand that back to the collector.
    gc.unfreeze()


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
