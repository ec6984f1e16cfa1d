"""The permission matrix: probes that can change nothing, the permissions the contract names, the matrix in JSON
and HTML, a baseline recorded against the emulator and the one drift a granted permission makes, and cleanup
of the matrix's tenant and user after a SIGKILL."""

import dataclasses
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from msx_emulator import DEFAULT_CONFIG, running_emulator
from msx_emulator.config import VIEW_COSTS
from msx_emulator.operations import operation_table
from msxsuite.cleanup.ledger import LEDGER_DIR
from msxsuite.coverage import coverage
from msxsuite.permission_matrix import (
    SIDE_EFFECT, UNKNOWN_ID, drift, needed_permissions, probe, probes, violations,
)
from msxsuite.tests.conftest import ROOT
from msxsuite.tests.emulated import msx_environment
from msxsuite.tests.run_output import failure_section

MATRIX_FILES = ("tests/__init__.py", "tests/idm/__init__.py", "tests/idm/test_permission_matrix.py")
TENANT_ID = "6d6e8a2c-4f43-4c4c-9c51-0b2f7d8c1a02"
DEADLINE_SECONDS = 60


def test_probes_name_unknown_ids_and_bodies_of_the_wrong_type():
    by_id = {p.operation_id: p for p in probes(TENANT_ID)}
    assert len(by_id) == len(operation_table()) - 1, "every operation but the token one"
    assert by_id["deleteTenant"].path == f"/idm/api/v8/tenants/{UNKNOWN_ID}"
    assert by_id["createTenant"].body == [] and by_id["updateProductAssignments"].body == {}
    assert dict(by_id["getCostSummary"].query) == {"tenantId": TENANT_ID}
    assert dict(by_id["getUsersPage"].query) == {"page": 0, "pageSize": 1}
    assert sorted(p.operation_id for p in by_id.values() if p.could_act) == [
        "scanDeviceTemplateParameters", "validateProductVersion"]
    assert probe(operation_table()["getRoleByName"], TENANT_ID).path == "/idm/api/v8/roles/name/msx-matrix-probe-name"


def test_the_permissions_the_contract_names_come_from_the_sdk():
    needed = needed_permissions()
    assert (needed["getEventsPage"], needed["getCostSummary"], needed["updatePrice"]) == (
        "VIEW_EVENTS", "VIEW_COSTS", "MANAGE_PRICES")
    assert needed["createGenericEvent"] == "CREATE_AUDIT_GENERIC_EVENT_PERMISSION"
    assert {operation_table()[op].path.split("/")[1] for op in needed} == {"billing", "auditing"}


def test_a_role_allowed_without_the_named_permission_is_a_violation():
    outcomes = {"getEvent": "allowed 404", "getPrice": "refused 403", "getCostSummary": "not tried: side effect"}
    assert violations("CONSUMER", ["VIEW_PRICES"], outcomes) == [
        "CONSUMER was allowed getEvent (allowed 404) although it lacks VIEW_EVENTS, which the contract says the "
        "operation needs"]
    assert violations("SUPERUSER", [], outcomes) == []


def test_drift_is_a_change_between_allowed_and_refused():
    baseline = {"deleteTenant": "refused 403", "getSitesPage": "allowed 200", "getUser": "allowed 404",
                "validateProductVersion": SIDE_EFFECT, "getEvent": "error 500"}
    now = {"deleteTenant": "allowed 404", "getSitesPage": "refused 403", "getUser": "allowed 400",
           "validateProductVersion": "allowed 400", "getEvent": "refused 403", "getTenant": "allowed 404"}
    assert drift("OPERATOR", baseline, now) == ["OPERATOR may now deleteTenant (was refused 403)",
                                                "OPERATOR may no longer getSitesPage (now refused 403)"]


@pytest.fixture
def matrix_suite(suite, monkeypatch):
    """The suite's wiring and its permission matrix module, trying the CONSUMER role only."""
    for name in MATRIX_FILES:
        (suite.path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, suite.path / name)
    monkeypatch.setenv("MSX_MATRIX_ROLES", "CONSUMER")
    return suite


