"""The contract check's rules on a small document: status ranges, references, bodies and headers."""

from __future__ import annotations

import json

import pytest
import yaml

from msxsuite import contract as contract_module
from msxsuite.contract import ContractValidator

NODE = {"type": "object", "required": ["name"],
        "properties": {"name": {"type": "string", "minLength": 1},
                       "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}}}
DOCUMENT = {
    "openapi": "3.0.0", "info": {"title": "rules", "version": "1"},
    "paths": {
        "/nodes/{id}": {"get": {"operationId": "getNode", "responses": {
            "200": {"$ref": "#/components/responses/Node"},
            "4XX": {"description": "refused", "content": {"application/json": {"schema": {
                "$ref": "#/components/schemas/Error", "required": ["code"]}}}},
            "default": {"description": "anything else"}}}},
        "/nodes": {"post": {"operationId": "createNode", "responses": {
            "201": {"description": "made", "headers": {"Location": {"required": True, "schema": {"type": "string"}}},
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Node"}}}}}}},
    },
    "components": {
        "responses": {"Node": {"description": "a node", "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Node"}}}}},
        "schemas": {"Node": NODE,
                    "Error": {"type": "object", "properties": {"code": {"type": "integer"},
                                                               "message": {"type": "string", "nullable": True}}}},
    },
}
JSON = {"Content-Type": "application/json"}
URL = "http://msx.invalid/nodes/7"


@pytest.fixture(scope="module")
def contract(tmp_path_factory) -> ContractValidator:
    path = tmp_path_factory.mktemp("contract") / "rules.yaml"
    path.write_text(yaml.safe_dump(DOCUMENT))
    return ContractValidator(path)


def body(value) -> bytes:
    return json.dumps(value).encode()


def test_a_referenced_response_checks_its_schema_down_a_recursive_reference(contract):
    assert contract.violations("GET", URL, 200, JSON, body({"name": "a", "children": [{"name": "b"}]})) == []
    assert contract.violations("GET", URL, 200, JSON, body({"name": "a", "children": [{"children": [{"name": ""}]}]})) == [
        "getNode 200: children/0/children/0/name: '' should be non-empty",
        "getNode 200: children/0: 'name' is a required property"]


def test_a_status_range_applies_a_reference_without_its_siblings(contract):
    assert contract.violations("GET", URL, 404, JSON, body({"code": 404, "message": None})) == []
    # OpenAPI 3.0 ignores what sits beside a $ref: here, that `code` is required.
    assert contract.violations("GET", URL, 409, JSON, body({"message": 5})) == [
        "getNode 409: message: 5 is not of type 'string'"]


def test_default_documents_any_other_status_and_has_no_body_to_check(contract):
    assert contract.violations("GET", URL, 503, {"Content-Type": "text/html"}, b"<p>down</p>") == []


def test_a_response_with_content_needs_a_body_of_a_named_media_type(contract):
    assert contract.violations("GET", URL, 200, JSON, b"") == ["getNode 200: Missing response data"]
    assert contract.violations("GET", URL, 200, {"Content-Type": "text/plain"}, b"node") == [
        "getNode 200: Content for the following mimetype not found: text/plain. Valid mimetypes: ['application/json']"]
    assert contract.violations("GET", URL, 200, JSON, b"{") == [
        "getNode 200: <body>: not JSON (Expecting property name enclosed in double quotes: line 1 column 2 (char 1))"]


def test_required_headers_must_be_there(contract):
    url = "http://msx.invalid/nodes"
    assert contract.violations("POST", url, 201, {**JSON, "Location": "/nodes/7"}, body({"name": "a"})) == []
    assert contract.violations("POST", url, 201, JSON, body({"name": "a"})) == [
        "createNode 201: Missing required header: Location"]


def test_a_document_read_again_comes_from_its_cached_copy_with_the_same_verdicts(tmp_path, monkeypatch):
    monkeypatch.setattr(contract_module, "CACHE_DIR", tmp_path / "cache")
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump(DOCUMENT))
    answer = ("GET", URL, 200, JSON, body({"children": [{"name": ""}]}))
    contract_module._load.cache_clear()
    parsed = ContractValidator(path).violations(*answer)
    [cached] = (tmp_path / "cache").iterdir()
    contract_module._load.cache_clear()
    monkeypatch.setattr(contract_module.yaml, "load", None)  # a second parse would fail
    assert ContractValidator(path).violations(*answer) == parsed == [
        "getNode 200: children/0/name: '' should be non-empty", "getNode 200: <body>: 'name' is a required property"]
    assert json.loads(cached.read_text()) == DOCUMENT
