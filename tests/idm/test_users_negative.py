"""Users (IDM): what MSX must refuse, and with which status (ids: <operationId>-<status>-<case>)."""

import pytest
from python_msx_sdk.api.users_api import UsersApi
from python_msx_sdk.model.update_password import UpdatePassword
from python_msx_sdk.model.user import User
from python_msx_sdk.model.user_create import UserCreate
from python_msx_sdk.model.user_update import UserUpdate

pytestmark = pytest.mark.negative

USERS = "/idm/api/v8/users"
UNKNOWN_ID = "5f0c3e52-0000-4000-8000-000000000404"
FIRST_PAGE = [("page", 0), ("pageSize", 10)]
TOKENS = [pytest.param(None, id="401-no-token"), pytest.param("not-a-valid-token", id="401-bad-token")]


def valid_user(name) -> dict:
    """A createUser body MSX accepts, named after the test."""
    return {"username": name, "lastName": "Suite", "email": f"{name}@example.com"}


INVALID_BODIES = [
    pytest.param(lambda name: {"lastName": name, "email": f"{name}@example.com"}, id="createUser-400-missing-username"),
    pytest.param(lambda name: valid_user(name) | {"username": f"{name} with spaces"},
                 id="createUser-400-username-with-spaces"),
    pytest.param(lambda name: {"username": name, "email": f"{name}@example.com"}, id="createUser-400-missing-last-name"),
    pytest.param(lambda name: {"username": name, "lastName": "Suite"}, id="createUser-400-missing-email"),
    pytest.param(lambda name: valid_user(name) | {"email": "not-an-email"}, id="createUser-400-malformed-email"),
    pytest.param(lambda name: valid_user(name) | {"roleIds": ["not-a-uuid"]}, id="createUser-400-role-id-not-a-uuid"),
    pytest.param(lambda name: valid_user(name) | {"locale": "e"}, id="createUser-400-locale-1-char"),
]
MALFORMED_REQUESTS = [
    pytest.param("GET", USERS, [("page", -1), ("pageSize", 10)], None, id="getUsersPage-400-negative-page"),
    pytest.param("GET", USERS, [("page", 0), ("pageSize", 0)], None, id="getUsersPage-400-page-size-0"),
    pytest.param("GET", USERS, [("page", 0), ("pageSize", 1001)], None, id="getUsersPage-400-page-size-1001"),
    pytest.param("GET", USERS, [("pageSize", 10)], None, id="getUsersPage-400-no-page"),
    pytest.param("GET", USERS, FIRST_PAGE + [("tenantId", "not-a-uuid")], None, id="getUsersPage-400-tenant-id-not-a-uuid"),
    pytest.param("GET", USERS, FIRST_PAGE + [("deleted", "maybe")], None, id="getUsersPage-400-deleted-not-a-boolean"),
    pytest.param("GET", f"{USERS}/not-a-uuid", [], None, id="getUser-400-id-not-a-uuid"),
    pytest.param("PUT", f"{USERS}/not-a-uuid", [], {"lastName": "Suite", "email": "msxt-nobody@example.com"},
                 id="updateUser-400-id-not-a-uuid"),
    pytest.param("DELETE", f"{USERS}/not-a-uuid", [], None, id="deleteUser-400-id-not-a-uuid"),
    pytest.param("PUT", f"{USERS}/updatepassword", [], {"username": "msxt-nobody"},
                 id="updateUserPassword-400-missing-new-password"),
]
# Every user operation, aimed at nothing that exists, with a valid body.
OPERATIONS = [
    pytest.param(lambda api, name: api.get_users_page(page=0, page_size=10), id="getUsersPage"),
    pytest.param(lambda api, name: api.create_user(UserCreate(username=name, last_name="Suite",
                                                              email=f"{name}@example.com")), id="createUser"),
    pytest.param(lambda api, name: api.get_user(UNKNOWN_ID), id="getUser"),
    pytest.param(lambda api, name: api.update_user(UNKNOWN_ID, UserUpdate(last_name="Suite", email=f"{name}@example.com")),
                 id="updateUser"),
    pytest.param(lambda api, name: api.delete_user(UNKNOWN_ID), id="deleteUser"),
    pytest.param(lambda api, name: api.get_current_user(), id="getCurrentUser"),
    pytest.param(lambda api, name: api.update_user_password(
        UpdatePassword(username=name, old_password="Msx-Suite-Old-1", new_password="Msx-Suite-New-2")),
        id="updateUserPassword"),
]
UNKNOWN = [
    pytest.param(lambda api, name: api.get_user(UNKNOWN_ID), id="getUser-404-unknown-id"),
    pytest.param(lambda api, name: api.update_user(UNKNOWN_ID, UserUpdate(last_name="Suite", email=f"{name}@example.com")),
                 id="updateUser-404-unknown-id"),
    pytest.param(lambda api, name: api.delete_user(UNKNOWN_ID), id="deleteUser-404-unknown-id"),
]
LIMITED_WRITES = [
    pytest.param(lambda api, user: api.create_user(UserCreate(
        username=f"{user.username}-forbidden", last_name="Forbidden", email=f"forbidden-{user.email}",
        role_ids=user.role_ids, tenant_ids=user.tenant_ids)), id="createUser-403-limited-user"),
    pytest.param(lambda api, user: api.update_user(user.id, UserUpdate(last_name="Renamed", email=user.email)),
                 id="updateUser-403-limited-user"),
    pytest.param(lambda api, user: api.delete_user(user.id), id="deleteUser-403-limited-user"),
]


