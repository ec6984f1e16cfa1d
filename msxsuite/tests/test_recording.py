"""Record against the emulator, then replay offline: no secret on disk, same names, clear misses."""

import re

import pytest

PROBE = """
from python_msx_sdk.api.tenants_api import TenantsApi
import pytest

@pytest.mark.parametrize("n", [1, 2])
def test_tenant_round_trip(tenants, msx_api, unique_name, n):
    created = tenants.create(name=unique_name)
    assert created.resource.name == unique_name
    assert msx_api(TenantsApi).get_tenant(created.resource.id).name == unique_name
"""
REACH = """
import socket
import pytest

def test_reach_a_host(request):
    if request.config.getoption("record_mode") == "none":
        with socket.socket() as sock, pytest.raises(RuntimeError, match="Network is disabled for host '192.0.2.1'"):
            sock.connect(("192.0.2.1", 80))
"""
CREDENTIALS = ("emulator-client-secret", "Emulator-Superuser-1", "username=superuser", '"username": "superuser"',
               "msx-suite")
TOKEN_SHAPES = re.compile(r"eyJ[\w-]{8,}\.|Basic [A-Za-z0-9+/]{12,}|Bearer [\w.-]{20,}")


@pytest.fixture
def recorded(suite):
    """The probe tests recorded against the embedded emulator."""
    suite.makepyfile(**{"tests/test_probe.py": PROBE})
    result = suite.runpytest("--msx-mode=record", "--msx-url=emulator")
    result.assert_outcomes(passed=2)
    return suite


def cassette_text(suite) -> str:
    return "".join(path.read_text() for path in sorted((suite.path / "cassettes").rglob("*.json")))


def test_recorded_cassettes_hold_no_credentials_or_tokens(recorded):
    text = cassette_text(recorded)
    assert "/idm/v2/token" in text and "/idm/api/v8/tenants" in text
    for credential in CREDENTIALS:
        assert credential not in text
    assert not TOKEN_SHAPES.search(text)
    assert "127.0.0.1" not in text


def test_replay_passes_offline_with_recorded_names(recorded):
    tags = set(re.findall(r"msxt-([0-9a-f]{6})-", cassette_text(recorded)))
    assert len(tags) == 1, "one run tag per recording run"
    result = recorded.runpytest("-n", "2", "--block-network")
    result.assert_outcomes(passed=2)


def test_replayed_checklist_tests_cannot_reach_the_network(suite):
    suite.makepyfile(**{"tests/test_probe.py": PROBE, "tests/test_reach.py": REACH})
    suite.runpytest("--msx-mode=record", "--msx-url=emulator").assert_outcomes(passed=3)
    suite.runpytest().assert_outcomes(passed=3)


def test_each_recording_run_draws_a_new_run_tag(recorded):
    first = set(re.findall(r"msxt-([0-9a-f]{6})-", cassette_text(recorded)))
    recorded.runpytest("--msx-mode=record", "--msx-url=emulator").assert_outcomes(passed=2)
    second = set(re.findall(r"msxt-([0-9a-f]{6})-", cassette_text(recorded)))
    assert first != second


def test_missing_cassette_fails_with_one_line(recorded):
    (recorded.path / "cassettes" / "test_probe" / "test_tenant_round_trip[2].json").unlink()
    result = recorded.runpytest()
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines([
        "missing cassette cassettes/test_probe/test_tenant_round_trip[[]2[]].json: record it with "
        "pytest --msx-mode=record --msx-url=emulator 'tests/test_probe.py::test_tenant_round_trip[[]2[]]'",
    ])


def test_missing_token_cassette_stops_the_run_with_one_line(suite):
    suite.makepyfile(**{"tests/test_probe.py": PROBE})
    result = suite.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert [line for line in result.errlines if line.strip()] == [
        "ERROR: missing cassette cassettes/session/token.json: record it with "
        "pytest --msx-mode=record --msx-url=emulator"
    ]


@pytest.mark.parametrize("workers", ["0", "2"])
def test_one_token_request_and_nothing_left_behind_at_any_worker_count(suite, workers):
    suite.makepyfile(**{"tests/test_probe.py": PROBE})
    result = suite.runpytest("--msx-mode=emulator", "-n", workers)
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines([
        "msx emulator: 1 token(s) for the suite; 1 password grant(s) for the suite user superuser and "
        "1 token request(s) in all, * nothing left behind",
    ])
