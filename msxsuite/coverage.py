"""Which operations of the MSX contract the checklist covers, read from its cassettes.

`python -m msxsuite.coverage [--spec FILE] [--markdown] [--service NAME ...]`

Every recorded exchange is matched to its contract operation by method and path. An operation
is covered when some test got a success answer from it, and a documented refusal status when
some test got that status. What the checklist does not provoke, and why, is declared per
service in `tests/<service>/untested.yaml` (operationId pattern -> status -> reason); a 500 is
MSX failing by itself and is never provoked. Exit 1 when a service that has a folder in
`tests/` has an operation or status that is neither covered nor explained.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from msxsuite.recording import CASSETTES, SESSION_CASSETTE, SUFFIX
from msxsuite.services import CHECKLIST, SERVICES

SPEC_ENV = "MSX_OPENAPI_SPEC"
# The permission matrix tries every operation once and judges only allowed against refused: what it
# recorded is no test of an operation's success or of a refusal status.
NOT_EVIDENCE = ("idm/test_permission_matrix/",)
UNTESTED = "untested.yaml"
SERVER_FAILURE = "500"
NOT_PROVOKED_500 = "MSX failing by itself: nothing a client sends provokes it"
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
METHODS = ("get", "put", "post", "delete", "patch")


@dataclass
class Operation:
    """One contract operation and what the checklist recorded of it."""

    operation_id: str
    service: str
    method: str
    path: str
    refusals: tuple[str, ...]
    passed_by: set[str] = field(default_factory=set)
    refused_by: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    reasons: dict[str, str] = field(default_factory=dict)

    @property
    def covered(self) -> bool:
        return bool(self.passed_by)

    def missing(self) -> list[str]:
        """Documented refusal statuses that no test provokes and no reason explains."""
        return [status for status in self.refusals if status not in self.refused_by and status not in self.reasons]


def load_operations(spec_path: Path) -> list[Operation]:
    """The contract's operations with their documented refusal statuses (4xx and 5xx)."""
    document = yaml.load(spec_path.read_text(encoding="utf-8"), Loader=LOADER)
    operations = []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            statuses = sorted(str(status) for status in operation.get("responses", {}) if str(status)[0] in "45")
            operations.append(Operation(operation["operationId"], path.split("/")[1], method.upper(), path,
                                        tuple(statuses)))
    return operations


class Router:
    """Finds the contract operation of a recorded request, literal path segments first."""

    def __init__(self, operations: list[Operation]):
        def pattern(path: str) -> re.Pattern:
            return re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(path)) + "$")

        ordered = sorted(operations, key=lambda op: (op.path.count("{"), -len(op.path)))
        self._routes = [(op.method, pattern(op.path), op) for op in ordered]

    def find(self, method: str, uri: str) -> Operation | None:
        path = urlsplit(uri).path
        return next((op for verb, regex, op in self._routes if verb == method and regex.match(path)), None)


def node_id_of(cassette: Path, rootpath: Path) -> str:
    """cassettes/idm/test_tenants/test_x[a].json -> tests/idm/test_tenants.py::test_x[a]."""
    relative = cassette.relative_to(rootpath / CASSETTES)
    if relative == SESSION_CASSETTE.relative_to(CASSETTES):
        return f"the session token ({SESSION_CASSETTE.as_posix()})"
    return f"{CHECKLIST}/{relative.parent}.py::{relative.stem}"


def record_cassettes(operations: list[Operation], rootpath: Path) -> None:
    """Note in each operation which tests got a success and which a refusal from it."""
    router = Router(operations)
    for cassette in sorted((rootpath / CASSETTES).rglob(f"*{SUFFIX}")):
        if cassette.relative_to(rootpath / CASSETTES).as_posix().startswith(NOT_EVIDENCE):
            continue
        recorded = json.loads(cassette.read_text(encoding="utf-8"))
        node_id = node_id_of(cassette, rootpath)
        for interaction in recorded.get("interactions", []):
            request, status = interaction["request"], str(interaction["response"]["status"]["code"])
            operation = router.find(request["method"], request["uri"])
            if operation is None:
                continue
            if status.startswith("2"):
                operation.passed_by.add(node_id)
            else:
                operation.refused_by[status].add(node_id)


def read_reasons(operations: list[Operation], rootpath: Path) -> None:
    """Reasons from tests/<service>/untested.yaml; every 500 is explained by itself."""
    for operation in operations:
        operation.reasons[SERVER_FAILURE] = NOT_PROVOKED_500
    by_service = defaultdict(list)
    for operation in operations:
        by_service[operation.service].append(operation)
    for service, service_operations in by_service.items():
        path = rootpath / CHECKLIST / service / UNTESTED
        declared = yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER) if path.exists() else None
        for pattern, statuses in (declared or {}).items():
            matched = [op for op in service_operations if fnmatch.fnmatchcase(op.operation_id, pattern)]
            if not matched:
                raise ValueError(f"{path}: {pattern!r} matches no {service} operation of the contract")
            for operation in matched:
                for status, reason in statuses.items():
                    if str(status) in operation.refusals:
                        operation.reasons.setdefault(str(status), reason)


