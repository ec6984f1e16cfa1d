"""Redaction: what the suite prints never carries a token, a credential, a cookie or a secret in use."""

import base64

import pytest

from msxsuite.redaction import REDACTED, Masked, redact

JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzdXBlcnVzZXIifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ"
BASIC = base64.b64encode(b"msx-suite:client-secret-1").decode()


@pytest.mark.parametrize("text, secret", [
    pytest.param(f"token {JWT} expired", JWT, id="jwt"),
    pytest.param(f"Authorization: Basic {BASIC}", BASIC, id="basic"),
    pytest.param("Authorization: Bearer opaque-token-123", "opaque-token-123", id="bearer"),
    pytest.param("HTTPHeaderDict({'set-cookie': 'SESSION=abc123; Path=/', 'x': 'y'})", "abc123", id="set-cookie"),
    pytest.param("password=Suite-Password-1&username=u", "Suite-Password-1", id="password-in-use"),
])
def test_redact_removes_the_secret_and_says_so(text, secret):
    redacted = redact(text, secrets=["Suite-Password-1"])
    assert secret not in redacted and REDACTED in redacted, redacted


def test_redact_leaves_ordinary_text_alone():
    text = "getTenant 404: tenant 5f0c3e52-0000-4000-8000-000000000404 not found"
    assert redact(text, secrets=["Suite-Password-1"]) == text


def test_masked_secret_shows_redacted_in_reprs_but_works_as_a_string():
    token = Masked(JWT)
    assert repr(token) == repr(REDACTED) and f"Bearer {token}" == f"Bearer {JWT}"
