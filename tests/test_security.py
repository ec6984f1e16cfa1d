"""Security (IDM getAccessToken): the MSX switch-tenant and switch-user grants, and role limits."""

import pytest
from python_msx_sdk.api.security_api import SecurityApi
from python_msx_sdk.api.tenants_api import TenantsApi
from python_msx_sdk.exceptions import ApiException
from python_msx_sdk.model.tenant_create import TenantCreate

from msxsuite.auth import basic_credentials, password_grant

SWITCH_TENANT = "urn:cisco:nfv:oauth:grant-type:switch-tenant"
SWITCH_USER = "urn:cisco:nfv:oauth:grant-type:switch-user"
LIMITED_ROLE = "CONSUMER"
LIMITED_PASSWORD = "Msx-Suite-Limited-1"


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


@pytest.fixture
def limited_user(tenants, users, roles_api, unique_name):
    """A user with a limited role in a tenant of its own."""
    tenant = tenants.create(name=unique_name).resource
    role = roles_api.get_role_by_name(LIMITED_ROLE)
    return users.create(
        username=unique_name, last_name="Limited", email=f"{unique_name}@example.com",
        role_ids=[role.id], tenant_ids=[tenant.id], password=LIMITED_PASSWORD,
    ).resource


def test_switch_tenant_grant_gives_a_token_for_that_tenant(switch_grant, tenants, unique_name):
    tenant = tenants.create(name=unique_name).resource
    switched = switch_grant(SWITCH_TENANT, tenant_id=tenant.id)
    assert switched.tenant_id == tenant.id
    assert switched.access_token


def test_switch_user_grant_gives_a_token_for_that_user(switch_grant, limited_user):
    switched = switch_grant(SWITCH_USER, switch_username=limited_user.username)
    assert switched.username == limited_user.username
    assert switched.access_token


@pytest.mark.negative
def test_limited_user_may_not_create_tenants(make_api_client, msx_settings, limited_user, unique_name):
    token = password_grant(make_api_client(), msx_settings, username=limited_user.username, password=LIMITED_PASSWORD)
    limited_tenants = TenantsApi(make_api_client(token.access_token))
    with pytest.raises(ApiException) as raised:
        accepted = limited_tenants.create_tenant(TenantCreate(name=f"{unique_name}-forbidden"))
        limited_tenants.delete_tenant(accepted.id)
    assert raised.value.status == 403, f"got {raised.value.status}: {raised.value.body}"
