"""Recorded answers handed to urllib3's pools: what vcrpy's own path would give, retries included."""

import json
from contextlib import contextmanager

import pytest
import urllib3
from vcr import VCR
from vcr.errors import CannotOverwriteExistingCassetteException, UnhandledHTTPRequestError
from vcr.request import Request

from msxsuite import cassette_switch
from msxsuite.cassette_switch import CassetteSwitch
from msxsuite.counters import TALLY
from msxsuite.recording import MATCH_ON, SERIALIZER, SUFFIX, KeyedCassette, with_matcher
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


def plays_of(cassette, asked: list[tuple[str, str]]) -> list[str]:
    """What `cassette` plays for each (method, path) asked in turn: a body, or "none"."""
    played = []
    for method, path in asked:
        try:
            played.append(cassette.play_response(Request(method, f"https://other.invalid{path}", None, {}))
                          ["body"]["string"].decode())
        except UnhandledHTTPRequestError:
            played.append("none")
    return played


def test_a_keyed_cassette_plays_what_vcrpys_matchers_would(tmp_path):
    recorded = [exchange("GET", "/a?x=1&y=2", answer(200, "OK", {"n": 1})),
                exchange("GET", "/a?y=2&x=1", answer(200, "OK", {"n": 2})),
                exchange("POST", "/a", answer(201, "Created", {"n": 3})),
                exchange("GET", "/a?x=1", answer(200, "OK", {"n": 4}))]
    asked = [("GET", "/a?y=2&x=1"), ("POST", "/a"), ("GET", "/a?x=1&y=2"), ("GET", "/a?x=1&y=2"),
             ("GET", "/a"), ("PUT", "/a"), ("GET", "/a?x=1")]
    path = tmp_path / "recorded"
    path.with_suffix(SUFFIX).write_text(json.dumps({"version": 1, "interactions": recorded}))
    keyed = cassette_switch.load(with_matcher(VCR(serializer=SERIALIZER, match_on=MATCH_ON)), str(path), "none")
    plain = cassette_switch.load(VCR(serializer=SERIALIZER, match_on=("method", "path", "query")), str(path), "none")
    assert isinstance(keyed, KeyedCassette)
    assert plays_of(keyed, asked) == plays_of(plain, asked) == [
        '{"n": 1}', '{"n": 3}', '{"n": 2}', "none", "none", "none", '{"n": 4}']
    assert keyed.play_counts == plain.play_counts and keyed.all_played


def test_a_keyed_cassette_finds_what_it_recorded_after_it_was_first_asked(tmp_path):
    cassette = cassette_switch.load(with_matcher(VCR(serializer=SERIALIZER, match_on=MATCH_ON)),
                                    str(tmp_path / "new"), "new_episodes")
    assert plays_of(cassette, [("GET", "/b")]) == ["none"]
    response = answer(200, "OK")
    response["body"]["string"] = b'{"n": 5}'  # as vcrpy keeps a recorded body
    cassette.append(Request("GET", "https://msx.invalid/b", None, {}), response)
    cassette.rewound = True
    assert plays_of(cassette, [("GET", "/b")]) == ['{"n": 5}']
