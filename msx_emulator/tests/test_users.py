"""The user operations, password change included, with their error statuses."""

from __future__ import annotations

import pytest
from python_msx_sdk.api.users_api import UsersApi
from python_msx_sdk.model.update_password import UpdatePassword
from python_msx_sdk.model.user_create import UserCreate
from python_msx_sdk.model.user_update import UserUpdate

from msx_emulator.config import CONSUMER_ROLE_ID, OPERATIONS_TENANT_ID, ROOT_TENANT_ID, TENANT_ADMIN_ROLE_ID
from msx_emulator.tests.helpers import api_error, error_naming, raw_call

USERS = "/idm/api/v8/users"
UNKNOWN_ID = "00000000-0000-4000-8000-000000000000"


def _new_user(**fields) -> UserCreate:
    values = dict(username="tbaker", email="tbaker@example.com", last_name="Baker", first_name="Tom",
                  role_ids=[CONSUMER_ROLE_ID], tenant_ids=[OPERATIONS_TENANT_ID], locale="en_US",
                  password="Password@1") | fields
    return UserCreate(**values)


def test_create_user_returns_it_without_password(emu, emu_users):
    user = emu_users.create_user(_new_user())
    assert (user.username, user.status, user.deleted, user.password) == ("tbaker", "true", "false", None)
    assert user.tenant_ids == [OPERATIONS_TENANT_ID]
    assert emu.stats()["users"] == ["tbaker"]


def test_created_user_can_log_in(emu_users, emu_login):
    emu_users.create_user(_new_user())
    token = emu_login(username="tbaker", password="Password@1")
    assert token.roles == ["CONSUMER"] and token.tenant_id == OPERATIONS_TENANT_ID


def test_get_update_and_delete_user(emu, emu_users):
    created = emu_users.create_user(_new_user())
    assert emu_users.get_user(created.id).email == "tbaker@example.com"
    updated = emu_users.update_user(created.id, UserUpdate(email="tom@example.com", last_name="Baker-Smith",
                                                           role_ids=[TENANT_ADMIN_ROLE_ID]))
    assert (updated.email, updated.last_name, updated.role_ids) == ("tom@example.com", "Baker-Smith",
                                                                    [TENANT_ADMIN_ROLE_ID])
    assert (updated.first_name, updated.tenant_ids) == ("Tom", [OPERATIONS_TENANT_ID]), "left out, so kept"
    emu_users.delete_user(created.id)
    error_naming(lambda: emu_users.get_user(created.id), 404, created.id)
    assert emu.stats()["users"] == []


def test_users_page_filters_by_tenant(emu_users):
    emu_users.create_user(_new_user())
    page = emu_users.get_users_page(0, 10, tenant_id=OPERATIONS_TENANT_ID)
    assert sorted(u.username for u in page.contents) == ["operator", "tbaker"]
    assert (page.total_items, page.has_next, page.has_previous) == (2, False, False)
    assert emu_users.get_users_page(1, 1).has_previous is True
    assert emu_users.get_users_page(0, 10, deleted=True).contents == []


def test_current_user_is_the_tokens_user(emu_users, emu_operator_client):
    assert emu_users.get_current_user().username == "superuser"
    assert UsersApi(emu_operator_client).get_current_user().username == "operator"


def test_password_change_retires_the_old_password(emu, emu_operator_client, emu_login):
    operator = emu.config.limited_user
    UsersApi(emu_operator_client).update_user_password(
        UpdatePassword(username="operator", old_password=operator.password, new_password="Changed-Password-2"))
    assert api_error(lambda: emu_login(operator), 400)["error"] == "invalid_grant"
    assert emu_login(username="operator", password="Changed-Password-2").username == "operator"


def test_password_change_needs_the_old_password(emu_operator_client):
    users = UsersApi(emu_operator_client)
    error_naming(lambda: users.update_user_password(
        UpdatePassword(username="operator", old_password="wrong", new_password="x")), 400, "oldPassword")


def test_superuser_sets_another_users_password(emu, emu_users, emu_login):
    emu_users.update_user_password(UpdatePassword(username="operator", new_password="Reset-By-Admin-3"))
    assert emu_login(username="operator", password="Reset-By-Admin-3").username == "operator"


def test_limited_user_cannot_set_another_users_password(emu_operator_client):
    users = UsersApi(emu_operator_client)
    error_naming(lambda: users.update_user_password(UpdatePassword(username="superuser", new_password="x")),
                 403, "MANAGE_USERS")


def test_password_change_of_an_unknown_user_is_bad_request(emu_users):
    error_naming(lambda: emu_users.update_user_password(UpdatePassword(username="nobody", new_password="x")),
                 400, "username")


