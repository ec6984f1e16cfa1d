"""Fault tolerance: reads retried a bounded number of times, writes never; a timeout on every call, failing in one line."""

import dataclasses
import json
from contextlib import ExitStack

import pytest
import urllib3
from python_msx_sdk.api.tenants_api import TenantsApi
from python_msx_sdk.exceptions import ServiceException
from python_msx_sdk.model.tenant_create import TenantCreate

from msx_emulator.config import ROOT_TENANT_ID
from msxsuite.auth import request_token
from msxsuite.counters import TALLY
from msxsuite.sdk import MsxTimeout, api_client
from msxsuite.settings import Settings
from msxsuite.tests.emulated import emulator_settings, msx_environment
from msxsuite.tests.fake_servers import DROP, Answer, scripted_server
from msxsuite.tests.run_output import failure_section

ROOT_TENANT = json.dumps({"id": ROOT_TENANT_ID, "createdOn": "2021-02-02T20:42:28.515Z",
                          "modifiedOn": "2021-02-02T20:42:28.515Z", "name": "Emulator Root"}).encode()
UNAVAILABLE = Answer(503, body=b'{"code": "UNAVAILABLE", "message": "try later"}')
TENANT_PATH = f"/idm/api/v8/tenants/{ROOT_TENANT_ID}"


@pytest.fixture
def emu(emulator):
    """The module's emulator, seeded and without faults."""
    emulator.reset()
    return emulator


@pytest.fixture
def tenants_on(emu):
    """Build TenantsApi of an authorized client for the emulator, with a given timeout (default 30 s)."""
    settings = emulator_settings(emu)
    token = request_token(settings).access_token
    with ExitStack() as clients:
        yield lambda timeout=30.0: TenantsApi(
            clients.enter_context(api_client(dataclasses.replace(settings, timeout=timeout), token)))


def client_for(url: str):
    """An ApiClient for a scripted server (which ignores the token)."""
    return api_client(Settings(mode="live", url=url), "token")


def test_read_recovers_from_dropped_connections_and_gateway_errors():
    retries_before = TALLY["retries"]
    with scripted_server(DROP, UNAVAILABLE, Answer(502), Answer(200, body=ROOT_TENANT)) as server, \
            client_for(server.url) as client:
        assert TenantsApi(client).get_tenant(ROOT_TENANT_ID).name == "Emulator Root"
    assert server.asked == [f"GET {TENANT_PATH}"] * 4
    assert TALLY["retries"] - retries_before == 3


def test_read_gives_up_after_three_retries(emu, tenants_on):
    tenants = tenants_on()
    emu.set_faults(error_rate=1.0, error_status=504)
    requests_before = emu.stats()["requests"]
    with pytest.raises(ServiceException) as failed:
        tenants.get_tenant(ROOT_TENANT_ID)
    assert failed.value.status == 504
    assert emu.stats()["requests"] - requests_before == 4


def test_server_error_500_is_not_retried(emu, tenants_on):
    tenants = tenants_on()
    emu.set_faults(error_rate=1.0)
    requests_before = emu.stats()["requests"]
    with pytest.raises(ServiceException):
        tenants.get_tenant(ROOT_TENANT_ID)
    assert emu.stats()["requests"] - requests_before == 1


def test_create_is_never_sent_twice_on_a_gateway_error(emu, tenants_on):
    tenants = tenants_on()
    emu.set_faults(error_rate=1.0, error_status=503)
    requests_before = emu.stats()["requests"]
    with pytest.raises(ServiceException):
        tenants.create_tenant(TenantCreate(name="msxt-never-twice"))
    assert emu.stats()["requests"] - requests_before == 1


def test_create_is_never_sent_twice_on_a_dropped_connection():
    with scripted_server(DROP, Answer(201, body=ROOT_TENANT)) as server, client_for(server.url) as client:
        with pytest.raises(urllib3.exceptions.MaxRetryError):
            TenantsApi(client).create_tenant(TenantCreate(name="msxt-never-twice"))
    assert server.asked == ["POST /idm/api/v8/tenants"]


def test_latency_below_the_timeout_passes(emu, tenants_on):
    tenants = tenants_on(timeout=3.0)
    emu.set_faults(latency_ms=400)
    assert tenants.get_tenant(ROOT_TENANT_ID).name == "Emulator Root"


def test_request_beyond_the_timeout_fails_once_with_one_line(emu, tenants_on):
    tenants = tenants_on(timeout=0.3)
    emu.set_faults(latency_ms=1000)
    requests_before = emu.stats()["requests"]
    with pytest.raises(MsxTimeout) as timed_out:
        tenants.get_tenant(ROOT_TENANT_ID)
    assert str(timed_out.value) == (f"MSX did not answer GET {TENANT_PATH} within 0.3 s (MSX_TIMEOUT): "
                                    "check why MSX is slow, or raise MSX_TIMEOUT")
    assert emu.stats()["requests"] - requests_before == 1, "a timeout is not retried"


PROBE = f"""
from python_msx_sdk.api.tenants_api import TenantsApi
import urllib3

def test_slow_read(msx_api, msx_settings):
    urllib3.request("PUT", msx_settings.url + "/_emulator/faults", json={{"latency_ms": 1500}})
    msx_api(TenantsApi).get_tenant("{ROOT_TENANT_ID}")

def test_after_the_slow_one(msx_api, msx_settings):
    urllib3.request("PUT", msx_settings.url + "/_emulator/faults", json={{}})
    assert msx_api(TenantsApi).get_tenant("{ROOT_TENANT_ID}").name == "Emulator Root"
"""


def test_timeout_fails_that_test_with_one_line(suite, monkeypatch, emu):
    suite.makepyfile(**{"tests/test_probe.py": PROBE})
    for name, value in msx_environment(emu).items():
        monkeypatch.setenv(name, value)
    result = suite.runpytest("--msx-mode=live", "--msx-timeout=0.5")
    result.assert_outcomes(passed=1, failed=1)
    assert failure_section(result, "test_slow_read") == [
        f"MSX did not answer GET {TENANT_PATH} within 0.5 s (MSX_TIMEOUT): check why MSX is slow, or raise MSX_TIMEOUT"
    ]
    result.stdout.fnmatch_lines(["msx requests: timeout 0.5 s (--msx-timeout); GET retried up to 3 times *"])
