"""Redacted output: no report or log record of a run carries a secret.

A failing test shows its fixtures' values and the operands of its assertions, and debug
logging (python-msx-sdk logs response bodies, token answers among them) shows what went over
the wire. JWTs, Basic and Bearer credentials and the run's password and client secret become
REDACTED before the terminal, the HTML report, the JUnit XML or a log file see them.
"""

from __future__ import annotations

import logging

import pytest

from msxsuite.redaction import redact
from msxsuite.stash import SETTINGS


def pytest_configure(config: pytest.Config) -> None:
    """Redact every log record as it is made, whichever handler writes it."""
    secrets = config.stash[SETTINGS].secrets
    previous = logging.getLogRecordFactory()

    def redacting_factory(*args, **kwargs) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed call: logging reports it when it formats
            return record
        redacted = redact(message, secrets)
        if redacted != message:
            record.msg, record.args = redacted, None
        return record

    logging.setLogRecordFactory(redacting_factory)
    config.add_cleanup(lambda: logging.setLogRecordFactory(previous))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Redact the failure and the captured output of every test phase, after any other hook rewrote them."""
    report = yield
    secrets = item.config.stash[SETTINGS].secrets
    if report.longrepr is not None:
        text = str(report.longrepr)
        redacted = redact(text, secrets)
        if redacted != text:
            report.longrepr = redacted
    report.sections = [(title, redact(content, secrets)) for title, content in report.sections]
    return report
