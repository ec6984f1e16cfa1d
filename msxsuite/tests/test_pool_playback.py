"""Recorded answers handed to urllib3's pools: what vcrpy's own path would give, retries included."""

import json
from contextlib import contextmanager

import pytest
import urllib3
from vcr import VCR
from vcr.errors import CannotOverwriteExistingCassetteException

from msxsuite import cassette_switch
from msxsuite.cassette_switch import CassetteSwitch
from msxsuite.counters import TALLY
from msxsuite.recording import SERIALIZER, SUFFIX
from msxsuite.retries import read_retries


def answer(status: int, reason: str, body: dict | None = None) -> dict:
    text = json.dumps(body) if body is not None else ""
    return {"status": {"code": status, "message": reason}, "body": {"string": text},
            "headers": {"Content-Type": ["application/json"], "Transfer-Encoding": ["chunked"]}}


def exchange(method: str, path: str, response: dict) -> dict:
    return {"request": {"method": method, "uri": f"https://msx.invalid{path}", "body": None, "headers": {}},
            "response": response}


@pytest.fixture
def play(tmp_path):
    """Play the given exchanges from a cassette through the suite's switch: `with play(...) as (pool, cassette)`."""
    @contextmanager
    def playing(*exchanges):
        path = tmp_path / "recorded"
        path.with_suffix(SUFFIX).write_text(json.dumps({"version": 1, "interactions": list(exchanges)}))
        configured = VCR(serializer=SERIALIZER, match_on=("method", "path", "query"))
        switch = CassetteSwitch()
        try:
            with switch.playing(cassette_switch.load(configured, str(path), "none")) as cassette:
                yield urllib3.PoolManager(retries=read_retries()), cassette
        finally:
            switch.unpatch()

    return playing


def test_a_recorded_answer_comes_back_as_urllib3_response(play):
    with play(exchange("POST", "/idm/api/v8/tenants", answer(201, "Created", {"id": "t-1"}))) as (pool, cassette):
        response = pool.request("POST", "http://127.0.0.1:8080/idm/api/v8/tenants", body=b"{}")
        assert (response.status, response.reason, json.loads(response.data)) == (201, "Created", {"id": "t-1"})
        assert response.headers["Content-Type"] == "application/json"
        assert "Transfer-Encoding" not in response.headers, "the recorded body is whole, as vcrpy plays it"
        assert cassette.all_played


def test_a_recorded_gateway_error_on_a_read_is_retried_as_urllib3_would(play):
    retries_before = TALLY["retries"]
    recorded = (exchange("GET", "/idm/api/v8/tenants", answer(503, "Service Unavailable")),
                exchange("GET", "/idm/api/v8/tenants", answer(200, "OK", {"contents": []})))
    with play(*recorded) as (pool, cassette):
        response = pool.request("GET", "https://msx.invalid/idm/api/v8/tenants")
        assert (response.status, json.loads(response.data)) == (200, {"contents": []})
        assert cassette.all_played and TALLY["retries"] == retries_before + 1


def test_what_the_cassette_cannot_play_goes_down_vcrpys_path(play):
    with play(exchange("GET", "/idm/api/v8/tenants", answer(200, "OK", {}))) as (pool, _):
        with pytest.raises(CannotOverwriteExistingCassetteException):
            pool.request("GET", "https://msx.invalid/idm/api/v8/users")


def test_the_pools_are_themselves_again_once_the_switch_unpatches(play):
    original = urllib3.HTTPConnectionPool.urlopen
    with play(exchange("GET", "/x", answer(200, "OK", {}))):
        assert urllib3.HTTPConnectionPool.urlopen is not original
    assert urllib3.HTTPConnectionPool.urlopen is original
