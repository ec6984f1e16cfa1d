"""Bearer authentication on every operation the emulator serves besides the token one: bad tokens get 401."""

from __future__ import annotations

import time

import jwt
import pytest
from python_msx_sdk import ApiClient, Configuration
from python_msx_sdk.api.security_api import SecurityApi
from python_msx_sdk.api.users_api import UsersApi

from msx_emulator import running_emulator
from msx_emulator.tests.helpers import api_error, basic
from msx_emulator.tests.operations import OPERATIONS


def _expect_unauthenticated(client, operation: str) -> str:
    with pytest.raises(Exception) as caught:
        OPERATIONS[operation](client)
    error = caught.value
    assert error.status == 401, f"{operation}: {error.status} {error.body}"
    assert error.headers["WWW-Authenticate"].startswith("Bearer")
    return error.body


@pytest.fixture
def emu_foreign_token():
    """A well-formed token signed by another emulator's key."""
    with running_emulator() as other:
        with ApiClient(Configuration(host=other.url)) as client:
            user = other.config.superuser
            token = SecurityApi(client).get_access_token(basic("msx-suite", "emulator-client-secret"), "password",
                                                         username=user.username, password=user.password)
            client.rest_client.pool_manager.clear()
    return token.access_token


@pytest.mark.parametrize("operation", OPERATIONS)
def test_missing_token_is_unauthenticated(emu_client, operation):
    _expect_unauthenticated(emu_client(), operation)


@pytest.mark.parametrize("authorization", [
    pytest.param("Bearer not-a-jwt", id="garbage"),
    pytest.param("Bearer ", id="empty"),
    pytest.param(basic("superuser", "Emulator-Superuser-1"), id="basic-scheme"),
])
@pytest.mark.parametrize("operation", ["getTenant", "createTenant", "getCurrentUser", "getServicesHealthList"])
def test_malformed_authorization_is_unauthenticated(emu_client, operation, authorization):
    client = emu_client()
    client.set_default_header("Authorization", authorization)
    _expect_unauthenticated(client, operation)


def test_tampered_token_is_unauthenticated(emu_client, emu_login):
    header, payload, signature = emu_login().access_token.split(".")
    tampered = f"{header}.{payload}.{signature[:-4]}AAAA"
    _expect_unauthenticated(emu_client(tampered), "getTenantsPage")


def test_token_signed_by_another_key_is_unauthenticated(emu_client, emu_foreign_token):
    assert "Signature" in _expect_unauthenticated(emu_client(emu_foreign_token), "getTenantsPage")


def test_unsigned_token_is_unauthenticated(emu_client, emu_login):
    claims = jwt.decode(emu_login().access_token, options={"verify_signature": False})
    unsigned = jwt.encode(claims, key=None, algorithm="none")
    _expect_unauthenticated(emu_client(unsigned), "getTenantsPage")


@pytest.mark.parametrize("operation", OPERATIONS)
def test_expired_token_is_unauthenticated(emu, emu_client, emu_login, operation):
    emu.set_faults(token_lifetime_seconds=0)
    token = emu_login()
    assert token.expires_in == 0
    assert "expired" in _expect_unauthenticated(emu_client(token.access_token), operation)


def test_token_works_until_its_lifetime_ends(emu, emu_client, emu_login):
    emu.set_faults(token_lifetime_seconds=2)
    client = emu_client(emu_login().access_token)
    assert UsersApi(client).get_current_user().username == "superuser"
    time.sleep(2.1)
    assert "expired" in api_error(lambda: UsersApi(client).get_current_user(), 401)["message"]
