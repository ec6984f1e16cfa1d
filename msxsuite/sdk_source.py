"""Where the installed python-msx-sdk came from, in a few words fit for a report header.

Read from the distribution's PEP 610 `direct_url.json`, which pip writes for anything installed from a
URL, a file or a directory (scripts/setup installs the SDK one of those ways). Only basenames, a git
revision and a short commit id are shown: never a full local path, a host or credentials in a URL.
"""

from __future__ import annotations

import json
import re
from importlib import metadata
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

DISTRIBUTION = "python-msx-sdk"
# The folder scripts/setup generates the SDK into (under its BUILD_DIR, build/ by default).
GENERATED_DIR_NAME = "python-msx-sdk-generated"
GENERATOR = "OpenAPI Generator 5.4.0"
GENERATED = f"generated from the MSX contract by {GENERATOR}"
UNKNOWN = "an index or unknown source"
NOT_INSTALLED = "not installed"
SHORT_COMMIT = 7
_VERSION_TAG = re.compile(r"v?\d+(\.\d+)*")


def describe_direct_url(text: str | None) -> str:
    """Where a distribution came from, given the text of its direct_url.json (None when it has none)."""
    if not text:
        return UNKNOWN
    try:
        info = json.loads(text)
    except ValueError:
        return UNKNOWN
    if not isinstance(info, dict):
        return UNKNOWN
    name = _basename(info.get("url"))
    if isinstance(info.get("vcs_info"), dict):
        return _describe_vcs(info["vcs_info"], name)
    if "archive_info" in info:
        kind = "wheel" if name.endswith(".whl") else "archive"
        return f"{kind} {name}" if name else kind
    if "dir_info" in info:
        if name == GENERATED_DIR_NAME:
            return GENERATED
        editable = isinstance(info["dir_info"], dict) and info["dir_info"].get("editable")
        return f"directory {name}" + (" (editable)" if editable else "")
    return UNKNOWN


def sdk_source(distribution: str = DISTRIBUTION) -> str:
    """Where the installed python-msx-sdk came from (see describe_direct_url)."""
    try:
        dist = metadata.distribution(distribution)
    except metadata.PackageNotFoundError:
        return NOT_INSTALLED
    return describe_direct_url(dist.read_text("direct_url.json"))


def _describe_vcs(vcs_info: dict, name: str) -> str:
    vcs = str(vcs_info.get("vcs") or "vcs")
    commit_id = str(vcs_info.get("commit_id") or "")
    commit = commit_id[:SHORT_COMMIT]
    revision = str(vcs_info.get("requested_revision") or "")
    if revision and not (re.fullmatch(r"[0-9a-f]{7,40}", revision) and commit_id.startswith(revision)):
        kind = "tag" if _VERSION_TAG.fullmatch(revision) else "revision"
        return f"{vcs} {kind} {revision}" + (f" (commit {commit})" if commit else "")
    if commit:
        return f"{vcs} commit {commit}"
    return f"{vcs} {name}".rstrip()


def _basename(url: object) -> str:
    """The last path segment of a URL: no scheme, host, user or query."""
    if not isinstance(url, str):
        return ""
    path = unquote(urlsplit(url).path).rstrip("/")
    return PurePosixPath(path).name if path else ""
