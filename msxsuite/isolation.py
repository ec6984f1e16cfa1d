"""Tenants of the suite's own for the isolation tests, and the one line a broken isolation fails with.

Each suite tenant has a tenant admin (the role MSX_ISOLATION_ROLE names: it may manage its own tenant's
objects) whose token the tests act with, and a plain user: the object the other tenant's admin targets.
Everything is made through the registry's factories, so it is deleted after the test, ledgered and swept.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from python_msx_sdk import ApiClient
from python_msx_sdk.model.tenant import Tenant
from python_msx_sdk.model.user import User

ADMIN_PASSWORD = "Msx-Suite-Tenant-Admin-1"
# 403 is what MSX answers without access to the tenant; 404 where it hides that the object exists.
REFUSALS = (403, 404)


@dataclass(frozen=True)
class SuiteTenant:
    """A tenant of the suite's own, its tenant admin, a client carrying that admin's token, and a user."""

    tenant: Tenant
    admin: User
    client: ApiClient
    user: User


def make_suite_tenant(tenants, users, name: str, admin_role_id: str, user_role_id: str,
                      client_of: Callable[[str, str], ApiClient]) -> SuiteTenant:
    """A tenant named `name` with `<name>-admin` (its tenant admin, logged in) and `<name>-user`."""
    tenant = tenants.create(name=name, external_id=name, description="Made by the MSX suite's isolation tests").resource
    admin = users.create(username=f"{name}-admin", last_name="Tenant admin", email=f"{name}-admin@example.com",
                         role_ids=[admin_role_id], tenant_ids=[tenant.id], password=ADMIN_PASSWORD).resource
    user = users.create(username=f"{name}-user", last_name="User", email=f"{name}-user@example.com",
                        role_ids=[user_role_id], tenant_ids=[tenant.id]).resource
    return SuiteTenant(tenant, admin, client_of(admin.username, ADMIN_PASSWORD), user)


def leak(actor: SuiteTenant, did: str, operation_id: str, status: int) -> str:
    """The one line naming a leak, e.g. `isolation leak: the tenant admin of A read user X of tenant B (getUser 200)`."""
    return f"isolation leak: the tenant admin of {actor.tenant.name} {did} ({operation_id} {status})"

