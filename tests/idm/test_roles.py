"""Roles (IDM): roles are found by id and by name."""

import pytest
from python_msx_sdk.api.users_api import UsersApi
from python_msx_sdk.api.roles_api import RolesApi


@pytest.mark.smoke
def test_roles_of_the_current_user_are_found_by_id_and_by_name(msx_api):
    users_api = msx_api(UsersApi)
    roles_api = msx_api(RolesApi)
    role_ids = users_api.get_current_user().role_ids
    assert role_ids, "the suite user has roles"
    roles = roles_api.get_roles_list(ids=role_ids)
    assert sorted(role.id for role in roles) == sorted(role_ids)
    by_name = roles_api.get_role_by_name(roles[0].name)
    assert (by_name.id, by_name.name) == (roles[0].id, roles[0].name)
