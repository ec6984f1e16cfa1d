"""Sweeping in a run: stale leftovers of dead runs go before the first test, the run's own at its end."""

import os
import shutil

import pytest
from python_msx_sdk.model.tenant_create import TenantCreate

from msxsuite.cleanup.ledger import LEDGER_DIR, Ledger
from msxsuite.recording import SESSION_CASSETTE
from msxsuite.tests.conftest import ROOT
from msxsuite.tests.emulated import authorized_apis, msx_environment
from msxsuite.tests.test_cleanup_ledger import dead_pid

# A test that creates a suite-named tenant behind its tracker's back, as a create whose answer and
# look-up were both lost would.
UNTRACKED_TEST = '''
from python_msx_sdk.api.tenants_api import TenantsApi
from python_msx_sdk.model.tenant_create import TenantCreate


def test_creates_a_tenant_no_tracker_knows(msx_api, unique_name):
    msx_api(TenantsApi).create_tenant(TenantCreate(name=unique_name))
'''


@pytest.fixture
def live_suite(suite, emulator, monkeypatch):
    """The suite's wiring with one untracked create, pointed live at the reset emulator."""
    emulator.reset()
    for name, value in msx_environment(emulator).items():
        monkeypatch.setenv(name, value)
    suite.makepyfile(**{"tests/test_untracked": UNTRACKED_TEST})
    return suite


def plant(emulator, *names):
    with authorized_apis(emulator) as (tenants_api, _, _):
        for name in names:
            tenants_api.create_tenant(TenantCreate(name=name))


def test_live_run_sweeps_dead_runs_first_and_its_own_leftovers_last(live_suite, emulator):
    url = msx_environment(emulator)["MSX_URL"]
    ledgers = live_suite.path / LEDGER_DIR
    Ledger(ledgers, "dead01", url, dead_pid()).record("tenant", "msxt-dead01-killed")
    Ledger(ledgers, "busy01", url, os.getpid()).record("tenant", "msxt-busy01-running")
    plant(emulator, "msxt-dead01-killed", "msxt-busy01-running", "Customer Acme Corp")

    result = live_suite.runpytest("--msx-mode=live", "-p", "no:cacheprovider", "-v")

    result.assert_outcomes(passed=1)
    result.stdout.re_match_lines([
        r"msx sweep: deleted tenant msxt-dead01-killed \(.*\)",
        r".*test_creates_a_tenant_no_tracker_knows PASSED.*",
        r"msx sweep: deleted tenant msxt-[0-9a-f]{6}-creates-a-tenant-no-tracker-knows \(.*\)",
    ])
    assert sorted(emulator.stats()["tenants"]) == ["Customer Acme Corp", "msxt-busy01-running"]
    assert sorted(path.name for path in ledgers.iterdir()) == ["busy01.jsonl"]


def test_replay_sweeps_nothing_and_writes_no_ledger(suite, emulator):
    emulator.reset()
    plant(emulator, "msxt-0ld001-left")
    suite.makepyfile(**{"tests/test_nothing": "def test_nothing():\n    pass\n"})
    (suite.path / SESSION_CASSETTE).parent.mkdir(parents=True)
    shutil.copy(ROOT / SESSION_CASSETTE, suite.path / SESSION_CASSETTE)

    result = suite.runpytest("-p", "no:cacheprovider")

    result.assert_outcomes(passed=1)
    assert "msx sweep" not in result.stdout.str()
    assert emulator.stats()["tenants"] == ["msxt-0ld001-left"]
    assert not (suite.path / LEDGER_DIR).exists()
