"""Bad input ends the run (or the test) with one line that says what is wrong and what to do, never a traceback."""

import socket
from fnmatch import fnmatchcase

import pytest

from msxsuite.tests.emulated import msx_environment
from msxsuite.tests.fake_servers import Answer, scripted_server
from msxsuite.tests.run_output import failure_section, printed

PROBE = """
from python_msx_sdk.api.tenants_api import TenantsApi
def test_read(msx_api):
    assert msx_api(TenantsApi).get_tenants_page(page=0, page_size=1).page == 0
"""
HTML_PAGE = Answer(200, "text/html", b"<html><body>Welcome to nginx!</body></html>")


@pytest.fixture
def probe(suite):
    """The suite with one probe test that reads a tenants page."""
    suite.makepyfile(**{"tests/test_probe.py": PROBE})
    return suite


@pytest.fixture
def emu(emulator):
    """The module's emulator, seeded and without faults."""
    emulator.reset()
    return emulator


@pytest.fixture
def closed_port():
    """A loopback port nothing listens on."""
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        return unused.getsockname()[1]


def run_stops_with(suite, monkeypatch, environment: dict, line: str) -> None:
    """Run the suite live with `environment`; it must end with exactly `line` (a pattern) and a usage error."""
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    result = suite.runpytest("--msx-mode=live")
    assert result.ret == pytest.ExitCode.USAGE_ERROR, printed(result)
    assert len(printed(result)) == 1 and fnmatchcase(printed(result)[0], f"ERROR: {line}"), printed(result)


def test_no_settings_in_live_mode(probe, monkeypatch):
    run_stops_with(probe, monkeypatch, {}, "live mode needs MSX_URL, MSX_CLIENT_ID, MSX_CLIENT_SECRET, "
                   "MSX_USERNAME, MSX_PASSWORD: set them (or use --msx-mode=emulator)")


def test_malformed_url(probe, monkeypatch, emu):
    run_stops_with(probe, monkeypatch, msx_environment(emu) | {"MSX_URL": "msx.example.com"},
                   "MSX URL 'msx.example.com' is not an http(s) URL: set MSX_URL like https://msx.example.com")


def test_credentials_in_url_are_refused_without_printing_them(probe, monkeypatch, emu):
    url = emu.url.replace("://", "://admin:Url-Secret-1@")
    run_stops_with(probe, monkeypatch, msx_environment(emu) | {"MSX_URL": url},
                   "MSX URL carries credentials (user:password@): remove them from MSX_URL "
                   "and set MSX_USERNAME and MSX_PASSWORD")


def test_unreachable_host(probe, monkeypatch, emu):
    # .invalid never resolves (RFC 2606).
    run_stops_with(probe, monkeypatch, msx_environment(emu) | {"MSX_URL": "https://msx-host.invalid"},
                   "cannot resolve the MSX host of https://msx-host.invalid: check MSX_URL")


def test_wrong_port(probe, monkeypatch, emu, closed_port):
    url = f"http://127.0.0.1:{closed_port}"
    run_stops_with(probe, monkeypatch, msx_environment(emu) | {"MSX_URL": url},
                   f"cannot connect to MSX at {url} (NewConnectionError): check MSX_URL and that MSX is up")


def test_tls_verification_failure(probe, monkeypatch, tls_emulator):
    run_stops_with(probe, monkeypatch, msx_environment(tls_emulator),
                   f"TLS verification of {tls_emulator.url} failed (*CERTIFICATE_VERIFY_FAILED*): set MSX_CA_BUNDLE "
                   "to the PEM of its CA, or MSX_INSECURE=1 for a lab with a self-signed certificate")


def test_unknown_ca_bundle_path(probe, monkeypatch, tls_emulator):
    run_stops_with(probe, monkeypatch, msx_environment(tls_emulator) | {"MSX_CA_BUNDLE": "/nowhere/ca.pem"},
                   "CA bundle '/nowhere/ca.pem' does not exist: fix MSX_CA_BUNDLE or --msx-ca-bundle")