@pytest.mark.parametrize("body, field", [
    pytest.param({"email": "a@example.com", "lastName": "L"}, "username", id="missing-username"),
    pytest.param({"username": "bad name", "email": "a@example.com", "lastName": "L"}, "username", id="bad-username"),
    pytest.param({"username": "u" * 129, "email": "a@example.com", "lastName": "L"}, "username", id="long-username"),
    pytest.param({"username": "u", "lastName": "L"}, "email", id="missing-email"),
    pytest.param({"username": "u", "email": "nope", "lastName": "L"}, "email", id="bad-email"),
    pytest.param({"username": "u", "email": "a@example.com"}, "lastName", id="missing-last-name"),
    pytest.param({"username": "u", "email": "a@example.com", "lastName": "L", "locale": "e"}, "locale",
                 id="short-locale"),
    pytest.param({"username": "u", "email": "a@example.com", "lastName": "L", "locale": "e" * 17}, "locale",
                 id="long-locale"),
    pytest.param({"username": "u", "email": "a@example.com", "lastName": "L", "roleIds": ["x"]}, "roleIds",
                 id="bad-role-id"),
    pytest.param({"username": "u", "email": "a@example.com", "lastName": "L", "roleIds": [UNKNOWN_ID]}, "roleIds",
                 id="unknown-role"),
    pytest.param({"username": "u", "email": "a@example.com", "lastName": "L", "tenantIds": [UNKNOWN_ID]},
                 "tenantIds", id="unknown-tenant"),
    pytest.param({"username": "Operator", "email": "a@example.com", "lastName": "L"}, "username",
                 id="duplicate-username"),
])
def test_create_user_rejects_invalid_fields(emu_superuser_client, body, field):
    error_naming(lambda: raw_call(emu_superuser_client, "POST", USERS, body=body), 400, field)


def test_update_user_rejects_invalid_fields(emu, emu_superuser_client):
    operator_id = emu.config.limited_user.id
    error_naming(lambda: raw_call(emu_superuser_client, "PUT", f"{USERS}/{operator_id}", body={"lastName": "L"}),
                 400, "email")


@pytest.mark.parametrize("query, field", [
    pytest.param([("page", 0)], "pageSize", id="missing-page-size"),
    pytest.param([("page", 0), ("pageSize", 10), ("tenantId", "x")], "tenantId", id="bad-tenant-id"),
    pytest.param([("page", 0), ("pageSize", 10), ("deleted", "no")], "deleted", id="bad-deleted"),
])
def test_users_page_rejects_invalid_query(emu_superuser_client, query, field):
    error_naming(lambda: raw_call(emu_superuser_client, "GET", USERS, query=query), 400, field)


def test_unknown_or_malformed_user_id(emu_users, emu_superuser_client):
    error_naming(lambda: emu_users.update_user(UNKNOWN_ID, UserUpdate(email="a@example.com", last_name="L")),
                 404, UNKNOWN_ID)
    error_naming(lambda: emu_users.delete_user(UNKNOWN_ID), 404, UNKNOWN_ID)
    error_naming(lambda: raw_call(emu_superuser_client, "GET", f"{USERS}/not-a-uuid"), 400, "id")


def test_limited_user_may_read_but_not_write_users(emu, emu_operator_client):
    users = UsersApi(emu_operator_client)
    # Only the users of its own tenants (the superuser's tenant is out of its scope).
    assert [user.username for user in users.get_users_page(0, 10).contents] == ["operator"]
    error_naming(lambda: users.create_user(_new_user()), 403, "MANAGE_USERS")
    error_naming(lambda: users.update_user(emu.config.superuser.id, UserUpdate(email="a@example.com", last_name="L")),
                 403, "MANAGE_USERS")
    error_naming(lambda: users.delete_user(emu.config.superuser.id), 403, "MANAGE_USERS")


def test_user_is_unauthenticated_after_deletion(emu, emu_users, emu_client, emu_login):
    token = emu_login(emu.config.limited_user).access_token
    emu_users.delete_user(emu.config.limited_user.id)
    error_naming(lambda: UsersApi(emu_client(token)).get_current_user(), 401, "no longer exists")


def test_users_of_the_root_tenant(emu_users):
    assert [u.username for u in emu_users.get_users_page(0, 10, tenant_id=ROOT_TENANT_ID).contents] == ["superuser"]


def test_user_created_without_tenants_joins_the_creators_tenant(emu_users, emu_login):
    created = emu_users.create_user(UserCreate(username="loner", email="loner@example.com", last_name="Loner",
                                               password="Password@1"))
    assert created.tenant_ids == [ROOT_TENANT_ID]
    token = emu_login(username="loner", password="Password@1")
    assert (token.tenant_id, token.first_name, token.roles) == (ROOT_TENANT_ID, "", [])
