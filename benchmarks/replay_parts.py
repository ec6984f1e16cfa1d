"""Where a replay of the checklist spends its time: the SDK, vcrpy, and everything else.

Runs the replay in this process (`pytest.main`) with clocks around three things, and prints them as
JSON beside the run's wall time:

- sdk: python-msx-sdk's operations (`ApiClient.call_api`), less the HTTP exchanges inside them;
- http: each HTTP exchange below the SDK's REST client (`PoolManager.urlopen`): urllib3's pool and
  retries, and the pools' playback (msxsuite/pool_playback.py: vcrpy's Cassette matching the request,
  the recorded answer as urllib3's response);
- cassettes: vcrpy loading each test's cassette (`Cassette.load`: the JSON, and the scrubbing hooks);
- rest: the wall time less those three: pytest (collection, fixtures, reports), the suite's plugins and
  fixtures, and the tests' own code.

Only the outermost call of each is timed (a retry inside urlopen is not counted twice). The clocks
add a little to the run; use the timed replay of suite_costs.py for the replay's own figure.

    .venv/bin/python benchmarks/replay_parts.py [pytest arguments, default: tests]
"""

from __future__ import annotations

import functools
import json
import sys
import time
from contextlib import ExitStack

import pytest
import urllib3
from python_msx_sdk.api_client import ApiClient


class Clock:
    """Seconds spent in the outermost calls of the functions it wraps; `inner` clocks are left out."""

    def __init__(self, *inner: "Clock") -> None:
        self.seconds = 0.0
        self.calls = 0
        self._depth = 0
        self._inner = inner

    def wrap(self, function):
        @functools.wraps(function)
        def timed(*args, **kwargs):
            if self._depth:
                return function(*args, **kwargs)
            self._depth += 1
            inner_before = sum(clock.seconds for clock in self._inner)
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                elapsed = time.perf_counter() - started
                self.seconds += elapsed - (sum(clock.seconds for clock in self._inner) - inner_before)
                self.calls += 1
                self._depth -= 1

        return timed


class Clocks:
    """A pytest plugin that wraps the clocks around the SDK, the HTTP exchanges and cassette loading.

    It wraps at configure time: vcrpy must be imported after pytest-recording has marked
    vcr.matchers for assertion rewriting.
    """

    def __init__(self) -> None:
        self.http, self.cassettes = Clock(), Clock()
        self.sdk = Clock(self.http)
        self._undo = ExitStack()

    def pytest_configure(self) -> None:
        from vcr.cassette import Cassette

        for owner, name, clock in ((ApiClient, "call_api", self.sdk), (urllib3.PoolManager, "urlopen", self.http)):
            original = getattr(owner, name)
            setattr(owner, name, clock.wrap(original))
            self._undo.callback(setattr, owner, name, original)
        load = Cassette.__dict__["load"]
        Cassette.load = classmethod(self.cassettes.wrap(load.__func__))
        self._undo.callback(setattr, Cassette, "load", load)

    def pytest_unconfigure(self) -> None:
        self._undo.close()


def replay_parts(args: list[str]) -> dict:
    """The replay's wall time and its parts (seconds, rounded), with pytest's exit code."""
    clocks = Clocks()
    started = time.perf_counter()
    exit_code = pytest.main(args, plugins=[clocks])
    wall = time.perf_counter() - started
    parts = {"sdk": clocks.sdk, "http": clocks.http, "cassettes": clocks.cassettes}
    seconds = {name: round(clock.seconds, 2) for name, clock in parts.items()}
    return {"exit_code": int(exit_code), "wall_seconds": round(wall, 2),
            "seconds": seconds | {"rest": round(wall - sum(clock.seconds for clock in parts.values()), 2)},
            "calls": {name: clock.calls for name, clock in parts.items()}}


if __name__ == "__main__":
    figures = replay_parts(sys.argv[1:] or ["tests"])
    print(json.dumps(figures))
    sys.exit(figures["exit_code"])
