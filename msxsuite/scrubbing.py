"""Scrub secrets and the MSX host from every interaction before vcrpy writes it.

Tokens, passwords, client credentials and the user name never reach a cassette; the host
becomes a placeholder so cassettes replay against any configured URL.
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qsl, urlencode, urlsplit

from msxsuite.registry import secret_fields
from msxsuite.settings import PLACEHOLDER_CLIENT_ID, PLACEHOLDER_USERNAME, REPLAY_URL, Settings

SCRUBBED = "scrubbed"
TOKEN_FIELDS = {"access_token", "refresh_token", "id_token", "jti"}
# Credentials of the token and password operations; resource kinds declare their own secrets.
CREDENTIAL_FIELDS = {"oldPassword", "newPassword", "client_secret"}
JWT = re.compile(r"eyJ[\w-]+\.[\w-]+\.[\w-]*")
DROPPED_RESPONSE_HEADERS = {"set-cookie"}


class Scrubber:
    """vcrpy's before_record_request/response hooks for one run's settings."""

    def __init__(self, settings: Settings):
        self._origin = "{0.scheme}://{0.netloc}".format(urlsplit(settings.url))
        self._host = urlsplit(settings.url).netloc
        self._secrets = [s for s in settings.secrets if s]
        self._identities = {settings.username: PLACEHOLDER_USERNAME, settings.client_id: PLACEHOLDER_CLIENT_ID}
        self._identities.pop("", None)
        self._secret_fields = TOKEN_FIELDS | CREDENTIAL_FIELDS | secret_fields()

    def request(self, request):
        """Placeholder host, scrubbed form and JSON bodies (headers are dropped by vcrpy's filter)."""
        request.uri = request.uri.replace(self._origin, REPLAY_URL, 1)
        if request.body:
            request.body = self._scrub_body(request.body, request.headers.get("Content-Type", ""))
        return request

    def response(self, response):
        """Scrubbed body; cookies dropped."""
        response["headers"] = {
            name: values for name, values in response["headers"].items() if name.lower() not in DROPPED_RESPONSE_HEADERS
        }
        body = response["body"].get("string")
        if body:
            content_type = next(
                (v[0] for k, v in response["headers"].items() if k.lower() == "content-type"), "application/json"
            )
            response["body"]["string"] = self._scrub_body(body, content_type)
        return response

    def _scrub_body(self, body: bytes | str, content_type: str) -> bytes:
        text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
        if "x-www-form-urlencoded" in content_type:
            fields = [(key, self._scrub_value(key, value)) for key, value in parse_qsl(text, keep_blank_values=True)]
            text = urlencode(fields)
        else:
            try:
                text = json.dumps(self._scrub_json(json.loads(text)), ensure_ascii=False)
            except ValueError:
                pass
        return self._scrub_text(text).encode()

    def _scrub_json(self, value, key: str = ""):
        if isinstance(value, dict):
            return {k: self._scrub_json(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [self._scrub_json(v, key) for v in value]
        if isinstance(value, str):
            return self._scrub_value(key, value)
        return value

    def _scrub_value(self, key: str, value: str) -> str:
        if key in self._secret_fields:
            return SCRUBBED
        return self._identities.get(value, value)

    def _scrub_text(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, SCRUBBED)
        if self._host:
            text = text.replace(self._host, urlsplit(REPLAY_URL).netloc)
        return JWT.sub(SCRUBBED, text)
