"""The incident configuration: what MSX must refuse, and with which status (ids: <operationId>-<status>-<case>).

A wrongly accepted write would change MSX's own link to ServiceNow: those tests carry the side_effect
marker and write back what they read if MSX accepted.
"""

import pytest
from python_msx_sdk.api.incident_configurations_api import IncidentConfigurationsApi
from python_msx_sdk.model.incident_config_patch import IncidentConfigPatch
from python_msx_sdk.model.incident_config_update import IncidentConfigUpdate

pytestmark = pytest.mark.negative

CONFIG = "/incident/api/v1/config"
TOKENS = [pytest.param(None, id="401-no-token"), pytest.param("not-a-valid-token", id="401-bad-token")]
VALID = {"clientId": "msx-checklist", "clientSecret": "Msx-Suite-Secret-1",
         "domain": "msx-checklist.service-now.invalid", "password": "Msx-Suite-Password-1", "userName": "msx-checklist"}


def without(field) -> dict:
    return {key: value for key, value in VALID.items() if key != field}


INVALID_WRITES = [pytest.param("PUT", body, id=f"updateConfiguration-400-{case}") for body, case in [
    *[(without(field), f"missing-{field}") for field in VALID],
    (VALID | {"criticalEvent": "yes"}, "critical-event-not-a-boolean"),
    (VALID | {"domain": None}, "null-domain"),
    (VALID | {"proxy": 3128}, "proxy-not-a-string"),
    ([VALID], "body-not-an-object"),
]] + [pytest.param("PATCH", body, id=f"patchConfiguration-400-{case}") for body, case in [
    ({"criticalEvent": "yes"}, "critical-event-not-a-boolean"),
    ({"userName": None}, "null-user-name"),
    ({"domain": 1}, "domain-not-a-string"),
    (["criticalEvent"], "body-not-an-object"),
]]
OPERATIONS = [
    pytest.param(lambda api: api.get_configuration(), id="getConfiguration"),
    pytest.param(lambda api: api.update_configuration(IncidentConfigUpdate(
        client_id="msx-checklist", client_secret="x", domain="msx-checklist.invalid", password="x",
        user_name="msx-checklist")),
        id="updateConfiguration"),
    pytest.param(lambda api: api.patch_configuration(IncidentConfigPatch(critical_event=True)),
                 id="patchConfiguration"),
]


@pytest.fixture
def configuration_kept(msx_api):
    """The configuration as read before the test; written back after it if it changed."""
    configurations = msx_api(IncidentConfigurationsApi)
    before = configurations.get_configuration()
    yield before
    if configurations.get_configuration().to_dict() != before.to_dict():
        configurations.update_configuration(IncidentConfigUpdate(**before.to_dict()))


@pytest.mark.side_effect
@pytest.mark.parametrize("method, body", INVALID_WRITES)
def test_invalid_configuration_write_is_refused(msx_api, send_raw, refuses, configuration_kept, method, body):
    refuses(400, lambda: send_raw(method, CONFIG, body))
    assert msx_api(IncidentConfigurationsApi).get_configuration().to_dict() == configuration_kept.to_dict(), \
        "a refused write changes nothing"


@pytest.mark.side_effect
@pytest.mark.parametrize("write", [pytest.param(*case.values, id=f"{case.id}-403-limited-user")
                                   for case in OPERATIONS[1:]])
def test_limited_user_may_not_change_the_configuration(msx_api, limited_api_client, refuses, configuration_kept,
                                                       write):
    refuses(403, lambda: write(IncidentConfigurationsApi(limited_api_client)))
    assert msx_api(IncidentConfigurationsApi).get_configuration().to_dict() == configuration_kept.to_dict(), \
        "a refused write changes nothing"


@pytest.mark.parametrize("token", TOKENS)
@pytest.mark.parametrize("call", OPERATIONS)
def test_configuration_operations_need_a_valid_token(make_api_client, refuses, call, token):
    refuses(401, lambda: call(IncidentConfigurationsApi(make_api_client(token))))
