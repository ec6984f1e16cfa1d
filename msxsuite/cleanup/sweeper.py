"""Find and delete what suite runs left behind: only `msxt-` names, only runs that are over.

A run is over when its ledger says its process died on this host, or when its oldest
tenant (or first ledger line) is older than the given age. Users go first, then tenants,
newest first, so children and members never block their tenant's deletion.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable

import urllib3
from python_msx_sdk.exceptions import NotFoundException, OpenApiException

from msxsuite.cleanup.ledger import RunTrail, read_trails
from msxsuite.naming import PREFIX
from msxsuite.paging import all_items

USER, TENANT = "user", "tenant"


@dataclass(frozen=True)
class Leftover:
    """A suite-made user or tenant, with the run tag its name carries."""

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


def find_leftovers(tenants_api, users_api) -> list[Leftover]:
    """Every suite-made user, then every suite-made tenant, newest first."""
    users = [Leftover(USER, u.id, u.username, run_tag_of(u.username))
             for u in all_items(users_api.get_users_page) if run_tag_of(u.username)]
    tenants = [Leftover(TENANT, t.id, t.name, run_tag_of(t.name), _utc(t.created_on))
               for t in all_items(tenants_api.get_tenants_page) if run_tag_of(t.name)]
    tenants.sort(key=lambda t: t.created_on, reverse=True)
    return users + tenants


def run_births(leftovers: list[Leftover], trails: dict[str, RunTrail]) -> dict[str, datetime]:
    """When each run began, as far as its tenants' createdOn and its ledger tell."""
    births = {tag: datetime.fromtimestamp(trail.started, timezone.utc) for tag, trail in trails.items()}
    for leftover in leftovers:
        if leftover.created_on is not None:
            births[leftover.run_tag] = min(births.get(leftover.run_tag, leftover.created_on), leftover.created_on)
    return births


def select_stale(leftovers: list[Leftover], trails: dict[str, RunTrail], older_than: timedelta,
                 now: datetime, spare: str | None = None) -> list[Leftover]:
    """The leftovers of runs that are over: dead by their ledger, or older than `older_than`.

    A run whose age nothing tells (users only, no ledger) counts as over only for an age of 0.
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


def delete_all(leftovers: list[Leftover], tenants_api, users_api, say: Callable[[str], None]) -> SweepResult:
    """Delete each leftover in order, saying what happened to each."""
    result = SweepResult()
    for leftover in leftovers:
        delete = users_api.delete_user if leftover.kind == USER else tenants_api.delete_tenant
        try:
            delete(leftover.id)
        except NotFoundException:
            say(f"already gone: {leftover}")
        except (OpenApiException, urllib3.exceptions.HTTPError, OSError) as error:
            result.failed.append(leftover)
            status = getattr(error, "status", None) or type(error).__name__
            say(f"could not delete {leftover}: {status} {getattr(error, 'reason', '') or ''}".rstrip())
        else:
            result.deleted.append(leftover)
            say(f"deleted {leftover}")
    return result


def sweep_stale(tenants_api, users_api, *, ledger_dir: Path, url: str, older_than: timedelta,
                spare: str | None = None, dry_run: bool = False,
                say: Callable[[str], None] = print) -> SweepResult:
    """Delete (or, dry, list) leftovers of runs that are over; forget ledgers of dead runs swept clean."""
    trails = read_trails(ledger_dir)
    stale = select_stale(find_leftovers(tenants_api, users_api), trails, older_than,
                         datetime.now(timezone.utc), spare)
    if dry_run:
        for leftover in stale:
            say(f"would delete {leftover}")
        return SweepResult()
    result = delete_all(stale, tenants_api, users_api, say)
    unfinished = {leftover.run_tag for leftover in result.failed}
    for tag, trail in trails.items():
        if trail.dead and tag not in unfinished and url in trail.urls:
            trail.path.unlink(missing_ok=True)
    return result


def sweep_run(tenants_api, users_api, run_tag: str, say: Callable[[str], None] = print) -> SweepResult:
    """Delete whatever of one run is still there (a run's own leftovers at its end)."""
    mine = [leftover for leftover in find_leftovers(tenants_api, users_api) if leftover.run_tag == run_tag]
    return delete_all(mine, tenants_api, users_api, say)
