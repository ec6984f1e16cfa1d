"""Formats of requests beyond msx_emulator.request_validation's: date-times, and ids of deletes without a 400.

Date-times are read as python-msx-sdk reads them, answered as MSX writes them and compared in filters: MSX
answers ISO-8601 UTC with milliseconds and Z; the SDK accepts looser forms (a date alone, an offset, no zone),
so a date-time sent in a body or a query is kept in the canonical form, a naive one taken as UTC.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Any

from dateutil.parser import isoparse

from msx_emulator.errors import bad_request
from msx_emulator.request_validation import invalid


def moment(text: str) -> datetime:
    """An aware UTC datetime of a text the request checks already accepted."""
    value = isoparse(text)
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def canonical(value: datetime) -> str:
    # Not strftime: its %Y drops the leading zeros of years before 1000 on some platforms.
    return (f"{value.year:04d}-{value.month:02d}-{value.day:02d}T{value.hour:02d}:{value.minute:02d}:"
            f"{value.second:02d}.{value.microsecond // 1000:03d}Z")


def datetime_format(value: Any, name: str) -> str:
    """The Format of a date-time field or parameter: its canonical text."""
    try:
        return canonical(moment(value))
    except (TypeError, ValueError, OverflowError):
        raise invalid(f"{name} must be an ISO-8601 date-time") from None


def check_range(params: dict[str, Any], start: str, end: str) -> None:
    """400 when a date range's start comes after its end."""
    if params.get(start) and params.get(end) and moment(params[start]) > moment(params[end]):
        raise bad_request(f"query parameter {start} must not be after {end}", "INVALID_FIELD")


def within(stamp: str, params: dict[str, Any], start: str, end: str) -> bool:
    """Whether a stamp lies in the range the query gives (both ends included, either may be absent)."""
    value = moment(stamp)
    return ((params.get(start) is None or moment(params[start]) <= value)
            and (params.get(end) is None or value <= moment(params[end])))


def known_id_format(value: Any, name: str) -> Any:
    """The canonical form of a uuid, anything else as sent: for deletes that document no 400 (a 404 then)."""
    try:
        return str(uuid.UUID(value))
    except (TypeError, ValueError):
        return value
