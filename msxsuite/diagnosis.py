"""One-line explanations of why the suite cannot talk to MSX, saying what to fix."""

from __future__ import annotations

import json
import os
from pathlib import Path

import urllib3
from python_msx_sdk.exceptions import ApiException
from vcr.cassette import Cassette

from msxsuite.recording import RECORD_HINT
from msxsuite.sdk import MsxTimeout, NotJsonAnswer
from msxsuite.settings import Settings


class SetupProblem(Exception):
    """The run cannot go on; the message is one line that says what to fix."""


OAUTH_ERRORS = {
    "invalid_client": "MSX refused the client credentials (invalid_client): check MSX_CLIENT_ID and MSX_CLIENT_SECRET",
    "invalid_grant": "MSX refused the username or password (invalid_grant): check MSX_USERNAME and MSX_PASSWORD",
    "unauthorized_client": "the security client may not use the password grant (unauthorized_client): "
    "use a client whose grant types include password",
    "unsupported_grant_type": "MSX does not support the password grant here (unsupported_grant_type)",
}


def _oauth_error(body: str | bytes | None) -> str | None:
    try:
        return json.loads(body or b"").get("error")
    except (ValueError, AttributeError):
        return None


def tls_hint(settings: Settings) -> str:
    """What to do about a certificate MSX presents that we cannot verify."""
    if settings.ca_bundle:
        return f"the CA bundle {settings.ca_bundle} does not sign it: fix MSX_CA_BUNDLE"
    return "set MSX_CA_BUNDLE to the PEM of its CA, or MSX_INSECURE=1 for a lab with a self-signed certificate"


def explain(error: Exception, settings: Settings, doing: str) -> SetupProblem:
    """Turn an SDK or urllib3 failure while `doing` something into a SetupProblem."""
    where = settings.url
    if isinstance(error, urllib3.exceptions.MaxRetryError):
        error = error.reason or error
    if isinstance(error, urllib3.exceptions.SSLError) or (isinstance(error, ApiException) and error.status == 0):
        detail = str(getattr(error, "reason", error)).splitlines()[-1]
        return SetupProblem(f"TLS verification of {where} failed ({detail.strip()}): {tls_hint(settings)}")
    if isinstance(error, urllib3.exceptions.NameResolutionError):
        return SetupProblem(f"cannot resolve the MSX host of {where}: check MSX_URL")
    if isinstance(error, (urllib3.exceptions.NewConnectionError, urllib3.exceptions.ProtocolError, ConnectionError)):
        return SetupProblem(f"cannot connect to MSX at {where} ({type(error).__name__}): check MSX_URL and that MSX is up")
    if isinstance(error, MsxTimeout):
        return SetupProblem(str(error))
    if isinstance(error, NotJsonAnswer):
        return SetupProblem(f"{error} while {doing} at {where}: check MSX_URL points at MSX's API, "
                            "not a web page or a proxy's login page")
    if isinstance(error, ApiException):
        known = OAUTH_ERRORS.get(_oauth_error(error.body))
        if known:
            return SetupProblem(known)
        if error.status >= 500:
            return SetupProblem(f"MSX failed with {error.status} {error.reason} while {doing} at {where}: "
                                "MSX itself is in trouble; check its health and logs, then run again")
        return SetupProblem(f"MSX answered {error.status} {error.reason} while {doing} at {where}: check MSX_URL points at MSX")
    return SetupProblem(f"unexpected answer from {where} while {doing} ({type(error).__name__}: "
                        f"{str(error).splitlines()[0] if str(error) else ''}): check MSX_URL points at MSX")


def corrupt_cassette(error: BaseException, rootpath: Path, target: str = "") -> str | None:
    """One line naming the cassette vcrpy failed to read while raising `error`, or None if none did."""
    traceback = error.__traceback__
    while traceback is not None:
        cassette = traceback.tb_frame.f_locals.get("self")
        if traceback.tb_frame.f_code.co_name == "_load" and isinstance(cassette, Cassette):
            break
        traceback = traceback.tb_next
    else:
        return None
    if isinstance(error, json.JSONDecodeError):
        what = f"not valid JSON: {error.msg} at line {error.lineno}"
    else:
        what = f"not a vcrpy cassette: {type(error).__name__} {error}"
    path = os.path.relpath(cassette._path, rootpath)
    return f"corrupt cassette {path} ({what}): delete it and record it again with {RECORD_HINT}" + (
        f" '{target}'" if target else "")
