"""Environment verdicts: which services run, one line for a service that is down, side effects only when allowed."""

import json

import pytest

from msxsuite.tests.emulated import msx_environment

IDM_PROBE = """
from python_msx_sdk.api.users_api import UsersApi

def test_current_user(msx_api):
    assert msx_api(UsersApi).get_current_user().username
"""
CONSUME_PROBE = """
import urllib3
from python_msx_sdk.api.products_api import ProductsApi

def test_a_count(msx_api):
    assert msx_api(ProductsApi).get_products_count() >= 0

def test_another_count(msx_api):
    assert msx_api(ProductsApi).get_products_count() >= 0

def test_a_third_count(msx_api):
    assert msx_api(ProductsApi).get_products_count() >= 0
"""
# The first consume test takes the service down in the emulator, then asks it.
GOING_DOWN = """
import urllib3
from python_msx_sdk.api.products_api import ProductsApi

def test_catalog_goes_down_while_asked(msx_api, msx_settings):
    urllib3.request("PUT", msx_settings.url + "/_emulator/faults", json={"services": {"consume": "down"}})
    msx_api(ProductsApi).get_products_count()

def test_catalog_after_it_went_down(msx_api):
    msx_api(ProductsApi).get_products_count()

def test_catalog_last(msx_api):
    msx_api(ProductsApi).get_products_count()
"""
SIDE_EFFECT_PROBE = """
import pytest
from python_msx_sdk.api.users_api import UsersApi

@pytest.mark.side_effect
def test_acts_beyond_the_suite(msx_api):
    assert msx_api(UsersApi).get_current_user().username
"""


@pytest.fixture
def platform(suite, emulator, monkeypatch):
    """An IDM and a Catalog probe, pointed live at the reset emulator as at a real MSX (MSX_URL)."""
    emulator.reset()
    for name, value in msx_environment(emulator).items():
        monkeypatch.setenv(name, value)
    suite.makepyfile(**{"tests/idm/test_idm_probe.py": IDM_PROBE, "tests/consume/test_catalog_probe.py": CONSUME_PROBE})
    return suite


def run(suite, *args):
    return suite.runpytest("--msx-mode=live", "-p", "no:cacheprovider", "-rA",
                                      "--msx-summary=summary.json", *args)


def summary(suite) -> dict:
    return json.loads((suite.path / "summary.json").read_text())


def failure_lines(result, test: str) -> list[str]:
    """The report section of one failed test, without its header and blank lines."""
    lines = result.outlines
    start = next(index for index, line in enumerate(lines) if line.startswith("_") and f" {test} " in line)
    section = []
    for line in lines[start + 1:]:
        if line.startswith("_") or line.startswith("="):
            break
        if line.strip():
            section.append(line)
    return section


def test_a_service_not_deployed_is_skipped_under_auto_and_the_rest_passes(platform, emulator):
    emulator.set_faults(services={"consume": "absent"})
    result = run(platform)
    result.assert_outcomes(passed=1, skipped=3)
    result.stdout.fnmatch_lines([
        "msx services (MSX_SERVICES=auto from default): deployed idm, monitor*; not deployed consume*",
        "SKIPPED * MSX service consume is not deployed here (404 from GET /consume/api/v8/products/count; "
        "MSX_SERVICES=auto)",
    ])
    figures = summary(platform)
    assert figures["environment"] == "passed"
    assert (figures["services"]["idm"]["verdict"], figures["services"]["consume"]["verdict"]) == ("passed",
                                                                                                   "not deployed")


def test_a_service_down_before_the_run_fails_its_tests_with_one_line_each(platform, emulator):
    emulator.set_faults(services={"consume": "down"})
    result = run(platform)
    result.assert_outcomes(passed=1, errors=3)
    line = "MSX service consume is down (503 Service Unavailable from GET /consume/api/v8/products/count): " \
           "its tests fail without asking it"
    result.stdout.fnmatch_lines(["msx service consume is down: 503 Service Unavailable from GET *"])
    for test in ("test_a_count", "test_another_count", "test_a_third_count"):
        assert failure_lines(result, test) == [line], result.stdout.str()
    figures = summary(platform)
    assert (figures["environment"], figures["services"]["consume"]["verdict"]) == ("down", "down")


