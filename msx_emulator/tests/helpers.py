"""Small helpers of the emulator's self-tests: credentials, raw SDK calls, error bodies, the contract's YAML."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
import yaml
from python_msx_sdk import ApiClient
from python_msx_sdk.exceptions import ApiException

# libyaml's loader where PyYAML has it: it reads the contract in 0.2 s instead of 0.75 s.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def basic(client_id: str, client_secret: str) -> str:
    """An HTTP Basic Authorization value."""
    return "Basic " + base64.b64encode(f"{client_id}:{client_secret}".encode()).decode()


def raw_call(client: ApiClient, method: str, path: str, query: list[tuple[str, Any]] | None = None,
             body: Any = None) -> Any:
    """Send what the SDK's typed operations refuse to send (invalid input), through its ApiClient."""
    return client.call_api(path, method, query_params=query or [], body=body, auth_settings=[],
                           header_params={"Accept": "application/json", "Content-Type": "application/json"},
                           _return_http_data_only=True, _check_type=False)


def api_error(call, status: int) -> dict[str, Any]:
    """Run `call`, expect an ApiException with `status`, return its JSON body."""
    with pytest.raises(ApiException) as caught:
        call()
    error = caught.value
    assert error.status == status, f"expected {status}, got {error.status}: {error.body}"
    return json.loads(error.body) if error.body else {}


def error_naming(call, status: int, field: str) -> dict[str, Any]:
    """Expect an Error body with `status` whose message names `field`."""
    body = api_error(call, status)
    assert set(body) == {"code", "message"} and field in body["message"], body
    return body
