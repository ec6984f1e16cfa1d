"""Live and record runs: a ledger of every create, stale leftovers swept at start, the run's own at the end.

The controller (the only process without pytest-xdist) sweeps, so a run killed with SIGKILL
is cleaned by the next one. Replay and the embedded emulator touch nothing and write no ledger.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from datetime import timedelta

import pytest
import urllib3
from python_msx_sdk.exceptions import OpenApiException

from msxsuite.cleanup.ledger import LEDGER_DIR, Ledger
from msxsuite.cleanup.sweeper import sweep_run, sweep_stale
from msxsuite.counters import TALLY
from msxsuite.diagnosis import explain
from msxsuite.registry import KINDS
from msxsuite.run_scope import is_worker, selects_msx_tests
from msxsuite.sdk import api_client, api_factory
from msxsuite.service_states import reachable_kinds
from msxsuite.stash import RUN_TAG, SERVICE_STATES, SETTINGS, TOKEN_STORE

LEDGER = pytest.StashKey["Ledger | None"]()
STALE_AGE = timedelta(hours=2)
SWEPT_MODES = ("live", "record")


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    """Tell each xdist worker the controller's pid, which its ledger lines carry."""
    node.workerinput["msx_run_pid"] = os.getpid()


def pytest_configure(config: pytest.Config) -> None:
    settings = config.stash[SETTINGS]
    # The embedded emulator's data ends with the run, so there is nothing to leave a trail of.
    if settings.mode not in SWEPT_MODES or settings.embedded_emulator:
        config.stash[LEDGER] = None
        return
    run_pid = config.workerinput["msx_run_pid"] if is_worker(config) else os.getpid()
    config.stash[LEDGER] = Ledger(config.rootpath / LEDGER_DIR, config.stash[RUN_TAG], settings.url, run_pid)


@pytest.fixture(scope="session")
def msx_ledger(pytestconfig) -> Ledger | None:
    """This run's ledger of create calls (None on replay)."""
    return pytestconfig.stash[LEDGER]


def _sweeps(config: pytest.Config) -> bool:
    return not is_worker(config) and config.stash[LEDGER] is not None and selects_msx_tests(config)


@contextmanager
def _apis(config: pytest.Config):
    settings = config.stash[SETTINGS]
    with api_client(settings, config.stash[TOKEN_STORE].current().access_token) as client:
        yield api_factory(client)


def _say(config: pytest.Config, line: str) -> None:
    config.pluginmanager.get_plugin("terminalreporter").write_line(f"msx sweep: {line}")


def _sweeping(config: pytest.Config, doing: str, sweep):
    """Run a sweep; a failure to reach MSX is one line, never the end of the run."""
    try:
        with _apis(config) as api_for:
            return sweep(api_for)
    except (OpenApiException, urllib3.exceptions.HTTPError, OSError) as error:
        _say(config, f"skipped: {explain(error, config.stash[SETTINGS], doing)}")
        return None


@pytest.hookimpl(trylast=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    """Before any test, delete leftovers of dead runs and of runs older than STALE_AGE."""
    config = session.config
    if not _sweeps(config):
        return
    ledger = config.stash[LEDGER]
    kinds = _reachable_kinds(config)
    result = _sweeping(config, "sweeping leftovers of earlier runs", lambda api_for: sweep_stale(
        api_for, kinds=kinds, ledger_dir=ledger.folder, url=ledger.url, older_than=STALE_AGE,
        spare=ledger.run_tag, say=lambda line: _say(config, line)))
    if result is not None and (result.deleted or result.failed):
        _say(config, f"{len(result.deleted)} leftover(s) of earlier runs deleted, {len(result.failed)} not")


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    """After the last test (also after Ctrl-C), delete whatever of this run is still there."""
    config = session.config
    if not _sweeps(config):
        return
    ledger = config.stash[LEDGER]
    kinds = _reachable_kinds(config)
    result = _sweeping(config, "sweeping this run's leftovers", lambda api_for: sweep_run(
        api_for, ledger.run_tag, say=lambda line: _say(config, line), kinds=kinds))
    if result is None:
        return
    TALLY["cleaned"] += len(result.deleted)
    TALLY["leaked"] += len(result.failed)
    if not result.failed and len(kinds) == len(KINDS):
        ledger.remove()  # kept while a service was passed over: its part of the run may still be there


def _reachable_kinds(config: pytest.Config) -> list:
    """The kinds to sweep: those of services not found down or not deployed (said once each time)."""
    kinds, away = reachable_kinds(config.stash[SERVICE_STATES].read())
    if away:
        _say(config, f"passing over {', '.join(away)} (down or not deployed): what the suite made there "
                     "stays until a later sweep")
    return kinds
