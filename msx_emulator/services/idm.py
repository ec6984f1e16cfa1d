"""IDM (user management): roles, tenants and users on the store, and what the token endpoint asks of them.

The token endpoint itself (`POST /idm/v2/token`, OAuth errors rather than the Error body) is
msx_emulator/token_endpoint.py. A caller without ACCESS_ALL_TENANTS sees and changes only its own tenants,
their subtenants and their users ("tenant scope" below; Manage and the Catalog use it too).
"""

from __future__ import annotations

import hmac
from typing import Any, Callable, Iterable

from msx_emulator.auth import Principal
from msx_emulator.config import (
    ACCESS_ALL_TENANTS, MANAGE_TENANT, MANAGE_USERS, SUPERUSER_ROLE, VIEW_ROLE, VIEW_TENANT, VIEW_USERS, EmulatorConfig,
)
from msx_emulator.errors import ApiError, bad_request, forbidden, not_found
from msx_emulator.request_validation import email_format, pattern_format, uuid_format
from msx_emulator.service import Call, Service
from msx_emulator.store import Kind, Reference, Store, Unique

ROLES = Kind("roles", "role", stamped=False)
TENANTS = Kind(
    "tenants", "tenant",
    references=(Reference("parentId", "tenants", "child tenant(s)"),),
    unique=(Unique("name", ignore_case=True), Unique("externalId")),
    sortable=("id", "name", "description", "url", "email", "externalId", "parentId", "createdOn", "modifiedOn"),
)
USERS = Kind(
    "users", "user", label_field="username", stamped=False,
    references=(Reference("roleIds", "roles", "user(s)"), Reference("tenantIds", "tenants", "user(s)")),
    unique=(Unique("username", ignore_case=True),),
)

# The contract gives this regular expression as the `format` of externalId, which the SDK does not carry.
EXTERNAL_ID = pattern_format(r"^[a-zA-Z0-9-_=]{1,256}$")
TENANT_FORMATS = {"id": uuid_format, "parentId": uuid_format, "ids": uuid_format, "email": email_format,
                  "externalId": EXTERNAL_ID}
USER_FORMATS = {"id": uuid_format, "tenantId": uuid_format, "email": email_format, "roleIds": uuid_format,
                "tenantIds": uuid_format}
EVERYTHING = 2**31 - 1  # a page size that holds every resource
# The contract makes these user fields optional but not nullable: left out when unset.
NOT_NULLABLE_USER = ("firstName", "passwordPolicyName")


def _seed(store: Store, config: EmulatorConfig) -> None:
    for role in config.roles:
        store.create(ROLES, {"name": role.name, "description": role.description,
                             "permissions": list(role.permissions)}, role.id)
    for tenant in config.tenants:
        store.create(TENANTS, {"suspended": False, "name": tenant.name, "description": tenant.description,
                               "url": None, "image": None, "email": tenant.email, "parentId": tenant.parent_id,
                               "externalId": tenant.external_id}, tenant.id)
    role_ids = {role.name: role.id for role in config.roles}
    for user in config.users:
        _add_user(store, {"username": user.username, "firstName": user.first_name, "lastName": user.last_name,
                          "email": user.email, "roleIds": [role_ids[name] for name in user.role_names],
                          "tenantIds": list(user.tenant_ids), "password": user.password}, user.id)


SERVICE = Service("idm", kinds=(ROLES, TENANTS, USERS), seed=_seed)


# --- what the token endpoint and bearer authentication need ---------------------------------

def user_by_username(store: Store, username: str) -> dict[str, Any] | None:
    """The user (as answered) with this name, case-insensitively, or None."""
    user = store.first(USERS, lambda u: u["username"].casefold() == username.casefold())
    return None if user is None else _render_user(user)


def authenticate(store: Store, username: str, password: str) -> dict[str, Any] | None:
    """The user (as answered) whose password this is, else None."""
    user = store.first(USERS, lambda u: u["username"].casefold() == username.casefold())
    stored = None if user is None else user.get("password")
    if stored is None or not hmac.compare_digest(stored.encode(), password.encode()):
        return None
    return _render_user(user)


