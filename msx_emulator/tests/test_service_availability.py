"""The per-service availability knob: a service up, down (503 as from a gateway) or absent (404, no route)."""

from __future__ import annotations

import dataclasses
import json

import pytest
import urllib3

from msx_emulator import DEFAULT_CONFIG, running_emulator
from msx_emulator.config import ROOT_TENANT_ID
from msx_emulator.tests.helpers import basic

PRODUCTS = "/consume/api/v8/products?page=0&pageSize=10"
TENANT = f"/idm/api/v8/tenants/{ROOT_TENANT_ID}"


@pytest.fixture
def emu_raw(emu, emu_login):
    """Plain superuser requests (a down service's 503 is not in the contract the SDK clients are checked by)."""
    bearer = {"Authorization": f"Bearer {emu_login().access_token}"}
    with urllib3.PoolManager() as pool:
        yield lambda method, path, body=None: pool.request(method, emu.url + path, json=body, headers=bearer)


def _token_request(url: str):
    return urllib3.request("POST", f"{url}/idm/v2/token", body="grant_type=password&username=superuser&"
                           "password=Emulator-Superuser-1",
                           headers={"Authorization": basic("msx-suite", "emulator-client-secret"),
                                    "Content-Type": "application/x-www-form-urlencoded"})


def _error(response, status: int) -> dict:
    assert response.status == status, (response.status, response.data)
    body = json.loads(response.data)
    assert set(body) == {"code", "message"}, body
    return body


def test_a_down_service_answers_503_and_the_others_serve(emu, emu_raw):
    emu.set_faults(services={"consume": "down"})
    assert "consume" in _error(emu_raw("GET", PRODUCTS), 503)["message"]
    assert emu_raw("GET", TENANT).status == 200


def test_an_absent_service_answers_404_for_its_whole_prefix(emu, emu_raw):
    emu.set_faults(services={"consume": "absent"})
    for path in (PRODUCTS, "/consume/api/v8/offers/count", "/consume/anything"):
        assert _error(emu_raw("GET", path), 404)["code"] == "NOT_FOUND"
    assert emu_raw("GET", "/monitor/api/v8/health/services/list?ids=idm").status == 200


def test_the_token_endpoint_follows_idm(emu, emu_raw):
    emu.set_faults(services={"idm": "down"})
    _error(_token_request(emu.url), 503)
    _error(emu_raw("GET", TENANT), 503)
    emu.set_faults(services={"idm": "absent"})
    _error(_token_request(emu.url), 404)


def test_a_path_no_operation_serves_answers_404_up_and_503_down(emu, emu_raw):
    # Every service is emulated now: a path of none of its operations stands for one that is not.
    assert _error(emu_raw("GET", "/manage/api/v8/unserved"), 404)["code"] == "NOT_FOUND"
    emu.set_faults(services={"manage": "down"})
    _error(emu_raw("GET", "/manage/api/v8/unserved"), 503)


def test_availability_over_http_and_back_up_with_reset(emu, emu_raw):
    with urllib3.PoolManager() as pool:
        response = pool.request("PUT", f"{emu.url}/_emulator/faults", json={"services": {"consume": "down"}})
        assert response.status == 200 and json.loads(response.data)["services"]["consume"] == "down"
        _error(emu_raw("GET", PRODUCTS), 503)
        refused = pool.request("PUT", f"{emu.url}/_emulator/faults", json={"services": {"consume": "sleepy"}})
        assert refused.status == 400 and "consume" in json.loads(refused.data)["message"]
    emu.reset()
    assert emu_raw("GET", PRODUCTS).status == 200


@pytest.mark.parametrize("services, message", [
    pytest.param({"nowhere": "down"}, "nowhere", id="unknown-service"),
    pytest.param({"consume": "off"}, "consume", id="unknown-availability"),
    pytest.param(["consume"], "services", id="not-a-mapping"),
])
def test_set_faults_rejects_bad_availability(emu, services, message):
    with pytest.raises(ValueError, match=message):
        emu.set_faults(services=services)


def test_configured_availability_holds_from_the_start():
    with running_emulator(dataclasses.replace(DEFAULT_CONFIG, services={"idm": "down"})) as emulator:
        _error(_token_request(emulator.url), 503)
        emulator.reset()
        _error(_token_request(emulator.url), 503)
        emulator.set_faults()
        assert _token_request(emulator.url).status == 200
