"""Recorded answers handed straight to urllib3's connection pools while vcrpy's patches are in force.

vcrpy answers a request from deep inside urllib3: it builds a stand-in connection (resetting and
re-entering its patches to do so), writes the request to it, parses the recorded headers as an
email message and wraps the answer twice. Here a pool asked for a request that the current
cassette can play gets the recorded answer at once, as the urllib3 response vcrpy's path ends in.
vcrpy's Cassette still decides (its matching, play counts and record mode), and urllib3's own
retry of a 502/503/504 and its redirects still apply. A request the cassette cannot play goes down
vcrpy's path, which records it or refuses it exactly as before.
"""

from __future__ import annotations

import functools
from io import BytesIO
from unittest import mock

from urllib3 import HTTPConnectionPool, HTTPHeaderDict, HTTPResponse
from urllib3.exceptions import MaxRetryError
from urllib3.util.retry import Retry
from vcr.errors import UnhandledHTTPRequestError
from vcr.record_mode import RecordMode
from vcr.request import Request

DEFAULT_PORTS = {"http": 80, "https": 443}


def requested_uri(pool: HTTPConnectionPool, url: str) -> str:
    """The absolute URI vcrpy would record for `url` (a path and query) sent through `pool`."""
    default = DEFAULT_PORTS.get(pool.scheme)
    port = "" if pool.port in (None, default) else f":{pool.port}"
    return f"{pool.scheme}://{pool.host}{port}{url}"


def recorded_response(recorded: dict, pool: HTTPConnectionPool, method: str, url: str, retries: Retry,
                      preload_content: bool = True, decode_content: bool = True) -> HTTPResponse:
    """urllib3's response for a recorded answer, read as vcrpy's stand-in connection would give it."""
    headers = HTTPHeaderDict()
    for name, values in recorded["headers"].items():
        # vcrpy drops chunked framing: the recorded body is whole.
        if name.lower() != "transfer-encoding":
            for value in values:
                headers.add(name, value)
    return HTTPResponse(body=BytesIO(recorded["body"]["string"]), headers=headers,
                        status=recorded["status"]["code"], reason=recorded["status"]["message"],
                        preload_content=preload_content, decode_content=decode_content,
                        request_method=method, request_url=url, retries=retries, pool=pool)


def plays(cassette) -> bool:
    """Whether vcrpy would play recorded answers from `cassette` at all (its can_play_response_for,
    less the lookup that play_response makes anyway)."""
    return cassette.record_mode != RecordMode.ALL and (cassette.rewound or cassette.allow_playback_repeats)


def playing_pools(switch):
    """A patch of urllib3's pools: `switch.current` answers what it can play, vcrpy's path the rest."""
    original = HTTPConnectionPool.urlopen

    @functools.wraps(original)
    def urlopen(pool, method, url, body=None, headers=None, retries=None, redirect=True, **kw):
        cassette = switch.current
        # A pool asked to follow redirects itself is left to urllib3 (a PoolManager follows them above).
        if redirect or not plays(cassette):
            return original(pool, method, url, body, headers, retries, redirect, **kw)
        try:
            recorded = cassette.play_response(Request(method, requested_uri(pool, url), body, dict(headers or {})))
        except UnhandledHTTPRequestError:  # nothing (left) to play for it
            return original(pool, method, url, body, headers, retries, redirect, **kw)
        if not isinstance(retries, Retry):
            retries = Retry.from_int(retries, redirect=redirect, default=pool.retries)
        response = recorded_response(recorded, pool, method, url, retries,
                                     kw.get("preload_content", True), kw.get("decode_content", True))
        if not retries.is_retry(method, response.status, bool(response.headers.get("Retry-After"))):
            return response
        try:
            retries = retries.increment(method, url, response=response, _pool=pool)
        except MaxRetryError:
            if retries.raise_on_status:
                raise
            return response
        retries.sleep(response)
        return urlopen(pool, method, url, body, headers, retries, redirect, **kw)

    return mock.patch.object(HTTPConnectionPool, "urlopen", urlopen)
