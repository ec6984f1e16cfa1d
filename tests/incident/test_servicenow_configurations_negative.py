"""ServiceNow configurations: what MSX must refuse, and with which status (ids: <operationId>-<status>-<case>).

A wrongly accepted configuration would link a tenant to ServiceNow: the tests that send one carry the
side_effect marker.
"""

import pytest
from python_msx_sdk.api.incident_configurations_api import IncidentConfigurationsApi
from python_msx_sdk.model.service_now_configuration import ServiceNowConfiguration
from python_msx_sdk.model.service_now_configuration_create import ServiceNowConfigurationCreate

from tests.incident.conftest import servicenow_fields

pytestmark = pytest.mark.negative

CONFIGURATIONS = "/incident/api/v8/configurations"
UNKNOWN_ID = "5f0c3e52-0000-4000-8000-000000000404"
FIRST_PAGE = [("page", 0), ("pageSize", 10)]
TOKENS = [pytest.param(None, id="401-no-token"), pytest.param("not-a-valid-token", id="401-bad-token")]

INVALID_CREATES = [pytest.param(change, id=f"createServiceNowConfiguration-400-{case}") for change, case in [
    ({"tenantId": "not-a-uuid"}, "tenant-id-not-a-uuid"),
    ({"tenantId": UNKNOWN_ID}, "unknown-tenant-id"),  # the contract is silent; the emulator answers 400
    ({"domain": 42}, "domain-not-a-string"),
    ({"criticalEvent": "yes"}, "critical-event-not-a-boolean"),
    ({"proxy": 3128}, "proxy-not-a-string"),
    ({"userName": 7}, "user-name-not-a-string"),
]]
MALFORMED_REQUESTS = [
    pytest.param("GET", CONFIGURATIONS, [("page", -1), ("pageSize", 10)],
                 id="getServiceNowConfigurationsPage-400-negative-page"),
    pytest.param("GET", CONFIGURATIONS, [("page", 0), ("pageSize", 1001)],
                 id="getServiceNowConfigurationsPage-400-page-size-1001"),
    pytest.param("GET", CONFIGURATIONS, [("pageSize", 10)], id="getServiceNowConfigurationsPage-400-no-page"),
    pytest.param("GET", CONFIGURATIONS, FIRST_PAGE + [("tenantId", "not-a-uuid")],
                 id="getServiceNowConfigurationsPage-400-tenant-id-not-a-uuid"),
    pytest.param("GET", f"{CONFIGURATIONS}/not-a-uuid", [], id="getServiceNowConfiguration-400-id-not-a-uuid"),
    pytest.param("DELETE", f"{CONFIGURATIONS}/not-a-uuid", [], id="deleteServiceNowConfiguration-400-id-not-a-uuid"),
]
OPERATIONS = [
    pytest.param(lambda api, name: api.get_service_now_configurations_page(page=0, page_size=10),
                 id="getServiceNowConfigurationsPage"),
    pytest.param(lambda api, name: api.create_service_now_configuration(ServiceNowConfigurationCreate(
        domain=f"{name}.service-now.invalid", tenant_id=UNKNOWN_ID)), id="createServiceNowConfiguration"),
    pytest.param(lambda api, name: api.get_service_now_configuration(UNKNOWN_ID), id="getServiceNowConfiguration"),
    pytest.param(lambda api, name: api.delete_service_now_configuration(UNKNOWN_ID),
                 id="deleteServiceNowConfiguration"),
]
UNKNOWN = [pytest.param(*case.values, id=f"{case.id}-404-unknown-id") for case in OPERATIONS[2:]]


def wire(fields: dict) -> dict:
    """The JSON names of a ServiceNowConfigurationCreate's fields."""
    return {ServiceNowConfigurationCreate.attribute_map[key]: value for key, value in fields.items()}


@pytest.mark.side_effect
@pytest.mark.parametrize("change", INVALID_CREATES)
def test_invalid_servicenow_configuration_is_not_created(send_raw, refuses, tenant, unique_name, change):
    body = {key: value for key, value in (wire(servicenow_fields(unique_name, tenant.id)) | change).items()
            if value is not None}
    refuses(400, lambda: send_raw("POST", CONFIGURATIONS, body, answer=(ServiceNowConfiguration,)))


@pytest.mark.parametrize("method, path, query", MALFORMED_REQUESTS)
def test_malformed_servicenow_configuration_request_is_rejected(send_raw, refuses, method, path, query):
    refuses(400, lambda: send_raw(method, path, None, query))


@pytest.mark.parametrize("token", TOKENS)
@pytest.mark.parametrize("call", OPERATIONS)
def test_servicenow_configuration_operations_need_a_valid_token(make_api_client, refuses, unique_name, call, token):
    refuses(401, lambda: call(IncidentConfigurationsApi(make_api_client(token)), unique_name))


@pytest.mark.side_effect
@pytest.mark.parametrize("write", [
    pytest.param(lambda api, name, tenant, configuration: api.create_service_now_configuration(
        ServiceNowConfigurationCreate(**servicenow_fields(f"{name}-forbidden", tenant.id))),
        id="createServiceNowConfiguration-403-limited-user"),
    pytest.param(lambda api, name, tenant, configuration: api.delete_service_now_configuration(configuration.id),
                 id="deleteServiceNowConfiguration-403-limited-user"),
])
def test_limited_user_may_not_change_servicenow_configurations(msx_api, servicenow_configurations,
                                                               limited_api_client, refuses, tenant, unique_name, write):
    configuration = servicenow_configurations.create(**servicenow_fields(unique_name, tenant.id)).resource
    refuses(403, lambda: write(IncidentConfigurationsApi(limited_api_client), unique_name, tenant, configuration))
    assert msx_api(IncidentConfigurationsApi).get_service_now_configuration(configuration.id).id == configuration.id


@pytest.mark.parametrize("call", UNKNOWN)
def test_unknown_servicenow_configuration_is_not_found(msx_api, refuses, unique_name, call):
    refuses(404, lambda: call(msx_api(IncidentConfigurationsApi), unique_name))
