"""pytest hooks for cassette freshness: on replay, show the oldest cassette's age and warn (or fail,
when asked) when any is older than the limit or of unknown age. The checklist's `vcr` fixture stamps
each cassette it records (msxsuite.provenance.stamp).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pytest

from msxsuite import provenance, recording
from msxsuite.services import CHECKLIST
from msxsuite.run_scope import is_worker
from msxsuite.provenance import Provenance
from msxsuite.settings import Spec, lookup
from msxsuite.stash import SETTINGS

DEFAULT_MAX_AGE_DAYS = 90
STALE_ACTIONS = ("warn", "fail")
MAX_AGE = Spec("cassette_max_age_days", "oldest cassette age a replay accepts, in days",
               "--msx-cassette-max-age-days", "MSX_CASSETTE_MAX_AGE_DAYS", "msx_cassette_max_age_days")
ON_STALE = Spec("cassette_stale", "warn or fail when a replayed cassette is too old",
                "--msx-cassette-stale", "MSX_CASSETTE_STALE", "msx_cassette_stale")


@dataclass(frozen=True)
class Policy:
    """How old a replayed cassette may be, and what happens past that."""

    max_age_days: int = DEFAULT_MAX_AGE_DAYS
    on_stale: str = "warn"


@dataclass(frozen=True)
class Freshness:
    """The ages of the cassettes a replay reads."""

    cassettes: tuple[Provenance, ...]
    now: datetime
    policy: Policy

    @property
    def oldest(self) -> Provenance | None:
        """The oldest cassette of known age."""
        known = [cassette for cassette in self.cassettes if cassette.recorded_at is not None]
        return min(known, key=lambda cassette: cassette.recorded_at, default=None)

    @property
    def unknown(self) -> list[Provenance]:
        """Cassettes that do not say when they were recorded."""
        return [cassette for cassette in self.cassettes if cassette.recorded_at is None]

    @property
    def too_old(self) -> list[Provenance]:
        """Cassettes older than the limit."""
        limit = self.policy.max_age_days
        return [cassette for cassette in self.cassettes if (cassette.age_days(self.now) or 0) > limit]

    @property
    def stale(self) -> bool:
        """True when a cassette is too old or of unknown age."""
        return bool(self.too_old or self.unknown)

    def oldest_age_days(self) -> float | None:
        """The oldest known cassette's age in days."""
        return None if self.oldest is None else round(self.oldest.age_days(self.now), 1)

    def describe(self, rootpath: Path) -> str:
        """One line for the report header: count, oldest, limit."""
        oldest = self.oldest
        text = f"{len(self.cassettes)} cassette(s)"
        if oldest is not None:
            text += (f", oldest {_days(oldest.age_days(self.now))} ({_relative(oldest.path, rootpath)}, recorded "
                     f"{oldest.recorded_at:%Y-%m-%d} against {oldest.target}, python-msx-sdk {oldest.sdk})")
        if self.unknown:
            text += f", {len(self.unknown)} of unknown age"
        return f"{text}; limit {self.policy.max_age_days} days"

    def problem(self, rootpath: Path) -> str:
        """One line saying which cassettes are stale and how to refresh them."""
        parts = []
        if self.too_old:
            worst = min(self.too_old, key=lambda cassette: cassette.recorded_at)
            parts.append(f"{len(self.too_old)} of {len(self.cassettes)} older than {self.policy.max_age_days} days "
                         f"(oldest {_relative(worst.path, rootpath)}, {_days(worst.age_days(self.now))})")
        if self.unknown:
            parts.append(f"{len(self.unknown)} of unknown age (e.g. {_relative(self.unknown[0].path, rootpath)})")
        return f"stale cassettes: {'; '.join(parts)}: re-record them with {recording.RECORD_HINT}"

    def as_dict(self, rootpath: Path) -> dict:
        """Plain figures for the run summary."""
        oldest = self.oldest
        return {
            "count": len(self.cassettes),
            "oldest_age_days": self.oldest_age_days(),
            "oldest": None if oldest is None else _relative(oldest.path, rootpath),
            "recorded_against": sorted({cassette.target for cassette in self.cassettes if cassette.target}),
            "sdk_versions": sorted({cassette.sdk for cassette in self.cassettes if cassette.sdk}),
            "unknown_age": len(self.unknown),
            "older_than_limit": len(self.too_old),
            "max_age_days": self.policy.max_age_days,
            "stale": self.stale,
        }


FRESHNESS = pytest.StashKey[Freshness | None]()
POLICY = pytest.StashKey[Policy]()


