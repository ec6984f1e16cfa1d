"""POST /idm/v2/token: the password grant, the MSX switch grants and RFC 6749 error responses."""

from __future__ import annotations

import uuid

import jwt
import pytest

from msx_emulator.config import MSX_SCOPES, OPERATIONS_TENANT_ID, ROOT_TENANT_ID, SWITCH_TENANT_GRANT, SWITCH_USER_GRANT
from msx_emulator.tests.helpers import api_error, basic


def test_password_grant_returns_an_sdk_access_token(emu, emu_login):
    token = emu_login()
    assert token.token_type == "bearer"
    assert token.expires_in == 9000
    assert token.roles == ["SUPERUSER"]
    assert token.username == "superuser"
    assert token.tenant_id == ROOT_TENANT_ID
    assert token.scope.split() == list(MSX_SCOPES)


def test_access_token_is_an_rs256_jwt_with_msx_claims(emu, emu_login):
    token = emu_login().access_token
    header = jwt.get_unverified_header(token)
    claims = jwt.decode(token, options={"verify_signature": False})
    assert header["alg"] == "RS256" and header["kid"]
    assert {"sub", "user_name", "firstName", "lastName", "email", "roles", "authorities", "client_id", "scope",
            "tenantId", "iss", "iat", "exp", "jti"} <= set(claims)
    assert claims["user_name"] == "superuser" and claims["client_id"] == "msx-suite"
    assert claims["iss"] == f"{emu.url}/idm"
    assert claims["exp"] - claims["iat"] == 9000
    uuid.UUID(claims["jti"])


def test_password_grant_can_pick_a_permitted_tenant(emu_login):
    assert emu_login(tenant_id=OPERATIONS_TENANT_ID).tenant_id == OPERATIONS_TENANT_ID


def test_requested_scope_narrows_the_token(emu_login):
    assert emu_login(scope="read write").scope == "read write"


def _token_error(call, status: int, error: str) -> str:
    body = api_error(call, status)
    assert body["error"] == error, body
    return body["error_description"]


def test_wrong_client_secret_is_invalid_client(emu, emu_security_api):
    user = emu.config.superuser
    _token_error(lambda: emu_security_api.get_access_token(basic("msx-suite", "wrong-secret"), "password",
                                                           username=user.username, password=user.password),
                 401, "invalid_client")


@pytest.mark.parametrize("authorization", [
    pytest.param("Basic !!!", id="malformed-basic"),
    pytest.param("Bearer abc", id="not-basic"),
    pytest.param(basic("no-such-client", "x"), id="unknown-client"),
])
def test_bad_client_authentication_is_invalid_client(emu, emu_security_api, authorization):
    with pytest.raises(Exception) as caught:
        emu_security_api.get_access_token(authorization, "password", username="superuser", password="x")
    assert caught.value.status == 401
    assert caught.value.headers["WWW-Authenticate"].startswith("Basic")


@pytest.mark.parametrize("username, password", [
    pytest.param("superuser", "wrong-password", id="wrong-password"),
    pytest.param("nobody", "Emulator-Superuser-1", id="unknown-user"),
])
def test_bad_user_credentials_are_invalid_grant(emu_security_api, username, password):
    _token_error(lambda: emu_security_api.get_access_token(basic("msx-suite", "emulator-client-secret"), "password",
                                                           username=username, password=password),
                 400, "invalid_grant")


def test_unknown_grant_type_is_unsupported_grant_type(emu_security_api):
    _token_error(lambda: emu_security_api.get_access_token(basic("msx-suite", "emulator-client-secret"),
                                                           "client_credentials"),
                 400, "unsupported_grant_type")


def test_grant_type_not_allowed_for_the_client_is_unauthorized_client(emu, emu_login):
    switch_only = emu.config.client("msx-switch-only")
    _token_error(lambda: emu_login(client=switch_only), 400, "unauthorized_client")


