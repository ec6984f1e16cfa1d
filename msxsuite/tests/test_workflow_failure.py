"""A started workflow that fails makes its checklist test fail with one line: workflow, instance and failed step."""

import re
import shutil

from msxsuite.tests.conftest import ROOT
from msxsuite.tests.emulated import msx_environment
from msxsuite.tests.run_output import failure_section

WORKFLOW_FILES = ("tests/__init__.py", "tests/workflow/__init__.py", "tests/workflow/conftest.py",
                  "tests/workflow/health_check.json", "tests/workflow/test_workflow_instances.py")
LIFECYCLE = ("test_startWorkflow_getWorkflowInstance_getWorkflowInstancesList_getWorkflowInstanceAction_"
             "deleteWorkflowInstance")


def test_failed_step_fails_the_test_in_one_line(suite, monkeypatch, emulator):
    emulator.reset()
    for name in WORKFLOW_FILES:
        (suite.path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, suite.path / name)
    for name, value in msx_environment(emulator).items():
        monkeypatch.setenv(name, value)
    emulator.set_faults(workflow_failing_step="Second step")
    try:
        result = suite.runpytest("--msx-mode=live", "--msx-allow-side-effects",
                                            "--msx-workflow-poll-interval=0.05", "-k", f"{LIFECYCLE} and defaults")
    finally:
        emulator.set_faults()
    result.assert_outcomes(failed=1)
    [line] = failure_section(result, f"{LIFECYCLE}[defaults]")
    assert re.fullmatch(r"workflow msxt-\w+-startworkflow-\S+: instance [0-9A-Za-z]{27} failed at step "
                        r"'Second step' \(action [0-9A-Za-z]{27}\): .*workflow_failing_step.*", line), line
    assert emulator.stats()["left"] == {}, "the failed instance and its workflow are deleted after the test"