def scan(directory: Path, policy: Policy, now: datetime | None = None) -> Freshness:
    """The provenance of every cassette under a directory."""
    cassettes = tuple(provenance.read(path) for path in sorted(directory.rglob(f"*{recording.SUFFIX}")))
    return Freshness(cassettes, now or datetime.now(timezone.utc), policy)


def _days(age: float) -> str:
    return "under a day old" if age < 1 else f"{age:.0f} day(s) old"


def _relative(path: Path, rootpath: Path) -> str:
    return os.path.relpath(path, rootpath)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("msx")
    group.addoption("--msx-cassette-max-age-days", dest="msx_cassette_max_age_days", default=None,
                    help=f"oldest cassette age a replay accepts, in days (default {DEFAULT_MAX_AGE_DAYS}) "
                         "[MSX_CASSETTE_MAX_AGE_DAYS]")
    group.addoption("--msx-cassette-stale", dest="msx_cassette_stale", default=None, choices=STALE_ACTIONS,
                    help="warn (default) or fail when a replayed cassette is too old or of unknown age "
                         "[MSX_CASSETTE_STALE]")
    for spec in (MAX_AGE, ON_STALE):
        parser.addini(spec.ini, spec.help, default=None)


def resolve_policy(config: pytest.Config) -> Policy:
    """The freshness policy of the run; raise UsageError saying what to fix."""
    policy = Policy()
    found = lookup(config, MAX_AGE)
    if found is not None:
        value, source = str(found[0]), found[1]
        if not value.strip().isdigit():
            raise pytest.UsageError(f"cassette max age {value!r} ({source}) is not a whole number of days: "
                                    f"set it like {DEFAULT_MAX_AGE_DAYS}")
        policy = Policy(int(value), policy.on_stale)
    found = lookup(config, ON_STALE)
    if found is not None:
        value, source = str(found[0]), found[1]
        if value not in STALE_ACTIONS:
            raise pytest.UsageError(f"stale-cassette action {value!r} ({source}) is unknown: use warn or fail")
        policy = Policy(policy.max_age_days, value)
    return policy


def pytest_cmdline_main(config: pytest.Config) -> None:
    """Check the freshness settings first, where a UsageError ends the run with one line."""
    if not is_worker(config):
        config.stash[POLICY] = resolve_policy(config)


def freshness(config: pytest.Config) -> Freshness | None:
    """This replay's cassette ages (None unless the controller replays cassettes)."""
    if FRESHNESS not in config.stash:
        settings = config.stash.get(SETTINGS, None)
        directory = config.rootpath / recording.CASSETTES
        replaying = settings is not None and settings.mode == "replay" and POLICY in config.stash
        config.stash[FRESHNESS] = scan(directory, config.stash[POLICY]) if replaying and directory.is_dir() else None
    return config.stash[FRESHNESS]


def pytest_configure(config: pytest.Config) -> None:
    if not is_worker(config):
        config.pluginmanager.register(StaleCheck(config), "msx-stale-check")


def pytest_sessionstart(session: pytest.Session) -> None:
    """Show the oldest cassette's age in pytest-html's environment table."""
    found = freshness(session.config)
    if found is None:
        return
    try:
        from pytest_metadata.plugin import metadata_key
    except ImportError:
        return
    session.config.stash[metadata_key]["MSX cassettes"] = found.describe(session.config.rootpath)


def pytest_report_header(config: pytest.Config) -> list[str]:
    found = freshness(config)
    return [] if found is None else [f"msx cassettes: {found.describe(config.rootpath)}"]


class StaleCheck:
    """Warns, or fails the run, when the replayed checklist used stale cassettes."""

    def __init__(self, config: pytest.Config):
        self.config = config
        self.replayed_checklist = False

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.replayed_checklist |= report.nodeid.startswith(f"{CHECKLIST}/")

    def stale(self) -> Freshness | None:
        """The cassette ages, when they are stale and the checklist ran on them."""
        found = freshness(self.config)
        return found if found is not None and found.stale and self.replayed_checklist else None

    def pytest_terminal_summary(self, terminalreporter) -> None:
        """Say in one line which cassettes are stale."""
        found = self.stale()
        if found is not None:
            action = "FAILED" if found.policy.on_stale == "fail" else "WARNING"
            terminalreporter.write_line(f"msx {action}: {found.problem(self.config.rootpath)}", yellow=True, bold=True)

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        """Fail an otherwise green replay of stale cassettes when asked (--msx-cassette-stale=fail)."""
        found = self.stale()
        if found is not None and found.policy.on_stale == "fail" and session.exitstatus == 0:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
