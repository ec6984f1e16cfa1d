"""The incident service: its configuration, incidents, ServiceNow configurations and change requests."""

from __future__ import annotations

import re

import pytest
from python_msx_sdk.api.incident_change_requests_api import IncidentChangeRequestsApi
from python_msx_sdk.api.incident_configurations_api import IncidentConfigurationsApi
from python_msx_sdk.api.incidents_api import IncidentsApi
from python_msx_sdk.model.change_request_create import ChangeRequestCreate
from python_msx_sdk.model.change_request_update import ChangeRequestUpdate
from python_msx_sdk.model.incident_cancel import IncidentCancel
from python_msx_sdk.model.incident_config_patch import IncidentConfigPatch
from python_msx_sdk.model.incident_config_update import IncidentConfigUpdate
from python_msx_sdk.model.incident_create import IncidentCreate
from python_msx_sdk.model.incident_update import IncidentUpdate
from python_msx_sdk.model.service_now_configuration_create import ServiceNowConfigurationCreate
from python_msx_sdk.model.tenant_create import TenantCreate

from msx_emulator.config import OPERATIONS_TENANT_ID, ROOT_TENANT_ID
from msx_emulator.services.incident import CONFIGURATION, CONFIGURATION_ID
from msx_emulator.tests.helpers import error_naming

MASK = "*****"
SERVICENOW = dict(client_id="client", client_secret="secret", domain="acme.service-now.invalid", password="pw",
                  user_name="msx", critical_event=True)


@pytest.fixture
def emu_incident_configurations(emu_superuser_client):
    """IncidentConfigurationsApi as superuser."""
    return IncidentConfigurationsApi(emu_superuser_client)


@pytest.fixture
def emu_incidents(emu_superuser_client):
    """IncidentsApi as superuser."""
    return IncidentsApi(emu_superuser_client)


@pytest.fixture
def emu_change_requests(emu_superuser_client):
    """IncidentChangeRequestsApi as superuser."""
    return IncidentChangeRequestsApi(emu_superuser_client)


# --- the incident configuration --------------------------------------------------------------

def test_configuration_is_seeded_with_masked_secrets(emu_incident_configurations):
    configuration = emu_incident_configurations.get_configuration()
    assert (configuration.domain, configuration.client_secret, configuration.password, configuration.proxy) == (
        "emulator.service-now.invalid", MASK, MASK, None)


def test_update_configuration_replaces_it_and_the_mask_keeps_a_secret(emu, emu_incident_configurations):
    updated = emu_incident_configurations.update_configuration(IncidentConfigUpdate(**SERVICENOW, proxy="http://p"))
    assert (updated.domain, updated.client_id, updated.critical_event, updated.proxy, updated.password) == (
        "acme.service-now.invalid", "client", True, "http://p", MASK)
    written_back = emu_incident_configurations.update_configuration(IncidentConfigUpdate(**updated.to_dict()))
    assert written_back.to_dict() == updated.to_dict(), "what was read writes back unchanged"
    assert emu.backend.store.get(CONFIGURATION, CONFIGURATION_ID)["password"] == "pw", "the mask kept the secret"


def test_patch_configuration_changes_what_it_carries(emu_incident_configurations):
    before = emu_incident_configurations.get_configuration()
    patched = emu_incident_configurations.patch_configuration(IncidentConfigPatch(critical_event=True,
                                                                                  domain="x.invalid"))
    assert (patched.critical_event, patched.domain, patched.client_id) == (True, "x.invalid", before.client_id)
    assert emu_incident_configurations.get_configuration().to_dict() == patched.to_dict()


# --- incidents -------------------------------------------------------------------------------

def test_create_incident_has_the_contracts_defaults_and_a_servicenow_number(emu, emu_incidents):
    incident, status, _ = emu_incidents.create_incident(IncidentCreate(description="Link down"),
                                                        _return_http_data_only=False)
    assert status == 201
    assert re.fullmatch(r"INC\d{7}", incident.id) and re.fullmatch(r"[0-9a-f]{32}", incident.external_id)
    assert (incident.category, incident.impact, incident.priority, incident.severity, incident.state,
            incident.urgency) == ("inquiry", "Low", "Planning", "Low", "New", "Low")
    assert (incident.tenant, incident.created_by, incident.notes) == (ROOT_TENANT_ID, "superuser", []), \
        "an incident without tenant belongs to the creator's"
    assert emu_incidents.get_incident(incident.id).to_dict() == incident.to_dict()
    assert emu.stats()["left"] == {"incidents": ["Link down"]}


