"""What a killed or interrupted live run leaves: SIGKILL leaves a trail the next run sweeps; Ctrl-C cleans itself.

Each test runs the suite live, in a process group of its own, against an emulator in this
process (the run that follows a killed one runs in this process), and prints its figures (run with
-s to see them).
"""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from msxsuite.cleanup.ledger import LEDGER_DIR
from msxsuite.tests.emulated import msx_environment
from msxsuite.tests.run_output import printed

HANGING_TEST = '''
from python_msx_sdk.api.roles_api import RolesApi
import time


def test_creates_a_tenant_a_user_a_site_and_a_device_then_hangs(tenants, users, sites, devices, msx_api,
                                                                unique_name):
    tenant = tenants.create(name=unique_name).resource
    users.create(username=unique_name, first_name="Msx", last_name="Suite", email=f"{unique_name}@example.com",
                 role_ids=[msx_api(RolesApi).get_role_by_name("CONSUMER").id], tenant_ids=[tenant.id],
                 password="Msx-Suite-First-1")
    sites.create(name=unique_name, tenant_id=tenant.id)
    devices.create(name=unique_name, tenant_id=tenant.id, model="c8000v", type="router", onboard_type="manual")
    time.sleep(300)
'''
QUICK_TEST = '''
def test_creates_and_deletes_a_tenant(tenants, unique_name):
    assert tenants.create(name=unique_name).status == 201
'''
WORKERS = [pytest.param("0", id="no-xdist"), pytest.param("2", id="2-workers")]
DEADLINE_SECONDS = 60


@pytest.fixture
def live_suite(suite, emulator, monkeypatch):
    """The suite's wiring with a hanging and a quick test, pointed live at the reset emulator."""
    emulator.reset()
    for name, value in msx_environment(emulator).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("MSX_MODE", "live")
    suite.makepyfile(**{"tests/test_hangs": HANGING_TEST, "tests/test_quick": QUICK_TEST})
    return suite


def start_hanging_run(suite, workers):
    """The hanging test's run, in a process group of its own, taking SIGINT as a terminal's Ctrl-C
    would reach it, even where this process was started with SIGINT ignored (nohup, a background job)."""
    return subprocess.Popen([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-n", workers,
                             "tests/test_hangs.py"], cwd=suite.path, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


MADE = ("tenants", "users", "sites", "devices")


def wait_until_made(emulator, run):
    """Wait until the hanging test has made its tenant, user, site and device."""
    deadline = time.monotonic() + DEADLINE_SECONDS
    while not all(emulator.stats()["left"].get(collection) for collection in MADE):
        assert run.poll() is None, f"the run ended early:\n{run.stdout.read()}"
        assert time.monotonic() < deadline, "the hanging test made nothing in time"
        time.sleep(0.05)


def ledger_lines(suite):
    return [json.loads(line) for path in (suite.path / LEDGER_DIR).glob("*.jsonl")
            for line in path.read_text().splitlines()]


@pytest.mark.parametrize("workers", WORKERS)
def test_the_run_after_a_sigkill_leaves_no_suite_tenant_or_user(live_suite, emulator, workers):
    killed = start_hanging_run(live_suite, workers)
    wait_until_made(emulator, killed)
    os.killpg(killed.pid, signal.SIGKILL)
    killed.communicate(timeout=DEADLINE_SECONDS)
    time.sleep(0.5)  # let an orphaned xdist worker end, if any survived
    left = emulator.stats()["left"]
    trail = ledger_lines(live_suite)

    started = time.monotonic()
    after = live_suite.runpytest("-p", "no:cacheprovider", "-n", workers, "tests/test_quick.py")
    seconds = time.monotonic() - started
    swept = [line for line in after.outlines if line.startswith("msx sweep: deleted")]
    print(f"\nSIGKILL, -n {workers}: left {left}, ledger {len(trail)} line(s); the next run swept {len(swept)} "
          f"and left {emulator.stats()['left']} in {seconds:.1f} s")

    assert killed.returncode == -signal.SIGKILL
    assert set(MADE) <= set(left), "the kill left nothing: it came too late to show anything"
    left_names = {name for names in left.values() for name in names}
    assert {entry["name"] for entry in trail} >= left_names, "the ledger names all"
    assert after.ret == 0, printed(after)
    assert emulator.stats()["left"] == {}
    assert len(swept) == sum(len(names) for names in left.values()), printed(after)
    assert ledger_lines(live_suite) == [], "ledgers of the killed run and of the clean run are gone"


@pytest.mark.parametrize("workers", WORKERS)
def test_ctrl_c_mid_test_removes_what_the_run_made(live_suite, emulator, workers):
    interrupted = start_hanging_run(live_suite, workers)
    wait_until_made(emulator, interrupted)
    made = emulator.stats()["left"]
    started = time.monotonic()
    os.killpg(interrupted.pid, signal.SIGINT)
    output, _ = interrupted.communicate(timeout=DEADLINE_SECONDS)
    seconds = time.monotonic() - started
    print(f"\nCtrl-C, -n {workers}: made {made}, left {emulator.stats()['left']}; "
          f"exit {interrupted.returncode} {seconds:.1f} s after the signal")

    assert interrupted.returncode == pytest.ExitCode.INTERRUPTED, output
    assert emulator.stats()["left"] == {}, output
    assert ledger_lines(live_suite) == [], "the interrupted run ended clean and dropped its ledger"


def test_a_second_live_run_spares_the_fresh_resources_of_a_running_one(live_suite, emulator):
    running = start_hanging_run(live_suite, "0")
    wait_until_made(emulator, running)
    made = emulator.stats()["left"]

    second = live_suite.runpytest("-p", "no:cacheprovider", "tests/test_quick.py")
    spared = emulator.stats()["left"]
    os.killpg(running.pid, signal.SIGINT)
    running.communicate(timeout=DEADLINE_SECONDS)

    assert second.ret == 0, printed(second)
    assert not [line for line in printed(second) if "msx sweep" in line], printed(second)
    assert spared == made
    assert emulator.stats()["left"] == {}