def test_services_left_out_of_the_list_are_skipped_and_a_listed_one_not_deployed_fails(platform, emulator):
    result = run(platform, "--msx-services=idm")
    result.assert_outcomes(passed=1, skipped=3)
    result.stdout.fnmatch_lines(["SKIPPED * MSX service consume is not in MSX_SERVICES (idm)"])

    emulator.set_faults(services={"consume": "absent"})
    result = run(platform, "--msx-services=idm,consume")
    result.assert_outcomes(passed=1, errors=3)
    assert failure_lines(result, "test_a_count") == [
        "MSX service consume is listed in MSX_SERVICES but not deployed (404 from GET /consume/api/v8/products/count)"]
    assert summary(platform)["services"]["consume"]["verdict"] == "failed"


def test_an_unknown_service_in_the_list_ends_the_run_with_one_line(platform):
    result = run(platform, "--msx-services=idm,catalogue")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert [line for line in result.errlines if line.strip()] == [
        "ERROR: MSX services 'idm,catalogue' names no known service (catalogue): set MSX_SERVICES to auto or to "
        "some of idm, monitor, consume, manage, workflow, template, incident, billing, licensing, vulnerability, "
        "auditing"]


def test_a_service_that_goes_down_mid_run_fails_its_remaining_tests_fast_and_the_others_go_on(platform):
    platform.makepyfile(**{"tests/consume/test_catalog_probe.py": GOING_DOWN})
    result = run(platform, "-p", "no:randomly")
    result.assert_outcomes(passed=1, failed=1, errors=2)
    seen = "503 Service Unavailable, first in tests/consume/test_catalog_probe.py::test_catalog_goes_down_while_asked"
    for test in ("test_catalog_after_it_went_down", "test_catalog_last"):
        assert failure_lines(result, test) == [
            f"MSX service consume is down ({seen}): its tests fail without asking it"], result.stdout.str()
    figures = summary(platform)
    assert (figures["environment"], figures["services"]["consume"]["verdict"]) == ("down", "down")
    assert figures["services"]["idm"]["verdict"] == "passed"


def test_side_effects_are_skipped_against_a_real_msx_unless_allowed(platform):
    platform.makepyfile(**{"tests/idm/test_side_effect.py": SIDE_EFFECT_PROBE})
    blocked = run(platform, "tests/idm")
    blocked.assert_outcomes(passed=1, skipped=1)
    blocked.stdout.fnmatch_lines([
        "msx side effects: tests marked side_effect are skipped (side effects beyond the suite's own objects on a "
        "real MSX: allow with --msx-allow-side-effects (MSX_ALLOW_SIDE_EFFECTS=1))",
        "msx side effects: 1 test(s) skipped: *",
    ])
    run(platform, "tests/idm", "--msx-allow-side-effects").assert_outcomes(passed=2)


def test_side_effects_always_run_against_the_embedded_emulator(suite):
    suite.makepyfile(**{"tests/idm/test_side_effect.py": SIDE_EFFECT_PROBE})
    suite.runpytest("--msx-mode=emulator", "-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_a_rerun_runs_exactly_what_failed_in_the_summary_it_names(platform, emulator):
    emulator.set_faults(services={"consume": "down"})
    run(platform).assert_outcomes(passed=1, errors=3)
    (platform.path / "first.json").write_text((platform.path / "summary.json").read_text())
    emulator.set_faults()
    rerun = run(platform, "--msx-rerun-failed=first.json")
    rerun.assert_outcomes(passed=3)
    rerun.stdout.fnmatch_lines(["*3 passed, 1 deselected*"])


def test_a_rerun_of_a_summary_that_is_not_there_ends_with_one_line(platform):
    result = run(platform, "--msx-rerun-failed=nowhere.json")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert [line for line in result.errlines if line.strip()] == [
        "ERROR: cannot re-run the failed tests of 'nowhere.json' (FileNotFoundError): point MSX_RERUN_FAILED at the "
        "summary.json of an earlier run"]


def test_the_html_report_opens_with_the_environments_verdict(platform, emulator):
    emulator.set_faults(services={"consume": "down"})
    run(platform, "--html=report.html")
    page = (platform.path / "report.html").read_text()
    banner = page.index('id="msx-verdict"')
    assert "MSX environment: DOWN" in page[banner:banner + 400]
    assert banner < page.index('<table id="results-table"'), "the verdict comes before the list of tests"
