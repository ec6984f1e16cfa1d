"""TLS: a CA bundle makes a run against a self-signed MSX pass; the insecure switch works too, and warns."""

from msxsuite.tests.emulated import msx_environment

PROBE = """
from python_msx_sdk.api.tenants_api import TenantsApi
def test_read(msx_api):
    assert msx_api(TenantsApi).get_tenants_page(page=0, page_size=1).page == 0
"""


def run_against(suite, monkeypatch, tls_emulator, **variables):
    """Run the probe live against the TLS emulator with its credentials and `variables`, in a process of
    its own: in this one, the warning the insecure switch must print would meet the self-tests' own
    warning filters, which turn it into an error."""
    suite.makepyfile(**{"tests/test_probe.py": PROBE})
    for name, value in (msx_environment(tls_emulator) | variables).items():
        monkeypatch.setenv(name, value)
    return suite.runpytest_subprocess("--msx-mode=live")


def test_ca_bundle_makes_a_tls_run_pass(suite, monkeypatch, tls_emulator):
    result = run_against(suite, monkeypatch, tls_emulator, MSX_CA_BUNDLE=tls_emulator.ca_bundle)
    result.assert_outcomes(passed=1)
    assert "TLS verification is OFF" not in result.stdout.str() + result.stderr.str()


def test_insecure_switch_warns_and_works_against_a_self_signed_certificate(suite, monkeypatch, tls_emulator):
    result = run_against(suite, monkeypatch, tls_emulator, MSX_INSECURE="1")
    result.assert_outcomes(passed=1)
    result.stderr.fnmatch_lines([f"*PytestConfigWarning: TLS verification is OFF for {tls_emulator.url} (MSX_INSECURE)"])
