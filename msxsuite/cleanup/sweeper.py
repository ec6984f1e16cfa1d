"""Find and delete what suite runs left behind: only `msxt-` names, only runs that are over.

A run is over when its ledger says its process died on this host, or when its oldest
resource (or first ledger line) is older than the given age. Every kind of the registry is
swept, in its deletion order (users before tenants, offers before products), newest first
within a kind, so nothing blocks the deletion of what it belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, Iterable

import urllib3
from python_msx_sdk.exceptions import NotFoundException, OpenApiException

from msxsuite.cleanup.ledger import RunTrail, read_trails
from msxsuite.naming import PREFIX
from msxsuite.registry import BY_LABEL, KINDS, ResourceKind, deletion_order

ApiFor = Callable[[type], object]


@dataclass(frozen=True)
class Leftover:
    """A suite-made resource (its kind's registry label), with the run tag its name carries."""

    kind: str
    id: str
    name: str
    run_tag: str
    created_on: datetime | None = None

    def __str__(self) -> str:
        return f"{self.kind} {self.name} ({self.id})"


@dataclass
class SweepResult:
    """What a sweep deleted and what it could not."""

    deleted: list[Leftover] = field(default_factory=list)
    failed: list[Leftover] = field(default_factory=list)


def run_tag_of(name: str | None) -> str | None:
    """The run tag in a suite-made name (`msxt-<tag>-...`), None for any other name."""
    if not name or not name.startswith(PREFIX):
        return None
    return name[len(PREFIX):].split("-", 1)[0] or None


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def find_leftovers(api_for: ApiFor, say: Callable[[str], None] = print,
                   kinds: Iterable[ResourceKind] = KINDS) -> list[Leftover]:
    """Every suite-made resource of every registry kind, in deletion order, newest first within a kind.

    A kind whose list answers 404 is passed over: its service is not deployed there. A kind that
    cannot be listed otherwise (its service is down) is said and passed over; the rest go on.
    """
    leftovers = []
    for kind in deletion_order(tuple(kinds)):
        found = []
        try:
            items = list(kind.list_all(api_for(kind.api)))
        except NotFoundException:
            continue  # its service is not deployed on this MSX, so nothing of the kind can exist
        except (OpenApiException, urllib3.exceptions.HTTPError, OSError) as error:
            say(f"could not list {kind.label}s ({_failure(error)}): they stay until the next sweep")
            continue
        for item in items:
            name = kind.name_of(item)
            if run_tag_of(name):
                created_on = getattr(item, "created_on", None)
                found.append(Leftover(kind.label, item.id, name, run_tag_of(name), created_on and _utc(created_on)))
        found.sort(key=lambda leftover: leftover.created_on or datetime.min.replace(tzinfo=timezone.utc),
                   reverse=True)
        leftovers += found
    return leftovers


def _failure(error: BaseException) -> str:
    status = getattr(error, "status", None) or type(error).__name__
    return f"{status} {getattr(error, 'reason', '') or ''}".rstrip()


def run_births(leftovers: list[Leftover], trails: dict[str, RunTrail]) -> dict[str, datetime]:
    """When each run began, as far as its resources' createdOn and its ledger tell."""
    births = {tag: datetime.fromtimestamp(trail.started, timezone.utc) for tag, trail in trails.items()}
    for leftover in leftovers:
        if leftover.created_on is not None:
            births[leftover.run_tag] = min(births.get(leftover.run_tag, leftover.created_on), leftover.created_on)
    return births


def select_stale(leftovers: list[Leftover], trails: dict[str, RunTrail], older_than: timedelta,
                 now: datetime, spare: str | None = None) -> list[Leftover]:
    """The leftovers of runs that are over: dead by their ledger, or older than `older_than`.

    A run whose age nothing tells (no createdOn, no ledger) counts as over only for an age of 0.
    """
    dead = {tag for tag, trail in trails.items() if trail.dead}
    births = run_births(leftovers, trails)

    def over(tag: str) -> bool:
        if tag == spare:
            return False
        if tag in dead:
            return True
        if tag in births:
            return now - births[tag] >= older_than
        return older_than <= timedelta(0)

    return [leftover for leftover in leftovers if over(leftover.run_tag)]


def delete_all(leftovers: list[Leftover], api_for: ApiFor, say: Callable[[str], None]) -> SweepResult:
    """Delete each leftover in order, saying what happened to each."""
    result = SweepResult()
    for leftover in leftovers:
        kind = BY_LABEL[leftover.kind]
        try:
            kind.delete(api_for(kind.api), leftover.id)
        except NotFoundException:
            say(f"already gone: {leftover}")
        except (OpenApiException, urllib3.exceptions.HTTPError, OSError) as error:
            result.failed.append(leftover)
            say(f"could not delete {leftover}: {_failure(error)}")
        else:
            result.deleted.append(leftover)
            say(f"deleted {leftover}")
    return result


def sweep_stale(api_for: ApiFor, *, kinds: Iterable[ResourceKind] = KINDS, ledger_dir: Path, url: str, older_than: timedelta,
                spare: str | None = None, dry_run: bool = False,
                say: Callable[[str], None] = print) -> SweepResult:
    """Delete (or, dry, list) leftovers of runs that are over; forget ledgers of dead runs swept clean."""
    trails = read_trails(ledger_dir)
    stale = select_stale(find_leftovers(api_for, say, kinds), trails, older_than,
                         datetime.now(timezone.utc), spare)
    if dry_run:
        for leftover in stale:
            say(f"would delete {leftover}")
        return SweepResult()
    result = delete_all(stale, api_for, say)
    unfinished = {leftover.run_tag for leftover in result.failed}
    for tag, trail in trails.items():
        if trail.dead and tag not in unfinished and url in trail.urls:
            trail.path.unlink(missing_ok=True)
    return result


def sweep_run(api_for: ApiFor, run_tag: str, say: Callable[[str], None] = print,
              kinds: Iterable[ResourceKind] = KINDS) -> SweepResult:
    """Delete whatever of one run is still there (a run's own leftovers at its end)."""
    mine = [leftover for leftover in find_leftovers(api_for, say, kinds) if leftover.run_tag == run_tag]
    return delete_all(mine, api_for, say)
