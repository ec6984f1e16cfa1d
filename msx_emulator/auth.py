"""Bearer authentication and permission checks for every operation but the token one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping

from msx_emulator.config import SUPERUSER_ROLE
from msx_emulator.errors import forbidden, unauthenticated
from msx_emulator.tokens import TokenAuthority

UserLookup = Callable[[str], "dict[str, Any] | None"]


def permitted(role_permissions: Mapping[str, frozenset[str]], roles: Iterable[str], permission: str) -> bool:
    """Whether any of the roles carries the permission; SUPERUSER carries every one, as in MSX."""
    return any(role == SUPERUSER_ROLE or permission in role_permissions.get(role, ()) for role in roles)


@dataclass(frozen=True)
class Principal:
    """Who a request acts as: the token's user, roles and tenant."""

    user: dict[str, Any]
    roles: tuple[str, ...]
    tenant_id: str
    role_permissions: Mapping[str, frozenset[str]]

    def may(self, permission: str) -> bool:
        return permitted(self.role_permissions, self.roles, permission)

    def require(self, permission: str) -> None:
        """A 403 unless the token's roles carry the permission."""
        if not self.may(permission):
            raise forbidden(permission)


def principal_from_token(token: str, tokens: TokenAuthority, users: UserLookup,
                         role_permissions: Mapping[str, frozenset[str]]) -> Principal:
    """The principal of a raw access token, else a 401."""
    claims = tokens.verify(token)
    user = users(claims["sub"])
    if user is None:
        raise unauthenticated(f"the user {claims['sub']!r} of the access token no longer exists")
    return Principal(user, tuple(claims.get("roles") or ()), claims["tenantId"], role_permissions)


def bearer_token(authorization: str | None) -> str:
    """The token of an `Authorization: Bearer <token>` header, else a 401."""
    if not authorization:
        raise unauthenticated("an access token is required: send Authorization: Bearer <token>")
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise unauthenticated("the Authorization header must be Bearer <token>")
    return token.strip()
