"""Users (IDM): the lifecycle of a user in a tenant, including its own password change."""

import pytest
from python_msx_sdk.api.roles_api import RolesApi
from python_msx_sdk.api.users_api import UsersApi
from python_msx_sdk.exceptions import ApiException, NotFoundException
from python_msx_sdk.model.update_password import UpdatePassword
from python_msx_sdk.model.user_update import UserUpdate

from msxsuite.auth import password_grant
from msxsuite.paging import find_in_pages

USER_ROLE = "CONSUMER"
FIRST_PASSWORD = "Msx-Suite-First-1"
SECOND_PASSWORD = "Msx-Suite-Second-2"


def user_fields(name, tenant_id, role_id) -> dict:
    return {"username": name, "first_name": "Msx", "last_name": "Suite", "email": f"{name}@example.com",
            "role_ids": [role_id], "tenant_ids": [tenant_id], "password": FIRST_PASSWORD, "locale": "en_US"}


@pytest.mark.lifecycle
def test_user_lifecycle(msx_api, tenants, users, make_api_client, msx_settings, unique_name):
    users_api = msx_api(UsersApi)
    roles_api = msx_api(RolesApi)
    tenant = tenants.create(name=unique_name).resource
    role = roles_api.get_role_by_name(USER_ROLE)
    fields = user_fields(unique_name, tenant.id, role.id)

    created = users.create(**fields)
    assert created.status == 201
    user = created.resource
    for field in ("username", "first_name", "last_name", "email", "role_ids", "tenant_ids", "locale"):
        assert getattr(user, field) == fields[field], field

    assert users_api.get_user(user.id).to_dict() == user.to_dict()
    assert find_in_pages(users_api.get_users_page, user.id, tenant_id=tenant.id) is not None, "listed by getUsersPage for its tenant"

    changes = {"first_name": "Renamed", "last_name": "Suite", "email": f"renamed-{unique_name}@example.com"}
    updated, status, _ = users_api.update_user(user.id, UserUpdate(**changes), _return_http_data_only=False)
    assert status == 200
    assert (updated.first_name, updated.email) == (changes["first_name"], changes["email"])

    own_token = password_grant(make_api_client(), msx_settings, username=user.username, password=FIRST_PASSWORD)
    own_api = UsersApi(make_api_client(own_token.access_token))
    assert own_api.get_current_user().id == user.id, "getCurrentUser answers for the user's own token"

    _, status, _ = own_api.update_user_password(
        UpdatePassword(username=user.username, old_password=FIRST_PASSWORD, new_password=SECOND_PASSWORD),
        _return_http_data_only=False,
    )
    assert status == 204
    new_token = password_grant(make_api_client(), msx_settings, username=user.username, password=SECOND_PASSWORD)
    assert UsersApi(make_api_client(new_token.access_token)).get_current_user().id == user.id, "the new password works"
    with pytest.raises(ApiException) as raised:
        password_grant(make_api_client(), msx_settings, username=user.username, password=FIRST_PASSWORD)
    assert raised.value.status == 400, f"the old password still works: {raised.value.status} {raised.value.body}"

    assert users.delete(user.id) == 204
    with pytest.raises(NotFoundException):
        users_api.get_user(user.id)


@pytest.mark.smoke
def test_current_user_is_the_suite_user(msx_api, msx_settings):
    users_api = msx_api(UsersApi)
    assert users_api.get_current_user().username == msx_settings.username


@pytest.mark.smoke
def test_suite_user_is_found_by_id_and_in_its_tenants_users(msx_api):
    users_api = msx_api(UsersApi)
    me = users_api.get_current_user()
    assert users_api.get_user(me.id).username == me.username
    assert find_in_pages(users_api.get_users_page, me.id, tenant_id=me.tenant_ids[0]) is not None, \
        "listed by getUsersPage for its tenant"