def role_names(store: Store, role_ids: Iterable[str]) -> list[str]:
    return [role["name"] for role in store.by_ids(ROLES, role_ids)]


def tenant_id_named(store: Store, name: str) -> str | None:
    tenant = store.first(TENANTS, lambda t: t["name"] == name)
    return None if tenant is None else tenant["id"]


def has_tenant(store: Store, tenant_id: str) -> bool:
    return store.exists(TENANTS, tenant_id)


# --- tenant scope: what a caller may see and change --------------------------------------------

def tenant_tree(store: Store, tenant_ids: Iterable[str]) -> set[str]:
    """The tenants named and every tenant below them."""
    found: set[str] = set()
    frontier = set(tenant_ids)
    while frontier:
        found |= frontier
        children = store.page(TENANTS, 0, EVERYTHING, lambda t: t["parentId"] in frontier)["contents"]
        frontier = {t["id"] for t in children} - found
    return found


def visible_tenants(store: Store, principal: Principal) -> set[str] | None:
    """The tenants of the caller's user and their subtenants; None (all) with ACCESS_ALL_TENANTS or SUPERUSER."""
    return None if principal.may(ACCESS_ALL_TENANTS) else tenant_tree(store, principal.user["tenantIds"])


def require_tenant_access(store: Store, principal: Principal, tenant_id: str | None) -> None:
    """403 unless the caller's scope holds the tenant (None: a top-level tenant, only for unscoped callers)."""
    visible = visible_tenants(store, principal)
    if visible is not None and tenant_id not in visible:
        raise ApiError(403, "FORBIDDEN", f"the access token has no access to tenant {tenant_id}")


def _seen_tenants(call: Call) -> Callable[[dict[str, Any]], bool]:
    """Whether the caller sees a tenant: one in its scope."""
    visible = visible_tenants(call.store, call.principal)
    return lambda tenant: visible is None or tenant["id"] in visible


def _seen_users(call: Call) -> Callable[[dict[str, Any]], bool]:
    """Whether the caller sees a user: one of its tenants is in the caller's scope (anyone's while the
    isolation_leak knob is on)."""
    visible = visible_tenants(call.store, call.principal)
    if visible is None or call.backend.faults.settings.isolation_leak:
        return lambda user: True
    return lambda user: not visible.isdisjoint(user["tenantIds"])


def _require_user_access(call: Call, user: dict[str, Any]) -> None:
    """403 unless every tenant of the user is in the caller's scope (a change reaches all of them)."""
    visible = visible_tenants(call.store, call.principal)
    if visible is not None and not (user["tenantIds"] and visible.issuperset(user["tenantIds"])):
        raise _no_access_to_user(user)


def _no_access_to_user(user: dict[str, Any]) -> ApiError:
    return ApiError(403, "FORBIDDEN", f"the access token has no access to the tenants of user {user['id']}")


def _check_grants(call: Call, fields: dict[str, Any]) -> None:
    """A scoped caller may put users only in its tenants, and give no role that reaches beyond them."""
    if visible_tenants(call.store, call.principal) is None:
        return
    for tenant_id in fields.get("tenantIds") or []:
        if call.store.exists(TENANTS, tenant_id):  # an unknown one is the store's 400
            require_tenant_access(call.store, call.principal, tenant_id)
    for role in call.store.by_ids(ROLES, fields.get("roleIds") or []):
        if role["name"] == SUPERUSER_ROLE or ACCESS_ALL_TENANTS in role["permissions"]:
            raise ApiError(403, "FORBIDDEN", f"a token limited to its tenants cannot give the role {role['name']}")


# --- roles -----------------------------------------------------------------------------------

@SERVICE.operation("getRolesList", VIEW_ROLE, formats={"ids": uuid_format})
def get_roles_list(call: Call) -> list:
    return call.store.by_ids(ROLES, call.params["ids"])


