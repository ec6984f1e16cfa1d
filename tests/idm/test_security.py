"""Security (IDM getAccessToken): the MSX switch-tenant and switch-user grants."""

import pytest
from python_msx_sdk.api.security_api import SecurityApi
from python_msx_sdk.api.users_api import UsersApi

from msxsuite.auth import SWITCH_TENANT, SWITCH_USER, basic_credentials


@pytest.fixture
def switch_grant(make_api_client, msx_settings, msx_access_token):
    """Ask for the suite's token switched to another tenant or user (`switch_grant(grant, **fields)`)."""

    def switch(grant_type, **fields):
        return SecurityApi(make_api_client()).get_access_token(
            authorization=basic_credentials(msx_settings.client_id, msx_settings.client_secret),
            grant_type=grant_type,
            access_token=msx_access_token,
            **fields,
        )

    return switch


def test_switch_tenant_grant_gives_a_token_for_that_tenant(switch_grant, tenants, unique_name):
    tenant = tenants.create(name=unique_name).resource
    switched = switch_grant(SWITCH_TENANT, tenant_id=tenant.id)
    assert switched.tenant_id == tenant.id
    assert switched.access_token


def test_switch_user_grant_gives_a_token_for_that_user(switch_grant, limited_user, make_api_client):
    switched = switch_grant(SWITCH_USER, switch_username=limited_user.username)
    assert switched.username == limited_user.username
    assert UsersApi(make_api_client(switched.access_token)).get_current_user().id == limited_user.id


@pytest.mark.smoke
def test_switch_tenant_grant_to_the_suite_users_own_tenant_gives_a_working_token(msx_api, switch_grant,
                                                                                 make_api_client):
    users_api = msx_api(UsersApi)
    me = users_api.get_current_user()
    switched = switch_grant(SWITCH_TENANT, tenant_id=me.tenant_ids[0])
    assert switched.tenant_id == me.tenant_ids[0]
    assert UsersApi(make_api_client(switched.access_token)).get_current_user().id == me.id
