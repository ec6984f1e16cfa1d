"""Cassettes: where they live, how requests match them, and what a failed replay says.

Replay (the default) reads cassettes and blocks the network; record rewrites them against
the configured target; live uses none. Requests match on method, path and query only, so
cassettes replay against any host.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

import vcr
from vcr.cassette import Cassette
from vcr.errors import CannotOverwriteExistingCassetteException

from msxsuite.provenance import stamp
from msxsuite.scrubbing import Scrubber
from msxsuite.settings import Settings

CASSETTES = "cassettes"
# vcrpy writes JSON as readily as YAML and reads it about six times faster (a replay loads a cassette per test).
SERIALIZER = "json"
SUFFIX = f".{SERIALIZER}"
SESSION_CASSETTE = Path(CASSETTES, "session", f"token{SUFFIX}")
MATCH_ON = ("msx_request",)
RECORD_HINT = "pytest --msx-mode=record --msx-url=emulator"


def vcr_config(settings: Settings) -> dict:
    """The one vcrpy configuration of the suite: scrubbing, matching, decoding, JSON files."""
    scrubber = Scrubber(settings)
    return {
        "serializer": SERIALIZER,
        "match_on": MATCH_ON,
        "decode_compressed_response": True,
        "filter_headers": ["authorization", "cookie"],
        "before_record_request": scrubber.request,
        "before_record_response": scrubber.response,
    }


def same_request(asked, recorded) -> bool:
    """vcrpy's method, path and query matchers in one, each request's key worked out once."""
    return _match_key(asked) == _match_key(recorded)


def _match_key(request) -> tuple:
    cached = request.__dict__.get("_msx_match_key")
    if cached is None or cached[0] is not request.uri:
        cached = request.__dict__["_msx_match_key"] = (request.uri, request.method, request.path,
                                                          tuple(request.query))
    return cached[1:]


class KeyedCassette(Cassette):
    """vcrpy's Cassette finding a request's recorded interactions by its match key, not by comparing the
    request with each interaction in turn (and logging each difference). It plays as vcrpy's would:
    the same interactions in the same order, its own play counts and record mode."""

    _index: tuple[int, dict[tuple, list[int]]] = (0, {})  # (len(self.data) when indexed, positions by key)

    def _responses(self, request):
        asked = self._before_record_request(request)
        if asked is None or self._match_on != [same_request]:
            yield from super()._responses(request)
            return
        for index in self._indexed().get(_match_key(asked), ()):
            yield index, self.data[index][1]

    def _indexed(self) -> dict[tuple, list[int]]:
        """Positions in self.data by match key, kept until the cassette records another interaction."""
        size, by_key = self._index
        if size != len(self.data):
            by_key = {}
            for position, (recorded, _) in enumerate(self.data):
                by_key.setdefault(_match_key(recorded), []).append(position)
            self._index = (len(self.data), by_key)
        return by_key


def with_matcher(configured: vcr.VCR) -> vcr.VCR:
    """`configured` knowing the suite's matcher, which MATCH_ON names."""
    configured.register_matcher(MATCH_ON[0], same_request)
    return configured


def record_mode(settings: Settings) -> str:
    """pytest-recording's record mode for an MSX mode."""
    return "rewrite" if settings.mode == "record" else "none"


@contextmanager
def session_cassette(rootpath: Path, settings: Settings):
    """Record or replay the token exchange, which happens before any test's cassette."""
    if not settings.recording:
        yield
        return
    path = rootpath / SESSION_CASSETTE
    if settings.mode == "record":
        path.unlink(missing_ok=True)
    mode = "new_episodes" if settings.mode == "record" else "none"
    with with_matcher(vcr.VCR(record_mode=mode, **vcr_config(settings))).use_cassette(str(path)) as cassette:
        stamp(cassette, settings)
        yield


def replay_failure(error: CannotOverwriteExistingCassetteException, rootpath: Path, target: str = "") -> str:
    """One line naming the cassette, what was missing, and the command that records it."""
    cassette = os.path.relpath(error.cassette._path, rootpath)
    request = error.failed_request
    asked = f"{request.method} {request.path}" if request is not None else "its run tag"
    if error.reason == "cassette_not_found" or not os.path.exists(error.cassette._path):
        what = f"missing cassette {cassette}"
    elif error.reason == "already_played":
        what = f"{cassette} has no further answer for {asked} (the test sends more requests than were recorded)"
    else:
        what = f"{cassette} has no recorded answer for {asked}"
    return f"{what}: record it with {RECORD_HINT}" + (f" '{target}'" if target else "")
