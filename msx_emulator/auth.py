"""Bearer authentication and permission checks for every operation but the token one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from msx_emulator.errors import forbidden, unauthenticated
from msx_emulator.state import IdmState
from msx_emulator.tokens import TokenAuthority


@dataclass(frozen=True)
class Principal:
    """Who a request acts as: the token's user, roles and tenant."""

    user: dict[str, Any]
    roles: tuple[str, ...]
    tenant_id: str
    state: IdmState

    def may(self, permission: str) -> bool:
        return self.state.permitted(self.roles, permission)

    def require(self, permission: str) -> None:
        """A 403 unless the token's roles carry the permission."""
        if not self.may(permission):
            raise forbidden(permission)


def principal_from_token(token: str, tokens: TokenAuthority, state: IdmState) -> Principal:
    """The principal of a raw access token, else a 401."""
    claims = tokens.verify(token)
    user = state.user_by_username(claims["sub"])
    if user is None:
        raise unauthenticated(f"the user {claims['sub']!r} of the access token no longer exists")
    return Principal(user, tuple(claims.get("roles") or ()), claims["tenantId"], state)


def principal_from_header(authorization: str | None, tokens: TokenAuthority, state: IdmState) -> Principal:
    """The principal of an `Authorization: Bearer <token>` header, else a 401."""
    if not authorization:
        raise unauthenticated("an access token is required: send Authorization: Bearer <token>")
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise unauthenticated("the Authorization header must be Bearer <token>")
    return principal_from_token(token.strip(), tokens, state)
