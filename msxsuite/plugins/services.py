"""The MSX services of a run: a marker per service, which services answer, side effects, re-runs.

- Each checklist test carries its service's marker, from its folder (`pytest -m consume`).
- Before any test (after the run's token), live and record runs ask each service once
  (`msxsuite.services.PROBES`). With MSX_SERVICES=auto a service that is not deployed is skipped;
  with a list, services left out are skipped and a listed one that is not deployed fails. A service
  that is down, or that stops answering mid-run, fails its remaining tests at once with one line.
- Tests marked `side_effect` are skipped against anything but the embedded emulator unless
  MSX_ALLOW_SIDE_EFFECTS allows them.
- MSX_RERUN_FAILED=summary.json runs only what failed in that earlier run.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from msxsuite.run_scope import is_worker, selects_msx_tests
from msxsuite.sdk import api_client
from msxsuite.service_states import ServiceStates
from msxsuite.services import DOWN, NOT_DEPLOYED, SERVICES, probe, service_of, unanswered
from msxsuite.settings import AUTO, Settings
from msxsuite.stash import SERVICE_STATES as STATES
from msxsuite.stash import SETTINGS, TOKEN_STORE

SIDE_EFFECTS_SKIPPED = "side effects beyond the suite's own objects on a real MSX: allow with " \
                       "--msx-allow-side-effects (MSX_ALLOW_SIDE_EFFECTS=1)"
STATES_FILE = "services.json"


def pytest_configure(config: pytest.Config) -> None:
    for service in SERVICES:
        config.addinivalue_line("markers", f"{service}: tests of the MSX {service} service (tests/{service}/)")
    config.stash[STATES] = ServiceStates(config.stash[TOKEN_STORE].path.parent / STATES_FILE)


def listed_services(settings: Settings) -> list[str] | None:
    """The services MSX_SERVICES lists, None for auto."""
    return None if settings.services == AUTO else settings.services.split(",")


def side_effects_blocked(settings: Settings) -> bool:
    """True for live and record runs against a real MSX that did not allow side effects."""
    return settings.mode in ("live", "record") and not settings.embedded_emulator and not settings.allow_side_effects


def pytest_sessionstart(session: pytest.Session) -> None:
    """Ask every service once, after core has the token (plugins/__init__ registers this one first)."""
    config = session.config
    settings = config.stash[SETTINGS]
    if is_worker(config) or settings.mode == "replay" or not selects_msx_tests(config):
        return
    with api_client(settings, config.stash[TOKEN_STORE].current().access_token) as client:
        config.stash[STATES].write({service: probe(client, service) for service in SERVICES})


@pytest.hookimpl(tryfirst=True)  # shown after core's lines
def pytest_report_header(config: pytest.Config) -> list[str]:
    settings = config.stash[SETTINGS]
    lines = []
    states = config.stash[STATES].read()
    if states:
        by_state: dict[str, list[str]] = {}
        for service, state in states.items():
            by_state.setdefault(state.state, []).append(service)
        shown = "; ".join(f"{state} {', '.join(services)}" for state, services in by_state.items())
        lines.append(f"msx services ({_services_source(settings)}): {shown}")
        lines += [f"msx service {service} is down: {state.seen}" for service, state in states.items()
                  if state.state == DOWN]
    elif settings.services != AUTO:
        lines.append(f"msx services ({_services_source(settings)}): {settings.services}")
    if side_effects_blocked(settings):
        lines.append(f"msx side effects: tests marked side_effect are skipped ({SIDE_EFFECTS_SKIPPED})")
    return lines


def _services_source(settings: Settings) -> str:
    return f"MSX_SERVICES={settings.services} from {settings.sources.get('services', 'default')}"


def failed_tests_of(path: str) -> set[str]:
    """The node ids an earlier run's summary.json lists as failed; UsageError if it cannot tell."""
    try:
        return set(json.loads(Path(path).read_text(encoding="utf-8"))["failed_tests"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise pytest.UsageError(f"cannot re-run the failed tests of {path!r} ({type(error).__name__}): "
                                "point MSX_RERUN_FAILED at the summary.json of an earlier run") from None


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Service markers; skips for services not run here and blocked side effects; re-run selection."""
    settings = config.stash[SETTINGS]
    if settings.rerun_failed:
        wanted = failed_tests_of(settings.rerun_failed)
        config.hook.pytest_deselected(items=[item for item in items if item.nodeid not in wanted])
        items[:] = [item for item in items if item.nodeid in wanted]
    listed, states = listed_services(settings), config.stash[STATES].read()
    for item in items:
        service = service_of(item.nodeid)
        if service is not None:
            item.add_marker(getattr(pytest.mark, service))
            reason = _skip_reason(service, listed, states.get(service), settings)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))
        if side_effects_blocked(settings) and item.get_closest_marker("side_effect"):
            item.add_marker(pytest.mark.skip(reason=SIDE_EFFECTS_SKIPPED))


def _skip_reason(service: str, listed: list[str] | None, state, settings: Settings) -> str | None:
    if listed is not None and service not in listed:
        return f"MSX service {service} is not in MSX_SERVICES ({settings.services})"
    if listed is None and state is not None and state.state == NOT_DEPLOYED:
        return f"MSX service {service} is not deployed here ({state.seen}; MSX_SERVICES=auto)"
    return None


def pytest_report_collectionfinish(config: pytest.Config, items: list[pytest.Item]) -> list[str]:
    blocked = sum(1 for item in items if item.get_closest_marker("side_effect")) \
        if side_effects_blocked(config.stash[SETTINGS]) else 0
    return [f"msx side effects: {blocked} test(s) skipped: {SIDE_EFFECTS_SKIPPED}"] if blocked else []


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """A test of a service that is down, or listed but not deployed, fails at once with one line."""
    service = service_of(item.nodeid)
    if service is None or item.get_closest_marker("skip"):
        return
    state = item.config.stash[STATES].read().get(service)
    if state is None:
        return
    if state.state == DOWN:
        pytest.fail(f"MSX service {service} is down ({state.seen}): its tests fail without asking it", pytrace=False)
    if state.state == NOT_DEPLOYED and listed_services(item.config.stash[SETTINGS]) is not None:
        pytest.fail(f"MSX service {service} is listed in MSX_SERVICES but not deployed ({state.seen})",
                    pytrace=False)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """A test that failed because its service stopped answering marks the service down for the run."""
    report = yield
    service = service_of(item.nodeid)
    if report.failed and call.when == "call" and call.excinfo is not None and service is not None \
            and item.config.stash[SETTINGS].mode != "replay":
        seen = unanswered(call.excinfo.value)
        if seen is not None:
            item.config.stash[STATES].mark_down(service, f"{seen}, first in {item.nodeid}")
    return report
