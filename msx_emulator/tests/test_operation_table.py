"""The operation table read from python-msx-sdk against the contract document: same operations, paths, rules.

The emulator serves requests by that table alone (it must start where no contract document is around);
these tests prove, where MSX_OPENAPI_SPEC names the document (CI), that nothing was lost on the way.
"""

from __future__ import annotations

import os

import pytest
import yaml

from msx_emulator.operations import operation_table, service_names
from msx_emulator.services import coverage, served_operations
from msx_emulator.tests.helpers import YAML_LOADER
from msxsuite.contract import HTTP_METHODS, SPEC_ENV

FORM_MEDIA_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


@pytest.fixture(scope="module")
def emu_contract_operations():
    """The contract document's operations by operationId: (method, path, operation object, document)."""
    path = os.environ.get(SPEC_ENV)
    if not path:
        pytest.skip(f"{SPEC_ENV} is unset: point it at the MSX SDK OpenAPI document (CI does)")
    with open(path, encoding="utf-8") as stream:
        document = yaml.load(stream, Loader=YAML_LOADER)
    return {operation["operationId"]: (method.upper(), template, operation, document)
            for template, item in document["paths"].items()
            for method, operation in item.items() if method in HTTP_METHODS}


def _schema(document: dict, schema: dict) -> dict:
    if "$ref" in schema:
        return document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _contract_body(operation: dict, document: dict) -> tuple[str, object] | None:
    """("json", schema name or array/object) or ("form", (property names, required names)); None without body."""
    body = operation.get("requestBody")
    if body is None:
        return None
    media_type, content = next(iter(body["content"].items()))
    if media_type in FORM_MEDIA_TYPES:
        schema = _schema(document, content["schema"])
        return "form", (set(schema.get("properties", {})), set(schema.get("required", ())))
    schema = content["schema"]
    return "json", schema["$ref"].rsplit("/", 1)[1] if "$ref" in schema else schema["type"]


def _table_body(operation) -> tuple[str, object] | None:
    form = operation.located("form")
    if form:
        return "form", ({p.name for p in form}, {p.name for p in form if p.required})
    if operation.body is None:
        return None
    kind = operation.body.types[0]
    return "json", "array" if isinstance(kind, list) else "object" if isinstance(kind, dict) else kind.__name__


def test_every_contract_operation_is_in_the_table(emu_contract_operations):
    assert sorted(emu_contract_operations) == sorted(operation_table())


def test_methods_paths_parameters_and_bodies_match(emu_contract_operations):
    table = operation_table()
    differences = []
    for operation_id, (method, path, operation, document) in emu_contract_operations.items():
        derived = table[operation_id]
        required = {p["name"] for p in operation.get("parameters", ()) if p.get("required")}
        derived_required = {p.name for p in derived.parameters if p.required and p.location not in ("body", "form")}
        expected = (method, path, required, _contract_body(operation, document))
        got = (derived.method, derived.path, derived_required, _table_body(derived))
        if expected != got:
            differences.append(f"{operation_id}: contract {expected}, table {got}")
    assert differences == []


def test_the_services_are_the_contracts(emu_contract_operations):
    assert set(service_names()) == {path.split("/")[1] for _, path, _, _ in emu_contract_operations.values()}
    assert len(service_names()) == 11


def test_every_served_operation_is_in_the_contract(emu_contract_operations):
    assert served_operations() <= set(emu_contract_operations)


def test_coverage_lists_every_contract_operation_once(emu_contract_operations):
    listed = [operation_id for lists in coverage().values() for ids in lists.values() for operation_id in ids]
    assert sorted(listed) == sorted(emu_contract_operations)


def test_coverage_of_the_emulated_services():
    served = {service: len(lists["served"]) for service, lists in coverage().items() if lists["served"]}
    assert served == {"idm": 17, "monitor": 2, "consume": 16, "manage": 37,
                      "template": 18, "incident": 18, "workflow": 31,
                      "billing": 14, "licensing": 5, "vulnerability": 8, "auditing": 1}
    assert coverage()["consume"]["not_served"] == []
    assert coverage()["workflow"]["not_served"] == []
    assert coverage()["template"]["not_served"] == coverage()["incident"]["not_served"] == []
    assert coverage()["manage"]["not_served"] == []
    assert all(coverage()[service]["not_served"] == [] for service in ("billing", "licensing", "vulnerability",
                                                                        "auditing"))