def coverage(spec_path: Path, rootpath: Path) -> list[Operation]:
    """Every contract operation with its recorded tests and declared reasons."""
    operations = load_operations(spec_path)
    record_cassettes(operations, rootpath)
    read_reasons(operations, rootpath)
    return operations


def checked_services(rootpath: Path) -> list[str]:
    """The services that have a folder in tests/: all their operations must be covered."""
    return [service for service in SERVICES if (rootpath / CHECKLIST / service).is_dir()]


def gaps(operations: list[Operation], services: list[str]) -> list[str]:
    """One line per operation of those services that lacks a success test or a refusal test or reason."""
    lines = []
    for operation in operations:
        if operation.service not in services:
            continue
        if not operation.covered:
            lines.append(f"{operation.service} {operation.operation_id}: no test gets a success answer")
        missing = operation.missing()
        if missing:
            lines.append(f"{operation.service} {operation.operation_id}: no test or reason for {', '.join(missing)}")
    return lines


def table(operations: list[Operation], markdown: bool = False) -> list[str]:
    """Per service: operations with a success test / total, refusal statuses tested / documented."""
    rows = []
    for service in SERVICES:
        mine = [op for op in operations if op.service == service]
        statuses = sum(len(op.refusals) for op in mine)
        tested = sum(len(op.refused_by.keys() & set(op.refusals)) for op in mine)
        explained = sum(len([s for s in op.refusals if s not in op.refused_by and s in op.reasons]) for op in mine)
        rows.append((service, f"{sum(op.covered for op in mine)}/{len(mine)}", f"{tested}/{statuses}",
                     str(explained)))
    total = [op for op in operations]
    rows.append(("all", f"{sum(op.covered for op in total)}/{len(total)}",
                 f"{sum(len(op.refused_by.keys() & set(op.refusals)) for op in total)}/"
                 f"{sum(len(op.refusals) for op in total)}", ""))
    header = ("service", "operations covered", "refusal statuses tested", "explained, not provoked")
    if markdown:
        return ["| " + " | ".join(header) + " |", "|---|---|---|---|"] + ["| " + " | ".join(row) + " |" for row in rows]
    return [f"{header[0]:<14}{header[1]:>20}{header[2]:>26}{header[3]:>26}"] + [
        f"{row[0]:<14}{row[1]:>20}{row[2]:>26}{row[3]:>26}" for row in rows]


def details(operations: list[Operation], services: list[str]) -> list[str]:
    """Per operation of the given services: its tests, and each refusal status's test or reason."""
    lines = []
    for operation in operations:
        if operation.service not in services:
            continue
        passed = ", ".join(sorted(operation.passed_by)[:2]) or "NOT COVERED"
        more = f" (+{len(operation.passed_by) - 2} more)" if len(operation.passed_by) > 2 else ""
        lines.append(f"{operation.service} {operation.operation_id} ({operation.method} {operation.path}): {passed}{more}")
        for status in operation.refusals:
            tests = sorted(operation.refused_by.get(status, ()))
            shown = tests[0] + (f" (+{len(tests) - 1} more)" if len(tests) > 1 else "") if tests else None
            lines.append(f"    {status}: {shown or 'not provoked: ' + operation.reasons.get(status, 'NO TEST, NO REASON')}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m msxsuite.coverage", description=__doc__.splitlines()[0])
    parser.add_argument("--spec", type=Path, default=os.environ.get(SPEC_ENV),
                        help=f"the MSX OpenAPI document (default: ${SPEC_ENV})")
    parser.add_argument("--markdown", action="store_true", help="print the per-service table as Markdown")
    parser.add_argument("--service", action="append", choices=SERVICES, help="list these services' operations")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the suite's folder (default: here)")
    arguments = parser.parse_args(argv)
    if arguments.spec is None or not arguments.spec.is_file():
        print(f"msxsuite.coverage: no MSX OpenAPI document: set {SPEC_ENV} or pass --spec", file=sys.stderr)
        return 2
    operations = coverage(arguments.spec, arguments.root)
    print("\n".join(table(operations, arguments.markdown)))
    if arguments.service:
        print("\n".join(details(operations, arguments.service)))
    problems = gaps(operations, checked_services(arguments.root))
    for line in problems:
        print(f"GAP {line}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
