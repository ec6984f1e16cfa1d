"""Check HTTP exchanges against the official MSX OpenAPI contract (openapi-core).

`ContractValidator(path)` loads the contract once per process and path (a document it cannot use
raises ContractError, one line); `violations(...)` lists what a response breaks, each naming the
operationId, the status and the offending field. Paths the contract does not describe (an emulator's
/_emulator/ routes, say) have no violations.
"""

from __future__ import annotations

import functools
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping
from urllib.parse import urlsplit

import yaml
from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_core.validation.response import V30ResponseValidator

SPEC_ENV = "MSX_OPENAPI_SPEC"
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


class ContractError(ValueError):
    """The document cannot serve as the contract; the message says why in one line."""


@dataclass(frozen=True)
class _Request:
    """The part of a request openapi-core needs to find the operation."""

    host_url: str
    path: str
    method: str
    path_pattern: str
    body: bytes = b""
    content_type: str = "application/json"
    parameters: RequestParameters = field(default_factory=RequestParameters)


@dataclass(frozen=True)
class _Response:
    status_code: int
    data: bytes
    headers: Mapping[str, str]
    content_type: str


@dataclass(frozen=True)
class _Operation:
    operation_id: str
    method: str
    template: str
    pattern: re.Pattern


class _SchemaValidatorsOnce:
    """An openapi-core schema validators factory that builds each schema's validator once: openapi-core
    builds two for every response, each with a deep copy of the format checker."""

    def __init__(self, factory):
        self._factory, self._built = factory, {}

    def create(self, spec, schema, **options):
        key = (schema, options.get("forbid_unspecified_additional_properties"),
               options.get("enforce_properties_required"))
        if key not in self._built:
            self._built[key] = self._factory.create(spec, schema, **options)
        return self._built[key]


class _OnceFoundResponseValidator(V30ResponseValidator):
    """openapi-core's response validator, finding each operation and building each schema's validator
    once: its path finder tries every path of the contract for every response. Requests name their
    path template (`path_pattern`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.schema_validators_factory = _SchemaValidatorsOnce(self.schema_validators_factory)

    def _find_path(self, request):
        found = self.__dict__.setdefault("_found", {})
        key = (request.method, request.host_url, request.path_pattern)
        if key not in found:
            found[key] = super()._find_path(request)
        return found[key]


@functools.lru_cache(maxsize=4)
def _load(spec_path: str) -> tuple[OpenAPI, tuple[_Operation, ...], str]:
    if not Path(spec_path).is_file():
        raise ContractError(f"no such file: {spec_path}")
    try:
        # The contract is large and trusted: skip openapi-spec-validator's pass over it.
        api = OpenAPI.from_path(Path(spec_path), config=Config(spec_validator_cls=None,
                                                               response_validator_cls=_OnceFoundResponseValidator))
        document = api.spec.read_value()
    except OSError as error:
        raise ContractError(f"cannot read {spec_path} ({error.strerror or error})") from None
    except yaml.YAMLError as error:
        raise ContractError(f"{spec_path} is neither YAML nor JSON ({str(error).splitlines()[0]})") from None
    if not isinstance(document, dict) or "openapi" not in document or not isinstance(document.get("paths"), dict):
        raise ContractError(f"{spec_path} is not an OpenAPI 3 document (it needs 'openapi' and 'paths')")
    operations = []
    for template, item in document["paths"].items():
        pattern = re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$")
        for method in HTTP_METHODS:
            if method in item:
                operation_id = item[method].get("operationId", f"{method} {template}")
                operations.append(_Operation(operation_id, method, template, pattern))
    # Literal segments win over templated ones (/tenants/list before /tenants/{id}), as openapi-core matches.
    operations.sort(key=lambda op: op.pattern.pattern.count("[^/]+"))
    info = document.get("info") or {}
    return api, tuple(operations), f"{info.get('title', 'untitled')} {info.get('version', '')}".strip()


def _describe(error: Exception) -> list[str]:
    """One line per problem in an openapi-core error, with the JSON path of the offending field."""
    schema_errors = getattr(error.__cause__, "schema_errors", None)
    if not schema_errors:
        cause = error.__cause__
        detail = f" ({cause})" if cause is not None and str(cause) not in str(error) else ""
        return [f"{error}{detail}"]
    return [f"{'/'.join(map(str, schema_error.absolute_path)) or '<body>'}: {schema_error.message}"
            for schema_error in schema_errors]


class ContractValidator:
    """Validates responses against one OpenAPI document (loaded once per process)."""

    def __init__(self, spec_path: str | os.PathLike):
        self.spec_path = str(Path(spec_path).resolve())
        self._api, self._operations, self.title = _load(self.spec_path)

    @classmethod
    def from_environment(cls) -> "ContractValidator | None":
        """A validator for the document MSX_OPENAPI_SPEC names, or None when it is unset."""
        path = os.environ.get(SPEC_ENV)
        return cls(path) if path else None

    def operation_id(self, method: str, url: str) -> str | None:
        """The operationId the contract gives this method and URL, or None."""
        operation = self._operation(method, url)
        return operation.operation_id if operation is not None else None

    def _operation(self, method: str, url: str) -> _Operation | None:
        path, method = urlsplit(url).path, method.lower()
        return next((op for op in self._operations if op.method == method and op.pattern.match(path)), None)

    def violations(self, method: str, url: str, status: int, headers: Mapping[str, str] | Iterable[tuple[str, str]],
                   body: bytes) -> list[str]:
        """What the response breaks: '<operationId> <status>: <field>: <reason>' lines; [] if nothing.

        `headers` is a mapping or (name, value) pairs (what vcrpy's replayed responses give).
        """
        operation = self._operation(method, url)
        if operation is None:
            return []
        operation_id = operation.operation_id
        parts = urlsplit(url)
        pairs = headers.items() if isinstance(headers, Mapping) else headers
        lowered = {name.lower(): value for name, value in pairs}
        content_type = lowered.get("content-type", "").split(";")[0].strip() if body else ""
        prefix = f"{operation_id} {status}: "
        if content_type == "application/json":
            try:
                json.loads(body)
            except ValueError as error:
                return [f"{prefix}<body>: not JSON ({error})"]
        request = _Request(f"{parts.scheme}://{parts.netloc}", parts.path, method.lower(), operation.template)
        response = _Response(status, body or b"", lowered, content_type or "application/json")
        errors = self._api.iter_response_errors(request, response)
        return [prefix + line for error in errors for line in _describe(error)]