def test_update_cancel_and_delete_incident(emu, emu_incidents):
    incident = emu_incidents.create_incident(IncidentCreate(description="Slow", tenant=OPERATIONS_TENANT_ID,
                                                            attributes={"site": "Paris"}))
    updated = emu_incidents.update_incident(incident.id, IncidentUpdate(description="Slower", priority="High",
                                                                        state="InProgress"))
    assert (updated.description, updated.priority, updated.state, updated.attributes) == (
        "Slower", "High", "InProgress", {"site": "Paris"})
    assert updated.modified_on > incident.modified_on
    canceled = emu_incidents.cancel_incident(incident.id, IncidentCancel(tenant=OPERATIONS_TENANT_ID, notes="dup"))
    assert (canceled.state, canceled.notes) == ("Canceled", ["dup"])
    _, status, _ = emu_incidents.delete_incident(incident.id, _return_http_data_only=False)
    assert status == 204
    error_naming(lambda: emu_incidents.get_incident(incident.id), 404, incident.id)
    assert emu.stats()["left"] == {}


def test_an_open_incident_with_the_same_description_conflicts(emu_incidents):
    first = emu_incidents.create_incident(IncidentCreate(description="Same", tenant=OPERATIONS_TENANT_ID))
    error_naming(lambda: emu_incidents.create_incident(IncidentCreate(description="Same", tenant=OPERATIONS_TENANT_ID)),
                 409, first.id)
    emu_incidents.create_incident(IncidentCreate(description="Same", tenant=ROOT_TENANT_ID))
    emu_incidents.cancel_incident(first.id, IncidentCancel(tenant=OPERATIONS_TENANT_ID))
    emu_incidents.create_incident(IncidentCreate(description="Same", tenant=OPERATIONS_TENANT_ID))


def test_cancel_names_the_incidents_tenant(emu_incidents):
    incident = emu_incidents.create_incident(IncidentCreate(description="Mine", tenant=OPERATIONS_TENANT_ID))
    error_naming(lambda: emu_incidents.cancel_incident(incident.id, IncidentCancel(tenant=ROOT_TENANT_ID)), 400,
                 "tenant")


def test_incidents_page_filters_and_sorts(emu_incidents):
    emu_incidents.create_incident(IncidentCreate(description="a", tenant=OPERATIONS_TENANT_ID, priority="High",
                                                 category="network"))
    emu_incidents.create_incident(IncidentCreate(description="b", severity="High"))
    descriptions = lambda **f: [i.description for i in emu_incidents.get_incidents(0, 10, **f).contents]
    assert descriptions() == ["a", "b"]
    assert descriptions(tenant_id=OPERATIONS_TENANT_ID) == ["a"] and descriptions(category="network") == ["a"]
    assert descriptions(severity="High") == ["b"] and descriptions(priority="Planning") == ["b"]
    assert descriptions(sort_by="priority", sort_order="asc") == ["a", "b"]
    assert descriptions(sort_by="priority", sort_order="desc") == ["b", "a"]
    first = emu_incidents.get_incidents(0, 1)
    assert descriptions(id=first.contents[0].id) == ["a"]
    assert descriptions(external_id=first.contents[0].external_id) == ["a"]
    assert (first.total_items, first.has_next) == (2, True)


def test_incident_of_a_tenant_blocks_its_deletion(emu_tenants, emu_incidents):
    tenant = emu_tenants.create_tenant(TenantCreate(name="With incident"))
    incident = emu_incidents.create_incident(IncidentCreate(description="d", tenant=tenant.id))
    error_naming(lambda: emu_tenants.delete_tenant(tenant.id), 409, "incident")
    emu_incidents.delete_incident(incident.id)
    emu_tenants.delete_tenant(tenant.id)


# --- ServiceNow configurations ---------------------------------------------------------------

