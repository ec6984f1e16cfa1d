"""The run summary: JSON beside the reports, per-service counts, tokens, tallies summed over workers, HTML."""

import json
from pathlib import Path

import pytest

from msxsuite.plugins.run_summary import summary_path
from msxsuite.sdk_source import sdk_source
from msxsuite.services import service_of

TENANTS_PROBE = """
from python_msx_sdk.api.tenants_api import TenantsApi
import pytest
from msxsuite.counters import TALLY

@pytest.mark.parametrize("n", range(6))
def test_tenants_page(msx_api, n):
    TALLY["cleaned"] += 1
    assert msx_api(TenantsApi).get_tenants_page(page=0, page_size=1).contents
"""
HEALTH_PROBE = """
from python_msx_sdk.api.health_api import HealthApi
from msxsuite.counters import TALLY

def test_health_that_fails(msx_api):
    TALLY["leaked"] += 1
    assert msx_api(HealthApi).get_services_health_list(ids=["idm"]) == []
"""


@pytest.fixture
def probes(suite):
    """Checklist probes for two services: six IDM tests that pass, one monitor test that fails."""
    suite.makepyfile(**{"tests/idm/test_tenants.py": TENANTS_PROBE, "tests/monitor/test_health.py": HEALTH_PROBE})
    return suite


def read_summary(suite, path="reports/summary.json") -> dict:
    return json.loads((suite.path / path).read_text())


@pytest.mark.parametrize("workers", ["0", "2"])
def test_summary_counts_services_tokens_and_tallies_of_every_worker(probes, workers):
    result = probes.runpytest("--msx-mode=emulator", "-n", workers, "--junitxml=reports/junit.xml")
    result.assert_outcomes(passed=6, failed=1)
    result.stdout.fnmatch_lines(["msx summary: reports/summary.json"])
    summary = read_summary(probes)
    counted = {name: {key: figures[key] for key in ("verdict", "passed", "failed", "skipped")}
               for name, figures in summary["services"].items() if name in ("idm", "monitor")}
    assert counted == {"idm": {"verdict": "passed", "passed": 6, "failed": 0, "skipped": 0},
                       "monitor": {"verdict": "failed", "passed": 0, "failed": 1, "skipped": 0}}
    assert summary["environment"] == "failed"
    assert summary["failed_tests"] == ["tests/monitor/test_health.py::test_health_that_fails"]
    assert {figures["verdict"] for name, figures in summary["services"].items()
            if name not in ("idm", "monitor")} == {"skipped"}, "asked, deployed, but no test of theirs ran"
    assert len(summary["peak_memory_mb"]["workers"]) == int(workers)
    assert summary["tokens"] == {"source": "embedded emulator", "suite_token_fetches": 1,
                                 "suite_password_grants": 1, "token_requests": 1}
    assert (summary["cleaned"], summary["leaked"], summary["retries"]) == (6, 1, 0)
    assert (summary["mode"], summary["target"], summary["sdk"], summary["cassettes"]) == ("live", "emulator",
                                                                                          "1.0.10", None)
    assert (summary["outcome"], summary["exit_status"]) == ("failed", 1)


def test_html_report_shows_the_figures_and_the_summary_goes_where_asked(probes):
    result = probes.runpytest("--msx-mode=emulator", "--html=reports/report.html",
                                         "--msx-summary=out/run.json")
    result.assert_outcomes(passed=6, failed=1)
    assert not (probes.path / "reports" / "summary.json").exists()
    assert read_summary(probes, "out/run.json")["tests"] == {"passed": 6, "failed": 1, "skipped": 0}
    page = (probes.path / "reports" / "report.html").read_text()
    assert f"<p>MSX target: emulator (mode live), python-msx-sdk 1.0.10 ({sdk_source()})</p>" in page
    assert "Cleaned: 6. Leaked: 1." in page
    assert "MSX environment: FAILED" in page
    assert '<td style="padding:.2em .8em">idm</td><td style="padding:.2em .8em;color:#fff;background:#1b7f3b">' \
           'passed</td><td style="padding:.2em .8em">6</td>' in page


def test_replay_summary_reports_the_cassettes_and_what_the_token_store_fetched(probes):
    probes.runpytest("--msx-mode=record", "--msx-url=emulator").assert_outcomes(passed=6, failed=1)
    probes.runpytest("--junitxml=reports/junit.xml").assert_outcomes(passed=6, failed=1)
    summary = read_summary(probes)
    assert (summary["mode"], summary["target"]) == ("replay", "cassettes")
    assert summary["tokens"] == {"source": "token store", "suite_token_fetches": 1}
    cassettes = summary["cassettes"]
    assert (cassettes["count"], cassettes["oldest_age_days"], cassettes["unknown_age"]) == (8, 0.0, 0)
    assert (cassettes["recorded_against"], cassettes["stale"]) == (["emulator"], False)


def test_summary_goes_beside_the_html_report_else_the_junit_xml_else_nowhere(suite):
    assert summary_path(suite.parseconfig()) is None
    assert summary_path(suite.parseconfig("--junitxml=x/junit.xml")) == Path("x", "summary.json")
    assert summary_path(suite.parseconfig("--junitxml=x/junit.xml", "--html=y/r.html")) == Path("y", "summary.json")


@pytest.mark.parametrize(("nodeid", "service"), [
    ("tests/idm/test_tenants.py::test_tenant_lifecycle[name-only]", "idm"),
    ("tests/idm/test_token_negative.py::test_x", "idm"),
    ("tests/monitor/test_health.py::test_x", "monitor"),
    ("tests/consume/test_products.py::test_x", "consume"),
    ("tests/test_loose.py::test_x", None),
    ("tests/nowhere/test_x.py::test_x", None),
    ("msxsuite/tests/test_auth.py::test_x", None),
])
def test_service_is_the_checklist_folder(nodeid, service):
    assert service_of(nodeid) == service
