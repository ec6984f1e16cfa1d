"""A started workflow as a small state machine, evaluated when read: no thread runs it.

A run is its start time, each step's duration, the step the fault knob makes fail (if any) and the
time it was canceled (if it was). Reading it at a moment tells each step's state and the run's:
steps run one after the other; a failing step fails the run when its time is up; a cancel stops
the step that is running. States: created (not reached), running, completed, failed, canceled.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

RUNNING, COMPLETED, FAILED, CANCELED, CREATED = "running", "completed", "failed", "canceled", "created"
SLEEP_ACTIVITY = "core.sleep"


def iso(moment: float) -> str:
    """An epoch time as the contract's footer stamps: ISO-8601 UTC with milliseconds and Z."""
    stamp = datetime.fromtimestamp(moment, timezone.utc)
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.") + f"{stamp.microsecond // 1000:03d}Z"


def step_seconds(action: dict[str, Any], step_ms: int) -> float:
    """How long a step runs: the emulator's step time, and a core.sleep step at least its sleep_interval."""
    seconds = step_ms / 1000
    interval = (action.get("properties") or {}).get("sleep_interval")
    if action.get("type") == SLEEP_ACTIVITY and isinstance(interval, (int, float)) and not isinstance(interval, bool):
        seconds = max(seconds, float(interval))
    return seconds


def new_run(actions: list[dict[str, Any]], step_ms: int, failing_step: str | None, sync: bool) -> dict[str, Any]:
    """A run starting now; a sync run has its steps take no time, so that it has ended when answered."""
    failing = next((index for index, action in enumerate(actions) if action.get("name") == failing_step), None)
    return {"started": time.time(), "durations": [0.0 if sync else step_seconds(a, step_ms) for a in actions],
            "failing": failing, "canceled": None}


@dataclass(frozen=True)
class Step:
    """One step's state at the moment asked; its times are epoch seconds (None: not yet)."""

    state: str
    started: float | None = None
    ended: float | None = None


@dataclass(frozen=True)
class Progress:
    """The run's state at the moment asked, with each step's."""

    state: str
    steps: list[Step]
    ended: float | None

    @property
    def over(self) -> bool:
        return self.state != RUNNING


def progress(run: dict[str, Any], now: float | None = None) -> Progress:
    """Where the run is at `now` (default: the current time), or where its cancel stopped it."""
    limit = run["canceled"] if run["canceled"] is not None else (time.time() if now is None else now)
    steps: list[Step] = []
    moment = run["started"]
    for index, duration in enumerate(run["durations"]):
        end = moment + duration
        if end > limit:
            if run["canceled"] is not None:
                steps.append(Step(CANCELED, moment, limit))
                return _rest(steps, run, CANCELED, limit)
            steps.append(Step(RUNNING, moment))
            return _rest(steps, run, RUNNING, None)
        if index == run["failing"]:
            steps.append(Step(FAILED, moment, end))
            return _rest(steps, run, FAILED, end)
        steps.append(Step(COMPLETED, moment, end))
        moment = end
    return Progress(COMPLETED, steps, moment)


def _rest(steps: list[Step], run: dict[str, Any], state: str, ended: float | None) -> Progress:
    steps += [Step(CREATED)] * (len(run["durations"]) - len(steps))
    return Progress(state, steps, ended)
