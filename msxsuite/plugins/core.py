"""pytest hooks of the MSX suite: settings and modes, the embedded emulator, the shared token, reports.

The controller (the only process without pytest-xdist) resolves settings, starts the embedded
emulator when asked, and gets the one access token of the run before any test starts, so a
wrong password or an unreachable host ends the run with one line. Workers receive the
resolved settings and the token file's path from it.
"""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
import warnings
from contextlib import ExitStack
from pathlib import Path

import pytest
import urllib3
from python_msx_sdk.exceptions import OpenApiException
from vcr.errors import CannotOverwriteExistingCassetteException
from vcr.persisters.filesystem import FilesystemPersister

from msxsuite import recording
from msxsuite.auth import TokenStore, request_token
from msxsuite.cleanup.sweeper import find_leftovers
from msxsuite.diagnosis import SetupProblem, explain
from msxsuite.naming import new_run_tag
from msxsuite.run_scope import is_worker, selects_msx_tests
from msxsuite.sdk import SDK_VERSION, api_client, api_factory
from msxsuite.sdk_source import sdk_source
from msxsuite.service_states import reachable_kinds
from msxsuite.settings import EMULATOR, Settings, add_options, resolve, with_emulator
from msxsuite.stash import CLEANUP, RUN_TAG, SERVICE_STATES, SETTINGS, TOKEN_STORE
from msxsuite.stash import EMULATOR as EMULATOR_HANDLE

DEVICE_IDS = "MSX_HEALTH_DEVICE_IDS"



def pytest_addoption(parser: pytest.Parser) -> None:
    add_options(parser)


def pytest_cmdline_main(config: pytest.Config) -> None:
    """Resolve settings first, where a UsageError ends the run with one line."""
    if not is_worker(config):
        config.stash[SETTINGS] = resolve(config)


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    cleanup = config.stash[CLEANUP] = ExitStack()
    if is_worker(config):
        shared = config.workerinput["msx"]
        settings = Settings(**shared["settings"])
        run_tag, token_file = shared["run_tag"], shared["token_file"]
    else:
        settings = config.stash[SETTINGS]
        run_tag = new_run_tag()
        if settings.url == EMULATOR:
            settings = with_emulator(settings, _start_emulator(config, cleanup))
        token_dir = tempfile.mkdtemp(prefix="msx-token-")
        cleanup.callback(shutil.rmtree, token_dir, ignore_errors=True)
        token_file = str(Path(token_dir, "token.json"))
    config.stash[SETTINGS] = settings
    config.stash[RUN_TAG] = run_tag
    config.stash[TOKEN_STORE] = TokenStore(Path(token_file), lambda: _fetch_token(config.rootpath, settings))
    _drive_pytest_recording(config, settings)
    if settings.insecure and not is_worker(config):
        warnings.warn(pytest.PytestConfigWarning(f"TLS verification is OFF for {settings.url} (MSX_INSECURE)"))


def _start_emulator(config: pytest.Config, cleanup: ExitStack):
    """Start the embedded emulator in this process for the whole run."""
    from msx_emulator import running_emulator

    emulator = cleanup.enter_context(running_emulator())
    config.stash[EMULATOR_HANDLE] = emulator
    return emulator


def _as_recorded(exchange_part):
    return exchange_part


def _fetch_token(rootpath: Path, settings: Settings):
    with recording.session_cassette(rootpath, settings):
        return request_token(settings)


def _drive_pytest_recording(config: pytest.Config, settings: Settings) -> None:
    """Map the MSX mode onto pytest-recording's options."""
    option = config.option
    if not settings.recording:
        option.disable_recording = True
    elif option.record_mode is None:
        option.record_mode = recording.record_mode(settings)
    elif settings.mode == "replay" and option.record_mode != "none":
        raise pytest.UsageError("replay mode never records: use --msx-mode=record to (re)record cassettes")
    if getattr(option, "htmlpath", None):
        option.self_contained_html = True


def pytest_recording_configure(config: pytest.Config, vcr) -> None:
    """Use vcrpy's own persister: pytest-recording's drops the metadata that holds run tags.

    On replay nothing is written, and requests match on method, path and query, which scrubbing
    leaves as they are: vcrpy need not copy and scrub every request (four times each) to match it.
    Nor need it scrub again the answers it loads: they were scrubbed when they were recorded.
    """
    vcr.register_persister(FilesystemPersister)
    recording.with_matcher(vcr)
    if config.stash[SETTINGS].mode == "replay":
        vcr._build_before_record_request = lambda options: _as_recorded
        vcr._build_before_record_response = lambda options: _as_recorded


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    """Hand the controller's settings, run tag and token file to an xdist worker."""
    config = node.config
    node.workerinput["msx"] = {
        "settings": config.stash[SETTINGS].to_dict(),
        "run_tag": config.stash[RUN_TAG],
        "token_file": str(config.stash[TOKEN_STORE].path),
    }


