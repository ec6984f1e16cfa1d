"""Who may do what: every contract operation tried once with one role's token, in a way that can change
nothing, and the outcome per role and operation; the permissions the contract names; drift against a baseline.

A probe of an operation sends path ids that do not exist, required query parameters with valid values and,
where the operation takes a body, one of the wrong JSON type: a role that may call the operation gets an
answer about its input (400, 404, ...: "allowed 404"), a role that may not gets "refused 403". A real MSX
that validates input before it authorizes may answer 400 to a refused role; the matrix then says
"allowed 400", and a baseline recorded on that MSX still catches every change. A write left with nothing to
refuse (no path id, no body to break) could still act: it is tried only where side effects are allowed.

The operations come from the installed python-msx-sdk (msx_emulator.operations.operation_table), the
permission an operation needs from the SDK's method docstrings, which carry the contract's descriptions
("Needs VIEW_EVENTS permission ..."): no copy of the contract.
"""

from __future__ import annotations

import functools
import importlib
import json
import pkgutil
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import python_msx_sdk.api
from python_msx_sdk.exceptions import ApiException

from msx_emulator.operations import Operation, camel_case, operation_table
from msxsuite.sdk import JSON_HEADERS

UNKNOWN_ID = "5f0c3e52-0000-4000-8000-000000000404"
PROBE_TEXT = "msx-matrix-probe"
PROBE_TIME = "2020-01-01T00:00:00Z"
TOKEN_OPERATION = "getAccessToken"
NOT_BEARER = "not tried: no bearer token"
SIDE_EFFECT = "not tried: side effect"
SERVICE_NOT_RUN = "not tried: service not run here"
ALLOWED, REFUSED = "allowed", "refused"
REFUSING_STATUSES = (401, 403)
NEEDS = re.compile(r"\bNeeds ([A-Z][A-Z0-9_]+)")


@dataclass(frozen=True)
class Probe:
    """One request that tries an operation and can change nothing (unless `could_act`)."""

    operation_id: str
    service: str
    method: str
    path: str
    query: tuple[tuple[str, object], ...]
    body: object  # a JSON value of the wrong type for the operation's body, or None
    could_act: bool  # a write with nothing in it to refuse


def probe(operation: Operation, tenant_id: str) -> Probe:
    """The probe of an operation, for a role whose own tenant is `tenant_id`."""
    path = operation.path
    for parameter in operation.located("path"):
        path = path.replace(f"{{{parameter.name}}}", quote(_path_value(parameter.name), safe=""))
    query = tuple((p.name, _query_value(operation, p, tenant_id)) for p in operation.located("query") if p.required)
    body = None
    if operation.body is not None:
        # An array where an object belongs, an object where an array belongs: never valid.
        body = {} if isinstance(operation.body.types[0], list) else []
    breakable = operation.located("path") or body is not None or any(p.required for p in operation.located("form"))
    return Probe(operation.operation_id, operation.path.split("/")[1], operation.method, path, query, body,
                 could_act=operation.method != "GET" and not breakable)


def probes(tenant_id: str) -> list[Probe]:
    """A probe per bearer operation of the contract, by operationId."""
    return [probe(operation, tenant_id) for operation_id, operation in sorted(operation_table().items())
            if operation_id != TOKEN_OPERATION]


def _path_value(name: str) -> str:
    return UNKNOWN_ID if name.lower().endswith("id") else f"{PROBE_TEXT}-{name}"


def _query_value(operation: Operation, parameter, tenant_id: str) -> object:
    kind = parameter.types[0]
    item = kind[0] if isinstance(kind, list) else kind
    allowed = list(operation.allowed_values.get((parameter.python_name,), {}).values())
    if allowed:
        value = allowed[0]
    elif item is bool:
        value = False
    elif item is int:
        value = operation.validations.get((parameter.python_name,), {}).get("inclusive_minimum", 0)
    elif item is not str:
        value = PROBE_TIME
    elif "tenant" in parameter.name.lower():
        value = tenant_id  # the role's own tenant: a filter it may use
    elif re.search(r"ids?$", parameter.name, re.IGNORECASE):
        value = UNKNOWN_ID
    else:
        value = PROBE_TEXT
    return [value] if isinstance(kind, list) else value


def outcome(api_client, probe_: Probe) -> str:
    """What MSX answered the probe: "allowed <status>", "refused <status>" (401, 403) or "error <status>"."""
    try:
        response = api_client.call_api(probe_.path, probe_.method, query_params=list(probe_.query), body=probe_.body,
                                       header_params=dict(JSON_HEADERS), auth_settings=[], _check_type=False,
                                       _preload_content=False, _return_http_data_only=True)
        status = response.status
    except ApiException as error:
        status = error.status
    if status in REFUSING_STATUSES:
        return f"{REFUSED} {status}"
    return f"{'error' if status >= 500 else ALLOWED} {status}"


def verdict(outcome_: str | None) -> str | None:
    """allowed or refused; None for an error or an operation not tried."""
    word = (outcome_ or "").split(" ")[0]
    return word if word in (ALLOWED, REFUSED) else None


@functools.lru_cache(maxsize=1)
def needed_permissions() -> dict[str, str]:
    """operationId -> the permission its description names ("Needs VIEW_EVENTS permission ..."), where it does."""
    needed = {}
    for module_info in pkgutil.iter_modules(python_msx_sdk.api.__path__):
        module = importlib.import_module(f"{python_msx_sdk.api.__name__}.{module_info.name}")
        for api_class in (value for name, value in vars(module).items() if name.endswith("Api")):
            for name, method in vars(api_class).items():
                found = NEEDS.search(getattr(method, "__doc__", None) or "")
                if found and camel_case(name) in operation_table():
                    needed[camel_case(name)] = found.group(1)
    return needed


def violations(role: str, permissions: list[str], outcomes: dict[str, str]) -> list[str]:
    """One line per operation the role was allowed although it lacks the permission the contract names."""
    return [f"{role} was allowed {operation_id} ({outcomes[operation_id]}) although it lacks {permission}, "
            f"which the contract says the operation needs"
            for operation_id, permission in sorted(needed_permissions().items())
            if permission not in permissions and role != "SUPERUSER" and verdict(outcomes.get(operation_id)) == ALLOWED]


def drift(role: str, baseline: dict[str, str], outcomes: dict[str, str]) -> list[str]:
    """One line per operation whose verdict (allowed or refused) changed since the baseline."""
    lines = []
    for operation_id, now in sorted(outcomes.items()):
        was = baseline.get(operation_id)
        if verdict(was) is None or verdict(now) is None or verdict(was) == verdict(now):
            continue
        lines.append(f"{role} may now {operation_id} (was {was})" if verdict(now) == ALLOWED
                     else f"{role} may no longer {operation_id} (now {now})")
    return lines


def read_matrix(path: str | Path) -> dict:
    """A matrix (or baseline) file: {"roles": {role: {"permissions": [...], "operations": {id: outcome}}}}."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def write_matrix(path: str | Path, roles: dict[str, dict]) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"roles": roles}, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path
