"""The tenant operations' error statuses: 400 with the offending field, 401, 403, 404, 409."""

from __future__ import annotations

import pytest
from python_msx_sdk.api.tenants_api import TenantsApi
from python_msx_sdk.model.tenant_create import TenantCreate
from python_msx_sdk.model.tenant_update import TenantUpdate
from python_msx_sdk.model.user_create import UserCreate

from msx_emulator.config import CONSUMER_ROLE_ID, OPERATIONS_TENANT_ID, ROOT_TENANT_ID
from msx_emulator.tests.helpers import api_error, error_naming, raw_call

TENANTS = "/idm/api/v8/tenants"
UNKNOWN_ID = "00000000-0000-4000-8000-000000000000"


@pytest.mark.parametrize("body, field", [
    pytest.param({"description": "no name"}, "name", id="missing-name"),
    pytest.param({"name": ""}, "name", id="empty-name"),
    pytest.param({"name": "n" * 129}, "name", id="long-name"),
    pytest.param({"name": 7}, "name", id="number-name"),
    pytest.param({"name": "x", "description": "d" * 257}, "description", id="long-description"),
    pytest.param({"name": "x", "email": "not-an-email"}, "email", id="bad-email"),
    pytest.param({"name": "x", "email": "a@" + "b" * 253}, "email", id="long-email"),
    pytest.param({"name": "x", "image": "i" * 40001}, "image", id="long-image"),
    pytest.param({"name": "x", "parentId": "not-a-uuid"}, "parentId", id="bad-parent-id"),
    pytest.param({"name": "x", "parentId": UNKNOWN_ID}, "parentId", id="unknown-parent"),
    pytest.param({"name": "x", "externalId": "has space"}, "externalId", id="bad-external-id"),
    pytest.param({"name": "Emulator Root"}, "name", id="duplicate-name"),
    pytest.param(["name"], "body", id="not-an-object"),
])
def test_create_tenant_rejects_invalid_fields(emu_superuser_client, body, field):
    error_naming(lambda: raw_call(emu_superuser_client, "POST", TENANTS, body=body), 400, field)


def test_create_tenant_accepts_the_longest_valid_fields(emu_tenants):
    tenant = emu_tenants.create_tenant(TenantCreate(name="n" * 128, description="d" * 256, external_id="e" * 256))
    assert len(tenant.name) == 128


def test_update_tenant_rejects_invalid_fields(emu_superuser_client):
    error_naming(lambda: raw_call(emu_superuser_client, "PUT", f"{TENANTS}/{OPERATIONS_TENANT_ID}", body={"name": ""}),
                 400, "name")


def test_update_to_another_tenants_name_is_rejected(emu_tenants):
    error_naming(lambda: emu_tenants.update_tenant(OPERATIONS_TENANT_ID, TenantUpdate(name="emulator root")),
                 400, "name")


@pytest.mark.parametrize("query, field", [
    pytest.param([("pageSize", 10)], "page", id="missing-page"),
    pytest.param([("page", -1), ("pageSize", 10)], "page", id="negative-page"),
    pytest.param([("page", "one"), ("pageSize", 10)], "page", id="text-page"),
    pytest.param([("page", 0), ("pageSize", 0)], "pageSize", id="zero-page-size"),
    pytest.param([("page", 0), ("pageSize", 1001)], "pageSize", id="page-size-over-1000"),
    pytest.param([("page", 0), ("pageSize", 10), ("sortOrder", "ASC")], "sortOrder", id="upper-case-sort-order"),
    pytest.param([("page", 0), ("pageSize", 10), ("sortBy", "password")], "sortBy", id="unknown-sort-by"),
    pytest.param([("page", 0), ("pageSize", 10), ("parentId", "x")], "parentId", id="bad-parent-id"),
    pytest.param([("page", 0), ("pageSize", 10), ("showImage", "maybe")], "showImage", id="bad-show-image"),
])
def test_tenants_page_rejects_invalid_query(emu_superuser_client, query, field):
    error_naming(lambda: raw_call(emu_superuser_client, "GET", TENANTS, query=query), 400, field)


def test_tenants_list_needs_uuid_ids(emu_superuser_client):
    error_naming(lambda: raw_call(emu_superuser_client, "GET", f"{TENANTS}/list", query=[("ids", "x")]), 400, "ids")
    error_naming(lambda: raw_call(emu_superuser_client, "GET", f"{TENANTS}/list"), 400, "ids")


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
def test_malformed_tenant_id_is_bad_request(emu_superuser_client, method):
    error_naming(lambda: raw_call(emu_superuser_client, method, f"{TENANTS}/not-a-uuid", body={"name": "x"}), 400, "id")


def test_malformed_external_id_is_bad_request(emu_superuser_client):
    error_naming(lambda: raw_call(emu_superuser_client, "GET", f"{TENANTS}/externalId/a.b"), 400, "externalId")


def test_unknown_tenant_is_not_found(emu_tenants):
    error_naming(lambda: emu_tenants.get_tenant(UNKNOWN_ID), 404, UNKNOWN_ID)
    error_naming(lambda: emu_tenants.update_tenant(UNKNOWN_ID, TenantUpdate(name="x")), 404, UNKNOWN_ID)
    error_naming(lambda: emu_tenants.delete_tenant(UNKNOWN_ID), 404, UNKNOWN_ID)
    error_naming(lambda: emu_tenants.get_tenant_by_external_id("no-such-tenant"), 404, "no-such-tenant")


def test_deleting_a_tenant_with_children_conflicts(emu_tenants):
    error_naming(lambda: emu_tenants.delete_tenant(ROOT_TENANT_ID), 409, "child")


def test_deleting_a_tenant_with_users_conflicts(emu_tenants, emu_users):
    tenant = emu_tenants.create_tenant(TenantCreate(name="Populated"))
    emu_users.create_user(UserCreate(username="member", email="member@example.com", last_name="Member",
                                     tenant_ids=[tenant.id], role_ids=[CONSUMER_ROLE_ID]))
    error_naming(lambda: emu_tenants.delete_tenant(tenant.id), 409, "user")


def test_limited_user_may_read_but_not_write_tenants(emu_operator_client):
    tenants = TenantsApi(emu_operator_client)
    assert tenants.get_tenant(OPERATIONS_TENANT_ID).name == "Emulator Operations"
    error_naming(lambda: tenants.create_tenant(TenantCreate(name="Forbidden")), 403, "MANAGE_TENANT")
    error_naming(lambda: tenants.update_tenant(OPERATIONS_TENANT_ID, TenantUpdate(name="Renamed")), 403,
                 "MANAGE_TENANT")
    error_naming(lambda: tenants.delete_tenant(OPERATIONS_TENANT_ID), 403, "MANAGE_TENANT")


def test_tenant_operations_need_a_token(emu_client):
    tenants = TenantsApi(emu_client())
    body = api_error(lambda: tenants.get_tenant(ROOT_TENANT_ID), 401)
    assert body["code"] == "UNAUTHENTICATED"
