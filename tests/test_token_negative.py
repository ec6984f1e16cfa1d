"""Security (IDM getAccessToken): the password grant refuses wrong credentials (RFC 6749 section 5.2)."""

import json

import pytest
from python_msx_sdk.exceptions import ApiException

from msxsuite.auth import password_grant

pytestmark = pytest.mark.negative


def oauth_error(raised) -> tuple:
    """Status and OAuth2 error code of a refused token request."""
    return raised.value.status, json.loads(raised.value.body).get("error")


def test_wrong_password_is_refused(make_api_client, msx_settings):
    with pytest.raises(ApiException) as raised:
        password_grant(make_api_client(), msx_settings, password="wrong-Password-1")
    assert oauth_error(raised) == (400, "invalid_grant"), raised.value.body


def test_wrong_client_secret_is_refused(make_api_client, msx_settings):
    with pytest.raises(ApiException) as raised:
        password_grant(make_api_client(), msx_settings, client_secret="wrong-client-secret")
    assert oauth_error(raised) == (401, "invalid_client"), raised.value.body