@SERVICE.operation("getRoleByName", VIEW_ROLE)
def get_role_by_name(call: Call) -> dict:
    name = call.params["name"]
    role = call.store.first(ROLES, lambda r: r["name"] == name)
    if role is None:
        raise not_found("role named", repr(name))
    return role


# --- tenants ---------------------------------------------------------------------------------

def _render_tenant(store: Store, tenant: dict[str, Any], show_image: bool) -> dict[str, Any]:
    children = store.referrers(TENANTS, tenant["id"])[TENANTS.references[0]]
    return {**tenant, "numberOfChildren": children, "image": tenant["image"] if show_image else None}


@SERVICE.operation("getTenantsPage", VIEW_TENANT, formats=TENANT_FORMATS)
def get_tenants_page(call: Call) -> dict:
    params, store = call.params, call.store
    parent_id, seen = params.get("parentId"), _seen_tenants(call)
    with store.lock:
        page = store.page(TENANTS, params["page"], params["pageSize"],
                          lambda t: (parent_id is None or t["parentId"] == parent_id) and seen(t),
                          params.get("sortBy"), params.get("sortOrder"))
        page["contents"] = [_render_tenant(store, t, params.get("showImage", False)) for t in page["contents"]]
    return page


@SERVICE.operation("createTenant", MANAGE_TENANT, status=201, formats=TENANT_FORMATS)
def create_tenant(call: Call) -> dict:
    fields = {"suspended": False, "description": None, "url": None, "image": None, "email": None,
              "parentId": None, "externalId": None} | call.body
    with call.store.lock:
        if fields["parentId"] is None or call.store.exists(TENANTS, fields["parentId"]):
            require_tenant_access(call.store, call.principal, fields["parentId"])
        return _render_tenant(call.store, call.store.create(TENANTS, fields), show_image=True)


@SERVICE.operation("getTenantsList", VIEW_TENANT, formats=TENANT_FORMATS)
def get_tenants_list(call: Call) -> list:
    with call.store.lock:
        # As unknown ids, tenants out of the caller's scope are left out.
        seen = _seen_tenants(call)
        return [_render_tenant(call.store, t, call.params.get("showImage", False))
                for t in call.store.by_ids(TENANTS, call.params["ids"]) if seen(t)]


@SERVICE.operation("getTenantByExternalId", VIEW_TENANT, formats=TENANT_FORMATS)
def get_tenant_by_external_id(call: Call) -> dict:
    external_id = call.params["externalId"]
    with call.store.lock:
        tenant = call.store.first(TENANTS, lambda t: t["externalId"] == external_id)
        if tenant is None:
            raise not_found("tenant with externalId", external_id)
        require_tenant_access(call.store, call.principal, tenant["id"])
        return _render_tenant(call.store, tenant, call.params.get("showImage", False))


@SERVICE.operation("getTenant", VIEW_TENANT, formats=TENANT_FORMATS)
def get_tenant(call: Call) -> dict:
    with call.store.lock:
        tenant = call.store.get(TENANTS, call.params["id"])
        require_tenant_access(call.store, call.principal, tenant["id"])
        return _render_tenant(call.store, tenant, show_image=True)


@SERVICE.operation("updateTenant", MANAGE_TENANT, formats=TENANT_FORMATS)
def update_tenant(call: Call) -> dict:
    # Fields left out keep their values; an explicit null clears a nullable one.
    with call.store.lock:
        tenant = call.store.get(TENANTS, call.params["id"])
        require_tenant_access(call.store, call.principal, tenant["id"])
        return _render_tenant(call.store, call.store.update(TENANTS, tenant["id"], call.body), show_image=True)


@SERVICE.operation("deleteTenant", MANAGE_TENANT, status=204, formats=TENANT_FORMATS)
def delete_tenant(call: Call) -> None:
    """409 while anything names the tenant: child tenants, users, Catalog assignments, Manage resources, ..."""
    with call.store.lock:
        tenant = call.store.get(TENANTS, call.params["id"])
        require_tenant_access(call.store, call.principal, tenant["id"])
        call.store.delete(TENANTS, tenant["id"])


