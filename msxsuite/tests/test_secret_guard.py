"""The secret guard: committed cassettes and a live run's report, JUnit XML and log carry no secret."""

import shutil
import subprocess
import sys

from msx_emulator import DEFAULT_CONFIG
from msxsuite.secret_guard import scan
from msxsuite.tests.conftest import ROOT

# What the committed cassettes were recorded with, and what a run against the emulator uses.
EMULATOR_SECRETS = {
    **{f"client secret of {c.client_id}": c.client_secret for c in DEFAULT_CONFIG.clients},
    **{f"password of {u.username}": u.password for u in DEFAULT_CONFIG.users},
}
JWT = ("eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJzdXBlcnVzZXIiLCJleHAiOjE3MDB9"
       ".c2lnbmF0dXJlLW9mLXRoZS10b2tlbg")
BASIC = "Basic bXN4LXN1aXRlOmVtdWxhdG9yLWNsaWVudC1zZWNyZXQ="  # msx-suite:emulator-client-secret
BEARER = "Bearer opaque-token-0123456789abcdef"
PASSWORD = "Lab-Passw0rd-42"

# Failures a real run may have: a test holding the token fails, an assertion compares token answers.
FAILING_TESTS = '''
from python_msx_sdk.api.tenants_api import TenantsApi
from msxsuite.auth import password_grant


def test_fails_holding_the_token(msx_access_token, msx_api):
    msx_api(TenantsApi).get_tenants_page(page=0, page_size=5)
    assert msx_access_token == "another token"


def test_fails_comparing_token_answers(make_api_client, msx_settings):
    first = password_grant(make_api_client(), msx_settings)
    second = password_grant(make_api_client(), msx_settings)
    assert first.access_token == second.access_token + "x"
'''
# Turns on what python-msx-sdk silences: urllib3's and the SDK's own debug logging (response bodies).
WIRE_DEBUG_PLUGIN = '''
import logging
from python_msx_sdk.configuration import Configuration

_init = Configuration.__init__


def _init_with_debug_logging(self, *args, **kwargs):
    _init(self, *args, **kwargs)
    for logger in self.logger.values():
        logger.setLevel(logging.DEBUG)


Configuration.__init__ = _init_with_debug_logging
'''


def test_committed_cassettes_hold_no_secret():
    cassettes = sorted((ROOT / "cassettes").rglob("*.json"))
    assert cassettes, "no committed cassette found under cassettes/"
    hits = scan(cassettes, EMULATOR_SECRETS)
    assert not hits, "secrets in committed cassettes:\n" + "\n".join(map(str, hits))


def test_guard_names_file_and_line_of_each_planted_secret(tmp_path):
    planted = tmp_path / "planted.yaml"
    planted.write_text("\n".join([
        "interactions:",
        f"  token: {JWT}",
        "  fine: nothing here",
        f"  authorization: {BASIC}",
        f"  header: 'Authorization: {BEARER}'",
        f"  body: username=lab&password={PASSWORD}",
    ]))
    hits = scan([tmp_path], {"the password": PASSWORD})
    assert [str(hit) for hit in hits] == [
        f"{planted}:2: JWT-shaped string",
        f"{planted}:4: HTTP Basic credentials",
        f"{planted}:5: Bearer token",
        f"{planted}:6: the password",
    ]


def test_guard_finds_a_password_as_a_form_body_encodes_it(tmp_path):
    planted = tmp_path / "form.txt"
    planted.write_text("grant_type=password&password=p%40ss+w%2Ford\n")
    assert [str(hit) for hit in scan([planted], {"the password": "p@ss w/ord"})] == [f"{planted}:1: the password"]


def test_guard_finds_the_value_of_a_secret_field_of_the_registry(tmp_path):
    planted = tmp_path / "cassette.yaml"
    planted.write_text("\n".join([
        """    body: '{"name": "edge-1", "attributes": {"devicePassword": "Dev-Pass-1"}}'""",
        """    body: '{"attributes": {"devicePassword": "scrubbed"}, "password": null, "clientSecret": "*****"}'""",
        """      string: '{"tenantIds": [], "password":""",
        """        "Lab-Passw0rd-42"}'""",
        r'                "string": "{\"attributes\": {\"devicePassword\": \"Dev-Pass-2\"}}"',
    ]))
    assert [str(hit) for hit in scan([planted], {})] == [
        f"{planted}:1: value of the secret field devicePassword",
        f"{planted}:4: value of the secret field password",
        f"{planted}:5: value of the secret field devicePassword",
    ]


def test_guard_passes_what_the_scrubbed_cassettes_legitimately_say(tmp_path):
    clean = tmp_path / "clean.yaml"
    clean.write_text("\n".join([
        '{"access_token": "scrubbed", "token_type": "bearer", "expires_in": 9000}',
        "www-authenticate: Basic realm=\"msx\"",
        "www-authenticate: Bearer realm=\"msx\"",
        '"message": "send Authorization: Bearer <token>"',
        "body: username=msx-user&password=scrubbed&grant_type=password",
    ]))
    assert scan([clean], {"the password": PASSWORD}) == []


def test_command_fails_with_file_and_line_and_never_prints_the_secret(tmp_path):
    planted = tmp_path / "report.html"
    planted.write_text(f"<td>fine</td>\n<td>{PASSWORD} and {JWT}</td>\n")
    done = subprocess.run([sys.executable, "-m", "msxsuite.secret_guard", str(tmp_path)], cwd=ROOT,
                          env={"PATH": "/usr/bin:/bin", "MSX_PASSWORD": PASSWORD},
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"{planted}:2: JWT-shaped string" in done.stdout
    assert f"{planted}:2: the password (MSX_PASSWORD)" in done.stdout
    assert PASSWORD not in done.stdout + done.stderr and JWT not in done.stdout + done.stderr


# The checklist modules that send or receive secrets: tokens and passwords (IDM), device credentials,
# ServiceNow and Smart Account client secrets and passwords, the incident configuration.
SECRET_HANDLING_TESTS = ("tests/idm", "tests/manage/test_devices.py", "tests/incident/test_servicenow_configurations.py",
                         "tests/incident/test_incident_configuration.py",
                         "tests/licensing/test_smart_account_configuration.py")


def test_live_run_leaves_no_secret_in_terminal_report_junit_xml_or_log(suite):
    shutil.copytree(ROOT / "tests", suite.path / "tests", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__"))
    suite.makepyfile(**{"tests/test_failing_with_secrets_at_hand": FAILING_TESTS, "wire_debug": WIRE_DEBUG_PLUGIN})
    # A process of its own: what reaches the terminal and the log file is the process's, not pytester's capture.
    result = suite.runpytest_subprocess(
        "-p", "wire_debug", "--msx-mode=emulator", "-p", "no:cacheprovider", *SECRET_HANDLING_TESTS,
        "tests/test_failing_with_secrets_at_hand.py",
        "--html=report.html", "--junitxml=junit.xml", "-o", "log_file=run.log", "--log-level=DEBUG")
    outcomes = result.parseoutcomes()
    assert outcomes.get("failed") == 2 and outcomes.get("passed", 0) > 20, result.stdout.str()
    (suite.path / "terminal.txt").write_text("\n".join(result.outlines + result.errlines))
    outputs = [suite.path / name for name in ("report.html", "junit.xml", "run.log", "terminal.txt")]
    log = outputs[2].read_text()
    assert "urllib3.connectionpool" in log and "python_msx_sdk.rest" in log, "the log holds no wire-level debug"
    hits = scan(outputs, EMULATOR_SECRETS)
    assert not hits, "secrets in the run's outputs:\n" + "\n".join(map(str, hits))