def test_missing_password_is_invalid_request(emu_security_api):
    _token_error(lambda: emu_security_api.get_access_token(basic("msx-suite", "emulator-client-secret"), "password",
                                                           username="superuser"),
                 400, "invalid_request")


def test_scope_beyond_the_client_is_invalid_scope(emu_login):
    _token_error(lambda: emu_login(scope="read admin"), 400, "invalid_scope")


def test_token_errors_forbid_caching(emu, emu_security_api):
    with pytest.raises(Exception) as caught:
        emu_security_api.get_access_token(basic("msx-suite", "emulator-client-secret"), "password",
                                          username="superuser", password="wrong")
    assert caught.value.headers["Cache-Control"] == "no-store"


def _switch(emu, emu_security_api, grant_type: str, access_token: str, client_id="msx-suite", **form):
    client = emu.config.client(client_id)
    return emu_security_api.get_access_token(basic(client.client_id, client.client_secret), grant_type,
                                             access_token=access_token, **form)


def test_switch_tenant_moves_the_token_to_another_tenant(emu, emu_login, emu_security_api):
    switched = _switch(emu, emu_security_api, SWITCH_TENANT_GRANT, emu_login().access_token,
                       tenant_id=OPERATIONS_TENANT_ID)
    assert switched.tenant_id == OPERATIONS_TENANT_ID and switched.username == "superuser"


def test_switch_tenant_by_name_with_the_switch_only_client(emu, emu_login, emu_security_api):
    switched = _switch(emu, emu_security_api, SWITCH_TENANT_GRANT, emu_login().access_token, "msx-switch-only",
                       tenant_name="Emulator Operations")
    assert switched.tenant_id == OPERATIONS_TENANT_ID


def test_limited_user_cannot_switch_to_a_foreign_tenant(emu, emu_login, emu_security_api):
    token = emu_login(emu.config.limited_user).access_token
    _token_error(lambda: _switch(emu, emu_security_api, SWITCH_TENANT_GRANT, token, tenant_id=ROOT_TENANT_ID),
                 400, "invalid_grant")


def test_switch_tenant_needs_a_valid_access_token(emu, emu_security_api):
    _token_error(lambda: _switch(emu, emu_security_api, SWITCH_TENANT_GRANT, "not-a-token",
                                 tenant_id=OPERATIONS_TENANT_ID),
                 400, "invalid_grant")


def test_superuser_switches_to_another_user(emu, emu_login, emu_security_api):
    switched = _switch(emu, emu_security_api, SWITCH_USER_GRANT, emu_login().access_token, switch_username="operator")
    assert switched.username == "operator" and switched.roles == ["CONSUMER"]
    assert switched.tenant_id == OPERATIONS_TENANT_ID


def test_limited_user_cannot_switch_user(emu, emu_login, emu_security_api):
    token = emu_login(emu.config.limited_user).access_token
    _token_error(lambda: _switch(emu, emu_security_api, SWITCH_USER_GRANT, token, switch_username="superuser"),
                 400, "invalid_grant")


def test_switch_user_to_an_unknown_user_is_invalid_grant(emu, emu_login, emu_security_api):
    _token_error(lambda: _switch(emu, emu_security_api, SWITCH_USER_GRANT, emu_login().access_token,
                                 switch_username="nobody"),
                 400, "invalid_grant")


def test_stats_count_password_grants_per_user_not_refusals_or_switches(emu, emu_login, emu_security_api):
    token = emu_login().access_token
    emu_login(user=emu.config.limited_user)
    api_error(lambda: emu_login(password="wrong"), 400)
    _switch(emu, emu_security_api, SWITCH_TENANT_GRANT, token, tenant_id=OPERATIONS_TENANT_ID)
    stats = emu.stats()
    assert stats["password_grants"] == {"superuser": 1, emu.config.limited_user.username: 1}
    assert stats["token_requests"] == 4
