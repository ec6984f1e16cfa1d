"""`python -m msxsuite.cleanup [--dry-run] [--older-than 2h] [--ledger-dir DIR]`: sweep leftovers of earlier runs.

Deletes suite-made resources of every kind in the registry (names starting `msxt-`, users before
tenants, offers before products), of runs older than the age or
whose ledger says their process died; lists each. Settings come from the suite's MSX_*
environment variables. Exit 0 when done, 1 when something could not be deleted, 2 for bad
settings or an MSX that cannot be reached.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import urllib3
from python_msx_sdk.exceptions import OpenApiException

from msxsuite.auth import request_token
from msxsuite.cleanup.ledger import LEDGER_DIR
from msxsuite.cleanup.sweeper import sweep_stale
from msxsuite.diagnosis import SetupProblem, explain
from msxsuite.sdk import api_client, api_factory
from msxsuite.settings import EMULATOR, LIVE_REQUIRED, SPECS, Settings, resolve

PROG = "python -m msxsuite.cleanup"
DEFAULT_AGE = "2h"
AGE = re.compile(r"(\d+(?:\.\d+)?)([smhd])")
SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_age(text: str) -> timedelta:
    """'90s', '30m', '2h', '1d' (or '0') as a timedelta."""
    if text.strip() == "0":
        return timedelta(0)
    match = AGE.fullmatch(text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"age {text!r} is not like 90s, 30m, 2h or 1d")
    return timedelta(seconds=float(match.group(1)) * SECONDS[match.group(2)])


class _ArgumentParser(argparse.ArgumentParser):
    def error(self, message: str):
        self.exit(2, f"{PROG}: {message} (see --help)\n")


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = _ArgumentParser(prog=PROG, description="Delete what earlier runs of the MSX suite left behind "
                             "(every kind the suite creates, named msxt-...), reading MSX_* variables like the suite.")
    parser.add_argument("--dry-run", action="store_true", help="list what would be deleted, delete nothing")
    parser.add_argument("--older-than", type=parse_age, default=parse_age(DEFAULT_AGE), metavar="AGE",
                        help=f"sweep runs at least this old, e.g. 90s, 30m, 2h, 1d (default {DEFAULT_AGE})")
    parser.add_argument("--ledger-dir", type=Path, default=Path(LEDGER_DIR), metavar="DIR",
                        help=f"the suite's ledgers, to find runs whose process died (default ./{LEDGER_DIR})")
    return parser.parse_args(argv)


class _LiveEnvironment:
    """What `settings.resolve` reads from a pytest config: live mode, no options, no ini."""

    def getoption(self, name: str):
        return "live" if name == "msx_mode" else None

    def getini(self, name: str):
        return None


def settings_from_environment() -> Settings:
    """The target and credentials from MSX_* variables; SetupProblem says what to fix."""
    missing = [spec.env for spec in SPECS if spec.name in LIVE_REQUIRED and not os.environ.get(spec.env)]
    if missing:
        raise SetupProblem(f"the sweeper needs {', '.join(missing)}: set them in the environment")
    if os.environ["MSX_URL"] == EMULATOR:
        raise SetupProblem("MSX_URL=emulator exists only inside a pytest run: set MSX_URL to the MSX to sweep")
    try:
        return resolve(_LiveEnvironment())
    except pytest.UsageError as error:
        raise SetupProblem(str(error)) from None


def main(argv: list[str] | None = None) -> int:
    arguments = _arguments(argv)
    settings = None
    try:
        settings = settings_from_environment()
        if settings.insecure:
            print(f"{PROG}: TLS verification is OFF for {settings.url} (MSX_INSECURE)", file=sys.stderr)
        token = request_token(settings)
        with api_client(settings, token.access_token) as client:
            result = sweep_stale(api_factory(client), ledger_dir=arguments.ledger_dir,
                                 url=settings.url, older_than=arguments.older_than, dry_run=arguments.dry_run)
    except SetupProblem as problem:
        print(f"{PROG}: {problem}", file=sys.stderr)
        return 2
    except (OpenApiException, urllib3.exceptions.HTTPError, OSError) as error:
        print(f"{PROG}: {explain(error, settings, 'sweeping leftovers')}", file=sys.stderr)
        return 2
    if arguments.dry_run:
        print(f"{PROG}: dry run, nothing deleted")
        return 0
    print(f"{PROG}: deleted {len(result.deleted)} leftover(s); {len(result.failed)} could not be deleted")
    return 1 if result.failed else 0


if __name__ == "__main__":
    sys.exit(main())
