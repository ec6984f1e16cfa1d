"""Token renewal against a live emulator: tokens that expire mid-run (and mid-test) are renewed, and the run passes."""

import pytest

from msx_emulator.config import ROOT_TENANT_ID
from msxsuite.tests.emulated import msx_environment

PROBE = f"""
from python_msx_sdk.api.tenants_api import TenantsApi
import os
import time

import pytest


def test_reads_for_longer_than_a_token_lives(msx_api):
    deadline = time.monotonic() + float(os.environ["PROBE_READING_SECONDS"])
    while time.monotonic() < deadline:
        assert msx_api(TenantsApi).get_tenant("{ROOT_TENANT_ID}").name == "Emulator Root"


@pytest.mark.parametrize("n", [1, 2, 3])
def test_tenant_round_trip(tenants, msx_api, unique_name, n):
    created = tenants.create(name=unique_name)
    assert msx_api(TenantsApi).get_tenant(created.resource.id).name == unique_name
"""
SHORT_LIFETIME = 3  # renewed 1.4 s after each fetch: within the last fifth of the 2 s it is taken to last


@pytest.fixture
def run_probe(suite, monkeypatch, emulator):
    """Run the probe live with 2 workers against the emulator, 50 ms per request; its password grants."""
    emulator.reset()
    suite.makepyfile(**{"tests/test_probe.py": PROBE})
    for name, value in msx_environment(emulator).items():
        monkeypatch.setenv(name, value)

    def run(token_lifetime_seconds, reading_seconds):
        monkeypatch.setenv("PROBE_READING_SECONDS", str(reading_seconds))
        emulator.set_faults(latency_ms=50, token_lifetime_seconds=token_lifetime_seconds)
        suite.runpytest("--msx-mode=live", "-n", "2").assert_outcomes(passed=4)
        assert emulator.stats()["tenants"] == []
        return emulator.stats()["password_grants"]

    return run


def test_tokens_that_expire_mid_run_are_renewed(run_probe):
    grants = run_probe(token_lifetime_seconds=SHORT_LIFETIME, reading_seconds=2.5)
    assert list(grants) == ["superuser"] and grants["superuser"] > 1


def test_a_token_that_outlives_the_run_is_asked_for_once(run_probe):
    assert run_probe(token_lifetime_seconds=None, reading_seconds=0.5) == {"superuser": 1}
