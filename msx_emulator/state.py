"""The emulator's in-memory IDM and health data, guarded by one lock.

Handlers run on the server's event loop while the test process calls `stats` and `reset`
from its own threads, so every public method takes the lock.
"""

from __future__ import annotations

import hmac
import threading
import uuid
from collections import Counter
from datetime import datetime, timedelta, timezone
from typing import Any, Iterable

from msx_emulator.config import EmulatorConfig
from msx_emulator.errors import bad_request, conflict, not_found

TENANT_SORT_KEYS = ("id", "name", "description", "url", "email", "externalId", "parentId", "createdOn", "modifiedOn")
ONE_MILLISECOND = timedelta(milliseconds=1)
NOT_NULLABLE_USER = ("firstName", "passwordPolicyName")


class IdmState:
    """Roles, tenants, users, passwords and health ids, seeded from an EmulatorConfig."""

    def __init__(self, config: EmulatorConfig):
        self.config = config
        self._lock = threading.RLock()
        self._last_stamp = datetime.fromtimestamp(0, timezone.utc)
        self.reset()

    # --- seeding, counters and stats -------------------------------------------------------

    def reset(self) -> None:
        """Back to the seeded data, counters at zero."""
        with self._lock:
            config = self.config
            self.token_requests = self.requests = 0
            self.password_grants: Counter[str] = Counter()
            self.roles = {role.id: {"id": role.id, "name": role.name, "description": role.description,
                                    "permissions": list(role.permissions)} for role in config.roles}
            self.permissions = {role.name: frozenset(role.permissions) for role in config.roles}
            self.tenants: dict[str, dict[str, Any]] = {}
            self.children: dict[str, int] = {}
            for seed in config.tenants:
                self._add_tenant({"name": seed.name, "description": seed.description, "parentId": seed.parent_id,
                                  "externalId": seed.external_id, "email": seed.email}, seed.id)
            self.users: dict[str, dict[str, Any]] = {}
            self.usernames: dict[str, str] = {}
            self.passwords: dict[str, str] = {}
            role_ids = {role.name: role.id for role in config.roles}
            for seed in config.users:
                self._add_user({"username": seed.username, "firstName": seed.first_name, "lastName": seed.last_name,
                                "email": seed.email, "roleIds": [role_ids[name] for name in seed.role_names],
                                "tenantIds": list(seed.tenant_ids), "password": seed.password}, seed.id)
            self.seeded_tenants = frozenset(self.tenants)
            self.seeded_users = frozenset(self.users)
            self.health = {(item.type, item.id): item for item in config.health}

    def count_request(self, token: bool) -> None:
        with self._lock:
            self.requests += 1
            self.token_requests += token

    def count_password_grant(self, username: str) -> None:
        """One more token issued with the password grant to this user."""
        with self._lock:
            self.password_grants[username] += 1

    def stats(self) -> dict[str, Any]:
        """Counters, and the names of tenants and users that were not seeded."""
        with self._lock:
            return {
                "token_requests": self.token_requests,
                "requests": self.requests,
                "password_grants": dict(self.password_grants),
                "tenants": [t["name"] for i, t in self.tenants.items() if i not in self.seeded_tenants],
                "users": [u["username"] for i, u in self.users.items() if i not in self.seeded_users],
            }

    def _stamp(self) -> str:
        """Now as ISO-8601 with milliseconds, strictly later than any stamp before (so modifiedOn moves)."""
        now = datetime.now(timezone.utc)
        now = max(now.replace(microsecond=now.microsecond // 1000 * 1000), self._last_stamp + ONE_MILLISECOND)
        self._last_stamp = now
        return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"

    # --- roles -----------------------------------------------------------------------------

    def roles_by_ids(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(self.roles[i]) for i in ids if i in self.roles]

    def role_by_name(self, name: str) -> dict[str, Any]:
        with self._lock:
            role = next((role for role in self.roles.values() if role["name"] == name), None)
            if role is None:
                raise not_found("role named", repr(name))
            return dict(role)

    def role_names(self, role_ids: Iterable[str]) -> list[str]:
        with self._lock:
            return [self.roles[i]["name"] for i in role_ids if i in self.roles]

    def permitted(self, role_names: Iterable[str], permission: str) -> bool:
        """Whether any of the roles carries the permission."""
        return any(permission in self.permissions.get(name, ()) for name in role_names)

    # --- tenants ---------------------------------------------------------------------------

    def _render_tenant(self, tenant: dict[str, Any], show_image: bool) -> dict[str, Any]:
        shown = dict(tenant, numberOfChildren=self.children.get(tenant["id"], 0))
        if not show_image:
            shown["image"] = None
        return shown

    def _tenant(self, tenant_id: str) -> dict[str, Any]:
        tenant = self.tenants.get(tenant_id)
        if tenant is None:
            raise not_found("tenant with id", tenant_id)
        return tenant

    def _check_unique_tenant(self, fields: dict[str, Any], own_id: str | None = None) -> None:
        name = fields["name"].casefold()
        external_id = fields.get("externalId")
        for tenant in self.tenants.values():
            if tenant["id"] == own_id:
                continue
            if tenant["name"].casefold() == name:
                raise bad_request(f"name: a tenant named {fields['name']!r} already exists", "DUPLICATE_NAME")
            if external_id is not None and tenant["externalId"] == external_id:
                raise bad_request(f"externalId: a tenant with externalId {external_id!r} already exists",
                                  "DUPLICATE_EXTERNAL_ID")

    def _add_tenant(self, fields: dict[str, Any], tenant_id: str | None = None) -> dict[str, Any]:
        stamp = self._stamp()
        tenant = {
            "id": tenant_id or str(uuid.uuid4()), "createdOn": stamp, "modifiedOn": stamp, "suspended": False,
            "name": fields["name"], "description": fields.get("description"), "url": fields.get("url"),
            "image": fields.get("image"), "email": fields.get("email"), "parentId": fields.get("parentId"),
            "externalId": fields.get("externalId"),
        }
        self.tenants[tenant["id"]] = tenant
        if tenant["parentId"]:
            self.children[tenant["parentId"]] = self.children.get(tenant["parentId"], 0) + 1
        return tenant

    def create_tenant(self, fields: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            parent_id = fields.get("parentId")
            if parent_id is not None and parent_id not in self.tenants:
                # The contract documents no 404 for createTenant: an unknown parent is bad input.
                raise bad_request(f"parentId: no tenant with id {parent_id}", "INVALID_FIELD")
            self._check_unique_tenant(fields)
            return self._render_tenant(self._add_tenant(fields), show_image=True)

    def has_tenant(self, tenant_id: str) -> bool:
        with self._lock:
            return tenant_id in self.tenants

    def tenant_id_named(self, name: str) -> str | None:
        with self._lock:
            return next((t["id"] for t in self.tenants.values() if t["name"] == name), None)

    def get_tenant(self, tenant_id: str, show_image: bool = True) -> dict[str, Any]:
        with self._lock:
            return self._render_tenant(self._tenant(tenant_id), show_image)

    def tenant_by_external_id(self, external_id: str, show_image: bool) -> dict[str, Any]:
        with self._lock:
            tenant = next((t for t in self.tenants.values() if t["externalId"] == external_id), None)
            if tenant is None:
                raise not_found("tenant with externalId", external_id)
            return self._render_tenant(tenant, show_image)

    def tenants_by_ids(self, ids: Iterable[str], show_image: bool) -> list[dict[str, Any]]:
        with self._lock:
            return [self._render_tenant(self.tenants[i], show_image) for i in dict.fromkeys(ids) if i in self.tenants]

    def tenants_page(self, page: int, page_size: int, parent_id: str | None, show_image: bool,
                     sort_by: str | None, sort_order: str | None) -> dict[str, Any]:
        with self._lock:
            tenants = [t for t in self.tenants.values() if parent_id is None or t["parentId"] == parent_id]
            if sort_by is not None:
                # Nulls first, as a database sorts them ascending.
                tenants.sort(key=lambda t: (t[sort_by] is not None, t[sort_by] or ""), reverse=sort_order == "desc")
            elif sort_order == "desc":
                tenants.reverse()
            start = page * page_size
            return {
                "page": page, "pageSize": page_size, "totalItems": len(tenants),
                "hasNext": start + page_size < len(tenants), "hasPrevious": page > 0,
                "sortBy": sort_by, "sortOrder": sort_order,
                "contents": [self._render_tenant(t, show_image) for t in tenants[start:start + page_size]],
            }

    def update_tenant(self, tenant_id: str, fields: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            tenant = self._tenant(tenant_id)
            self._check_unique_tenant(fields, own_id=tenant_id)
            # Fields left out keep their values; an explicit null clears a nullable one.
            tenant.update(fields)
            tenant["modifiedOn"] = self._stamp()
            return self._render_tenant(tenant, show_image=True)

    def delete_tenant(self, tenant_id: str) -> None:
        with self._lock:
            tenant = self._tenant(tenant_id)
            if self.children.get(tenant_id):
                raise conflict(f"tenant {tenant_id} still has {self.children[tenant_id]} child tenant(s)")
            members = sum(tenant_id in user["tenantIds"] for user in self.users.values())
            if members:
                raise conflict(f"tenant {tenant_id} still has {members} user(s)")
            del self.tenants[tenant_id]
            if tenant["parentId"]:
                self.children[tenant["parentId"]] -= 1

    # --- users -----------------------------------------------------------------------------

    def _user(self, user_id: str) -> dict[str, Any]:
        user = self.users.get(user_id)
        if user is None:
            raise not_found("user with id", user_id)
        return user

    def _check_references(self, fields: dict[str, Any]) -> None:
        for role_id in fields.get("roleIds") or ():
            if role_id not in self.roles:
                raise bad_request(f"roleIds: no role with id {role_id}", "INVALID_FIELD")
        for tenant_id in fields.get("tenantIds") or ():
            if tenant_id not in self.tenants:
                raise bad_request(f"tenantIds: no tenant with id {tenant_id}", "INVALID_FIELD")

    def _add_user(self, fields: dict[str, Any], user_id: str | None = None) -> dict[str, Any]:
        user = {
            "id": user_id or str(uuid.uuid4()), "status": "true", "deleted": "false", "username": fields["username"],
            "firstName": fields.get("firstName"), "lastName": fields["lastName"], "email": fields["email"],
            "roleIds": list(fields.get("roleIds") or ()), "tenantIds": list(fields.get("tenantIds") or ()),
            "passwordPolicyName": fields.get("passwordPolicyName"), "locale": fields.get("locale"),
        }
        self.users[user["id"]] = user
        self.usernames[user["username"].casefold()] = user["id"]
        if fields.get("password") is not None:
            self.passwords[user["id"]] = fields["password"]
        return user

    @staticmethod
    def _render_user(user: dict[str, Any]) -> dict[str, Any]:
        # The contract makes these optional but not nullable: leave them out when unset.
        shown = {name: value for name, value in user.items() if value is not None or name not in NOT_NULLABLE_USER}
        # Passwords are write-only: MSX answers null.
        shown["password"] = None
        return shown

    def create_user(self, fields: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            if fields["username"].casefold() in self.usernames:
                raise bad_request(f"username: a user named {fields['username']!r} already exists", "DUPLICATE_NAME")
            self._check_references(fields)
            return self._render_user(self._add_user(fields))

    def get_user(self, user_id: str) -> dict[str, Any]:
        with self._lock:
            return self._render_user(self._user(user_id))

    def user_by_username(self, username: str) -> dict[str, Any] | None:
        with self._lock:
            user_id = self.usernames.get(username.casefold())
            return None if user_id is None else self._render_user(self.users[user_id])

    def users_page(self, page: int, page_size: int, tenant_id: str | None, deleted: bool | None) -> dict[str, Any]:
        with self._lock:
            users = [u for u in self.users.values()
                     if (tenant_id is None or tenant_id in u["tenantIds"]) and deleted is not True]
            start = page * page_size
            return {
                "page": page, "pageSize": page_size, "totalItems": len(users),
                "hasNext": start + page_size < len(users), "hasPrevious": page > 0,
                "sortBy": None, "sortOrder": None,
                "contents": [self._render_user(u) for u in users[start:start + page_size]],
            }

    def update_user(self, user_id: str, fields: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            user = self._user(user_id)
            self._check_references(fields)
            # As for tenants: fields left out keep their values.
            user.update(fields)
            return self._render_user(user)

    def delete_user(self, user_id: str) -> None:
        with self._lock:
            user = self.users.pop(self._user(user_id)["id"])
            del self.usernames[user["username"].casefold()]
            self.passwords.pop(user_id, None)

    def authenticate(self, username: str, password: str) -> dict[str, Any] | None:
        """The user whose password this is, else None."""
        with self._lock:
            user_id = self.usernames.get(username.casefold())
            stored = self.passwords.get(user_id or "")
            if stored is None or not hmac.compare_digest(stored.encode(), password.encode()):
                return None
            return self._render_user(self.users[user_id])

    def set_password(self, username: str, new_password: str) -> None:
        with self._lock:
            user_id = self.usernames.get(username.casefold())
            if user_id is None:
                raise bad_request(f"username: no user named {username!r}", "INVALID_FIELD")
            self.passwords[user_id] = new_password

    # --- health ----------------------------------------------------------------------------

    def health_of(self, kind: str, ids: Iterable[str]) -> list[dict[str, Any]]:
        """One ResourceHealth per asked id; an id the emulator does not know is reported `unknown`."""
        with self._lock:
            items = []
            for resource_id in ids:
                seed = self.health.get((kind, resource_id))
                if seed is None:
                    items.append({"id": resource_id, "type": kind, "status": "unknown",
                                  "description": f"no {kind} with id {resource_id!r} is monitored"[:256]})
                else:
                    items.append({"id": seed.id, "type": kind, "status": seed.status, "description": seed.description})
            return items
