"""Find secrets in files (cassettes, reports, logs): JWTs, Basic and Bearer credentials, known values,
and the value of any JSON field a resource kind of the registry declares secret (devicePassword, ...).

Every hit names the file, the line and what kind of secret it is, never the secret itself.
`python -m msxsuite.secret_guard PATH...` scans files and folders with the secrets of
MSX_PASSWORD and MSX_CLIENT_SECRET; it exits 1 when it finds anything.
"""

from __future__ import annotations

import base64
import binascii
import functools
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Mapping
from urllib.parse import quote, quote_plus

from msxsuite.registry import secret_fields

JWT = re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*")
BASIC = re.compile(r"\bBasic\s+([A-Za-z0-9+/]{6,}={0,2})", re.IGNORECASE)
BEARER = re.compile(r"\bBearer\s+([A-Za-z0-9._~+/-]{12,}=*)", re.IGNORECASE)
SHORTEST_SECRET = 4
# What a secret field may say in a clean file: scrubbed, redacted, masked (*****) or empty.
HIDDEN_VALUE = re.compile(r"^(scrubbed|<redacted>|\**)$")
SECRET_ENVIRONMENT = {"MSX_PASSWORD": "the password (MSX_PASSWORD)",
                      "MSX_CLIENT_SECRET": "the client secret (MSX_CLIENT_SECRET)"}


@dataclass(frozen=True)
class Hit:
    """One secret found: where, and what kind (the secret itself is never kept)."""

    path: Path
    line: int
    kind: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.kind}"


def is_basic_credential(encoded: str) -> bool:
    """True when a Basic value decodes to `user:secret`, not a word such as realm."""
    try:
        return b":" in base64.b64decode(encoded + "=" * (-len(encoded) % 4), validate=True)
    except (binascii.Error, ValueError):
        return False


def spellings(value: str) -> set[str]:
    """A secret as it appears raw, in a URL or in a form body."""
    return {value, quote(value, safe=""), quote_plus(value)}


def scan_line(text: str, secrets: Mapping[str, str]) -> Iterator[str]:
    """The kinds of secret in one line of text; `secrets` maps a label to a value."""
    if JWT.search(text):
        yield "JWT-shaped string"
    if any(is_basic_credential(match.group(1)) for match in BASIC.finditer(text)):
        yield "HTTP Basic credentials"
    if BEARER.search(text):
        yield "Bearer token"
    for label, value in secrets.items():
        if len(value) >= SHORTEST_SECRET and any(spelling in text for spelling in spellings(value)):
            yield label


def secret_field_values(fields: Iterable[str] | None = None) -> re.Pattern:
    """A JSON secret field with a string value: groups (field, value); the value may start on the next line
    (a YAML document folds long strings), and the quotes may be escaped (a JSON body inside a quoted string)."""
    return _field_pattern(tuple(sorted(secret_fields() if fields is None else fields)))


@functools.lru_cache(maxsize=8)
def _field_pattern(fields: tuple[str, ...]) -> re.Pattern:
    names = "|".join(map(re.escape, fields))
    return re.compile(rf'\\?"({names})\\?"\s*:\s*\\?"((?:[^"\\]|\\[^"])*)\\?"')


def secret_field_hits(text: str, fields: Iterable[str] | None = None) -> Iterator[tuple[int, str]]:
    """(line number, kind) of each secret field whose value is not hidden."""
    for match in secret_field_values(fields).finditer(text):
        if not HIDDEN_VALUE.match(match.group(2)):
            yield text.count("\n", 0, match.start(2)) + 1, f"value of the secret field {match.group(1)}"


def scan_file(path: Path, secrets: Mapping[str, str]) -> list[Hit]:
    """Every secret in one file, line by line, and every secret field's value (binary content is read as
    UTF-8 with replacements)."""
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    hits = [Hit(Path(path), number, kind)
            for number, line in enumerate(text.splitlines(), start=1)
            for kind in scan_line(line, secrets)]
    hits += [Hit(Path(path), number, kind) for number, kind in secret_field_hits(text)]
    return sorted(hits, key=lambda hit: hit.line)


def files_under(paths: Iterable[Path]) -> Iterator[Path]:
    """The files named, and every file under the folders named."""
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file())
        else:
            yield path


def scan(paths: Iterable[Path], secrets: Mapping[str, str]) -> list[Hit]:
    """Every secret in the files and folders named."""
    return [hit for path in files_under(paths) for hit in scan_file(path, secrets)]


def secrets_from_environment() -> dict[str, str]:
    """The secrets in use, labelled, from MSX_PASSWORD and MSX_CLIENT_SECRET."""
    return {label: os.environ[name] for name, label in SECRET_ENVIRONMENT.items() if os.environ.get(name)}


def main(argv: list[str] | None = None) -> int:
    paths = sys.argv[1:] if argv is None else argv
    if not paths:
        print("usage: python -m msxsuite.secret_guard PATH... (files or folders to scan)", file=sys.stderr)
        return 2
    missing = [path for path in paths if not Path(path).exists()]
    if missing:
        print(f"secret guard: {missing[0]} does not exist: name files or folders that exist", file=sys.stderr)
        return 2
    hits = scan(paths, secrets_from_environment())
    for hit in hits:
        print(hit)
    print(f"secret guard: {len(hits)} secret(s) found in {', '.join(map(str, paths))}")
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main())
