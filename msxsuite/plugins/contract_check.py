"""pytest hooks that check every response the SDK receives against MSX_OPENAPI_SPEC, when it is set.

For the run, python-msx-sdk's RESTClientObject.request is wrapped, so the check sees what live and
record runs receive and what replay answers from cassettes (vcrpy patches urllib3 underneath), raw
`call_api` answers included. A violation fails the test phase (setup, call or teardown) that received
it with one line naming operation, status and field, however the test treated the answer; one before
the first test (the session token's answer) ends the run with one line, and one after the last test
(a final sweep's) fails the run with one line. Violations are reported after the phase rather than
raised at once, so a test still registers (and cleans up) what a non-conforming answer created.
Lines are redacted: a value the contract rejects may be a secret. Only the MSX checklist (tests/)
and the session's own requests are checked: the emulator's self-tests check their own traffic.
"""

from __future__ import annotations

import functools
import os

import pytest
from python_msx_sdk.exceptions import ApiException
from python_msx_sdk.rest import RESTClientObject

from msxsuite.redaction import redact
from msxsuite.services import GATEWAY_STATUSES
from msxsuite.stash import SETTINGS

SPEC_ENV = "MSX_OPENAPI_SPEC"  # msxsuite.contract.SPEC_ENV, named here so that "off" never imports the validators
SHOWN = 3
LONGEST = 200  # characters of one violation: a rejected value can be a whole page


class TrafficCheck:
    """Validates responses while `watching` and keeps the violations until `take()`."""

    def __init__(self, validator, secrets: tuple[str, ...]):
        self.validator = validator
        self.secrets = secrets
        self.watching = True
        self._found: list[str] = []

    def observe(self, method: str, url: str, status: int, headers, body: bytes) -> None:
        """Validate one answer; a 502/503/504 is a gateway's word that the service is not answering.

        The contract documents none of them: the services plugin reports such a service as down.
        """
        if self.watching and status not in GATEWAY_STATUSES:
            self._found += self.validator.violations(method, url, status, headers, body)

    def take(self) -> str | None:
        """One line for the violations seen since the last call, or None if there were none."""
        found, self._found = self._found, []
        if not found:
            return None
        more = f" (and {len(found) - SHOWN} more)" if len(found) > SHOWN else ""
        return "contract: " + "; ".join(self.shown(line) for line in found[:SHOWN]) + more

    def shown(self, text: str) -> str:
        """Text fit for a report: secrets redacted (before cutting, so no prefix of one is left), then cut."""
        text = redact(text, self.secrets)
        return text if len(text) <= LONGEST else text[:LONGEST - 3] + "..."


CHECK = pytest.StashKey[TrafficCheck]()


def _checking(request, check: TrafficCheck):
    """RESTClientObject.request, with each answer shown to `check`.

    An unread answer (`_preload_content=False`) is read into its `.data`, where callers find it.
    """

    @functools.wraps(request)
    def checked_request(self, method, url, *args, **kwargs):
        try:
            response = request(self, method, url, *args, **kwargs)
        except ApiException as error:
            if error.headers is not None:  # status 0 (a TLS failure) carries no answer
                check.observe(method, url, error.status, error.headers, error.body)
            raise
        # An SDK RESTResponse, or a raw urllib3 response (`_preload_content=False`): both answer these.
        check.observe(method, url, response.status, response.getheaders(), response.data)
        return response

    return checked_request


def pytest_configure(config: pytest.Config) -> None:
    path = os.environ.get(SPEC_ENV)
    if not path:
        return
    # The schema validators take a tenth of a second to import: pay it only when the check is on.
    from msxsuite.contract import ContractError, ContractValidator

    try:
        validator = ContractValidator(path)
    except ContractError as error:
        raise pytest.UsageError(f"{SPEC_ENV}: {error}: point it at an MSX OpenAPI document, or unset it") from None
    check = config.stash[CHECK] = TrafficCheck(validator, config.stash[SETTINGS].secrets)
    request = RESTClientObject.request
    RESTClientObject.request = _checking(request, check)
    config.add_cleanup(lambda: setattr(RESTClientObject, "request", request))


def _description(config: pytest.Config) -> str:
    check = config.stash.get(CHECK, None)
    if check is None:
        return f"off (set {SPEC_ENV} to an MSX OpenAPI document to check every response against it)"
    return f"on, every response against {check.validator.title} ({check.validator.spec_path})"


def pytest_report_header(config: pytest.Config) -> str:
    return f"msx contract check: {_description(config)}"


@pytest.hookimpl(wrapper=True)
def pytest_sessionstart(session: pytest.Session):
    """A session token answer that breaks the contract ends the run with one line.

    When the run ends anyway (a refused password, a web page instead of MSX), its own line says what
    to fix, and the contract's stays unsaid.
    """
    _add_report_metadata(session.config)
    check = session.config.stash.get(CHECK, None)
    try:
        result = yield
    finally:
        violation = check and check.take()
    if violation:
        raise pytest.UsageError(violation)
    return result


def _add_report_metadata(config: pytest.Config) -> None:
    """Say in pytest-html's environment table whether responses were checked."""
    try:
        from pytest_metadata.plugin import metadata_key
    except ImportError:
        return
    config.stash[metadata_key]["MSX contract check"] = _description(config)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item: pytest.Item) -> None:
    """Watch only the MSX checklist's traffic."""
    check = item.config.stash.get(CHECK, None)
    if check is not None:
        check.watching = item.config.rootpath / "tests" in item.path.parents


@pytest.hookimpl(wrapper=True, trylast=True)
def pytest_sessionfinish(session: pytest.Session):
    """An answer after the last test (a final sweep's) that breaks the contract fails the run with one line."""
    check = session.config.stash.get(CHECK, None)
    if check is not None:
        check.watching = True
    result = yield
    violation = check and check.take()
    if violation:
        terminal = session.config.pluginmanager.get_plugin("terminalreporter")
        if terminal is not None:
            terminal.write_line(f"after the last test: {violation}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """A phase that received a non-conforming answer fails with one line, whatever else it did."""
    report = yield
    check = item.config.stash.get(CHECK, None)
    violation = check and check.take()
    if violation:
        report.outcome = "failed"
        report.longrepr = violation + _aftermath(call, check)
    return report


def _aftermath(call: pytest.CallInfo, check: TrafficCheck) -> str:
    """What the phase raised besides, in a few words, so no other failure goes unseen."""
    if call.excinfo is None:
        return ""
    first_line = (str(call.excinfo.value).strip().splitlines() or [""])[0]
    return f" (then {check.shown(f'{call.excinfo.typename}: {first_line}')})"
