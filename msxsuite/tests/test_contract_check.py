"""The contract check of live traffic: replayed, recorded and live answers against MSX_OPENAPI_SPEC."""

import json

import pytest

from msxsuite.plugins.contract_check import SPEC_ENV

UNKNOWN_ID = "5f0c3e52-0000-4000-8000-000000000404"
PROBE = f"""
from python_msx_sdk.api.tenants_api import TenantsApi
import pytest
from python_msx_sdk.exceptions import NotFoundException


def test_tenant_round_trip(tenants, msx_api, unique_name):
    created = tenants.create(name=unique_name)
    assert msx_api(TenantsApi).get_tenant(created.resource.id).name == unique_name


def test_unknown_tenant_is_not_found(msx_api):
    with pytest.raises(NotFoundException):
        msx_api(TenantsApi).get_tenant("{UNKNOWN_ID}")
"""
# Contracts of our own, stricter than MSX's, that the emulator's honest answers break.
SHORT_TENANT_NAMES = """
openapi: 3.0.0
info: {title: short tenant names, version: "1"}
paths:
  /idm/api/v8/tenants:
    post:
      operationId: createTenant
      responses:
        "201":
          description: a tenant with a name of at most 3 characters
          content:
            application/json:
              schema: {type: object, properties: {name: {type: string, maxLength: 3}}}
"""
NUMERIC_TOKENS = """
openapi: 3.0.0
info: {title: numeric access tokens, version: "1"}
paths:
  /idm/v2/token:
    post:
      operationId: getAccessToken
      responses:
        "200":
          description: a token answer whose access token is a number
          content:
            application/json:
              schema: {type: object, properties: {access_token: {type: integer}}}
"""
CURRENT_USERS_WITH_A_MISSING_FIELD = """
openapi: 3.0.0
info: {title: current users with a field nobody sends, version: "1"}
paths:
  /idm/api/v8/users/current:
    get:
      operationId: getCurrentUser
      responses:
        "200":
          description: a user that must carry no_such_field
          content:
            application/json:
              schema: {type: object, required: [no_such_field]}
"""
# A conftest that asks MSX something after the last test, as the final sweep of a live run does.
LATE_READER = """
from python_msx_sdk.api.users_api import UsersApi

from msxsuite.sdk import api_client
from msxsuite.stash import SETTINGS, TOKEN_STORE


def pytest_sessionfinish(session):
    config = session.config
    with api_client(config.stash[SETTINGS], config.stash[TOKEN_STORE].current().access_token) as client:
        UsersApi(client).get_current_user()
"""


@pytest.fixture
def recorded(suite, official_contract):
    """The probe recorded against the embedded emulator, with the check on while recording."""
    suite.makepyfile(**{"tests/test_probe.py": PROBE})
    suite.runpytest("--msx-mode=record", "--msx-url=emulator").assert_outcomes(passed=2)
    return suite


def use_contract(suite, monkeypatch, text: str) -> None:
    """Point MSX_OPENAPI_SPEC at a contract of our own."""
    path = suite.path / "contract.yaml"
    path.write_text(text)
    monkeypatch.setenv(SPEC_ENV, str(path))


def plant(suite, cassette: str, status: int, change) -> None:
    """Let `change` alter the JSON body of the cassette's GET answer with that status."""
    path = suite.path / "cassettes" / "test_probe" / cassette
    recorded = json.loads(path.read_text())
    [answer] = [exchange["response"] for exchange in recorded["interactions"]
                if exchange["request"]["method"] == "GET" and exchange["response"]["status"]["code"] == status]
    body = json.loads(answer["body"]["string"])
    change(body)
    answer["body"]["string"] = json.dumps(body)
    answer["headers"].pop("content-length", None)
    path.write_text(json.dumps(recorded, indent=4))


def failure_of(result, test: str) -> list[str]:
    """The lines of a failed test's report: from its heading to the next heading, section or suite summary line."""
    lines = result.outlines
    start = next(i for i, line in enumerate(lines) if line.strip("_ ") == test) + 1
    end = next(i for i in range(start, len(lines)) if lines[i].startswith(("_", "=", "msx ")))
    return lines[start:end]


