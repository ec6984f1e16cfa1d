"""Where a cassette came from: when it was recorded (UTC), against which target kind, with which SDK.

Kept in the cassette's vcrpy metadata beside its run tag, so it travels with the file; never the
host, a user name or a secret.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from msxsuite.sdk import SDK_VERSION
from msxsuite.settings import Settings

EMULATOR_TARGET = "emulator"
MSX_TARGET = "msx"
TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
METADATA_KEY = '"metadata": {'
TAIL_BYTES = 1024  # a metadata object is a few lines


def target_kind(settings: Settings) -> str:
    """'emulator' for the embedded emulator, 'msx' for any other URL."""
    return EMULATOR_TARGET if settings.embedded_emulator else MSX_TARGET


def stamp(cassette, settings: Settings) -> None:
    """Note the provenance in a cassette being recorded; a read-only cassette keeps what it has."""
    if cassette is None or cassette.write_protected:
        return
    recorded_at = datetime.now(timezone.utc).strftime(TIME_FORMAT)
    for key, value in (("recorded_at", recorded_at), ("target", target_kind(settings)), ("sdk", SDK_VERSION)):
        cassette.get_metadata(key, value)


@dataclass(frozen=True)
class Provenance:
    """What one cassette file says about its recording (None where it says nothing)."""

    path: Path
    recorded_at: datetime | None
    target: str | None
    sdk: str | None

    def age_days(self, now: datetime) -> float | None:
        """Days since recording, or None when unknown."""
        return None if self.recorded_at is None else (now - self.recorded_at).total_seconds() / 86400


def _metadata_block(text: str) -> str:
    """The `"metadata"` object at the end of a cassette's JSON, without parsing its interactions.

    vcrpy writes the metadata last, as a flat object of strings (no brace inside), so it runs from
    its key to the first closing brace: reading only that keeps a replay's start quick.
    """
    start = text.rfind(METADATA_KEY)
    if start < 0:
        return ""
    end = text.find("}", start)
    return "{" + text[start:end + 1] + "}" if end > 0 else ""


def _tail(path: Path) -> str:
    """The end of a cassette, where vcrpy writes its metadata (the whole file when the object starts earlier)."""
    with path.open("rb") as stream:
        size = stream.seek(0, 2)
        stream.seek(max(0, size - TAIL_BYTES))
        tail = stream.read().decode("utf-8", "replace")
    if size > TAIL_BYTES and METADATA_KEY not in tail:
        return path.read_text(encoding="utf-8")
    return tail


def read(path: Path) -> Provenance:
    """The provenance a cassette file carries; a cassette without it has unknown age."""
    try:
        data = json.loads(_metadata_block(_tail(path)) or "{}")
    except (OSError, ValueError):
        data = None
    metadata = data.get("metadata") if isinstance(data, dict) else None
    if not isinstance(metadata, dict):
        metadata = {}
    return Provenance(path, _timestamp(metadata.get("recorded_at")), metadata.get("target"), metadata.get("sdk"))


def _timestamp(value) -> datetime | None:
    try:
        return datetime.strptime(value, TIME_FORMAT).replace(tzinfo=timezone.utc)
    except (TypeError, ValueError):
        return None
