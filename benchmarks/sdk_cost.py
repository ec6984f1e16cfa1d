"""python-msx-sdk's own cost on the checklist's recorded traffic, outside pytest and vcrpy.

For every recorded exchange of the cassettes it makes the call a test makes, through the SDK's own
operation (`TenantsApi.create_tenant(...)`, ...): the SDK checks and converts the arguments (the
request body into its model), builds and serializes the request, hands it to its REST client, and
reads the recorded answer into the operation's response type with type checking on (or raises its
ApiException for an error status). Only the network is replaced: the SDK's HTTP client, urllib3,
encodes the request and its pool manager picks a connection pool as always, and the pool hands back
the recorded answer as a urllib3 response at once, as the replay's pools do. A request the SDK's
operation would not build (a refusal test sends it raw) goes through `ApiClient.call_api` as the
suite's `send_raw` sends it. Cassettes are
parsed and each call's arguments prepared first, untimed: that is vcrpy's and the test's work.

    .venv/bin/python benchmarks/sdk_cost.py [cassettes/...]     # prints seconds, exchanges, per exchange
"""

from __future__ import annotations

import datetime
import functools
import json
import re
import sys
import time
from pathlib import Path
from typing import Callable
from unittest import mock
from urllib.parse import parse_qsl, unquote, urlsplit

from python_msx_sdk import ApiClient, Configuration
from python_msx_sdk.api_client import Endpoint
from python_msx_sdk.exceptions import ApiException, ApiTypeError, ApiValueError
from urllib3 import HTTPConnectionPool

from msx_emulator.operations import api_classes
from msxsuite.pool_playback import recorded_response
from msxsuite.recording import SUFFIX
from msxsuite.sdk import JSON_HEADERS

ROOT = Path(__file__).resolve().parents[1]
PLACEHOLDER_CREDENTIAL = "Basic c2NydWJiZWQ="  # header parameters the cassettes hold scrubbed


class RecordedNetwork:
    """The network below urllib3's connection pools: each request gets the recorded answer set last,
    as the replay's pools hand it over (msxsuite.pool_playback)."""

    def __init__(self) -> None:
        self.answer: dict | None = None

    def patch(self):
        """urllib3's pools answering from here instead of sending."""
        def urlopen(pool, method, url, body=None, headers=None, retries=None, redirect=True, **kw):
            return recorded_response(self.answer, pool, method, url, retries,
                                     kw.get("preload_content", True), kw.get("decode_content", True))

        return mock.patch.object(HTTPConnectionPool, "urlopen", urlopen)


def recorded_answer(response: dict) -> dict:
    """A cassette's response with its body as bytes, as vcrpy hands it over."""
    return response | {"body": {"string": (response["body"].get("string") or "").encode()}}


def operations(client: ApiClient) -> list[tuple[str, re.Pattern, Endpoint, Callable]]:
    """Every operation of the SDK as (method, path pattern with named parameters, endpoint, the API method
    a test calls), literal paths first."""
    found = []
    for api_class in api_classes():
        api = api_class(client)
        found += [(endpoint, getattr(api, endpoint.settings["operation_id"]))
                  for endpoint in vars(api).values() if isinstance(endpoint, Endpoint)]
    found.sort(key=lambda pair: pair[0].settings["endpoint_path"].count("{"))
    return [(endpoint.settings["http_method"], _path_pattern(endpoint.settings["endpoint_path"]), endpoint, method)
            for endpoint, method in found]


def _path_pattern(template: str) -> re.Pattern:
    parts = re.split(r"\{([^/]+?)\}", template)
    return re.compile("^" + "".join(re.escape(part) if n % 2 == 0 else f"(?P<{part}>[^/]+)"
                                    for n, part in enumerate(parts)) + "$")


def _argument(text: str, types: tuple):
    """A query or path parameter as the test passed it, from its text in the URL."""
    kind = types[0]
    if kind is bool:
        return text == "true"
    if kind is int:
        return int(text)
    if kind is datetime.datetime:
        return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if kind is datetime.date:
        return datetime.date.fromisoformat(text)
    return text


def typed_arguments(endpoint: Endpoint, match: re.Match, request: dict) -> dict:
    """The keyword arguments a test passes to the SDK operation that sent `request`."""
    by_wire_name = {endpoint.attribute_map.get(name, name): name for name in endpoint.location_map}
    kwargs = {by_wire_name[name]: _argument(unquote(value), endpoint.openapi_types[by_wire_name[name]])
              for name, value in match.groupdict().items()}
    query = parse_qsl(urlsplit(request["uri"]).query)
    for wire_name, value in query:
        name = by_wire_name[wire_name]
        if isinstance(endpoint.openapi_types[name][0], list):
            kwargs.setdefault(name, []).append(value)
        else:
            kwargs[name] = _argument(value, endpoint.openapi_types[name])
    for name, where in endpoint.location_map.items():
        if where == "header" and name in endpoint.params_map["required"]:
            kwargs[name] = PLACEHOLDER_CREDENTIAL
    body = request.get("body")
    if body:
        body_names = [name for name, where in endpoint.location_map.items() if where == "body"]
        if body_names:  # as recorded, with the contract's property names
            kwargs[body_names[0]] = json.loads(body)
            kwargs["_spec_property_naming"] = True
        else:  # a form: the token request
            kwargs |= {by_wire_name[name]: value for name, value in parse_qsl(body)}
    return kwargs