def test_conforming_replay_passes_with_the_check_on(recorded, official_contract):
    result = recorded.runpytest()
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["msx contract check: on, every response against MSX SDK 1.0.10 (*)"])


def test_replayed_answers_that_break_the_contract_fail_their_tests_with_one_line(recorded):
    plant(recorded, "test_tenant_round_trip.json", 200, lambda tenant: tenant.update(createdOn="yesterday"))
    plant(recorded, "test_unknown_tenant_is_not_found.json", 404, lambda error: error.update(code=404))
    result = recorded.runpytest()
    result.assert_outcomes(failed=2)
    [round_trip] = failure_of(result, "test_tenant_round_trip")
    assert round_trip.startswith("contract: getTenant 200: createdOn: 'yesterday' is not a 'date-time' (then "), round_trip
    # This test expected a 404 and got one: it fails all the same.
    assert failure_of(result, "test_unknown_tenant_is_not_found") == [
        "contract: getTenant 404: code: 404 is not of type 'string'"]


def test_live_run_against_the_emulator_passes_with_the_check_on(suite, official_contract):
    suite.makepyfile(**{"tests/test_probe.py": PROBE})
    result = suite.runpytest("--msx-mode=emulator")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["msx contract check: on, every response against MSX SDK 1.0.10 (*)"])


def test_live_answer_that_breaks_the_contract_fails_the_test_and_leaves_nothing(suite, monkeypatch):
    use_contract(suite, monkeypatch, SHORT_TENANT_NAMES)
    suite.makepyfile(**{"tests/test_probe.py": PROBE})
    result = suite.runpytest("--msx-mode=emulator")
    result.assert_outcomes(passed=1, failed=1)
    [line] = failure_of(result, "test_tenant_round_trip")
    assert line.startswith("contract: createTenant 201: name: 'msxt-") and line.endswith("' is too long"), line
    result.stdout.fnmatch_lines(["msx emulator: * nothing left behind"])


def test_session_token_that_breaks_the_contract_ends_the_run_with_one_redacted_line(suite, monkeypatch):
    use_contract(suite, monkeypatch, NUMERIC_TOKENS)
    suite.makepyfile(**{"tests/test_probe.py": PROBE})
    result = suite.runpytest("--msx-mode=emulator")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert [line for line in result.errlines if line.strip()] == [
        "ERROR: contract: getAccessToken 200: access_token: '<redacted>' is not of type 'integer'"]


def test_answer_after_the_last_test_that_breaks_the_contract_fails_the_run(suite, monkeypatch):
    use_contract(suite, monkeypatch, CURRENT_USERS_WITH_A_MISSING_FIELD)
    suite.makepyfile(**{"tests/late/conftest.py": LATE_READER, "tests/late/test_probe.py": "def test_nothing(): pass"})
    result = suite.runpytest("--msx-mode=emulator")
    result.assert_outcomes(passed=1)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines([
        "after the last test: contract: getCurrentUser 200: <body>: 'no_such_field' is a required property"])


def test_check_is_off_without_the_variable_and_the_header_says_so(suite, monkeypatch):
    monkeypatch.delenv(SPEC_ENV, raising=False)
    suite.makepyfile(test_no_msx="def test_nothing_of_msx(): pass")
    result = suite.runpytest("--collect-only", "test_no_msx.py")
    result.stdout.fnmatch_lines(["msx contract check: off (set MSX_OPENAPI_SPEC to an MSX OpenAPI document *)"])


def test_unusable_document_ends_the_run_with_one_line(suite, monkeypatch):
    use_contract(suite, monkeypatch, "- not an OpenAPI document\n")
    result = suite.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert [line for line in result.errlines if line.strip()] == [
        f"ERROR: {SPEC_ENV}: {suite.path / 'contract.yaml'} is not an OpenAPI 3 document (it needs 'openapi' and "
        "'paths'): point it at an MSX OpenAPI document, or unset it"]
