"""The incident service's refusals: 400 per breakable constraint, 403 for CONSUMER writes, 404 for unknown ids."""

from __future__ import annotations

import pytest
from python_msx_sdk.api.incidents_api import IncidentsApi
from python_msx_sdk.model.incident_create import IncidentCreate

from msx_emulator.config import OPERATIONS_TENANT_ID
from msx_emulator.tests.helpers import error_naming, raw_call
from msx_emulator.tests.operations import OPERATIONS

CONFIG, INCIDENTS = "/incident/api/v1/config", "/incident/api/v1/incidents"
CONFIGURATIONS, CHANGE_REQUESTS = "/incident/api/v8/configurations", "/incident/api/v8/changerequests"
UNKNOWN_UUID = "00000000-0000-4000-8000-000000000000"
CONFIGURATION = {"clientId": "c", "clientSecret": "s", "domain": "d.invalid", "password": "p", "userName": "u"}
FIRST_PAGE = [("page", 0), ("pageSize", 10)]
# The contract's CONSUMER role views the ServiceNow settings (VIEW_INTEGRATION) but does not manage them.
INTEGRATION_WRITES = ["updateConfiguration", "patchConfiguration", "createServiceNowConfiguration",
                      "deleteServiceNowConfiguration"]
# ... and carries MANAGE_INCIDENT: past the permission, these answer 404 for the unknown ids they name.
INCIDENT_WRITES = ["updateIncident", "cancelIncident", "deleteIncident", "updateChangeRequest", "deleteChangeRequest"]
UNKNOWN = {"getIncident": "INC0000000", "updateIncident": "INC0000000", "cancelIncident": "INC0000000",
           "deleteIncident": "INC0000000", "getServiceNowConfiguration": UNKNOWN_UUID,
           "deleteServiceNowConfiguration": UNKNOWN_UUID, "getChangeRequest": "CHG0000000",
           "updateChangeRequest": "CHG0000000", "deleteChangeRequest": "CHG0000000"}


def _without(body: dict, name: str) -> dict:
    return {key: value for key, value in body.items() if key != name}


@pytest.mark.parametrize("body, field", [
    *[pytest.param(_without(CONFIGURATION, name), name, id=f"missing-{name}") for name in CONFIGURATION],
    pytest.param(CONFIGURATION | {"criticalEvent": "yes"}, "criticalEvent", id="critical-event-not-a-boolean"),
    pytest.param(CONFIGURATION | {"domain": None}, "domain", id="null-domain"),
    pytest.param(CONFIGURATION | {"proxy": 8080}, "proxy", id="number-proxy"),
])
def test_update_configuration_rejects_invalid_fields(emu_superuser_client, body, field):
    error_naming(lambda: raw_call(emu_superuser_client, "PUT", CONFIG, body=body), 400, field)


@pytest.mark.parametrize("body, field", [
    pytest.param({"criticalEvent": 1}, "criticalEvent", id="critical-event-not-a-boolean"),
    pytest.param({"userName": None}, "userName", id="null-user-name"),
    pytest.param([], "body", id="not-an-object"),
])
def test_patch_configuration_rejects_invalid_fields(emu_superuser_client, body, field):
    error_naming(lambda: raw_call(emu_superuser_client, "PATCH", CONFIG, body=body), 400, field)


@pytest.mark.parametrize("method, path", [("POST", INCIDENTS), ("PUT", f"{INCIDENTS}/INC0000000")])
@pytest.mark.parametrize("body, field", [
    pytest.param({}, "description", id="missing-description"),
    pytest.param({"description": "d", "impact": "Huge"}, "impact", id="impact-outside-its-enum"),
    pytest.param({"description": "d", "priority": "low"}, "priority", id="priority-outside-its-enum"),
    pytest.param({"description": "d", "state": "Open"}, "state", id="state-outside-its-enum"),
    pytest.param({"description": "d", "tenant": "x"}, "tenant", id="tenant-not-a-uuid"),
    pytest.param({"description": "d", "tenant": UNKNOWN_UUID}, "tenant", id="unknown-tenant"),
    pytest.param({"description": "d", "attributes": []}, "attributes", id="attributes-not-an-object"),
])
def test_incident_writes_reject_invalid_fields(emu_superuser_client, method, path, body, field):
    if method == "PUT":  # the incident must exist, or the answer is a 404
        incident = IncidentsApi(emu_superuser_client).create_incident(IncidentCreate(description="base"))
        path = f"{INCIDENTS}/{incident.id}"
    error_naming(lambda: raw_call(emu_superuser_client, method, path, body=body), 400, field)


@pytest.mark.parametrize("body, field", [
    pytest.param({"notes": "n"}, "tenant", id="missing-tenant"),
    pytest.param({"tenant": "x"}, "tenant", id="tenant-not-a-uuid"),
    pytest.param({"tenant": OPERATIONS_TENANT_ID, "notes": ["n"]}, "notes", id="notes-not-a-string"),
])
def test_cancel_incident_rejects_invalid_fields(emu_superuser_client, body, field):
    error_naming(lambda: raw_call(emu_superuser_client, "PATCH", f"{INCIDENTS}/INC0000000/cancel", body=body), 400,
                 field)