def test_wrong_password(probe, monkeypatch, emu):
    run_stops_with(probe, monkeypatch, msx_environment(emu) | {"MSX_PASSWORD": "Wrong-Password-1"},
                   "MSX refused the username or password (invalid_grant): check MSX_USERNAME and MSX_PASSWORD")


def test_wrong_client_secret(probe, monkeypatch, emu):
    run_stops_with(probe, monkeypatch, msx_environment(emu) | {"MSX_CLIENT_SECRET": "wrong-secret"},
                   "MSX refused the client credentials (invalid_client): check MSX_CLIENT_ID and MSX_CLIENT_SECRET")


def test_client_without_the_password_grant(probe, monkeypatch, emu):
    switch_only = emu.config.client("msx-switch-only")
    run_stops_with(probe, monkeypatch, msx_environment(emu) | {
        "MSX_CLIENT_ID": switch_only.client_id, "MSX_CLIENT_SECRET": switch_only.client_secret},
        "the security client may not use the password grant (unauthorized_client): "
        "use a client whose grant types include password")


def test_expired_token(probe, monkeypatch, emu):
    emu.set_faults(token_lifetime_seconds=0)
    run_stops_with(probe, monkeypatch, msx_environment(emu),
                   "MSX issued an access token that expires in 0 s, too soon to use: "
                   "raise the access token validity of the security client MSX_CLIENT_ID")


def test_server_error_on_the_token_endpoint(probe, monkeypatch, emu):
    emu.set_faults(error_rate=1.0)
    run_stops_with(probe, monkeypatch, msx_environment(emu),
                   f"MSX failed with 500 Internal Server Error while asking for an access token at {emu.url}: "
                   "MSX itself is in trouble; check its health and logs, then run again")


def test_html_instead_of_json(probe, monkeypatch, emu):
    # With MSX_OPENAPI_SPEC set, the contract check rejects the page first, in a line of its own.
    monkeypatch.delenv("MSX_OPENAPI_SPEC", raising=False)
    with scripted_server(HTML_PAGE) as server:
        run_stops_with(probe, monkeypatch, msx_environment(emu) | {"MSX_URL": server.url},
                       f"MSX answered 200 with text/html ({len(HTML_PAGE.body)} bytes), not JSON while asking for "
                       f"an access token at {server.url}: check MSX_URL points at MSX's API, not a web page or a "
                       "proxy's login page")


def test_timeout_that_is_not_a_number(probe, monkeypatch, emu):
    run_stops_with(probe, monkeypatch, msx_environment(emu) | {"MSX_TIMEOUT": "soon"},
                   "MSX timeout 'soon' is not a number of seconds above 0: set MSX_TIMEOUT like 30")


@pytest.fixture
def recorded(probe):
    """The probe, recorded against the embedded emulator."""
    probe.runpytest("--msx-mode=record", "--msx-url=emulator").assert_outcomes(passed=1)
    return probe


RECORD = "pytest --msx-mode=record --msx-url=emulator 'tests/test_probe.py::test_read'"
BROKEN_JSON = '{"interactions": [\n  {"request": ]\n'


def test_missing_cassette(recorded):
    (recorded.path / "cassettes/test_probe/test_read.json").unlink()
    result = recorded.runpytest()
    result.assert_outcomes(failed=1)
    assert failure_section(result, "test_read") == [f"missing cassette cassettes/test_probe/test_read.json: record it with {RECORD}"]


def test_corrupt_cassette(recorded):
    (recorded.path / "cassettes/test_probe/test_read.json").write_text(BROKEN_JSON)
    result = recorded.runpytest()
    result.assert_outcomes(errors=1)
    assert failure_section(result, "test_read") == [
        "corrupt cassette cassettes/test_probe/test_read.json (not valid JSON: Expecting value at line 2): "
        f"delete it and record it again with {RECORD}"
    ]


def test_corrupt_token_cassette(recorded):
    (recorded.path / "cassettes/session/token.json").write_text(BROKEN_JSON)
    result = recorded.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert printed(result) == [
        "ERROR: corrupt cassette cassettes/session/token.json (not valid JSON: Expecting value at line 2): "
        "delete it and record it again with pytest --msx-mode=record --msx-url=emulator"
    ]
