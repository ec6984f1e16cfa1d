"""Names of what the suite creates: recognisable, unique per run, identical on replay.

A name is `msxt-<run tag>-<test id>`. Live runs draw a fresh run tag, so two runs against one
MSX never collide; record stores the tag in each cassette and replay reads it back, so
replayed requests carry the recorded names. Test ids keep names unique across xdist workers.
"""

from __future__ import annotations

import hashlib
import re
import secrets

PREFIX = "msxt-"
MAX_LENGTH = 96


def new_run_tag() -> str:
    """A short random tag for one run."""
    return secrets.token_hex(3)


def resource_name(run_tag: str, test_name: str) -> str:
    """A name for something one test creates, at most MAX_LENGTH characters."""
    slug = re.sub(r"[^a-z0-9]+", "-", test_name.lower().removeprefix("test_")).strip("-")
    name = f"{PREFIX}{run_tag}-{slug}"
    if len(name) > MAX_LENGTH:
        digest = hashlib.sha1(name.encode()).hexdigest()[:8]
        name = f"{name[: MAX_LENGTH - 9]}-{digest}"
    return name