def pytest_sessionstart(session: pytest.Session) -> None:
    """Get the run's token before any test, so bad settings end the run with one line."""
    config = session.config
    _add_report_metadata(config)
    if is_worker(config) or not selects_msx_tests(config):
        return
    try:
        config.stash[TOKEN_STORE].current()
    except SetupProblem as problem:
        raise pytest.UsageError(str(problem)) from None
    except CannotOverwriteExistingCassetteException as error:
        raise pytest.UsageError(recording.replay_failure(error, config.rootpath)) from None


def _add_report_metadata(config: pytest.Config) -> None:
    """Show mode, target and SDK version in pytest-html's environment table."""
    try:
        from pytest_metadata.plugin import metadata_key
    except ImportError:
        return
    config.stash[metadata_key].update(_summary(config))


def _summary(config: pytest.Config) -> dict:
    settings = config.stash[SETTINGS]
    target = f"embedded emulator {settings.url}" if settings.embedded_emulator else settings.url
    if settings.mode == "replay":
        target = f"cassettes in {recording.CASSETTES}/ (recorded against the MSX emulator)"
    return {"MSX mode": settings.mode, "MSX target": target, "python-msx-sdk": f"{SDK_VERSION} ({sdk_source()})"}


def pytest_collection_finish(session: pytest.Session) -> None:
    """Move what start-up and collection made (the SDK's classes, the items) out of the garbage
    collector's reach: it lives until the process ends anyway, and every later collection, pytest's
    five at exit included, would walk it again for nothing. (A caller that runs pytest more than once
    in its process, as the self-tests do, hands it back with gc.unfreeze().)"""
    gc.freeze()


def pytest_report_header(config: pytest.Config) -> list[str]:
    settings = config.stash[SETTINGS]
    summary = _summary(config)
    sources = ", ".join(f"{name} from {source}" for name, source in sorted(settings.sources.items()))
    lines = [
        f"msx: mode {summary['MSX mode']}, target {summary['MSX target']}, python-msx-sdk {summary['python-msx-sdk']}",
        f"msx settings: {sources or 'all defaults'}",
    ]
    if settings.mode in ("live", "record") and not settings.embedded_emulator and not os.environ.get(DEVICE_IDS):
        lines.append(f"msx health: {DEVICE_IDS} is unset: the device health list is asked for the devices "
                     "the Manage inventory lists")
    return lines


@pytest.hookimpl(wrapper=True)
def pytest_keyboard_interrupt(excinfo: pytest.ExceptionInfo):
    """Ctrl-C ends the run as interrupted even where pytest cannot show where it landed: Python 3.11
    can leave a traceback entry without a line number (an interrupt between two instructions of the
    SDK, say), and pytest's rendering of that entry raises TypeError."""
    try:
        return (yield)
    except TypeError:
        return None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """A replay that finds no recorded answer fails with one line naming cassette and command."""
    report = yield
    if call.excinfo is not None and call.excinfo.errisinstance(CannotOverwriteExistingCassetteException):
        report.longrepr = recording.replay_failure(call.excinfo.value, item.config.rootpath, item.nodeid)
    return report


def left_behind(stats: dict) -> str:
    """What the embedded emulator holds that it was not seeded with, as one phrase."""
    left = {collection: names for collection, names in stats["left"].items() if names}
    if not left:
        return "nothing left behind"
    return "left behind: " + "; ".join(f"{len(names)} {collection} ({', '.join(map(str, names[:3]))}"
                                       f"{', ...' if len(names) > 3 else ''})" for collection, names in left.items())


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Fail a run against the embedded emulator that left anything behind.

    Two views, so that neither can hide a leak: what the registry's kinds find by the run's names,
    and every object the emulator holds that it was not seeded with (a kind missing from the
    registry shows there).
    """
    config = session.config
    emulator = config.stash.get(EMULATOR_HANDLE, None)
    if emulator is None or session.exitstatus != 0 or not selects_msx_tests(config):
        return
    lines: list[str] = []
    try:
        with api_client(config.stash[SETTINGS], config.stash[TOKEN_STORE].current().access_token) as client:
            kinds, _ = reachable_kinds(config.stash[SERVICE_STATES].read())
            named = [str(leftover) for leftover in find_leftovers(api_factory(client), lines.append, kinds)
                     if leftover.run_tag == config.stash[RUN_TAG]]
    except (OpenApiException, urllib3.exceptions.HTTPError, OSError) as error:
        named, lines = [], [str(explain(error, config.stash[SETTINGS], "listing what the run made"))]
    if named:
        lines.append(f"this run left {', '.join(named)}")
    if lines or any(emulator.stats()["left"].values()):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        reporter = config.pluginmanager.get_plugin("terminalreporter")
        for line in lines if reporter is not None else ():
            reporter.write_line(f"msx leak check: {line}")


def pytest_unconfigure(config: pytest.Config) -> None:
    if not is_worker(config):
        config.stash[TOKEN_STORE].remove()
    config.stash[CLEANUP].close()