def raw_call(client: ApiClient, request: dict, response_type: tuple | None) -> Callable[[], object]:
    """The suite's `send_raw` of `request`: MSX, not the SDK, must refuse what it carries."""
    parts = urlsplit(request["uri"])
    body = request.get("body")
    try:
        body = json.loads(body) if body else None
    except ValueError:
        pass
    return functools.partial(client.call_api, parts.path, request["method"], query_params=parse_qsl(parts.query),
                             body=body, response_type=response_type, header_params=dict(JSON_HEADERS),
                             auth_settings=[], _check_type=False, _return_http_data_only=True)


def calls(client: ApiClient, network: RecordedNetwork, paths: list[Path]) -> list[tuple[dict, Callable]]:
    """Each recorded exchange the SDK has an operation for, as (its answer, the call that sends it).

    A trial run picks the first that the SDK takes: the typed call, else a raw one reading a success
    as the operation's response type, else a raw one (a test reads that answer itself).
    """
    routes = operations(client)
    prepared = []
    for path in paths:
        for interaction in json.loads(path.read_text(encoding="utf-8"))["interactions"]:
            request, answer = interaction["request"], recorded_answer(interaction["response"])
            route = urlsplit(request["uri"]).path
            for method, pattern, endpoint, operation in routes:
                match = pattern.match(route) if method == request["method"] else None
                if match:
                    break
            else:
                continue
            candidates = (lambda: functools.partial(operation, **typed_arguments(endpoint, match, request)),
                          lambda: raw_call(client, request, endpoint.settings["response_type"]),
                          lambda: raw_call(client, request, None))
            for candidate in candidates:
                try:
                    call = candidate()
                    network.answer = answer
                    _send(call)
                except (ApiTypeError, ApiValueError, ValueError, KeyError, TypeError):
                    continue
                prepared.append((answer, call))
                break
    return prepared


def _send(call: Callable) -> None:
    try:
        call()
    except ApiException:
        pass  # an error status: the SDK raised its exception, as the refusal tests expect


class SdkWork:
    """The cassettes' exchanges prepared as SDK calls (untimed), to be sent through the SDK on demand."""

    def __init__(self, paths: list[Path]) -> None:
        self.client = ApiClient(Configuration(host="https://msx.invalid"))
        self.client.set_default_header("Authorization", "Bearer recorded")
        self.network = RecordedNetwork()
        with self.network.patch():
            self.prepared = calls(self.client, self.network, paths)

    def seconds(self) -> float:
        """Wall seconds of one pass over every prepared exchange."""
        with self.network.patch():
            started = time.perf_counter()
            for answer, call in self.prepared:
                self.network.answer = answer
                _send(call)
            return time.perf_counter() - started

    def figures(self, seconds: float) -> dict:
        """`seconds` of a pass, with how many exchanges there are and how many go raw."""
        return {"seconds": round(seconds, 3), "exchanges": len(self.prepared),
                "ms_per_exchange": round(1000 * seconds / max(len(self.prepared), 1), 3),
                "raw_calls": sum(call.func == self.client.call_api for _, call in self.prepared)}


def measure(paths: list[Path], repeat: int = 3) -> dict:
    """Seconds the SDK spends on the cassettes' exchanges (best of `repeat`), how many there are, how many raw."""
    work = SdkWork(paths)
    return work.figures(min(work.seconds() for _ in range(repeat)))


def import_seconds(python: str) -> float:
    """Wall seconds a fresh interpreter takes to import the SDK's APIs and models, beyond starting."""
    import subprocess

    def timed(code: str) -> float:
        started = time.perf_counter()
        subprocess.run([python, "-c", code], check=True)
        return time.perf_counter() - started

    runs = [timed("import python_msx_sdk.apis, python_msx_sdk.models") - timed("pass") for _ in range(3)]
    return round(max(0.0, sorted(runs)[1]), 3)


if __name__ == "__main__":
    chosen = [Path(arg) for arg in sys.argv[1:]] or sorted((ROOT / "cassettes").rglob(f"*{SUFFIX}"))
    figures = measure(chosen) | {"import_seconds": import_seconds(sys.executable)}
    print(json.dumps(figures))
