"""The isolation tests catch a leak: with the emulator's isolation_leak knob on (any tenant reads another's
users), exactly the user reads fail, each with one line naming the leak, and nothing is left behind."""

import re
import shutil

from msxsuite.tests.conftest import ROOT
from msxsuite.tests.emulated import msx_environment
from msxsuite.tests.run_output import failure_section

ISOLATION_FILES = ("tests/__init__.py", "tests/idm/__init__.py", "tests/idm/test_tenant_isolation.py")
NAME = r"msxt-\w+-[\w-]+"
LEAKS = {
    "test_tenant_admin_is_refused_across_tenants[getUser-refused-other-tenants-user]":
        rf"isolation leak: the tenant admin of ({NAME})-a read user \1-b-user of tenant \1-b \(getUser 200\)",
    "test_getUsersPage_lists_no_other_tenants_user":
        rf"isolation leak: the tenant admin of ({NAME})-a listed user \1-b-(user|admin) of tenant \1-b "
        r"\(getUsersPage 200\)",
    "test_getUsersPage_filtered_by_other_tenant_lists_none":
        rf"isolation leak: the tenant admin of ({NAME})-a listed user \1-b-(user|admin) of tenant \1-b "
        r"\(getUsersPage 200\)",
}


def _isolation_suite(suite, monkeypatch, emulator):
    emulator.reset()
    for name in ISOLATION_FILES:
        (suite.path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, suite.path / name)
    for name, value in msx_environment(emulator).items():
        monkeypatch.setenv(name, value)
    return suite


def test_isolation_holds_on_the_emulator(suite, monkeypatch, emulator):
    result = _isolation_suite(suite, monkeypatch, emulator).runpytest("--msx-mode=live", "-n", "2")
    result.assert_outcomes(passed=15)
    assert emulator.stats()["left"] == {}


def test_a_leak_fails_exactly_the_leaking_reads_with_one_line_each(suite, monkeypatch, emulator):
    isolation = _isolation_suite(suite, monkeypatch, emulator)
    emulator.set_faults(isolation_leak=True)
    try:
        result = isolation.runpytest("--msx-mode=live")
    finally:
        emulator.set_faults()
    result.assert_outcomes(failed=len(LEAKS), passed=15 - len(LEAKS))
    for test_name, pattern in LEAKS.items():
        [line] = failure_section(result, test_name)
        assert re.fullmatch(pattern, line), line
    assert emulator.stats()["left"] == {}, "the suite's tenants and users are deleted after the failed tests"