def test_servicenow_configuration_lifecycle(emu, emu_incident_configurations):
    configurations = emu_incident_configurations
    created, status, _ = configurations.create_service_now_configuration(
        ServiceNowConfigurationCreate(**SERVICENOW, tenant_id=OPERATIONS_TENANT_ID, proxy=None),
        _return_http_data_only=False)
    assert status == 201
    assert (created.domain, created.client_secret, created.password, created.tenant_id) == (
        "acme.service-now.invalid", MASK, MASK, OPERATIONS_TENANT_ID)
    assert configurations.get_service_now_configuration(created.id).to_dict() == created.to_dict()
    page = configurations.get_service_now_configurations_page(0, 10, tenant_id=OPERATIONS_TENANT_ID)
    assert [c.id for c in page.contents] == [created.id]
    assert configurations.get_service_now_configurations_page(0, 10, domain="other.invalid").contents == []
    assert emu.stats()["left"] == {"servicenow_configurations": ["acme.service-now.invalid"]}
    _, status, _ = configurations.delete_service_now_configuration(created.id, _return_http_data_only=False)
    assert status == 204
    error_naming(lambda: configurations.get_service_now_configuration(created.id), 404, created.id)


def test_one_servicenow_configuration_per_tenant_and_domain(emu_incident_configurations):
    create = emu_incident_configurations.create_service_now_configuration
    create(ServiceNowConfigurationCreate(domain="a.invalid", tenant_id=OPERATIONS_TENANT_ID))
    error_naming(lambda: create(ServiceNowConfigurationCreate(domain="a.invalid", tenant_id=OPERATIONS_TENANT_ID)),
                 409, "a.invalid")
    create(ServiceNowConfigurationCreate(domain="b.invalid", tenant_id=OPERATIONS_TENANT_ID))
    create(ServiceNowConfigurationCreate(domain="a.invalid", tenant_id=ROOT_TENANT_ID))
    error_naming(lambda: create(ServiceNowConfigurationCreate(domain="a.invalid",
                                                              tenant_id="00000000-0000-4000-8000-000000000000")),
                 400, "tenantId")


# --- change requests -------------------------------------------------------------------------

def test_change_request_lifecycle(emu, emu_change_requests):
    requests = emu_change_requests
    created, status, _ = requests.create_change_request(ChangeRequestCreate(
        name="Upgrade", description="Upgrade the edge", tenant_id=OPERATIONS_TENANT_ID,
        attributes={"justification": "security", "risk": 2}), _return_http_data_only=False)
    assert status == 201
    assert re.fullmatch(r"CHG\d{7}", created.id) and created.attributes == {"justification": "security", "risk": 2}
    assert requests.get_change_request(created.id).to_dict() == created.to_dict()
    assert requests.get_change_request(created.id, tenant_id=OPERATIONS_TENANT_ID).id == created.id
    error_naming(lambda: requests.get_change_request(created.id, tenant_id=ROOT_TENANT_ID), 404, created.id)
    page = requests.get_change_requests_page(0, 10, tenant_id=OPERATIONS_TENANT_ID)
    assert [(c.id, c.name) for c in page.contents] == [(created.id, "Upgrade")]
    updated = requests.update_change_request(created.id, ChangeRequestUpdate(description="Later"))
    assert (updated.name, updated.description) == ("Upgrade", "Later")
    error_naming(lambda: requests.delete_change_request(created.id, tenant_id=ROOT_TENANT_ID), 404, created.id)
    _, status, _ = requests.delete_change_request(created.id, tenant_id=OPERATIONS_TENANT_ID,
                                                  _return_http_data_only=False)
    assert status == 204
    assert emu.stats()["left"] == {}


def test_a_change_request_name_is_unique_per_tenant(emu_change_requests):
    create = emu_change_requests.create_change_request
    create(ChangeRequestCreate(name="Same", tenant_id=OPERATIONS_TENANT_ID))
    error_naming(lambda: create(ChangeRequestCreate(name="Same", tenant_id=OPERATIONS_TENANT_ID)), 409, "Same")
    create(ChangeRequestCreate(name="Same", tenant_id=ROOT_TENANT_ID))
    create(ChangeRequestCreate(description="no name"))
    create(ChangeRequestCreate(description="no name either"))
