"""pytest hooks for the cassette switch: vcrpy's patches last exactly as long as tests play cassettes.

The checklist's `vcr` fixture (tests/conftest.py) enters the patches for its first cassette; they
are undone before a test that plays none (a self-test sharing the worker talks to the network as it
would without vcrpy) and before anything the end of the session does (sweeps, the leak check).
"""

from __future__ import annotations

import pytest

from msxsuite.cassette_switch import CassetteSwitch
from msxsuite.stash import CASSETTE_SWITCH


def pytest_configure(config: pytest.Config) -> None:
    config.stash[CASSETTE_SWITCH] = CassetteSwitch()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    try:
        return (yield)
    finally:
        if nextitem is None or nextitem.get_closest_marker("vcr") is None:
            item.config.stash[CASSETTE_SWITCH].unpatch()


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    session.config.stash[CASSETTE_SWITCH].unpatch()
