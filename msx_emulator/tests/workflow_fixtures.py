"""Fixtures and builders of the workflow service's self-tests (imported by its test modules)."""

from __future__ import annotations

import time

import pytest
from python_msx_sdk.api.workflow_categories_api import WorkflowCategoriesApi
from python_msx_sdk.api.workflow_events_api import WorkflowEventsApi
from python_msx_sdk.api.workflow_instances_api import WorkflowInstancesApi
from python_msx_sdk.api.workflow_schemas_api import WorkflowSchemasApi
from python_msx_sdk.api.workflow_targets_api import WorkflowTargetsApi
from python_msx_sdk.api.workflows_api import WorkflowsApi

STEPS = ("First step", "Second step")
OVER = ("completed", "failed", "canceled")


def workflow_body(name: str = "Health check", steps=STEPS, **workflow) -> dict:
    """The import format of a workflow of core.sleep steps (no sleep_interval: each runs the step time)."""
    actions = [{"name": step, "title": step, "type": "core.sleep", "properties": {}} for step in steps]
    return {"workflow": {"name": name, "actions": actions, **workflow}}


def wait_until_over(instances: WorkflowInstancesApi, instance_id: str, timeout: float = 5.0):
    """The instance once it has ended (polling every 20 ms), else an AssertionError."""
    deadline = time.monotonic() + timeout
    while True:
        instance = instances.get_workflow_instance(instance_id)
        if instance.status["state"] in OVER:
            return instance
        assert time.monotonic() < deadline, f"instance {instance_id} still {instance.status} after {timeout} s"
        time.sleep(0.02)


@pytest.fixture
def emu_workflows(emu_superuser_client):
    """WorkflowsApi as superuser."""
    return WorkflowsApi(emu_superuser_client)


@pytest.fixture
def emu_workflow_instances(emu_superuser_client):
    """WorkflowInstancesApi as superuser."""
    return WorkflowInstancesApi(emu_superuser_client)


@pytest.fixture
def emu_workflow_categories(emu_superuser_client):
    """WorkflowCategoriesApi as superuser."""
    return WorkflowCategoriesApi(emu_superuser_client)


@pytest.fixture
def emu_workflow_events(emu_superuser_client):
    """WorkflowEventsApi as superuser."""
    return WorkflowEventsApi(emu_superuser_client)


@pytest.fixture
def emu_workflow_targets(emu_superuser_client):
    """WorkflowTargetsApi as superuser."""
    return WorkflowTargetsApi(emu_superuser_client)


@pytest.fixture
def emu_workflow_schemas(emu_superuser_client):
    """WorkflowSchemasApi as superuser."""
    return WorkflowSchemasApi(emu_superuser_client)


@pytest.fixture
def emu_workflow_id(emu_workflows):
    """The id of an imported two-step workflow."""
    return emu_workflows.import_workflow(workflow_body()).id
