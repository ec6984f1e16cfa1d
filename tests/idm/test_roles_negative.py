"""Roles (IDM): what MSX must refuse, and with which status (ids: <operationId>-<status>-<case>).

No 403 here: every MSX role may read roles, so no token the suite can get is refused them.
"""

import pytest
from python_msx_sdk.api.roles_api import RolesApi

pytestmark = pytest.mark.negative

ROLES_LIST = "/idm/api/v8/roles/list"
UNKNOWN_ID = "5f0c3e52-0000-4000-8000-000000000404"
TOKENS = [pytest.param(None, id="401-no-token"), pytest.param("not-a-valid-token", id="401-bad-token")]
OPERATIONS = [
    pytest.param(lambda api: api.get_roles_list(ids=[UNKNOWN_ID]), id="getRolesList"),
    pytest.param(lambda api: api.get_role_by_name("CONSUMER"), id="getRoleByName"),
]


@pytest.mark.parametrize(
    "query",
    [pytest.param([], id="getRolesList-400-no-ids"), pytest.param([("ids", "not-a-uuid")], id="getRolesList-400-id-not-a-uuid")],
)
def test_malformed_roles_list_request_is_rejected(send_raw, refuses, query):
    refuses(400, lambda: send_raw("GET", ROLES_LIST, query=query))


@pytest.mark.parametrize("token", TOKENS)
@pytest.mark.parametrize("call", OPERATIONS)
def test_role_operations_need_a_valid_token(make_api_client, refuses, call, token):
    refuses(401, lambda: call(RolesApi(make_api_client(token))))


def test_getRoleByName_404_for_an_unknown_name(msx_api, refuses):
    roles_api = msx_api(RolesApi)
    refuses(404, lambda: roles_api.get_role_by_name("MSXT_NO_SUCH_ROLE"))
