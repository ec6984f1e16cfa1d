"""Scrubbing: no secret, token or host survives into what vcrpy writes."""

import json

from vcr.request import Request

from msxsuite.scrubbing import SCRUBBED, Scrubber
from msxsuite.settings import PLACEHOLDER_USERNAME, REPLAY_URL, Settings

SETTINGS = Settings(mode="record", url="https://msx.lab.example:8443", client_id="lab-client",
                    client_secret="Client-S3cret", username="lab-admin", password="Pa55-word")
JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJsYWItYWRtaW4ifQ.c2lnbmF0dXJl"


def json_response(body: dict) -> dict:
    return {"status": {"code": 200, "message": "OK"}, "body": {"string": json.dumps(body).encode()},
            "headers": {"Content-Type": ["application/json"], "Set-Cookie": ["session=abc"]}}


def test_token_request_form_is_scrubbed_and_host_replaced():
    body = b"grant_type=password&username=lab-admin&password=Pa55-word"
    request = Request("POST", "https://msx.lab.example:8443/idm/v2/token", body,
                      {"Content-Type": "application/x-www-form-urlencoded"})
    scrubbed = Scrubber(SETTINGS).request(request)
    assert scrubbed.uri == f"{REPLAY_URL}/idm/v2/token"
    assert scrubbed.body == f"grant_type=password&username={PLACEHOLDER_USERNAME}&password={SCRUBBED}".encode()


def test_json_request_passwords_are_scrubbed():
    body = json.dumps({"username": "new-user", "password": "Us3r-pass", "email": "a@example.com"}).encode()
    request = Request("POST", "https://msx.lab.example:8443/idm/api/v8/users", body,
                      {"Content-Type": "application/json"})
    sent = json.loads(Scrubber(SETTINGS).request(request).body)
    assert sent == {"username": "new-user", "password": SCRUBBED, "email": "a@example.com"}


def test_token_response_keeps_its_shape_without_secrets():
    response = json_response({"access_token": JWT, "token_type": "bearer", "expires_in": 9000,
                              "username": "lab-admin", "roles": ["SUPERUSER"], "id_token": JWT})
    scrubbed = Scrubber(SETTINGS).response(response)
    body = json.loads(scrubbed["body"]["string"])
    assert body == {"access_token": SCRUBBED, "token_type": "bearer", "expires_in": 9000,
                    "username": PLACEHOLDER_USERNAME, "roles": ["SUPERUSER"], "id_token": SCRUBBED}
    assert "Set-Cookie" not in scrubbed["headers"]


def test_secrets_jwts_and_host_in_free_text_are_scrubbed():
    text = f"user lab-admin with Pa55-word and Client-S3cret got {JWT} from msx.lab.example:8443"
    response = {"status": {"code": 500, "message": "Error"}, "body": {"string": text.encode()},
                "headers": {"Content-Type": ["text/plain"]}}
    scrubbed = Scrubber(SETTINGS).response(response)["body"]["string"].decode()
    for secret in ("Pa55-word", "Client-S3cret", JWT, "msx.lab.example"):
        assert secret not in scrubbed
