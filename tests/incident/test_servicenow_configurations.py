"""ServiceNow configurations: one for a tenant of the suite's own, created, read, found, deleted.

On a real MSX a configuration links a tenant to a ServiceNow instance, beyond what the suite made: side effects.
"""

import pytest
from python_msx_sdk.api.incident_configurations_api import IncidentConfigurationsApi
from python_msx_sdk.exceptions import NotFoundException

from msxsuite.paging import all_items
from tests.incident.conftest import servicenow_fields

pytestmark = pytest.mark.side_effect
SECRETS = ("client_secret", "password")


def public(configuration) -> dict:
    """The configuration without its secrets, which MSX may answer masked (and cassettes scrub)."""
    return {key: value for key, value in configuration.to_dict().items() if key not in SECRETS}


CASES = [
    pytest.param(lambda name, tenant_id: {"domain": f"{name}.service-now.invalid", "tenant_id": tenant_id},
                 id="domain-and-tenant-only"),
    pytest.param(lambda name, tenant_id: servicenow_fields(name, tenant_id) | {"proxy": "http://proxy.invalid:3128"},
                 id="every-field"),
    pytest.param(lambda name, tenant_id: servicenow_fields(name, tenant_id) | {"proxy": None}, id="null-proxy"),
]


@pytest.mark.lifecycle
@pytest.mark.parametrize("make_fields", CASES)
def test_createServiceNowConfiguration_getServiceNowConfiguration_getServiceNowConfigurationsPage_deleteServiceNowConfiguration(  # noqa: E501
        msx_api, servicenow_configurations, tenant, unique_name, make_fields):
    configurations = msx_api(IncidentConfigurationsApi)
    fields = make_fields(unique_name, tenant.id)

    created = servicenow_configurations.create(**fields)
    assert created.status == 201
    configuration = created.resource
    assert configuration.id
    expected = {key: value for key, value in fields.items() if key not in SECRETS}
    assert {key: public(configuration).get(key) for key in expected} == expected
    assert all(configuration.to_dict().get(secret) for secret in SECRETS if secret in fields), \
        "the secrets sent are answered (MSX may mask them)"

    assert public(configurations.get_service_now_configuration(configuration.id)) == public(configuration)
    by_tenant = [c.id for c in all_items(configurations.get_service_now_configurations_page, tenant_id=tenant.id)]
    assert by_tenant == [configuration.id], "the tenant's one configuration"
    by_domain = configurations.get_service_now_configurations_page(0, 10, domain=fields["domain"]).contents
    assert [c.id for c in by_domain] == [configuration.id]

    assert servicenow_configurations.delete(configuration.id) == 204
    with pytest.raises(NotFoundException):
        configurations.get_service_now_configuration(configuration.id)


def test_createServiceNowConfiguration_409_for_a_second_one_of_the_tenant_and_domain(servicenow_configurations,
                                                                                     tenant, unique_name, refuses):
    """The contract documents 409; the emulator answers it for the same tenant and domain."""
    fields = servicenow_fields(unique_name, tenant.id)
    servicenow_configurations.create(**fields)
    refuses(409, lambda: servicenow_configurations.create(**fields))
