"""pytest hooks for an unreliable MSX: the timeout and retry policy in the header, one-line failures.

A test that fails because MSX did not answer in time, dropped the connection, answered something
that is not JSON, or because its cassette is corrupt, reports one line that says what to do, not a
traceback through urllib3 or vcrpy.
"""

from __future__ import annotations

import pytest
import urllib3

from msxsuite.diagnosis import SetupProblem, corrupt_cassette, explain
from msxsuite.retries import ATTEMPTS_AFTER_THE_FIRST, RETRIED_STATUSES
from msxsuite.sdk import MsxTimeout, NotJsonAnswer
from msxsuite.stash import SETTINGS

TRANSPORT_ERRORS = (urllib3.exceptions.HTTPError, ConnectionError, NotJsonAnswer)


def pytest_report_header(config: pytest.Config) -> list[str]:
    settings = config.stash[SETTINGS]
    if settings.mode == "replay":
        return []
    statuses = "/".join(str(status) for status in sorted(RETRIED_STATUSES))
    return [f"msx requests: timeout {settings.timeout:g} s ({settings.sources.get('timeout', 'default')}); "
            f"GET retried up to {ATTEMPTS_AFTER_THE_FIRST} times on connection errors and {statuses}, writes never"]


@pytest.hookimpl(wrapper=True)
def pytest_sessionstart(session: pytest.Session):
    """A corrupt token cassette ends the run with one line."""
    try:
        return (yield)
    except Exception as error:
        line = corrupt_cassette(error, session.config.rootpath)
        if line is None:
            raise
        raise pytest.UsageError(line) from None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    if call.excinfo is not None and report.failed:
        line = one_line(call.excinfo.value, item)
        if line is not None:
            report.longrepr = line
    return report


def one_line(error: BaseException, item: pytest.Item) -> str | None:
    """What to say instead of a traceback, for failures that are not the test's finding."""
    if isinstance(error, (MsxTimeout, SetupProblem)):
        return str(error)
    if isinstance(error, TRANSPORT_ERRORS):
        return str(explain(error, item.config.stash[SETTINGS], f"running {item.name}"))
    return corrupt_cassette(error, item.config.rootpath, item.nodeid)
