"""Change requests: what MSX must refuse, and with which status (ids: <operationId>-<status>-<case>).

A wrongly accepted change request would reach ServiceNow: the tests that send one carry the side_effect marker.
"""

import pytest
from python_msx_sdk.api.incident_change_requests_api import IncidentChangeRequestsApi
from python_msx_sdk.model.change_request import ChangeRequest
from python_msx_sdk.model.change_request_create import ChangeRequestCreate
from python_msx_sdk.model.change_request_update import ChangeRequestUpdate

pytestmark = pytest.mark.negative

CHANGE_REQUESTS = "/incident/api/v8/changerequests"
UNKNOWN_ID = "CHG9990404"
UNKNOWN_TENANT = "5f0c3e52-0000-4000-8000-000000000404"
TOKENS = [pytest.param(None, id="401-no-token"), pytest.param("not-a-valid-token", id="401-bad-token")]
BROKEN = [
    ({"tenantId": "not-a-uuid"}, "tenant-id-not-a-uuid"),
    ({"tenantId": UNKNOWN_TENANT}, "unknown-tenant-id"),  # the contract is silent; the emulator answers 400
    ({"name": 42}, "name-not-a-string"),
    ({"description": ["x"]}, "description-not-a-string"),
    ({"attributes": "risk"}, "attributes-not-an-object"),
]
INVALID_CREATES = [pytest.param(change, id=f"createChangeRequest-400-{case}") for change, case in BROKEN] + [
    pytest.param("not-an-object", id="createChangeRequest-400-body-not-an-object")]
INVALID_UPDATES = [pytest.param(change, id=f"updateChangeRequest-400-{case}") for change, case in BROKEN]
MALFORMED_REQUESTS = [
    pytest.param("GET", CHANGE_REQUESTS, [("page", -1), ("pageSize", 10)],
                 id="getChangeRequestsPage-400-negative-page"),
    pytest.param("GET", CHANGE_REQUESTS, [("page", 0), ("pageSize", 0)], id="getChangeRequestsPage-400-page-size-0"),
    pytest.param("GET", CHANGE_REQUESTS, [("page", 0)], id="getChangeRequestsPage-400-no-page-size"),
    pytest.param("GET", CHANGE_REQUESTS, [("page", 0), ("pageSize", 10), ("tenantId", "not-a-uuid")],
                 id="getChangeRequestsPage-400-tenant-id-not-a-uuid"),
    pytest.param("GET", f"{CHANGE_REQUESTS}/{UNKNOWN_ID}", [("tenantId", "not-a-uuid")],
                 id="getChangeRequest-400-tenant-id-not-a-uuid"),
    pytest.param("DELETE", f"{CHANGE_REQUESTS}/{UNKNOWN_ID}", [("tenantId", "not-a-uuid")],
                 id="deleteChangeRequest-400-tenant-id-not-a-uuid"),
]
OPERATIONS = [
    pytest.param(lambda api, name: api.get_change_requests_page(page=0, page_size=10), id="getChangeRequestsPage"),
    pytest.param(lambda api, name: api.create_change_request(ChangeRequestCreate(name=name, tenant_id=UNKNOWN_TENANT)),
                 id="createChangeRequest"),
    pytest.param(lambda api, name: api.get_change_request(UNKNOWN_ID), id="getChangeRequest"),
    pytest.param(lambda api, name: api.update_change_request(UNKNOWN_ID, ChangeRequestUpdate(name=name)),
                 id="updateChangeRequest"),
    pytest.param(lambda api, name: api.delete_change_request(UNKNOWN_ID), id="deleteChangeRequest"),
]
UNKNOWN = [pytest.param(*case.values, id=f"{case.id}-404-unknown-id") for case in OPERATIONS[2:]]


def body(name, tenant_id, change):
    return change if not isinstance(change, dict) else {"name": name, "tenantId": tenant_id} | change


@pytest.mark.side_effect
@pytest.mark.parametrize("change", INVALID_CREATES)
def test_invalid_change_request_is_not_created(send_raw, refuses, tenant, unique_name, change):
    refuses(400, lambda: send_raw("POST", CHANGE_REQUESTS, body(unique_name, tenant.id, change),
                                  answer=(ChangeRequest,)))


@pytest.mark.side_effect
@pytest.mark.parametrize("change", INVALID_UPDATES)
def test_invalid_change_request_update_is_refused(msx_api, change_requests, send_raw, refuses, tenant, unique_name,
                                                  change):
    change_request = change_requests.create(name=unique_name, tenant_id=tenant.id).resource
    refuses(400, lambda: send_raw("PUT", f"{CHANGE_REQUESTS}/{change_request.id}",
                                  body(f"{unique_name}-x", tenant.id, change)))
    assert msx_api(IncidentChangeRequestsApi).get_change_request(change_request.id).to_dict() == \
        change_request.to_dict(), "a refused update changes nothing"


@pytest.mark.parametrize("method, path, query", MALFORMED_REQUESTS)
def test_malformed_change_request_request_is_rejected(send_raw, refuses, method, path, query):
    refuses(400, lambda: send_raw(method, path, None, query))


@pytest.mark.parametrize("token", TOKENS)
@pytest.mark.parametrize("call", OPERATIONS)
def test_change_request_operations_need_a_valid_token(make_api_client, refuses, unique_name, call, token):
    refuses(401, lambda: call(IncidentChangeRequestsApi(make_api_client(token)), unique_name))


@pytest.mark.parametrize("call", UNKNOWN)
def test_unknown_change_request_is_not_found(msx_api, refuses, unique_name, call):
    refuses(404, lambda: call(msx_api(IncidentChangeRequestsApi), unique_name))
