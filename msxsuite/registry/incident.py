"""Incidents: incidents, ServiceNow configurations (their credentials secret) and change requests."""

from python_msx_sdk.api.incident_change_requests_api import IncidentChangeRequestsApi
from python_msx_sdk.api.incident_configurations_api import IncidentConfigurationsApi
from python_msx_sdk.api.incidents_api import IncidentsApi
from python_msx_sdk.model.change_request import ChangeRequest
from python_msx_sdk.model.change_request_create import ChangeRequestCreate
from python_msx_sdk.model.incident import Incident
from python_msx_sdk.model.incident_create import IncidentCreate
from python_msx_sdk.model.service_now_configuration import ServiceNowConfiguration
from python_msx_sdk.model.service_now_configuration_create import ServiceNowConfigurationCreate

from msxsuite.registry.kind import crud

# An incident has no name: the suite's name starts its description.
INCIDENT = crud("incident", "incident", IncidentsApi, IncidentCreate, Incident, "description",
                create="create_incident", delete="delete_incident", page="get_incidents", blocks=("tenant",))
SERVICENOW_CONFIGURATION = crud(
    "servicenow_configuration", "incident", IncidentConfigurationsApi, ServiceNowConfigurationCreate,
    ServiceNowConfiguration, "domain", create="create_service_now_configuration",
    delete="delete_service_now_configuration", page="get_service_now_configurations_page",
    secret_fields=("clientSecret", "password"), blocks=("tenant",))
CHANGE_REQUEST = crud("change_request", "incident", IncidentChangeRequestsApi, ChangeRequestCreate, ChangeRequest,
                      "name", create="create_change_request", delete="delete_change_request",
                      page="get_change_requests_page", blocks=("tenant",))
KINDS = (INCIDENT, SERVICENOW_CONFIGURATION, CHANGE_REQUEST)
