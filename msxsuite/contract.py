"""Check HTTP exchanges against the official MSX OpenAPI contract.

`ContractValidator(path)` loads the contract once per process and path (a document it cannot use
raises ContractError, one line); `violations(...)` lists what a response breaks, each naming the
operationId, the status and the offending field. Paths the contract does not describe (an emulator's
/_emulator/ routes, say) have no violations.

A response is checked as openapi-core checks it: its status must be documented (exactly, as a range
such as 2XX, or by `default`), its media type must be one the response names, a response with content
must have a body, required headers must be there (their values are not read: the MSX contract
declares no response header), and the body must match its schema under
openapi-schema-validator's OpenAPI 3.0 read rules (nullable, readOnly, the OpenAPI formats). Each
schema is compiled once with its $refs inlined (a recursive one is left to `referencing`).
"""

from __future__ import annotations

import contextlib
import fnmatch
import functools
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping
from urllib.parse import urlsplit

import yaml
from openapi_schema_validator import OAS30ReadValidator
from referencing import Registry
from referencing.jsonschema import DRAFT4

SPEC_ENV = "MSX_OPENAPI_SPEC"
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
CONTRACT_URI = "urn:msx:contract"
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DATA_KEYWORDS = ("example", "enum", "default")  # values, not schemas: never inlined
CACHE_DIR = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "msxsuite"


class ContractError(ValueError):
    """The document cannot serve as the contract; the message says why in one line."""


def _escape(segment: str) -> str:
    return segment.replace("~", "~0").replace("/", "~1")


@dataclass(frozen=True)
class _Operation:
    operation_id: str
    method: str
    pattern: re.Pattern
    pointer: str  # of the operation object in the document


