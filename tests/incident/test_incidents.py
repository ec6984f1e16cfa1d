"""Incidents: raised in a tenant of the suite's own, read, found, changed, canceled and deleted.

On a real MSX an incident is raised in ServiceNow, beyond what the suite made: the tests that raise one
carry the side_effect marker.
"""

import pytest
from python_msx_sdk.api.incidents_api import IncidentsApi
from python_msx_sdk.exceptions import NotFoundException
from python_msx_sdk.model.incident_cancel import IncidentCancel
from python_msx_sdk.model.incident_update import IncidentUpdate

from msxsuite.paging import all_items

# The contract's defaults of an incident created without them.
DEFAULTS = {"category": "inquiry", "impact": "Low", "priority": "Planning", "severity": "Low", "state": "New",
            "urgency": "Low"}


def required(name, tenant_id) -> dict:
    """An incident's one required field (its description, which carries the suite's name), in the test's tenant."""
    return {"description": name, "tenant": tenant_id}


CASES = [
    pytest.param(required, id="required-fields-only"),
    pytest.param(lambda name, tenant_id: required(name, tenant_id) | {
        "category": "network", "subcategory": "wan", "impact": "High", "urgency": "Medium", "priority": "Moderate",
        "severity": "Medium", "state": "InProgress", "attributes": {"site": "msx-checklist", "devices": 2}},
        id="every-field"),
    pytest.param(lambda name, tenant_id: required(f"{name} Ünïcødé 名前 ✓", tenant_id) | {
        "subcategory": "réseau"}, id="unicode"),
]


@pytest.mark.side_effect
@pytest.mark.lifecycle
@pytest.mark.parametrize("make_fields", CASES)
def test_createIncident_getIncident_getIncidents_updateIncident_cancelIncident_deleteIncident(
        msx_api, incidents, tenant, unique_name, make_fields):
    """The lifecycle of an incident: raised, read, found by its tenant, changed, canceled, deleted, gone."""
    incidents_api = msx_api(IncidentsApi)
    fields = make_fields(unique_name, tenant.id)

    created = incidents.create(**fields)
    assert created.status == 201
    incident = created.resource
    assert incident.id and incident.external_id
    got = incident.to_dict()
    for field, value in (DEFAULTS | fields).items():
        assert got.get(field) == value, f"{field}: expected {value!r}, got {got.get(field)!r}"

    assert incidents_api.get_incident(incident.id).to_dict() == got, "get returns what create returned"
    found = [i.id for i in all_items(incidents_api.get_incidents, tenant_id=tenant.id)]
    assert found == [incident.id], "getIncidents by tenantId finds the tenant's one incident"
    assert [i.id for i in incidents_api.get_incidents(0, 10, id=incident.id).contents] == [incident.id]

    changes = {"description": f"{fields['description']} (updated)", "priority": "High", "state": "OnHold"}
    updated, status, _ = incidents_api.update_incident(incident.id, IncidentUpdate(**changes),
                                                      _return_http_data_only=False)
    assert status == 200
    assert {key: updated.to_dict().get(key) for key in changes} == changes
    assert incidents_api.get_incident(incident.id).to_dict() == updated.to_dict(), "get returns the update"

    canceled = incidents_api.cancel_incident(incident.id, IncidentCancel(tenant=tenant.id, notes="by the MSX suite"))
    assert canceled.state == "Canceled"
    assert "by the MSX suite" in (canceled.to_dict().get("notes") or []), "the cancel's notes are kept"

    assert incidents.delete(incident.id) == 204
    with pytest.raises(NotFoundException):
        incidents_api.get_incident(incident.id)


@pytest.mark.side_effect
def test_getIncidents_filters_and_sorts(msx_api, incidents, tenant, unique_name):
    incidents_api = msx_api(IncidentsApi)
    high = incidents.create(**required(f"{unique_name}-high", tenant.id), priority="High", category="network").resource
    low = incidents.create(**required(f"{unique_name}-low", tenant.id), severity="High").resource

    def found(**filters):
        return [i.id for i in incidents_api.get_incidents(0, 100, tenant_id=tenant.id, **filters).contents]

    assert found(priority="High") == [high.id] and found(category="network") == [high.id]
    assert found(severity="High") == [low.id]
    assert found(external_id=low.external_id) == [low.id]
    assert found(sort_by="priority", sort_order="asc") == [high.id, low.id]
    assert found(sort_by="priority", sort_order="desc") == [low.id, high.id]


@pytest.mark.side_effect
def test_createIncident_409_for_a_second_open_incident_alike(incidents, tenant, unique_name, refuses):
    """The contract documents 409; the emulator answers it for an open incident of the same tenant and description."""
    first = incidents.create(**required(unique_name, tenant.id)).resource
    refuses(409, lambda: incidents.create(**required(unique_name, tenant.id)))
    assert first.id


@pytest.mark.smoke
def test_getIncidents_answers_a_first_page(msx_api):
    """Read-only: a first page of at most 10 incidents."""
    page = msx_api(IncidentsApi).get_incidents(page=0, page_size=10)
    assert page.page == 0 and len(page.contents) <= 10, f"a first page of at most 10 incidents: {page}"
