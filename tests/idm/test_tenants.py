"""Tenants (IDM): the whole lifecycle of a tenant, for several kinds of tenant, and look-ups by external id."""

import pytest
from python_msx_sdk.api.tenants_api import TenantsApi
from python_msx_sdk.api.users_api import UsersApi
from python_msx_sdk.exceptions import NotFoundException
from python_msx_sdk.model.tenant_update import TenantUpdate

from msxsuite.paging import find_in_pages

CASES = [
    pytest.param(lambda name: {"name": name}, id="name-only"),
    pytest.param(
        lambda name: {
            "name": name,
            "description": "Validated by the MSX suite",
            "url": "https://example.com/msx-suite",
            "email": "msx-suite@example.com",
            "image": "data:image/png;base64,iVBORw0KGgo=",
        },
        id="all-fields",
    ),
    pytest.param(lambda name: {"name": f"{name} Ünïcødé 名前 ✓"}, id="unicode-name"),
    pytest.param(lambda name: {"name": name.ljust(128, "x")}, id="max-length-name"),
    pytest.param(
        lambda name: {"name": name, "description": None, "url": None, "email": None, "image": None},
        id="nullable-fields-null",
    ),
]


def assert_fields(tenant, fields):
    """The tenant carries every field that was sent."""
    for field, value in fields.items():
        assert getattr(tenant, field, None) == value, f"{field}: sent {value!r}, got {getattr(tenant, field, None)!r}"


@pytest.mark.lifecycle
@pytest.mark.parametrize("make_fields", CASES)
def test_tenant_lifecycle(msx_api, tenants, unique_name, make_fields):
    tenants_api = msx_api(TenantsApi)
    fields = make_fields(unique_name)

    created = tenants.create(**fields)
    assert created.status == 201
    tenant = created.resource
    assert_fields(tenant, fields)
    assert tenant.created_on is not None and tenant.modified_on is not None

    fetched = tenants_api.get_tenant(tenant.id)
    assert fetched.to_dict() == tenant.to_dict(), "get returns what create returned"

    paged = find_in_pages(tenants_api.get_tenants_page, tenant.id)
    assert paged is not None, f"tenant {tenant.id} not found by paging getTenantsPage"
    assert paged.name == fields["name"]

    listed = tenants_api.get_tenants_list(ids=[tenant.id])
    assert [t.id for t in listed] == [tenant.id]

    changes = {"name": f"{fields['name'][:120]}-renamed", "description": "Renamed by the MSX suite"}
    updated, status, _ = tenants_api.update_tenant(
        tenant.id, TenantUpdate(**changes), _return_http_data_only=False
    )
    assert status == 200
    assert_fields(updated, changes)
    assert updated.modified_on > tenant.modified_on, "modifiedOn moves on update"
    assert updated.created_on == tenant.created_on
    assert_fields(tenants_api.get_tenant(tenant.id), changes)

    assert tenants.delete(tenant.id) == 204
    with pytest.raises(NotFoundException):
        tenants_api.get_tenant(tenant.id)


def test_getTenantByExternalId_finds_the_tenant_created_with_it(msx_api, tenants, unique_name):
    tenants_api = msx_api(TenantsApi)
    tenant = tenants.create(name=unique_name, external_id=unique_name).resource
    assert tenant.external_id == unique_name
    found = tenants_api.get_tenant_by_external_id(unique_name)
    assert (found.id, found.name, found.external_id) == (tenant.id, unique_name, unique_name)


@pytest.mark.smoke
def test_suite_users_tenants_are_found_by_id_in_a_list_and_in_a_page(msx_api):
    users_api = msx_api(UsersApi)
    tenants_api = msx_api(TenantsApi)
    tenant_ids = users_api.get_current_user().tenant_ids
    assert tenant_ids, "the suite user belongs to a tenant"
    assert sorted(t.id for t in tenants_api.get_tenants_list(ids=tenant_ids)) == sorted(tenant_ids)
    assert tenants_api.get_tenant(tenant_ids[0]).id == tenant_ids[0]
    page = tenants_api.get_tenants_page(page=0, page_size=1)
    assert page.page == 0 and len(page.contents) == 1, f"a first page of one tenant: {page}"
