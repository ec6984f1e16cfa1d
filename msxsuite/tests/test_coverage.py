"""Coverage from the contract: every operation of a service with a folder in tests/ is tested and named."""

import re
import subprocess
import sys

from msxsuite.coverage import Operation, Router, checked_services, coverage, gaps, read_reasons
from msxsuite.tests.conftest import ROOT

SWITCH_GRANTS = ("switch_tenant", "switch_user")


def collected_ids() -> list[str]:
    """Node ids of the checklist, as `pytest --collect-only -q` lists them."""
    run = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "tests"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    return [line for line in run.stdout.splitlines() if "::" in line]


def names(node_id: str, word: str) -> bool:
    """True when the node id holds the word whole (getTenant does not count inside getTenantsPage)."""
    return re.search(rf"(?<![A-Za-z0-9]){re.escape(word)}(?![A-Za-z0-9])", node_id) is not None


def test_every_operation_of_a_tested_service_has_a_success_and_each_refusal_a_test_or_reason(official_contract):
    services = checked_services(ROOT)
    assert {"idm", "monitor"} <= set(services)
    assert gaps(coverage(official_contract, ROOT), services) == []


def test_every_operation_of_a_tested_service_and_both_switch_grants_are_named_in_node_ids(official_contract):
    services = checked_services(ROOT)
    ids = collected_ids()
    missing = [op.operation_id for op in coverage(official_contract, ROOT)
               if op.service in services and not any(names(node_id, op.operation_id) for node_id in ids)]
    missing += [grant for grant in SWITCH_GRANTS if not any(grant in node_id.replace("-", "_") for node_id in ids)]
    assert not missing, f"no test id names: {', '.join(missing)}"


def test_a_missing_test_is_a_gap():
    untested = Operation("getThing", "idm", "GET", "/idm/api/v8/things/{id}", ("401", "404", "500"))
    untested.refused_by["401"].add("tests/idm/test_things.py::test_x")
    read_reasons([untested], ROOT / "nowhere")
    assert gaps([untested], ["idm"]) == ["idm getThing: no test gets a success answer",
                                        "idm getThing: no test or reason for 404"]
    assert gaps([untested], ["manage"]) == []


def test_literal_path_segments_win_over_parameters():
    by_id = Operation("getTenant", "idm", "GET", "/idm/api/v8/tenants/{id}", ())
    listing = Operation("getTenantsList", "idm", "GET", "/idm/api/v8/tenants/list", ())
    router = Router([by_id, listing])
    assert router.find("GET", "https://msx.invalid/idm/api/v8/tenants/list?ids=x") is listing
    assert router.find("GET", "https://msx.invalid/idm/api/v8/tenants/5f0c3e52") is by_id
    assert router.find("DELETE", "https://msx.invalid/idm/api/v8/tenants/list") is None
