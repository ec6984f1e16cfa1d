"""Access tokens: RS256 JWTs with the claims of a real MSX token, signed by a key made at start."""

from __future__ import annotations

import secrets
import threading
import time
import uuid
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

from msx_emulator.errors import unauthenticated


class TokenAuthority:
    """Issues and verifies the emulator's access tokens."""

    def __init__(self, cache_size: int):
        self._private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self._public_key = self._private_key.public_key()
        self.key_id = secrets.token_hex(8)
        self.issuer = "https://127.0.0.1:443/idm"
        # Verifying RS256 on every request costs more than serving it: remember verified tokens.
        self._verified: dict[str, dict[str, Any]] = {}
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def issue(self, user: dict[str, Any], roles: list[str], client_id: str, scopes: list[str],
              tenant_id: str, lifetime: int) -> tuple[str, dict[str, Any]]:
        """A signed token for the user acting in `tenant_id`, and its claims."""
        issued_at = int(time.time())
        claims = {
            "sub": user["username"], "user_name": user["username"],
            "firstName": user.get("firstName") or "", "lastName": user["lastName"], "email": user["email"],
            "roles": roles, "authorities": ["ROLE_CLIENT"], "client_id": client_id, "scope": scopes,
            "tenantId": tenant_id, "iss": self.issuer, "iat": issued_at, "exp": issued_at + lifetime,
            "jti": str(uuid.uuid4()),
        }
        token = jwt.encode(claims, self._private_key, algorithm="RS256", headers={"kid": self.key_id})
        return token, claims

    def verify(self, token: str) -> dict[str, Any]:
        """The claims of a token this emulator signed and that has not expired, else a 401."""
        claims = self._verified.get(token)
        if claims is None:
            try:
                claims = jwt.decode(token, self._public_key, algorithms=["RS256"], issuer=self.issuer,
                                    options={"require": ["exp", "iat", "sub", "tenantId"], "verify_exp": False})
            except jwt.InvalidTokenError as error:
                raise unauthenticated(f"invalid access token: {error}") from None
            with self._lock:
                if len(self._verified) >= self._cache_size:
                    self._verified.clear()
                self._verified[token] = claims
        if claims["exp"] <= time.time():
            raise unauthenticated("the access token has expired")
        return claims
