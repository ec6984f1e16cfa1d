"""Change requests: raised in a tenant of the suite's own, read, found, changed, deleted.

On a real MSX a change request is raised in ServiceNow, beyond what the suite made: side effects.
"""

import pytest
from python_msx_sdk.api.incident_change_requests_api import IncidentChangeRequestsApi
from python_msx_sdk.exceptions import NotFoundException
from python_msx_sdk.model.change_request_update import ChangeRequestUpdate

from msxsuite.paging import all_items

pytestmark = pytest.mark.side_effect

CASES = [
    pytest.param(lambda name, tenant_id: {"name": name, "tenant_id": tenant_id}, id="name-and-tenant-only"),
    pytest.param(lambda name, tenant_id: {
        "name": name, "tenant_id": tenant_id, "description": "Made by the MSX suite",
        "attributes": {"justification": "a checklist run", "implementation_plan": "none", "risk": 1,
                       "approved": False}}, id="every-field"),
    pytest.param(lambda name, tenant_id: {"name": f"{name} Ünïcødé 名前 ✓", "tenant_id": tenant_id,
                                          "description": "Descripción — описание — 説明"}, id="unicode"),
]


@pytest.mark.lifecycle
@pytest.mark.parametrize("make_fields", CASES)
def test_createChangeRequest_getChangeRequest_getChangeRequestsPage_updateChangeRequest_deleteChangeRequest(
        msx_api, change_requests, tenant, unique_name, make_fields):
    requests_api = msx_api(IncidentChangeRequestsApi)
    fields = make_fields(unique_name, tenant.id)

    created = change_requests.create(**fields)
    assert created.status == 201
    change_request = created.resource
    assert change_request.id and change_request.external_id
    assert {key: change_request.to_dict().get(key) for key in fields} == fields

    assert requests_api.get_change_request(change_request.id).to_dict() == change_request.to_dict()
    assert requests_api.get_change_request(change_request.id, tenant_id=tenant.id).id == change_request.id
    paged = [c for c in all_items(requests_api.get_change_requests_page, tenant_id=tenant.id)]
    assert [(c.id, c.name) for c in paged] == [(change_request.id, fields["name"])], "the tenant's one change request"

    changes = {"description": "Changed by the MSX suite", "attributes": {"backout_plan": "delete it"}}
    updated, status, _ = requests_api.update_change_request(change_request.id, ChangeRequestUpdate(**changes),
                                                            _return_http_data_only=False)
    assert status == 200
    assert {key: updated.to_dict().get(key) for key in changes} == changes
    assert updated.name == fields["name"], "what the update does not carry is kept"
    assert requests_api.get_change_request(change_request.id).to_dict() == updated.to_dict()

    _, status, _ = requests_api.delete_change_request(change_request.id, tenant_id=tenant.id,
                                                      _return_http_data_only=False)
    assert status == 204
    with pytest.raises(NotFoundException):
        requests_api.get_change_request(change_request.id)


def test_getChangeRequest_of_another_tenant_is_not_found(msx_api, change_requests, tenant, tenants, unique_name,
                                                         refuses):
    """With tenantId, a change request is looked up in that tenant only."""
    other = tenants.create(name=f"{unique_name}-other").resource
    change_request = change_requests.create(name=unique_name, tenant_id=tenant.id).resource
    requests_api = msx_api(IncidentChangeRequestsApi)
    refuses(404, lambda: requests_api.get_change_request(change_request.id, tenant_id=other.id))
    refuses(404, lambda: requests_api.delete_change_request(change_request.id, tenant_id=other.id))
    assert requests_api.get_change_request(change_request.id).id == change_request.id, "a refused delete keeps it"


def test_createChangeRequest_409_for_a_second_one_named_alike(change_requests, tenant, unique_name, refuses):
    """The contract documents 409; the emulator answers it for the same name in the same tenant."""
    change_requests.create(name=unique_name, tenant_id=tenant.id)
    refuses(409, lambda: change_requests.create(name=unique_name, tenant_id=tenant.id))