@pytest.mark.parametrize("make_body", INVALID_BODIES)
def test_invalid_user_is_not_created(send_raw, refuses, unique_name, make_body):
    refuses(400, lambda: send_raw("POST", USERS, make_body(unique_name), answer=(User,)))


@pytest.mark.parametrize("method, path, query, body", MALFORMED_REQUESTS)
def test_malformed_user_request_is_rejected(send_raw, refuses, method, path, query, body):
    refuses(400, lambda: send_raw(method, path, body, query))


def test_updateUser_400_for_a_malformed_email(send_raw, refuses, limited_user):
    refuses(400, lambda: send_raw("PUT", f"{USERS}/{limited_user.id}", {"lastName": "Suite", "email": "not-an-email"}))


def test_updateUserPassword_400_for_a_wrong_old_password(limited_api_client, limited_user, refuses):
    change = UpdatePassword(username=limited_user.username, old_password="wrong-Password-1",
                            new_password="Msx-Suite-Never-1")
    refuses(400, lambda: UsersApi(limited_api_client).update_user_password(change))


@pytest.mark.parametrize("token", TOKENS)
@pytest.mark.parametrize("call", OPERATIONS)
def test_user_operations_need_a_valid_token(make_api_client, refuses, unique_name, call, token):
    refuses(401, lambda: call(UsersApi(make_api_client(token)), unique_name))


@pytest.mark.parametrize("write", LIMITED_WRITES)
def test_limited_user_may_not_change_users(limited_api_client, limited_user, refuses, write):
    refuses(403, lambda: write(UsersApi(limited_api_client), limited_user))


def test_updateUserPassword_403_for_another_users_password(limited_api_client, limited_user, users, refuses, unique_name):
    other = users.create(username=f"{unique_name}-other", last_name="Other", email=f"other-{limited_user.email}",
                         tenant_ids=limited_user.tenant_ids).resource
    change = UpdatePassword(username=other.username, new_password="Msx-Suite-Taken-1")
    refuses(403, lambda: UsersApi(limited_api_client).update_user_password(change))


@pytest.mark.parametrize("call", UNKNOWN)
def test_unknown_user_is_not_found(msx_api, refuses, unique_name, call):
    users_api = msx_api(UsersApi)
    refuses(404, lambda: call(users_api, unique_name))
