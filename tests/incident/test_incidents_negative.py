"""Incidents: what MSX must refuse, and with which status (ids: <operationId>-<status>-<case>).

A wrongly accepted incident would reach ServiceNow: the tests that send one carry the side_effect marker.
"""

import pytest
from python_msx_sdk.api.incidents_api import IncidentsApi
from python_msx_sdk.model.incident import Incident
from python_msx_sdk.model.incident_cancel import IncidentCancel
from python_msx_sdk.model.incident_create import IncidentCreate
from python_msx_sdk.model.incident_update import IncidentUpdate

pytestmark = pytest.mark.negative

INCIDENTS = "/incident/api/v1/incidents"
UNKNOWN_ID = "INC9990404"
UNKNOWN_TENANT = "5f0c3e52-0000-4000-8000-000000000404"
FIRST_PAGE = [("page", 0), ("pageSize", 10)]
TOKENS = [pytest.param(None, id="401-no-token"), pytest.param("not-a-valid-token", id="401-bad-token")]

# Each change breaks one constraint of the contract's IncidentCreate (IncidentUpdate for updates).
BROKEN = [
    ({"description": None}, "missing-description"),
    ({"description": 42}, "description-not-a-string"),
    ({"impact": "Huge"}, "impact-outside-its-enum"),
    ({"urgency": "low"}, "urgency-lower-case"),
    ({"priority": "Urgent"}, "priority-outside-its-enum"),
    ({"severity": "Critical"}, "severity-outside-its-enum"),
    ({"state": "Open"}, "state-outside-its-enum"),
    ({"tenant": "not-a-uuid"}, "tenant-not-a-uuid"),
    ({"tenant": UNKNOWN_TENANT}, "unknown-tenant"),  # the contract is silent; the emulator answers 400
    ({"attributes": ["site"]}, "attributes-not-an-object"),
    ({"category": 7}, "category-not-a-string"),
]
INVALID_CREATES = [pytest.param(change, id=f"createIncident-400-{case}") for change, case in BROKEN]
INVALID_UPDATES = [pytest.param(change, id=f"updateIncident-400-{case}") for change, case in BROKEN]
INVALID_CANCELS = [pytest.param(body, id=f"cancelIncident-400-{case}") for body, case in [
    ({"notes": "no tenant"}, "missing-tenant"),
    ({"tenant": "not-a-uuid"}, "tenant-not-a-uuid"),
    ({"tenant": None}, "null-tenant"),
    ("cancel", "body-not-an-object"),
]]
MALFORMED_REQUESTS = [
    pytest.param([("page", -1), ("pageSize", 10)], id="getIncidents-400-negative-page"),
    pytest.param([("page", 0), ("pageSize", 0)], id="getIncidents-400-page-size-0"),
    pytest.param([("page", 0), ("pageSize", 1001)], id="getIncidents-400-page-size-1001"),
    pytest.param([("pageSize", 10)], id="getIncidents-400-no-page"),
    pytest.param(FIRST_PAGE + [("sortOrder", "upwards")], id="getIncidents-400-sort-order-not-asc-or-desc"),
    pytest.param(FIRST_PAGE + [("sortBy", "colour")], id="getIncidents-400-sort-by-unknown-field"),
]


def body(name, tenant_id, change) -> dict:
    fields = {"description": name, "tenant": tenant_id} | change
    return {key: value for key, value in fields.items() if value is not None}


OPERATIONS = [
    pytest.param(lambda api, name: api.get_incidents(page=0, page_size=10), id="getIncidents"),
    pytest.param(lambda api, name: api.create_incident(IncidentCreate(description=name, tenant=UNKNOWN_TENANT)),
                 id="createIncident"),
    pytest.param(lambda api, name: api.get_incident(UNKNOWN_ID), id="getIncident"),
    pytest.param(lambda api, name: api.update_incident(UNKNOWN_ID, IncidentUpdate(description=name)),
                 id="updateIncident"),
    pytest.param(lambda api, name: api.cancel_incident(UNKNOWN_ID, IncidentCancel(tenant=UNKNOWN_TENANT)),
                 id="cancelIncident"),
    pytest.param(lambda api, name: api.delete_incident(UNKNOWN_ID), id="deleteIncident"),
]
UNKNOWN = [pytest.param(*case.values, id=f"{case.id}-404-unknown-id") for case in OPERATIONS[2:]]


@pytest.mark.side_effect
@pytest.mark.parametrize("change", INVALID_CREATES)
def test_invalid_incident_is_not_created(send_raw, refuses, tenant, unique_name, change):
    refuses(400, lambda: send_raw("POST", INCIDENTS, body(unique_name, tenant.id, change), answer=(Incident,)))


@pytest.mark.side_effect
@pytest.mark.parametrize("change", INVALID_UPDATES)
def test_invalid_incident_update_is_refused(msx_api, incidents, send_raw, refuses, tenant, unique_name, change):
    incident = incidents.create(description=unique_name, tenant=tenant.id).resource
    refuses(400, lambda: send_raw("PUT", f"{INCIDENTS}/{incident.id}", body(f"{unique_name}-x", tenant.id, change)))
    assert msx_api(IncidentsApi).get_incident(incident.id).to_dict() == incident.to_dict(), \
        "a refused update changes nothing"


@pytest.mark.side_effect
@pytest.mark.parametrize("cancel", INVALID_CANCELS)
def test_invalid_cancel_is_refused(msx_api, incidents, send_raw, refuses, tenant, unique_name, cancel):
    incident = incidents.create(description=unique_name, tenant=tenant.id).resource
    refuses(400, lambda: send_raw("PATCH", f"{INCIDENTS}/{incident.id}/cancel", cancel))
    assert msx_api(IncidentsApi).get_incident(incident.id).state == incident.state, "a refused cancel cancels nothing"


@pytest.mark.side_effect
def test_cancelIncident_400_naming_another_tenant(msx_api, incidents, tenants, refuses, tenant, unique_name):
    """The contract is silent on a cancel naming another tenant than the incident's; the emulator answers 400."""
    other = tenants.create(name=f"{unique_name}-other").resource
    incident = incidents.create(description=unique_name, tenant=tenant.id).resource
    refuses(400, lambda: msx_api(IncidentsApi).cancel_incident(incident.id, IncidentCancel(tenant=other.id)))


@pytest.mark.parametrize("query", MALFORMED_REQUESTS)
def test_malformed_incidents_page_request_is_rejected(send_raw, refuses, query):
    refuses(400, lambda: send_raw("GET", INCIDENTS, None, query))


@pytest.mark.parametrize("token", TOKENS)
@pytest.mark.parametrize("call", OPERATIONS)
def test_incident_operations_need_a_valid_token(make_api_client, refuses, unique_name, call, token):
    refuses(401, lambda: call(IncidentsApi(make_api_client(token)), unique_name))


@pytest.mark.parametrize("call", UNKNOWN)
def test_unknown_incident_is_not_found(msx_api, refuses, unique_name, call):
    refuses(404, lambda: call(msx_api(IncidentsApi), unique_name))
