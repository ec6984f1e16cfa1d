"""Tenants of the suite's own for the isolation tests, and the one line a broken isolation fails with.

Each suite tenant has a tenant admin (the role MSX_ISOLATION_ROLE names: it may manage its own tenant's
objects) whose token the tests act with, and a plain user: the object the other tenant's admin targets.
Everything is made through the registry's factories, so it is deleted after the test, ledgered and swept.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Callable

import pytest
from python_msx_sdk import ApiClient
from python_msx_sdk.exceptions import ApiException
from python_msx_sdk.model.tenant import Tenant
from python_msx_sdk.model.user import User

from msxsuite.registry import BY_MODEL

ADMIN_PASSWORD = "Msx-Suite-Tenant-Admin-1"
ANSWERED = {"_return_http_data_only": False}  # crossings answer (data, status, headers)
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



@dataclass(frozen=True)
class Crossing:
    """What the tenant admin of a tries on b's objects (node id `<operationId>-refused-<case>`), and how a leak
    is named: `did` with {user}, {tenant} and {name} (b's user, b's tenant, the object `target(b)` names)."""

    operation_id: str
    case: str
    did: str
    call: Callable[..., tuple]  # (a's client, a, b, *more) -> the SDK's full answer

    def param(self):
        return pytest.param(self, id=f"{self.operation_id}-refused-{self.case}")


def cross(crossing: Crossing, a: SuiteTenant, b: SuiteTenant, msx_api, *more, **names: str) -> None:
    """Try the crossing: a refusal (403 or 404) passes; a success fails with the leak's one line (what a wrongly
    accepted create made is deleted first, with the suite's own user: `msx_api`)."""
    try:
        answer, status, _ = crossing.call(a.client, a, b, *more)
    except ApiException as error:
        assert error.status in REFUSALS, f"expected a refusal (403 or 404), got {error.status}: {error.body}"
        return
    kind = BY_MODEL.get(type(answer))
    if kind is not None and getattr(answer, "id", None):
        with contextlib.suppress(ApiException):  # the factories and the sweeper still know the suite's names
            kind.delete(msx_api(kind.api), answer.id)
    did = crossing.did.format(user=b.user.username, tenant=b.tenant.name, **names)
    pytest.fail(leak(a, did, crossing.operation_id, status), pytrace=False)


def fail_if_listed(a: SuiteTenant, listed, b_objects: dict[str, str], what: str, operation_id: str) -> None:
    """Fail with the leak's one line if a page or list answered to a's admin holds one of b's objects
    (`b_objects`: id -> name; `what` says it with {name}, e.g. "listed user {name} of tenant B")."""
    leaked = next((b_objects[item.id] for item in listed if item.id in b_objects), None)
    if leaked is not None:
        pytest.fail(leak(a, what.format(name=leaked), operation_id, 200), pytrace=False)
