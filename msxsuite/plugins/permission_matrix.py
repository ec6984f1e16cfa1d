"""pytest hooks of the permission matrix (tests/idm/test_permission_matrix.py): what each role's test observed,
gathered in the controller, written as JSON beside the run summary and as a table in the HTML report.

A role's test hands its outcomes over in its report's user_properties (`MATRIX_PROPERTY`), which
pytest-xdist carries to the controller. MSX_RECORD_PERMISSION_BASELINE=FILE writes them as a baseline
(recorded once against a known-good MSX, committed by the operator); MSX_PERMISSION_BASELINE=FILE makes each
role's test compare with it (msxsuite.permission_matrix.drift).
"""

from __future__ import annotations

import html
import json

import pytest

from msxsuite.permission_matrix import REFUSED, needed_permissions, verdict, write_matrix
from msxsuite.plugins.run_summary import summary_path
from msxsuite.plugins.services import listed_services
from msxsuite.run_scope import is_worker
from msxsuite.services import DEPLOYED, SERVICES
from msxsuite.stash import SERVICE_STATES, SETTINGS

MATRIX_PROPERTY = "msx_permission_matrix"
MATRIX_NAME = "permission-matrix.json"


class MatrixCollector:
    """The outcomes per role, as the roles' tests report them; written once the run ends."""

    def __init__(self, config: pytest.Config):
        self.config = config
        self.roles: dict[str, dict] = {}

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        for name, value in report.user_properties:
            if name == MATRIX_PROPERTY and report.when == "call":
                observed = json.loads(value)
                self.roles[observed["role"]] = {"permissions": observed["permissions"],
                                                "operations": observed["operations"]}

    def path(self):
        summary = summary_path(self.config)
        return None if summary is None else summary.parent / MATRIX_NAME

    @pytest.hookimpl(optionalhook=True)
    def pytest_html_results_summary(self, prefix: list, summary: list, postfix: list, session) -> None:
        if self.roles:
            postfix.extend(as_html(self.roles))

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if not self.roles:
            return
        if self.path() is not None:
            write_matrix(self.path(), self.roles)
        baseline = self.config.stash[SETTINGS].record_permission_baseline
        if baseline:
            write_matrix(baseline, self.roles)

    def pytest_terminal_summary(self, terminalreporter) -> None:
        if not self.roles:
            return
        written = f": {self.path()}" if self.path() is not None else ""
        terminalreporter.write_line(f"msx permission matrix: {len(self.roles)} role(s) "
                                    f"({', '.join(sorted(self.roles))}){written}")
        baseline = self.config.stash[SETTINGS].record_permission_baseline
        if baseline:
            terminalreporter.write_line(f"msx permission baseline recorded: {baseline}")


def as_html(roles: dict[str, dict]) -> list[str]:
    """A table: a row per operation, a column per role, the permission the contract names; values escaped."""
    names = sorted(roles)
    needed = needed_permissions()
    operations = sorted({operation_id for role in roles.values() for operation_id in role["operations"]})
    head = "".join(f"<th>{html.escape(name)}</th>" for name in names)
    rows = []
    for operation_id in operations:
        cells = []
        for name in names:
            outcome = roles[name]["operations"].get(operation_id, "")
            style = ' style="color:#b00"' if verdict(outcome) == REFUSED else ""
            cells.append(f"<td{style}>{html.escape(outcome)}</td>")
        rows.append(f"<tr><td>{html.escape(operation_id)}</td><td>{html.escape(needed.get(operation_id, ''))}</td>"
                    f"{''.join(cells)}</tr>")
    return ["<h2>Permission matrix</h2>",
            f'<table id="msx-permission-matrix"><tr><th>operation</th><th>needs (contract)</th>{head}</tr>'
            + "".join(rows) + "</table>"]


@pytest.fixture
def msx_services_not_run(pytestconfig, msx_settings) -> set[str]:
    """The MSX services this run does not test: left out of MSX_SERVICES, not deployed or down."""
    listed = listed_services(msx_settings)
    states = pytestconfig.stash[SERVICE_STATES].read()
    return {service for service in SERVICES if (listed is not None and service not in listed)
            or (service in states and states[service].state != DEPLOYED)}


def pytest_configure(config: pytest.Config) -> None:
    if not is_worker(config):
        config.pluginmanager.register(MatrixCollector(config), "msx-permission-matrix")
