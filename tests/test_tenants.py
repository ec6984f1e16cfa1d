"""Tenants (IDM): the whole lifecycle of a tenant, for several kinds of tenant."""

import pytest
from python_msx_sdk.exceptions import NotFoundException
from python_msx_sdk.model.tenant_update import TenantUpdate

from msxsuite.paging import find_in_pages

pytestmark = pytest.mark.lifecycle

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


@pytest.mark.parametrize("make_fields", CASES)
def test_tenant_lifecycle(tenants, tenants_api, unique_name, make_fields):
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
