"""Security (IDM getAccessToken): the token endpoint refuses bad credentials and grants it must not give.

Refusals are RFC 6749 section 5.2 answers (ids: getAccessToken-<status>-<case>). Only refused
grants for the suite user: its one password grant per run is the session token's.
"""

import json

import pytest
from python_msx_sdk.api.security_api import SecurityApi

from msxsuite.auth import SWITCH_TENANT, SWITCH_USER, basic_credentials, password_grant

pytestmark = pytest.mark.negative

UNKNOWN_ID = "5f0c3e52-0000-4000-8000-000000000404"

# Forms the token endpoint must refuse, given the suite's token and settings, with the OAuth2 error.
REFUSED_FORMS = [
    pytest.param(lambda token, settings: {"grant_type": "password", "username": settings.username,
                                          "password": "wrong-Password-1"},
                 "invalid_grant", id="getAccessToken-400-wrong-password"),
    pytest.param(lambda token, settings: {"grant_type": "password", "username": settings.username},
                 "invalid_request", id="getAccessToken-400-no-password"),
    pytest.param(lambda token, settings: {"grant_type": "urn:msxt:no-such-grant"},
                 "unsupported_grant_type", id="getAccessToken-400-unsupported-grant-type"),
    pytest.param(lambda token, settings: {"grant_type": SWITCH_TENANT, "access_token": "not-a-valid-token",
                                          "tenant_id": UNKNOWN_ID},
                 "invalid_grant", id="getAccessToken-400-switch-tenant-with-a-bad-token"),
    pytest.param(lambda token, settings: {"grant_type": SWITCH_TENANT, "access_token": token, "tenant_id": UNKNOWN_ID},
                 "invalid_grant", id="getAccessToken-400-switch-tenant-to-an-unknown-tenant"),
    pytest.param(lambda token, settings: {"grant_type": SWITCH_USER, "access_token": token,
                                          "switch_username": "msxt-no-such-user"},
                 "invalid_grant", id="getAccessToken-400-switch-user-to-an-unknown-user"),
]


def oauth_error(error) -> tuple:
    """Status and OAuth2 error code of a refused token request."""
    return error.status, json.loads(error.body).get("error")


@pytest.fixture
def token_request(make_api_client, msx_settings):
    """Post a form to the token endpoint with the suite's client credentials (`token_request(**form)`)."""

    def post(**form):
        return SecurityApi(make_api_client()).get_access_token(
            authorization=basic_credentials(msx_settings.client_id, msx_settings.client_secret), **form)

    return post


@pytest.mark.parametrize("make_form, oauth_code", REFUSED_FORMS)
def test_token_endpoint_refuses(token_request, refuses, msx_access_token, msx_settings, make_form, oauth_code):
    error = refuses(400, lambda: token_request(**make_form(msx_access_token, msx_settings)))
    assert oauth_error(error) == (400, oauth_code), error.body


def test_getAccessToken_401_for_a_wrong_client_secret(make_api_client, msx_settings, refuses):
    error = refuses(401, lambda: password_grant(make_api_client(), msx_settings, client_secret="wrong-client-secret"))
    assert oauth_error(error) == (401, "invalid_client"), error.body


def test_switch_user_grant_is_refused_to_a_limited_users_token(token_request, refuses, limited_token, msx_settings):
    form = {"grant_type": SWITCH_USER, "access_token": limited_token, "switch_username": msx_settings.username}
    error = refuses(400, lambda: token_request(**form))
    assert oauth_error(error) == (400, "invalid_grant"), error.body
