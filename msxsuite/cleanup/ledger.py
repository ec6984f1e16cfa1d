"""The run's ledger: one JSON line per create call, written before the call is made.

A run killed mid-request (even with SIGKILL) leaves its ledger behind; the sweeper reads
it to tell runs whose process is dead from runs still going.
"""

from __future__ import annotations

import json
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path

LEDGER_DIR = ".msx-ledger"


def worker_id() -> str:
    """The pytest-xdist worker this process is, or 'main' without xdist."""
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def pid_alive(pid: int) -> bool:
    """True while a process with that id exists on this host (zombies count as dead)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state != "Z"


@dataclass(frozen=True)
class Ledger:
    """Appends what one run is about to create to `<folder>/<run tag>.jsonl`."""

    folder: Path
    run_tag: str
    url: str
    run_pid: int

    @property
    def path(self) -> Path:
        return Path(self.folder, f"{self.run_tag}.jsonl")

    def record(self, kind: str, name: str | None) -> None:
        """Append one line, in a single write so workers' lines never interleave."""
        entry = {"kind": kind, "name": name, "run": self.run_tag, "worker": worker_id(), "pid": os.getpid(),
                 "run_pid": self.run_pid, "host": socket.gethostname(), "time": time.time(),
                 "url": self.url}  # settings refuse a URL that carries credentials
        self.folder.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(descriptor, (json.dumps(entry) + "\n").encode())
        finally:
            os.close(descriptor)

    def remove(self) -> None:
        """Drop the ledger once nothing of the run is left, and the folder once it holds no ledger."""
        self.path.unlink(missing_ok=True)
        try:
            self.folder.rmdir()
        except OSError:
            pass  # other runs' ledgers are still there


@dataclass(frozen=True)
class RunTrail:
    """What a ledger file says about one run."""

    run_tag: str
    path: Path
    host: str
    run_pid: int
    started: float
    urls: frozenset[str]

    @property
    def dead(self) -> bool:
        """True when the run ran on this host and its process is gone."""
        return self.host == socket.gethostname() and not pid_alive(self.run_pid)


def read_trails(folder: Path) -> dict[str, RunTrail]:
    """The runs with a ledger in the folder, by run tag; unreadable lines are skipped."""
    trails = {}
    for path in sorted(Path(folder).glob("*.jsonl")):
        entries = []
        for line in path.read_text(errors="replace").splitlines():
            try:
                entries.append(json.loads(line))
            except ValueError:
                continue
        entries = [e for e in entries if isinstance(e, dict) and {"run", "host", "run_pid", "time"} <= e.keys()]
        if entries:
            first = entries[0]
            trails[first["run"]] = RunTrail(first["run"], path, first["host"], int(first["run_pid"]),
                                            min(e["time"] for e in entries), frozenset(e.get("url", "") for e in entries))
    return trails