def _point_at(monkeypatch, emulator):
    for name, value in msx_environment(emulator).items():
        monkeypatch.setenv(name, value)


def test_a_baseline_then_a_granted_permission_reports_exactly_that_drift(matrix_suite, monkeypatch, emulator):
    emulator.reset()
    _point_at(monkeypatch, emulator)
    baseline = matrix_suite.path / "baseline.json"
    recorded = matrix_suite.runpytest("--msx-mode=live", f"--msx-record-permission-baseline={baseline}",
                                                 "--html=reports/report.html")
    recorded.assert_outcomes(passed=1)
    consumer = json.loads(baseline.read_text())["roles"]["CONSUMER"]
    assert (consumer["operations"]["getCostSummary"], consumer["operations"]["deleteTenant"]) == (
        "refused 403", "refused 403")
    assert consumer["operations"]["validateProductVersion"] == SIDE_EFFECT, "a live run that did not allow them"
    assert VIEW_COSTS not in consumer["permissions"]
    assert json.loads((matrix_suite.path / "reports/permission-matrix.json").read_text())["roles"].keys() == {"CONSUMER"}
    assert 'id="msx-permission-matrix"' in (matrix_suite.path / "reports/report.html").read_text()
    assert emulator.stats()["left"] == {}

    roles = tuple(dataclasses.replace(role, permissions=role.permissions + (VIEW_COSTS,)) if role.name == "CONSUMER"
                  else role for role in DEFAULT_CONFIG.roles)
    with running_emulator(dataclasses.replace(DEFAULT_CONFIG, roles=roles)) as granted:
        _point_at(monkeypatch, granted)
        compared = matrix_suite.runpytest("--msx-mode=live", f"--msx-permission-baseline={baseline}")
        left = granted.stats()["left"]
    compared.assert_outcomes(failed=1)
    assert failure_section(compared, "test_role_tries_every_operation[CONSUMER]") == [
        "CONSUMER may now getCostSummary (was refused 403)"]
    assert left == {}


def test_the_run_after_a_sigkill_sweeps_the_matrix_tenant_and_user(matrix_suite, monkeypatch, emulator):
    emulator.reset()
    _point_at(monkeypatch, emulator)
    monkeypatch.setenv("MSX_MODE", "live")
    emulator.set_faults(latency_ms=30)  # the probes take seconds: time to kill the run mid-matrix
    try:
        killed = subprocess.Popen([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "tests"],
                                  cwd=matrix_suite.path, start_new_session=True, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + DEADLINE_SECONDS
        while not (emulator.stats()["tenants"] and emulator.stats()["users"]):
            assert killed.poll() is None and time.monotonic() < deadline, "the matrix made nothing in time"
            time.sleep(0.05)
        os.killpg(killed.pid, signal.SIGKILL)
        killed.communicate(timeout=DEADLINE_SECONDS)
    finally:
        emulator.set_faults()
    left = emulator.stats()
    trail = {json.loads(line)["name"] for path in (matrix_suite.path / LEDGER_DIR).glob("*.jsonl")
             for line in path.read_text().splitlines()}

    after = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "tests"],
                           cwd=matrix_suite.path, capture_output=True, text=True, timeout=DEADLINE_SECONDS)

    assert left["tenants"] and left["users"], "the kill came too late to leave anything"
    assert trail >= set(left["tenants"] + left["users"]), "the ledger names what the killed run made"
    assert after.returncode == 0, after.stdout + after.stderr
    assert sum(line.startswith("msx sweep: deleted") for line in after.stdout.splitlines()) == 2, after.stdout
    assert emulator.stats()["left"] == {}


def test_coverage_takes_nothing_from_the_matrix_cassettes(official_contract):
    by_id = {operation.operation_id: operation for operation in coverage(official_contract, ROOT)}
    matrix = "tests/idm/test_permission_matrix.py"
    assert not any(node.startswith(matrix) for operation in by_id.values()
                   for node in operation.passed_by | set().union(*operation.refused_by.values()))
