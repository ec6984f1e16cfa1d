"""The MSX developer guide's own program, in its own style: a token from the password grant on a
client that carries no bearer, then a tenant created, found on page 0 of 100, deleted, and gone.

It is one of the token tests that ask for a token on purpose; the suite's own stays one per run.
The clients come from `make_api_client` only so that the run's TLS settings and timeout apply.
"""

import pytest
from python_msx_sdk.apis import SecurityApi, TenantsApi
from python_msx_sdk.exceptions import ApiException, NotFoundException
from python_msx_sdk.models import TenantCreate

from msxsuite.auth import basic_credentials
from msxsuite.paging import find_in_pages


def test_guide_flow_getAccessToken_createTenant_getTenantsPage_deleteTenant(make_api_client, msx_settings,
                                                                             unique_name):
    security_api = SecurityApi(make_api_client())
    token = security_api.get_access_token(
        authorization=basic_credentials(msx_settings.client_id, msx_settings.client_secret),
        grant_type="password", username=msx_settings.username, password=msx_settings.password)
    assert token.access_token and token.token_type.lower() == "bearer"

    tenants_api = TenantsApi(make_api_client(token.access_token))
    tenant = tenants_api.create_tenant(TenantCreate(
        name=unique_name, description="Made by the MSX guide's flow", email="msx-guide@example.com",
        url="https://example.com/msx-guide"))
    try:
        assert tenant.name == unique_name
        page = tenants_api.get_tenants_page(0, 100)
        # The guide reads page 0; an MSX with more than 100 tenants may list the new one further on.
        listed = tenant.id in [item.id for item in page.contents] or (
            page.has_next and find_in_pages(tenants_api.get_tenants_page, tenant.id) is not None)
        assert listed, f"tenant {tenant.id} is not listed by getTenantsPage"
        tenants_api.delete_tenant(tenant.id)
        with pytest.raises(NotFoundException):
            tenants_api.get_tenant(tenant.id)
    finally:
        try:
            tenants_api.delete_tenant(tenant.id)
        except ApiException as error:
            assert error.status == 404, f"the guide's tenant could not be deleted: {error.status} {error.body}"
