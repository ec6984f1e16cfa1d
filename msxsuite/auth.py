"""The suite's access token: one password grant per run, shared by pytest-xdist workers.

The token lives in a file only its owner can read, guarded by a file lock, and is renewed
by whichever process first sees it near expiry.
"""

from __future__ import annotations

import base64
import json
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

import urllib3
from filelock import FileLock
from python_msx_sdk.api.security_api import SecurityApi
from python_msx_sdk.exceptions import OpenApiException

from msxsuite.counters import TALLY
from msxsuite.diagnosis import SetupProblem, explain
from msxsuite.sdk import api_client
from msxsuite.settings import Settings

PASSWORD_GRANT = "password"
# MSX's own grants: an existing access token plus the tenant or user to switch to.
SWITCH_TENANT = "urn:cisco:nfv:oauth:grant-type:switch-tenant"
SWITCH_USER = "urn:cisco:nfv:oauth:grant-type:switch-user"
# Below this, the second given up to rounding (see request_token) leaves no time to use a token.
SHORTEST_USABLE_LIFETIME = 2


@dataclass(frozen=True)
class Token:
    """An access token and when it stops working (epoch seconds)."""

    access_token: str
    expires_at: float
    lifetime: float

    def near_expiry(self, now: float) -> bool:
        """True within the last fifth of its life (at most a minute before it ends)."""
        return now >= self.expires_at - min(60.0, self.lifetime / 5)


def basic_credentials(client_id: str, client_secret: str) -> str:
    """The HTTP Basic Authorization value for a security client."""
    return "Basic " + base64.b64encode(f"{client_id}:{client_secret}".encode()).decode()


def password_grant(client, settings: Settings, **replaced: str):
    """The token endpoint's answer to a password grant with the run's credentials.

    `replaced` swaps any of client_secret, username and password (to try other users or
    wrong credentials); a refusal raises the SDK's ApiException.
    """
    credentials = {"client_secret": settings.client_secret, "username": settings.username,
                   "password": settings.password} | replaced
    return SecurityApi(client).get_access_token(
        authorization=basic_credentials(settings.client_id, credentials["client_secret"]),
        grant_type=PASSWORD_GRANT,
        username=credentials["username"],
        password=credentials["password"],
    )


def request_token(settings: Settings) -> Token:
    """Ask the token endpoint for a password-grant token, with a client of its own.

    A client that already carries Bearer would send it instead of Basic (the SDK's default
    headers win), so the token request never shares the suite's authorized client.
    """
    asked_at = time.time()
    try:
        with api_client(settings) as client:
            answer = password_grant(client, settings)
    except (OpenApiException, urllib3.exceptions.HTTPError, OSError) as error:
        raise explain(error, settings, "asking for an access token") from None
    if answer.expires_in < SHORTEST_USABLE_LIFETIME:
        raise SetupProblem(f"MSX issued an access token that expires in {answer.expires_in} s, too soon to use: "
                           "raise the access token validity of the security client MSX_CLIENT_ID")
    # MSX counts expiry in whole seconds from when it issued the token: a second earlier is the safe reading.
    return Token(answer.access_token, asked_at + answer.expires_in - 1, float(answer.expires_in))


class TokenStore:
    """A token shared through an owner-only file; `current()` renews it near expiry.

    A process keeps the token it last read until that nears expiry: only then does it take the
    lock and read the file again (where another process may have renewed it already).
    """

    def __init__(self, path: Path, fetch: Callable[[], Token]):
        self.path = Path(path)
        self._fetch = fetch
        self._lock = FileLock(f"{path}.lock")
        self._held: Token | None = None

    def current(self) -> Token:
        """The shared token, fetched once and renewed when it nears expiry."""
        held = self._held
        if held is not None and not held.near_expiry(time.time()):
            return held
        with self._lock:
            token = self._read()
            if token is None or token.near_expiry(time.time()):
                token = self._fetch()
                TALLY["token_fetches"] += 1
                self._write(token)
            self._held = token
            return token

    def remove(self) -> None:
        """Delete the shared file and its lock."""
        self._held = None
        for path in (self.path, Path(f"{self.path}.lock")):
            path.unlink(missing_ok=True)

    def _read(self) -> Token | None:
        try:
            return Token(**json.loads(self.path.read_text()))
        except FileNotFoundError:
            return None

    def _write(self, token: Token) -> None:
        descriptor = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as file:
            json.dump(asdict(token), file)
