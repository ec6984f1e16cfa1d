"""python-msx-sdk's own cost on the checklist's recorded traffic, outside pytest and vcrpy.

For every recorded exchange of the cassettes it does what the SDK does in a test: builds the request
body's model from the recorded body and serializes it as it would send it, and deserializes the
recorded answer into the operation's response type with type checking on. Cassettes are parsed first
and not timed: parsing is vcrpy's work, not the SDK's.

    .venv/bin/python benchmarks/sdk_cost.py [cassettes/...]     # prints seconds, exchanges, per exchange
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import python_msx_sdk.api
import yaml
from python_msx_sdk import ApiClient, Configuration
from python_msx_sdk.api_client import Endpoint
from python_msx_sdk.exceptions import OpenApiException
from python_msx_sdk.model_utils import validate_and_convert_types

ROOT = Path(__file__).resolve().parents[1]
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class RecordedAnswer:
    """What ApiClient.deserialize reads of a urllib3 response."""

    def __init__(self, body: str, content_type: str):
        self.data = body.encode()
        self._content_type = content_type

    def getheader(self, name, default=None):
        return self._content_type if name.lower() == "content-type" else default


def endpoints(client: ApiClient) -> list[tuple[str, re.Pattern, Endpoint]]:
    """Every operation of the SDK as (method, path pattern, endpoint), literal paths first."""
    found = []
    for module_info in pkgutil.iter_modules(python_msx_sdk.api.__path__):
        module = importlib.import_module(f"python_msx_sdk.api.{module_info.name}")
        for name, value in vars(module).items():
            if isinstance(value, type) and name.endswith("Api") and value.__module__ == module.__name__:
                found += [value for value in vars(value(client)).values() if isinstance(value, Endpoint)]
    found.sort(key=lambda endpoint: endpoint.settings["endpoint_path"].count("{"))
    return [(endpoint.settings["http_method"],
             re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(endpoint.settings["endpoint_path"])) + "$"),
             endpoint) for endpoint in found]


def exchanges(paths: list[Path]) -> list[dict]:
    """The recorded interactions of the cassettes, parsed."""
    recorded = []
    for path in paths:
        for interaction in (yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER) or {}).get("interactions", []):
            recorded.append(interaction)
    return recorded


def sdk_work(client: ApiClient, routes, interaction: dict) -> None:
    """The SDK's work on one exchange: the request body's model and its serialization, then the answer."""
    request, response = interaction["request"], interaction["response"]
    path = urlsplit(request["uri"]).path
    endpoint = next((e for method, pattern, e in routes if method == request["method"] and pattern.match(path)), None)
    if endpoint is None:
        return
    body_types = [endpoint.openapi_types[name] for name, where in endpoint.location_map.items() if where == "body"]
    if body_types and request.get("body"):
        try:
            model = validate_and_convert_types(json.loads(request["body"]), body_types[0], ["body"], True, True,
                                               client.configuration)
            client.sanitize_for_serialization(model)
        except (ValueError, TypeError, OpenApiException):
            pass  # a raw body a refusal test sent on purpose: the SDK never built it
    status = response["status"]["code"]
    if 200 <= status < 300 and endpoint.settings["response_type"] and response["body"].get("string"):
        headers = {name.lower(): values for name, values in response["headers"].items()}
        content_type = (headers.get("content-type") or ["application/json"])[0]
        try:
            client.deserialize(RecordedAnswer(response["body"]["string"], content_type),
                               endpoint.settings["response_type"], True)
        except (ValueError, TypeError, OpenApiException):
            pass  # an answer the SDK cannot read: the tests read it raw


def measure(paths: list[Path], repeat: int = 3) -> dict:
    """Seconds the SDK spends on the cassettes' exchanges (best of `repeat`), and how many there are."""
    client = ApiClient(Configuration(host="https://msx.invalid"))
    routes = endpoints(client)
    recorded = exchanges(paths)
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for interaction in recorded:
            sdk_work(client, routes, interaction)
        best = min(best, time.perf_counter() - started)
    return {"seconds": round(best, 3), "exchanges": len(recorded),
            "ms_per_exchange": round(1000 * best / max(len(recorded), 1), 3)}


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
    chosen = [Path(arg) for arg in sys.argv[1:]] or sorted((ROOT / "cassettes").rglob("*.yaml"))
    figures = measure(chosen) | {"import_seconds": import_seconds(sys.executable)}
    print(json.dumps(figures))
