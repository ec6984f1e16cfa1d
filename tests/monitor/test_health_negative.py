"""Health (monitor): what MSX must refuse, and with which status (ids: <operationId>-<status>-<case>).

No 403 here: every MSX role may read health, so no token the suite can get is refused it.
"""

import pytest
from python_msx_sdk.api.health_api import HealthApi

pytestmark = pytest.mark.negative

TOKENS = [pytest.param(None, id="401-no-token"), pytest.param("not-a-valid-token", id="401-bad-token")]
OPERATIONS = [
    pytest.param(lambda api: api.get_services_health_list(ids=["msxt-probe"]), id="getServicesHealthList"),
    pytest.param(lambda api: api.get_devices_health_list(ids=["msxt-probe"]), id="getDevicesHealthList"),
]


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("/monitor/api/v8/health/services/list", id="getServicesHealthList-400-no-ids"),
        pytest.param("/monitor/api/v8/health/devices/list", id="getDevicesHealthList-400-no-ids"),
    ],
)
def test_health_list_without_ids_is_rejected(send_raw, refuses, path):
    refuses(400, lambda: send_raw("GET", path))


@pytest.mark.parametrize("token", TOKENS)
@pytest.mark.parametrize("call", OPERATIONS)
def test_health_lists_need_a_valid_token(make_api_client, refuses, call, token):
    refuses(401, lambda: call(HealthApi(make_api_client(token))))
