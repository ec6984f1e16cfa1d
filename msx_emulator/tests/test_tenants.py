"""The tenant operations' successful answers, through python-msx-sdk."""

from __future__ import annotations

from datetime import datetime, timezone

from python_msx_sdk.model.tenant_create import TenantCreate
from python_msx_sdk.model.tenant_update import TenantUpdate

from msx_emulator.config import OPERATIONS_TENANT_ID, ROOT_TENANT_ID


def test_create_tenant_returns_it_with_id_and_timestamps(emu, emu_tenants):
    before = datetime.now(timezone.utc)
    tenant = emu_tenants.create_tenant(TenantCreate(name="Acme", description="Anvils", url="https://acme.example",
                                                    email="ops@acme.example", parent_id=ROOT_TENANT_ID,
                                                    external_id="acme-1"))
    assert tenant.name == "Acme" and tenant.parent_id == ROOT_TENANT_ID and tenant.external_id == "acme-1"
    assert tenant.created_on == tenant.modified_on
    assert abs((tenant.created_on - before).total_seconds()) < 5
    assert tenant.number_of_children == 0 and tenant.suspended is False
    assert emu.stats()["tenants"] == ["Acme"]


def test_get_tenant_by_id_and_by_external_id(emu_tenants):
    created = emu_tenants.create_tenant(TenantCreate(name="Lookup", external_id="look-up_1="))
    assert emu_tenants.get_tenant(created.id).name == "Lookup"
    assert emu_tenants.get_tenant_by_external_id("look-up_1=").id == created.id


def test_update_tenant_changes_the_given_fields_and_moves_modified_on(emu_tenants):
    created = emu_tenants.create_tenant(TenantCreate(name="Before", description="old", url="https://old.example"))
    updated = emu_tenants.update_tenant(created.id, TenantUpdate(name="After", email="new@example.com", url=None))
    assert (updated.name, updated.email, updated.description, updated.url) == ("After", "new@example.com", "old", None)
    assert updated.created_on == created.created_on
    assert updated.modified_on > created.modified_on
    assert emu_tenants.get_tenant(created.id).modified_on == updated.modified_on


def test_deleted_tenant_is_gone(emu, emu_tenants):
    created = emu_tenants.create_tenant(TenantCreate(name="Short-lived"))
    emu_tenants.delete_tenant(created.id)
    assert emu.stats()["tenants"] == []
    assert emu_tenants.get_tenants_list([created.id]) == []


def test_tenants_list_returns_the_known_ids(emu_tenants):
    tenants = emu_tenants.get_tenants_list([OPERATIONS_TENANT_ID, "00000000-0000-4000-8000-000000000000"])
    assert [t.id for t in tenants] == [OPERATIONS_TENANT_ID]


def test_image_only_when_asked(emu_tenants):
    created = emu_tenants.create_tenant(TenantCreate(name="Pictured", image="aW1hZ2U="))
    assert emu_tenants.get_tenants_list([created.id])[0].image is None
    assert emu_tenants.get_tenants_list([created.id], show_image=True)[0].image == "aW1hZ2U="


def test_number_of_children_counts_child_tenants(emu_tenants):
    parent = emu_tenants.create_tenant(TenantCreate(name="Parent"))
    for name in ("Child 1", "Child 2"):
        emu_tenants.create_tenant(TenantCreate(name=name, parent_id=parent.id))
    assert emu_tenants.get_tenant(parent.id).number_of_children == 2
    children = emu_tenants.get_tenants_page(0, 10, parent_id=parent.id)
    assert sorted(t.name for t in children.contents) == ["Child 1", "Child 2"]


def test_tenants_page_pages_through_all_tenants(emu_tenants):
    for index in range(5):
        emu_tenants.create_tenant(TenantCreate(name=f"Paged {index}"))
    first = emu_tenants.get_tenants_page(0, 3)
    last = emu_tenants.get_tenants_page(2, 3)
    assert (first.page, first.page_size, first.total_items) == (0, 3, 7)
    assert (first.has_next, first.has_previous) == (True, False)
    assert (len(last.contents), last.has_next, last.has_previous) == (1, False, True)
    names = [t.name for page in range(3) for t in emu_tenants.get_tenants_page(page, 3).contents]
    assert len(set(names)) == 7
    assert emu_tenants.get_tenants_page(9, 3).contents == []


def test_tenants_page_sorts_by_a_field_in_either_order(emu_tenants):
    for name in ("b-tenant", "c-tenant", "a-tenant"):
        emu_tenants.create_tenant(TenantCreate(name=name, parent_id=OPERATIONS_TENANT_ID))
    ascending = emu_tenants.get_tenants_page(0, 10, parent_id=OPERATIONS_TENANT_ID, sort_by="name", sort_order="asc")
    descending = emu_tenants.get_tenants_page(0, 10, parent_id=OPERATIONS_TENANT_ID, sort_by="name", sort_order="desc")
    assert [t.name for t in ascending.contents] == ["a-tenant", "b-tenant", "c-tenant"]
    assert [t.name for t in descending.contents] == ["c-tenant", "b-tenant", "a-tenant"]
    assert (descending.sort_by, descending.sort_order) == ("name", "desc")


def test_unsorted_page_echoes_null_sorting(emu_tenants):
    page = emu_tenants.get_tenants_page(0, 10)
    assert (page.sort_by, page.sort_order) == (None, None)
