"""The MSX checklist names a test after each IDM and health operation, and after both switch grants."""

import re
import subprocess
import sys

from msxsuite.tests.conftest import ROOT

OPERATIONS = (
    "getAccessToken", "getRolesList", "getRoleByName",
    "getTenantsPage", "createTenant", "getTenantsList", "getTenant", "updateTenant", "deleteTenant",
    "getTenantByExternalId",
    "getUsersPage", "createUser", "getUser", "updateUser", "deleteUser", "getCurrentUser", "updateUserPassword",
    "getServicesHealthList", "getDevicesHealthList",
)
SWITCH_GRANTS = ("switch_tenant", "switch_user")


def collected_ids() -> list[str]:
    """Node ids of the checklist, as `pytest --collect-only -q` lists them (offline, from cassettes)."""
    run = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "tests"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    return [line for line in run.stdout.splitlines() if "::" in line]


def names(node_id: str, word: str) -> bool:
    """True when the node id holds the word whole (getTenant does not count inside getTenantsPage)."""
    return re.search(rf"(?<![A-Za-z0-9]){re.escape(word)}(?![A-Za-z0-9])", node_id) is not None


def test_every_operation_and_switch_grant_has_a_test_named_after_it():
    ids = collected_ids()
    assert len(ids) > len(OPERATIONS), "\n".join(ids)
    missing = [op for op in OPERATIONS if not any(names(node_id, op) for node_id in ids)]
    missing += [grant for grant in SWITCH_GRANTS if not any(grant in node_id.replace("-", "_") for node_id in ids)]
    assert not missing, f"no test id names: {', '.join(missing)}"
