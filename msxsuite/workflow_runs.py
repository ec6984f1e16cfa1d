"""Following a started workflow's instance until it ends, and failing in one line when it does not complete.

The instance is read every `workflow_poll_interval` seconds for at most `workflow_timeout` seconds (suite
settings). Replay does not wait between reads: the cassette answers them in the order they were recorded.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import pytest
from python_msx_sdk.api.workflow_instances_api import WorkflowInstancesApi

RUNNING = ("created", "running")
COMPLETED = "completed"


@dataclass(frozen=True)
class InstanceFollower:
    """Follows started instances with the run's poll interval and timeout."""

    api: WorkflowInstancesApi
    poll_interval: float
    timeout: float
    replaying: bool

    def until_over(self, workflow_name: str, instance_id: str):
        """The instance once it has ended; a one-line failure when it runs past the timeout."""
        deadline = time.monotonic() + self.timeout
        while True:
            instance = self.api.get_workflow_instance(instance_id)
            state = instance.status.get("state")
            if state not in RUNNING:
                return instance
            if time.monotonic() >= deadline:
                pytest.fail(f"workflow {workflow_name}: instance {instance_id} still {state} after "
                            f"{self.timeout:g} s (MSX_WORKFLOW_TIMEOUT)", pytrace=False)
            if not self.replaying:
                time.sleep(self.poll_interval)

    def until_completed(self, workflow_name: str, instance_id: str):
        """The completed instance; a one-line failure naming the step that failed (or stopped) it otherwise."""
        instance = self.until_over(workflow_name, instance_id)
        state = instance.status.get("state")
        if state != COMPLETED:
            stopped = next((action for action in instance.actions or ()
                            if (action.status or {}).get("state") not in (COMPLETED, "created")), None)
            pytest.fail(f"workflow {workflow_name}: instance {instance_id} {state}{_at(stopped)}", pytrace=False)
        return instance


def _at(action) -> str:
    if action is None:
        return ""
    error = (action.output or {}).get("error") or {}
    # Kept on one line: a real MSX's messages may carry a whole HTML page.
    detail = f": {' '.join(str(error['message']).split())}" if error.get("message") else ""
    return f" at step {action.name!r} (action {action.id}){detail}"
