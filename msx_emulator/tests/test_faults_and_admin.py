"""Fault knobs (latency, error rate and status, token lifetime), reset and stats, in-process and over /_emulator/."""

from __future__ import annotations

import json
import logging
import time

import pytest
import urllib3
from python_msx_sdk.api.tenants_api import TenantsApi
from python_msx_sdk.api.users_api import UsersApi
from python_msx_sdk.exceptions import ServiceException
from python_msx_sdk.model.tenant_create import TenantCreate

from msx_emulator.config import ROOT_TENANT_ID
from msx_emulator.tests.helpers import basic


@pytest.fixture
def emu_http(emu):
    """A plain urllib3 pool for the emulator-only routes (not part of the contract, so not in the SDK)."""
    with urllib3.PoolManager() as pool:
        yield lambda method, path, body=None: pool.request(method, emu.url + path, json=body)


def test_latency_knob_delays_each_request(emu, emu_tenants):
    emu.set_faults(latency_ms=150)
    started = time.monotonic()
    emu_tenants.get_tenant(ROOT_TENANT_ID)
    assert time.monotonic() - started >= 0.15


def test_client_that_gives_up_during_latency_is_not_a_server_error(emu, caplog):
    emu.set_faults(latency_ms=400)
    server_log = logging.getLogger("uvicorn.error")
    server_log.addHandler(caplog.handler)
    try:
        with pytest.raises(urllib3.exceptions.ReadTimeoutError):
            # A well-formed token request, so that the emulator reads its body after the latency.
            urllib3.request("POST", emu.url + "/idm/v2/token", body="grant_type=password", timeout=0.1, retries=False,
                            headers={"Authorization": basic("msx-suite", "emulator-client-secret"),
                                     "Content-Type": "application/x-www-form-urlencoded"})
        time.sleep(0.5)
    finally:
        server_log.removeHandler(caplog.handler)
    assert [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR] == []


def test_full_error_rate_fails_every_request_with_500(emu, emu_tenants):
    emu.set_faults(error_rate=1.0)
    with pytest.raises(ServiceException) as caught:
        emu_tenants.get_tenant(ROOT_TENANT_ID)
    assert caught.value.status == 500 and json.loads(caught.value.body)["code"] == "INJECTED_FAULT"


def test_partial_error_rate_fails_a_share_of_requests(emu, emu_tenants):
    emu.set_faults(error_rate=0.5)
    failures = 0
    for _ in range(200):
        try:
            emu_tenants.get_tenant(ROOT_TENANT_ID)
        except ServiceException:
            failures += 1
    # Binomial(200, 0.5): outside 60..140 has a probability below 1e-8.
    assert 60 <= failures <= 140


@pytest.mark.parametrize("status", [502, 503, 504])
def test_error_status_knob_sets_the_injected_status(emu, emu_http, status):
    # A plain pool, not the SDK: gateway statuses are not in the contract, which every SDK exchange is checked against.
    emu.set_faults(error_rate=1.0, error_status=status)
    response = emu_http("GET", f"/idm/api/v8/tenants/{ROOT_TENANT_ID}")
    assert response.status == status and json.loads(response.data)["code"] == "INJECTED_FAULT"


def test_knobs_are_off_by_default_and_after_reset(emu, emu_http):
    faults = json.loads(emu_http("GET", "/_emulator/faults").data)
    services = faults.pop("services")
    assert faults == {"latency_ms": 0, "error_rate": 0.0, "token_lifetime_seconds": None, "error_status": 500,
                      "workflow_failing_step": None, "isolation_leak": False}
    assert len(services) == 11 and set(services.values()) == {"up"}
    emu.set_faults(error_rate=1.0)
    emu.reset()
    assert json.loads(emu_http("GET", "/_emulator/faults").data)["error_rate"] == 0.0


def test_knobs_never_touch_emulator_routes(emu, emu_http):
    emu.set_faults(error_rate=1.0, latency_ms=3000)
    started = time.monotonic()
    assert emu_http("GET", "/_emulator/stats").status == 200
    assert time.monotonic() - started < 2.0


def test_faults_over_http(emu, emu_http, emu_login):
    response = emu_http("PUT", "/_emulator/faults", {"token_lifetime_seconds": 60, "latency_ms": 1})
    assert response.status == 200
    knobs = json.loads(response.data)
    assert {name: knobs[name] for name in ("latency_ms", "error_rate", "token_lifetime_seconds", "error_status")} == {
        "latency_ms": 1, "error_rate": 0.0, "token_lifetime_seconds": 60, "error_status": 500}
    assert emu_login().expires_in == 60


@pytest.mark.parametrize("body", [
    pytest.param({"error_rate": 2}, id="rate-above-1"),
    pytest.param({"latency_ms": -1}, id="negative-latency"),
    pytest.param({"latency_ms": "slow"}, id="text-latency"),
    pytest.param({"token_lifetime_seconds": 1.5}, id="fractional-lifetime"),
    pytest.param({"error_status": 404}, id="status-not-a-server-error"),
    pytest.param({"error_status": 503.0}, id="fractional-status"),
    pytest.param({"isolation_leak": "yes"}, id="isolation-leak-not-a-boolean"),
    pytest.param({"timeout": 1}, id="unknown-knob"),
    pytest.param([1], id="not-an-object"),
])
def test_bad_knobs_are_rejected(emu_http, body):
    response = emu_http("PUT", "/_emulator/faults", body)
    assert response.status == 400, response.data


def test_set_faults_rejects_bad_values(emu):
    with pytest.raises(ValueError, match="error_rate"):
        emu.set_faults(error_rate=-0.1)


def test_stats_count_requests_and_name_what_was_not_seeded(emu, emu_tenants, emu_http):
    emu_tenants.create_tenant(TenantCreate(name="Left behind"))
    stats = json.loads(emu_http("GET", "/_emulator/stats").data)
    assert stats == emu.stats()
    assert stats["token_requests"] == 1 and stats["requests"] == 2
    assert stats["password_grants"] == {"superuser": 1}
    assert stats["left"] == {"tenants": ["Left behind"]}
    assert (stats["tenants"], stats["users"]) == (["Left behind"], [])


def test_reset_over_http_restores_the_seed(emu, emu_tenants, emu_http):
    emu_tenants.create_tenant(TenantCreate(name="Gone after reset"))
    assert emu_http("POST", "/_emulator/reset").status == 204
    assert emu.stats() == {"token_requests": 0, "requests": 0, "password_grants": {}, "left": {}, "tenants": [],
                           "users": []}


def test_reset_keeps_issued_tokens_valid(emu, emu_superuser_client):
    emu.reset()
    assert UsersApi(emu_superuser_client).get_current_user().username == "superuser"


def test_unknown_route_answers_an_error_body(emu, emu_http):
    response = emu_http("GET", "/idm/api/v9/nothing")
    assert response.status == 404 and json.loads(response.data)["code"] == "NOT_FOUND"


def test_injected_errors_count_as_requests(emu, emu_superuser_client):
    emu.set_faults(error_rate=1.0)
    with pytest.raises(ServiceException):
        TenantsApi(emu_superuser_client).get_tenants_page(0, 1)
    assert emu.stats()["requests"] == 2
