"""Redaction: secrets in text become REDACTED, and secret strings show as REDACTED in reprs.

What the secret guard looks for is redacted: JWTs, Basic and Bearer credentials, cookies, the run's
secrets and the values of the registry's secret JSON fields (a device's devicePassword in a logged body).
"""

from __future__ import annotations

import re
from typing import Iterable

from msxsuite.secret_guard import (
    BASIC, BEARER, HIDDEN_VALUE, SHORTEST_SECRET, is_basic_credential, secret_field_values, spellings,
)

REDACTED = "<redacted>"
# From the JWT header to the end of the run of base64url characters and dots, so a token that a
# report truncated in the middle ("eyJ...abc") is redacted whole, its tail included.
JWT_RUN = re.compile(r"eyJ[A-Za-z0-9_-]{8,}[A-Za-z0-9_.-]*")
# A session cookie is a credential too; an ApiException's text carries the answer's headers.
COOKIE = re.compile(r"""(?i)((?:set-)?cookie['"]?\s*[:=]\s*['"]?)[^'"\n]+""")


class Masked(str):
    """A secret string that shows as REDACTED in reprs (tracebacks, fixture values, assertion operands)."""

    def __repr__(self) -> str:
        return repr(REDACTED)


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """The text with every secret the guard looks for replaced by REDACTED."""
    text = JWT_RUN.sub(REDACTED, text)
    text = BASIC.sub(lambda m: f"Basic {REDACTED}" if is_basic_credential(m.group(1)) else m.group(0), text)
    text = BEARER.sub(f"Bearer {REDACTED}", text)
    text = COOKIE.sub(lambda m: m.group(1) + REDACTED, text)
    text = secret_field_values().sub(_redact_field_value, text)
    for secret in secrets:
        if len(secret) >= SHORTEST_SECRET:
            for spelling in spellings(secret):
                text = text.replace(spelling, REDACTED)
    return text


def _redact_field_value(match: re.Match) -> str:
    if HIDDEN_VALUE.match(match.group(2)):
        return match.group(0)
    start, end = match.start(2) - match.start(0), match.end(2) - match.start(0)
    return match.group(0)[:start] + REDACTED + match.group(0)[end:]