# --- users -----------------------------------------------------------------------------------

def _render_user(user: dict[str, Any]) -> dict[str, Any]:
    shown = {name: value for name, value in user.items() if value is not None or name not in NOT_NULLABLE_USER}
    # Passwords are write-only: MSX answers null.
    shown["password"] = None
    return shown


def _add_user(store: Store, fields: dict[str, Any], user_id: str | None = None) -> dict[str, Any]:
    user = {"status": "true", "deleted": "false", "firstName": None, "roleIds": [], "tenantIds": [],
            "passwordPolicyName": None, "locale": None, "password": None} | fields
    return store.create(USERS, user, user_id)


@SERVICE.operation("getUsersPage", VIEW_USERS, formats=USER_FORMATS)
def get_users_page(call: Call) -> dict:
    tenant_id, deleted, seen = call.params.get("tenantId"), call.params.get("deleted"), _seen_users(call)
    # Deleted users are gone (no soft deletion): a page of deleted users is empty.
    page = call.store.page(USERS, call.params["page"], call.params["pageSize"],
                           lambda u: (tenant_id is None or tenant_id in u["tenantIds"]) and deleted is not True
                           and seen(u))
    page["contents"] = [_render_user(u) for u in page["contents"]]
    return page


@SERVICE.operation("createUser", MANAGE_USERS, status=201, formats=USER_FORMATS)
def create_user(call: Call) -> dict:
    fields = dict(call.body)
    if not fields.get("tenantIds"):
        # A user needs a tenant to get tokens in: without one it joins the creator's current tenant.
        fields["tenantIds"] = [call.principal.tenant_id]
    with call.store.lock:
        _check_grants(call, fields)
        return _render_user(_add_user(call.store, fields))


@SERVICE.operation("getCurrentUser", None)
def get_current_user(call: Call) -> dict:
    return call.principal.user


@SERVICE.operation("updateUserPassword", None, status=204)
def update_user_password(call: Call) -> None:
    """Users change their own password with the old one; MANAGE_USERS may set anyone's without it."""
    body, store = call.body, call.store
    username = body["username"]
    with store.lock:
        if username.casefold() == call.principal.user["username"].casefold():
            old = body.get("oldPassword")
            if old is None or authenticate(store, username, old) is None:
                raise bad_request("oldPassword is not the current password", "INVALID_FIELD")
        elif not call.principal.may(MANAGE_USERS):
            raise forbidden(MANAGE_USERS)
        user = store.first(USERS, lambda u: u["username"].casefold() == username.casefold())
        if user is None:
            raise bad_request(f"username: no user named {username!r}", "INVALID_FIELD")
        _require_user_access(call, user)
        store.update(USERS, user["id"], {"password": body["newPassword"]})


@SERVICE.operation("getUser", VIEW_USERS, formats=USER_FORMATS)
def get_user(call: Call) -> dict:
    with call.store.lock:
        user = call.store.get(USERS, call.params["id"])
        if not _seen_users(call)(user):
            raise _no_access_to_user(user)
        return _render_user(user)


@SERVICE.operation("updateUser", MANAGE_USERS, formats=USER_FORMATS)
def update_user(call: Call) -> dict:
    # As for tenants: fields left out keep their values.
    with call.store.lock:
        user = call.store.get(USERS, call.params["id"])
        _require_user_access(call, user)
        _check_grants(call, call.body)
        return _render_user(call.store.update(USERS, user["id"], call.body))


@SERVICE.operation("deleteUser", MANAGE_USERS, status=204, formats=USER_FORMATS)
def delete_user(call: Call) -> None:
    with call.store.lock:
        user = call.store.get(USERS, call.params["id"])
        _require_user_access(call, user)
        call.store.delete(USERS, user["id"])