@pytest.mark.parametrize("body, field", [
    pytest.param({"domain": "d", "tenantId": "x"}, "tenantId", id="tenant-not-a-uuid"),
    pytest.param({"domain": "d", "tenantId": UNKNOWN_UUID}, "tenantId", id="unknown-tenant"),
    pytest.param({"domain": 1}, "domain", id="number-domain"),
    pytest.param({"criticalEvent": "true"}, "criticalEvent", id="critical-event-not-a-boolean"),
])
def test_create_servicenow_configuration_rejects_invalid_fields(emu_superuser_client, body, field):
    error_naming(lambda: raw_call(emu_superuser_client, "POST", CONFIGURATIONS, body=body), 400, field)


@pytest.mark.parametrize("method, path", [("POST", CHANGE_REQUESTS), ("PUT", f"{CHANGE_REQUESTS}/CHG0000000")])
@pytest.mark.parametrize("body, field", [
    pytest.param({"tenantId": "x"}, "tenantId", id="tenant-not-a-uuid"),
    pytest.param({"name": 1}, "name", id="number-name"),
    pytest.param({"attributes": "a"}, "attributes", id="attributes-not-an-object"),
    pytest.param([], "body", id="not-an-object"),
])
def test_change_request_writes_reject_invalid_fields(emu_superuser_client, method, path, body, field):
    error_naming(lambda: raw_call(emu_superuser_client, method, path, body=body), 400, field)


@pytest.mark.parametrize("method, path, query, field", [
    pytest.param("GET", INCIDENTS, [("pageSize", 10)], "page", id="incidents-missing-page"),
    pytest.param("GET", INCIDENTS, [("page", 0), ("pageSize", 1001)], "pageSize", id="incidents-page-size-over-1000"),
    pytest.param("GET", INCIDENTS, FIRST_PAGE + [("sortBy", "colour")], "sortBy", id="incidents-unknown-sort-field"),
    pytest.param("GET", INCIDENTS, FIRST_PAGE + [("sortOrder", "up")], "sortOrder", id="incidents-sort-order"),
    pytest.param("GET", CONFIGURATIONS, [("page", -1), ("pageSize", 10)], "page", id="configurations-negative-page"),
    pytest.param("GET", CONFIGURATIONS, FIRST_PAGE + [("tenantId", "x")], "tenantId", id="configurations-tenant"),
    pytest.param("GET", CHANGE_REQUESTS, [("page", 0), ("pageSize", 0)], "pageSize", id="changes-page-size-0"),
    pytest.param("GET", CHANGE_REQUESTS, FIRST_PAGE + [("tenantId", "x")], "tenantId", id="changes-tenant"),
    pytest.param("GET", f"{CHANGE_REQUESTS}/CHG0000000", [("tenantId", "x")], "tenantId", id="change-tenant"),
    pytest.param("DELETE", f"{CHANGE_REQUESTS}/CHG0000000", [("tenantId", "x")], "tenantId",
                 id="delete-change-tenant"),
    pytest.param("GET", f"{CONFIGURATIONS}/x", [], "id", id="configuration-id-not-a-uuid"),
    pytest.param("DELETE", f"{CONFIGURATIONS}/x", [], "id", id="delete-configuration-id-not-a-uuid"),
])
def test_reads_and_deletes_reject_invalid_parameters(emu_superuser_client, method, path, query, field):
    error_naming(lambda: raw_call(emu_superuser_client, method, path, query=query), 400, field)


@pytest.mark.parametrize("operation, unknown_id", UNKNOWN.items())
def test_unknown_ids_are_not_found(emu_superuser_client, operation, unknown_id):
    error_naming(lambda: OPERATIONS[operation](emu_superuser_client), 404, unknown_id)


@pytest.mark.parametrize("operation", INTEGRATION_WRITES)
def test_consumer_may_not_change_the_servicenow_settings(emu_operator_client, operation):
    error_naming(lambda: OPERATIONS[operation](emu_operator_client), 403, "MANAGE_INTEGRATION")


@pytest.mark.parametrize("operation", ["getConfiguration", "getIncidents", "getServiceNowConfigurationsPage",
                                       "getChangeRequestsPage", "createIncident", "createChangeRequest"])
def test_consumer_reads_and_raises_incidents(emu_operator_client, operation):
    OPERATIONS[operation](emu_operator_client)


@pytest.mark.parametrize("operation", INCIDENT_WRITES)
def test_consumer_reaches_incident_writes(emu_operator_client, operation):
    error_naming(lambda: OPERATIONS[operation](emu_operator_client), 404, UNKNOWN[operation])
