"""Cassette freshness: recording stamps each cassette; replay shows the oldest age, warns or fails past the limit."""

import json
import re
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from msxsuite.plugins.freshness import Policy, resolve_policy, scan

PROBE = """
from python_msx_sdk.api.users_api import UsersApi
def test_current_user(msx_api):
    assert msx_api(UsersApi).get_current_user().username
"""
PROBE_CASSETTE = Path("cassettes", "test_probe", "test_current_user.json")
TOKEN_CASSETTE = Path("cassettes", "session", "token.json")
STALE_ENV = ("MSX_CASSETTE_MAX_AGE_DAYS", "MSX_CASSETTE_STALE")


@pytest.fixture(autouse=True)
def _no_freshness_environment(monkeypatch):
    """No freshness setting of the caller leaks into a self-test."""
    for name in STALE_ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def _first_recording(tmp_path_factory):
    """Where the module keeps the first recording, so each test need not record again."""
    return tmp_path_factory.mktemp("first-recording") / "cassettes"


@pytest.fixture
def recorded(suite, _first_recording):
    """One probe test recorded against the embedded emulator (copied from the module's first recording)."""
    suite.makepyfile(**{"tests/test_probe.py": PROBE})
    if _first_recording.exists():
        shutil.copytree(_first_recording, suite.path / "cassettes")
    else:
        suite.runpytest("--msx-mode=record", "--msx-url=emulator").assert_outcomes(passed=1)
        shutil.copytree(suite.path / "cassettes", _first_recording)
    return suite


def metadata(path: Path) -> dict:
    return json.loads(path.read_text())["metadata"]


def backdate(path: Path, days: int) -> None:
    """Make a cassette claim it was recorded `days` ago."""
    then = (datetime.now(timezone.utc) - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")
    path.write_text(re.sub(r'"recorded_at": "[^"]*"', f'"recorded_at": "{then}"', path.read_text()))


def test_recording_stamps_every_cassette_with_time_target_and_sdk(suite):
    suite.makepyfile(**{"tests/test_probe.py": PROBE})
    started = datetime.now(timezone.utc).replace(microsecond=0)
    suite.runpytest("--msx-mode=record", "--msx-url=emulator").assert_outcomes(passed=1)
    finished = datetime.now(timezone.utc)
    for cassette in (PROBE_CASSETTE, TOKEN_CASSETTE):
        stamped = metadata(suite.path / cassette)
        recorded_at = datetime.strptime(stamped["recorded_at"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
        assert started <= recorded_at <= finished, stamped
        assert (stamped["target"], stamped["sdk"]) == ("emulator", "1.0.10"), stamped
    assert "127.0.0.1" not in (suite.path / PROBE_CASSETTE).read_text()


def test_replay_header_shows_the_oldest_age_and_stays_quiet_when_fresh(recorded):
    result = recorded.runpytest()
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["msx cassettes: 2 cassette(s), oldest under a day old (cassettes/*, recorded "
                                 "*against emulator, python-msx-sdk 1.0.10); limit 90 days"])
    assert "stale cassettes" not in result.stdout.str()


def test_cassette_older_than_the_limit_warns_in_one_line(recorded):
    backdate(recorded.path / TOKEN_CASSETTE, 120)
    result = recorded.runpytest()
    assert result.ret == pytest.ExitCode.OK
    result.stdout.fnmatch_lines(["msx cassettes: 2 cassette(s), oldest 120 day(s) old (cassettes/session/token.json*"])
    stale = [line for line in result.outlines if "stale cassettes" in line]
    assert stale == ["msx WARNING: stale cassettes: 1 of 2 older than 90 days (oldest cassettes/session/token.json, "
                     "120 day(s) old): re-record them with pytest --msx-mode=record --msx-url=emulator"]


def test_stale_cassette_fails_the_run_when_asked(recorded):
    backdate(recorded.path / PROBE_CASSETTE, 120)
    result = recorded.runpytest("--msx-cassette-stale=fail")
    result.assert_outcomes(passed=1)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["msx FAILED: stale cassettes: 1 of 2 older than 90 days *"])


def test_limit_comes_from_option_then_environment_then_ini(suite, monkeypatch):
    ini = suite.path / "pytest.ini"
    ini.write_text(f"{ini.read_text()}msx_cassette_max_age_days = 10\nmsx_cassette_stale = fail\n")
    assert resolve_policy(suite.parseconfig()) == Policy(10, "fail")
    monkeypatch.setenv("MSX_CASSETTE_MAX_AGE_DAYS", "30")
    assert resolve_policy(suite.parseconfig()) == Policy(30, "fail")
    assert resolve_policy(suite.parseconfig("--msx-cassette-max-age-days=15", "--msx-cassette-stale=warn")) == Policy(
        15, "warn")


def test_limit_from_the_environment_applies_to_the_replay(recorded, monkeypatch):
    backdate(recorded.path / PROBE_CASSETTE, 20)
    monkeypatch.setenv("MSX_CASSETTE_MAX_AGE_DAYS", "15")
    result = recorded.runpytest()
    result.stdout.fnmatch_lines(["*limit 15 days", "msx WARNING: stale cassettes: 1 of 2 older than 15 days *"])


def test_cassette_without_provenance_counts_as_unknown_age_and_warns(recorded):
    path = recorded.path / TOKEN_CASSETTE
    cassette = json.loads(path.read_text())
    del cassette["metadata"]
    path.write_text(json.dumps(cassette, indent=4))
    result = recorded.runpytest()
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["msx cassettes: 2 cassette(s), oldest under a day old (*), 1 of unknown age; *",
                                 "msx WARNING: stale cassettes: 1 of unknown age (e.g. cassettes/session/token.json)*"])


def test_bad_max_age_ends_the_run_with_one_line(suite):
    result = suite.runpytest("--msx-cassette-max-age-days=soon")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert [line for line in result.errlines if line.strip()] == [
        "ERROR: cassette max age 'soon' (--msx-cassette-max-age-days) is not a whole number of days: set it like 90"
    ]


def test_scan_finds_the_oldest_known_cassette(tmp_path):
    now = datetime(2026, 6, 1, tzinfo=timezone.utc)
    for name, stamp in (("old", "2026-01-01T00:00:00Z"), ("new", "2026-05-31T00:00:00Z")):
        (tmp_path / f"{name}.json").write_text(json.dumps({"interactions": [], "metadata": {"recorded_at": stamp}}, indent=4))
    (tmp_path / "bare.json").write_text(json.dumps({"interactions": [], "version": 1}, indent=4))
    found = scan(tmp_path, Policy(max_age_days=90), now)
    assert (found.oldest.path.name, found.oldest_age_days()) == ("old.json", 151.0)
    assert [cassette.path.name for cassette in found.too_old] == ["old.json"]
    assert [cassette.path.name for cassette in found.unknown] == ["bare.json"]
    assert found.stale