@dataclass
class _Contract:
    """One loaded document: its operations by method (literal paths first), each status's response
    found once and each body schema compiled once."""

    document: dict
    operations: Mapping[str, tuple[_Operation, ...]]
    title: str
    registry: Registry = field(init=False)
    _responses: dict = field(default_factory=dict, init=False)
    _validators: dict = field(default_factory=dict, init=False)
    _targets: dict = field(default_factory=dict, init=False)

    def __post_init__(self):
        self.registry = Registry().with_resource(CONTRACT_URI, DRAFT4.create_resource(self.document))

    def resolve(self, pointer: str) -> tuple[str, Any]:
        """The node at `pointer`, following $refs; with the pointer where it was found."""
        node = self.document
        for segment in pointer.split("/")[1:]:
            node = node[segment.replace("~1", "/").replace("~0", "~")]
        while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/"):
            pointer, node = self.resolve(node["$ref"][1:])
        return pointer, node

    def response(self, operation: _Operation, status: int) -> tuple[str, dict] | None:
        """The response object that documents `status` for `operation`, with its pointer; None if none does."""
        key = (operation.pointer, status)
        if key not in self._responses:
            pointer, responses = self.resolve(operation.pointer + "/responses")
            found = _documented_response(responses, status)
            self._responses[key] = None if found is None else self.resolve(f"{pointer}/{_escape(found)}")
        return self._responses[key]

    def validator(self, schema_pointer: str) -> OAS30ReadValidator:
        """The compiled validator of the schema at `schema_pointer`, its $refs inlined."""
        if schema_pointer not in self._validators:
            self._validators[schema_pointer] = OAS30ReadValidator(
                self._inlined(self.resolve(schema_pointer)[1], ()), registry=self.registry,
                format_checker=OAS30ReadValidator.FORMAT_CHECKER)
        return self._validators[schema_pointer]

    def _inlined(self, node: Any, followed: tuple[str, ...]) -> Any:
        """`node` with each $ref replaced by its target, so that validating follows no reference. Siblings
        of a $ref are ignored, as OpenAPI 3.0 says of a Reference Object; a $ref back into a schema being
        inlined stays, made absolute for the registry."""
        if isinstance(node, list):
            return [self._inlined(item, followed) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if not (isinstance(ref, str) and ref.startswith("#/")):
            return {key: value if key in DATA_KEYWORDS else self._inlined(value, followed)
                    for key, value in node.items()}
        if ref in followed:
            return {"$ref": CONTRACT_URI + ref}
        if ref not in self._targets:
            self._targets[ref] = self._inlined(self.resolve(ref[1:])[1], (*followed, ref))
        return self._targets[ref]


def _parsed(raw: bytes) -> Any:
    """The document, parsed, as JSON holds it (YAML's dates, which only examples have, become strings).
    A copy is kept in the user's cache under the document's hash: libyaml takes a few tenths of a
    second over the MSX contract in every pytest process, JSON a hundredth."""
    cached = CACHE_DIR / f"contract-{hashlib.sha256(raw).hexdigest()[:32]}.json"
    with contextlib.suppress(OSError, ValueError):
        return json.loads(cached.read_bytes())
    document = json.loads(json.dumps(yaml.load(raw.decode("utf-8"), Loader=LOADER), default=str))
    with contextlib.suppress(OSError):
        cached.parent.mkdir(parents=True, exist_ok=True)
        written = cached.with_name(f"{cached.name}.{os.getpid()}")
        written.write_text(json.dumps(document))
        os.replace(written, cached)
    return document


@functools.lru_cache(maxsize=4)
def _load(spec_path: str) -> _Contract:
    if not Path(spec_path).is_file():
        raise ContractError(f"no such file: {spec_path}")
    try:
        document = _parsed(Path(spec_path).read_bytes())
    except OSError as error:
        raise ContractError(f"cannot read {spec_path} ({error.strerror or error})") from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ContractError(f"{spec_path} is neither YAML nor JSON ({str(error).splitlines()[0]})") from None
    if not isinstance(document, dict) or "openapi" not in document or not isinstance(document.get("paths"), dict):
        raise ContractError(f"{spec_path} is not an OpenAPI 3 document (it needs 'openapi' and 'paths')")
    operations = []
    for template, item in document["paths"].items():
        pattern = re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$")
        for method in HTTP_METHODS:
            if method in item:
                operation_id = item[method].get("operationId", f"{method} {template}")
                operations.append(_Operation(operation_id, method, pattern, f"/paths/{_escape(template)}/{method}"))
    # Literal segments win over templated ones (/tenants/list before /tenants/{id}), as openapi-core matches.
    operations.sort(key=lambda op: op.pattern.pattern.count("[^/]+"))
    by_method = {method: tuple(op for op in operations if op.method == method) for method in HTTP_METHODS}
    info = document.get("info") or {}
    return _Contract(document, by_method, f"{info.get('title', 'untitled')} {info.get('version', '')}".strip())


def _documented_response(responses: Mapping[str, Any], status: int) -> str | None:
    """The key of `responses` that documents `status`: itself, its range (4XX), or default."""
    for key in (str(status), f"{str(status)[0]}XX", "default"):
        if key in responses:
            return key
    return None


def _media_type(content: Mapping[str, Any], mimetype: str) -> str | None:
    """The key of `content` that names `mimetype`, exactly or as a range (application/*)."""
    if mimetype in content:
        return mimetype
    return next((key for key in content if fnmatch.fnmatch(mimetype, key)), None)


class ContractValidator:
    """Validates responses against one OpenAPI document (loaded once per process)."""

    def __init__(self, spec_path: str | os.PathLike):
        self.spec_path = str(Path(spec_path).resolve())
        self._contract = _load(self.spec_path)
        self.title = self._contract.title

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
        path = urlsplit(url).path
        return next((op for op in self._contract.operations.get(method.lower(), ()) if op.pattern.match(path)), None)

    def violations(self, method: str, url: str, status: int, headers: Mapping[str, str] | Iterable[tuple[str, str]],
                   body: bytes) -> list[str]:
        """What the response breaks: '<operationId> <status>: <field>: <reason>' lines; [] if nothing.

        `headers` is a mapping or (name, value) pairs (what vcrpy's replayed responses give).
        """
        operation = self._operation(method, url)
        if operation is None:
            return []
        prefix = f"{operation.operation_id} {status}: "
        pairs = headers.items() if isinstance(headers, Mapping) else headers
        lowered = {name.lower(): value for name, value in pairs}
        return [prefix + line for line in self._response_problems(operation, status, lowered, body or b"")]

    def _response_problems(self, operation: _Operation, status: int, headers: Mapping[str, str],
                           body: bytes) -> list[str]:
        documented = self._contract.response(operation, status)
        if documented is None:
            return [f"Unknown response http status: {status}"]
        pointer, response = documented
        problems = [f"Missing required header: {name}" for name in response.get("headers") or ()
                    if name.lower() not in (*headers, "content-type")
                    and self._contract.resolve(f"{pointer}/headers/{_escape(name)}")[1].get("required")]
        content = response.get("content")
        if not content:
            return problems
        if not body:
            return ["Missing response data", *problems]
        mimetype = headers.get("content-type", "application/json").split(";")[0].strip().lower()
        media_key = _media_type(content, mimetype)
        if media_key is None:
            return [f"Content for the following mimetype not found: {mimetype}. Valid mimetypes: {list(content)}",
                    *problems]
        if mimetype == "application/json" or mimetype.endswith("+json"):
            try:
                value = json.loads(body)
            except ValueError as error:
                return [f"<body>: not JSON ({error})", *problems]
        else:
            value = body.decode("utf-8", errors="surrogateescape")
        if "schema" not in content[media_key]:
            return problems
        validator = self._contract.validator(f"{pointer}/content/{_escape(media_key)}/schema")
        return [f"{'/'.join(map(str, error.absolute_path)) or '<body>'}: {error.message}"
                for error in validator.iter_errors(value)] + problems
