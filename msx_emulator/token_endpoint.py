"""POST /idm/v2/token: the password grant and MSX's switch-tenant and switch-user grants.

The client authenticates with HTTP Basic; failures answer as RFC 6749 section 5.2 says.
"""

from __future__ import annotations

import base64
import binascii
import hmac
from datetime import datetime, timezone
from typing import Any
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import JSONResponse

from msx_emulator.auth import permitted
from msx_emulator.backend import Backend
from msx_emulator.config import (
    ACCESS_ALL_TENANTS, PASSWORD_GRANT, SWITCH_TENANT, SWITCH_TENANT_GRANT, SWITCH_USER, SWITCH_USER_GRANT,
    SecurityClient,
)
from msx_emulator.errors import ApiError, OAuthError
from msx_emulator.operations import operation_table
from msx_emulator.request_validation import UUID_TEXT
from msx_emulator.services import TOKEN_OPERATION, idm

TOKEN_PATH = operation_table()[TOKEN_OPERATION].path

KNOWN_GRANTS = (PASSWORD_GRANT, SWITCH_TENANT_GRANT, SWITCH_USER_GRANT)


def _client(authorization: str | None, backend: Backend) -> SecurityClient:
    scheme, _, encoded = (authorization or "").strip().partition(" ")
    if scheme.lower() != "basic":
        raise OAuthError("invalid_client", "client authentication with HTTP Basic is required", 401)
    try:
        client_id, _, secret = base64.b64decode(encoded.strip(), validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        raise OAuthError("invalid_client", "malformed HTTP Basic credentials", 401) from None
    client = backend.config.client(client_id)
    if client is None or not hmac.compare_digest(client.client_secret.encode(), secret.encode()):
        raise OAuthError("invalid_client", "bad client credentials", 401)
    return client


def _form(body: bytes) -> dict[str, str]:
    try:
        fields = parse_qs(body.decode(), keep_blank_values=True, strict_parsing=False)
    except UnicodeDecodeError:
        raise OAuthError("invalid_request", "the form body is not UTF-8") from None
    return {name: values[0] for name, values in fields.items()}


def _required(form: dict[str, str], name: str) -> str:
    value = form.get(name)
    if not value:
        raise OAuthError("invalid_request", f"{name} is required")
    return value


def _scopes(form: dict[str, str], client: SecurityClient) -> list[str]:
    if not form.get("scope"):
        return list(client.scopes)
    asked = form["scope"].replace(",", " ").split()
    unknown = [scope for scope in asked if scope not in client.scopes]
    if unknown:
        raise OAuthError("invalid_scope", f"scope not allowed for this client: {' '.join(unknown)}")
    return asked


def _tenant(form: dict[str, str], user: dict[str, Any], backend: Backend, default: str | None) -> str:
    """The tenant the token acts in: the one asked for, if the user may act there, else `default`."""
    store = backend.store
    tenant_id, tenant_name = form.get("tenant_id"), form.get("tenant_name")
    if tenant_id:
        if not UUID_TEXT.match(tenant_id):
            raise OAuthError("invalid_request", "tenant_id must be a uuid")
        tenant_id = tenant_id.lower()
        if not idm.has_tenant(store, tenant_id):
            raise OAuthError("invalid_grant", f"no tenant with id {tenant_id}")
    elif tenant_name:
        tenant_id = idm.tenant_id_named(store, tenant_name)
        if tenant_id is None:
            raise OAuthError("invalid_grant", f"no tenant named {tenant_name!r}")
    else:
        tenant_id = default or next(iter(user["tenantIds"]), None)
        if tenant_id is None:
            raise OAuthError("invalid_grant", f"user {user['username']!r} belongs to no tenant")
        return tenant_id
    roles = idm.role_names(store, user["roleIds"])
    if tenant_id not in user["tenantIds"] and not permitted(backend.role_permissions, roles, ACCESS_ALL_TENANTS):
        raise OAuthError("invalid_grant", f"user {user['username']!r} may not act in tenant {tenant_id}")
    return tenant_id


def _existing_principal(form: dict[str, str], backend: Backend):
    try:
        return backend.principal(_required(form, "access_token"))
    except ApiError as error:
        raise OAuthError("invalid_grant", error.message) from None


def _grant(form: dict[str, str], client: SecurityClient, backend: Backend) -> tuple[dict[str, Any], str]:
    """The user and tenant a new token is for."""
    grant_type = form["grant_type"]
    if grant_type == PASSWORD_GRANT:
        username, password = _required(form, "username"), _required(form, "password")
        user = idm.authenticate(backend.store, username, password)
        if user is None:
            raise OAuthError("invalid_grant", "bad credentials")
        tenant_id = _tenant(form, user, backend, default=None)
        backend.traffic.count_password_grant(username)
        return user, tenant_id
    principal = _existing_principal(form, backend)
    if grant_type == SWITCH_TENANT_GRANT:
        if not principal.may(SWITCH_TENANT):
            raise OAuthError("invalid_grant", "the access token's roles may not switch tenants")
        if not form.get("tenant_id") and not form.get("tenant_name"):
            raise OAuthError("invalid_request", "tenant_id or tenant_name is required")
        return principal.user, _tenant(form, principal.user, backend, default=None)
    if not principal.may(SWITCH_USER):
        raise OAuthError("invalid_grant", "the access token's roles may not switch users")
    target = idm.user_by_username(backend.store, _required(form, "switch_username"))
    if target is None:
        raise OAuthError("invalid_grant", f"no user named {form['switch_username']!r}")
    return target, _tenant(form, target, backend, default=None)


async def token_endpoint(request: Request) -> JSONResponse:
    backend: Backend = request.app.state.backend
    try:
        client = _client(request.headers.get("authorization"), backend)
        form = _form(await request.body())
        grant_type = _required(form, "grant_type")
        if grant_type not in KNOWN_GRANTS:
            raise OAuthError("unsupported_grant_type", f"unsupported grant_type {grant_type!r}")
        if grant_type not in client.grant_types:
            raise OAuthError("unauthorized_client",
                             f"client {client.client_id!r} may not use grant_type {grant_type!r}")
        scopes = _scopes(form, client)
        user, tenant_id = _grant(form, client, backend)
    except OAuthError as error:
        return error.response()
    lifetime = backend.faults.settings.token_lifetime_seconds
    if lifetime is None:
        lifetime = client.access_token_validity_seconds
    roles = idm.role_names(backend.store, user["roleIds"])
    token, claims = backend.tokens.issue(user, roles, client.client_id, scopes, tenant_id, lifetime)
    body = {
        "access_token": token, "token_type": "bearer", "expires_in": lifetime, "scope": " ".join(scopes),
        "firstName": user.get("firstName") or "", "lastName": user["lastName"], "roles": roles, "tenantId": tenant_id,
        "email": user["email"], "username": user["username"],
        "iat": str(claims["iat"]),
        "expiry": datetime.fromtimestamp(claims["exp"], timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    return JSONResponse(body, headers={"Cache-Control": "no-store", "Pragma": "no-cache"})
