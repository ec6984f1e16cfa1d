"""The run's ledger: a line before each create call, and which runs it shows to be dead."""

import json
import os
import socket
import subprocess
import sys

import pytest

from msxsuite.cleanup.ledger import Ledger, pid_alive, read_trails
from msxsuite.cleanup.tracker import Tracker
from msxsuite.registry import TENANT


def dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_line_is_written_before_the_create_call(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw1")
    ledger = Ledger(tmp_path, "a1b2c3", "https://msx.example.com:8443", run_pid=4242)
    seen_by_create = []

    def create(fields):
        seen_by_create.append(ledger.path.read_text())
        raise ConnectionAbortedError("the run is killed mid-request")

    tracker = Tracker(TENANT, create, delete=None, find=lambda fields: None, ledger=ledger)
    with pytest.raises(ConnectionAbortedError):
        tracker.create(name="msxt-a1b2c3-killed-mid-request")

    entry = json.loads(seen_by_create[0])
    assert entry.pop("time") > 0
    assert entry == {"kind": "tenant", "name": "msxt-a1b2c3-killed-mid-request", "run": "a1b2c3", "worker": "gw1",
                     "pid": os.getpid(), "run_pid": 4242, "host": socket.gethostname(),
                     "url": "https://msx.example.com:8443"}


def test_ledger_is_readable_by_its_owner_only(tmp_path):
    ledger = Ledger(tmp_path, "a1b2c3", "https://msx.example.com", os.getpid())
    ledger.record("tenant", "msxt-a1b2c3-x")
    assert ledger.path.stat().st_mode & 0o777 == 0o600


def test_trails_tell_dead_runs_from_running_ones(tmp_path):
    Ledger(tmp_path, "dead01", "https://msx.example.com", dead_pid()).record("tenant", "msxt-dead01-a")
    Ledger(tmp_path, "live01", "https://msx.example.com", os.getpid()).record("tenant", "msxt-live01-a")
    trails = read_trails(tmp_path)
    assert {tag: trail.dead for tag, trail in trails.items()} == {"dead01": True, "live01": False}


def test_a_run_of_another_host_is_never_taken_for_dead(tmp_path):
    line = {"kind": "tenant", "name": "msxt-far001-a", "run": "far001", "worker": "main", "pid": dead_pid(),
            "run_pid": dead_pid(), "host": "another-ci-runner", "time": 1.0, "url": "https://msx.example.com"}
    (tmp_path / "far001.jsonl").write_text(json.dumps(line) + "\n")
    assert read_trails(tmp_path)["far001"].dead is False


def test_a_line_cut_short_by_a_kill_is_skipped(tmp_path):
    ledger = Ledger(tmp_path, "cut001", "https://msx.example.com", dead_pid())
    ledger.record("tenant", "msxt-cut001-a")
    with ledger.path.open("a") as file:
        file.write('{"kind": "tenant", "name": "msxt-cut0')
    trail = read_trails(tmp_path)["cut001"]
    assert trail.dead and trail.urls == {"https://msx.example.com"}


def test_a_zombie_counts_as_dead():
    zombie = subprocess.Popen([sys.executable, "-c", "pass"])
    try:
        os.waitid(os.P_PID, zombie.pid, os.WEXITED | os.WNOWAIT)  # ended, not yet reaped
        assert not pid_alive(zombie.pid)
    finally:
        zombie.wait()
    assert pid_alive(os.getpid())
