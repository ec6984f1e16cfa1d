"""Workflow schemas: what MSX must refuse, and with which status (ids: <operationId>-<status>-<case>)."""

import pytest

from tests.workflow.conftest import API, TOKENS, calls

pytestmark = pytest.mark.negative

MALFORMED_REQUESTS = [
    pytest.param("schemas/list", [], id="getWorkflowSchemasList-400-no-base-type"),
    pytest.param("schemas/list", [("baseType", "category"), ("variableType", "maybe")],
                 id="getWorkflowSchemasList-400-variable-type-not-a-boolean"),
    pytest.param("schemas/list", [("baseType", "category"), ("schemaType", "html")],
                 id="getWorkflowSchemasList-400-unknown-schema-type"),
    pytest.param("schemas/not-a-ksuid", [], id="getWorkflowSchema-400-id-not-a-ksuid"),
]


@pytest.mark.parametrize("path, query", MALFORMED_REQUESTS)
def test_malformed_schema_request_is_rejected(send_raw, refuses, path, query):
    refuses(400, lambda: send_raw("GET", f"{API}/{path}", query=query))


@pytest.mark.parametrize("token", TOKENS)
@pytest.mark.parametrize("call", calls("getWorkflowSchemasList", "getWorkflowSchema"))
def test_schema_operations_need_a_valid_token(make_api_client, refuses, unique_name, call, token):
    refuses(401, lambda: call(make_api_client(token), unique_name))


@pytest.mark.parametrize("call", calls("getWorkflowSchema", status=404, case="unknown-id"))
def test_unknown_schema_is_not_found(msx_api_client, refuses, unique_name, call):
    refuses(404, lambda: call(msx_api_client, unique_name))
