"""Request checks with the rules of the contract's schemas; each failure is a 400 naming the field."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any, Mapping

from msx_emulator.errors import bad_request

INT32_MAX = 2**31 - 1
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")
UUID_TEXT = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


@dataclass(frozen=True)
class Field:
    """One property of a request body schema."""

    kind: type = str  # str, or list for an array of strings
    required: bool = False
    nullable: bool = False
    min_length: int | None = None
    max_length: int | None = None
    pattern: re.Pattern | None = None
    format: str | None = None  # "email" or "uuid"; for a list, the format of its items


def check_uuid(value: str, name: str) -> str:
    """The canonical (lower-case) form of a uuid, else a 400 naming `name`."""
    if not isinstance(value, str) or not UUID_TEXT.match(value):
        raise bad_request(f"{name} must be a uuid, got {value!r}", "INVALID_FIELD")
    return str(uuid.UUID(value))


def _check_string(value: Any, name: str, rule: Field) -> None:
    if not isinstance(value, str):
        raise bad_request(f"{name} must be a string", "INVALID_FIELD")
    if rule.min_length is not None and len(value) < rule.min_length:
        raise bad_request(f"{name} must be at least {rule.min_length} characters long", "INVALID_FIELD")
    if rule.max_length is not None and len(value) > rule.max_length:
        raise bad_request(f"{name} must be at most {rule.max_length} characters long", "INVALID_FIELD")
    if rule.pattern is not None and not rule.pattern.match(value):
        raise bad_request(f"{name} must match {rule.pattern.pattern}", "INVALID_FIELD")
    if rule.format == "email" and not EMAIL.match(value):
        raise bad_request(f"{name} must be an email address", "INVALID_FIELD")


def check_body(body: Any, schema: Mapping[str, Field]) -> dict[str, Any]:
    """The schema's properties of a JSON object body, checked; other properties are ignored."""
    if not isinstance(body, dict):
        raise bad_request("the request body must be a JSON object", "INVALID_BODY")
    checked = {}
    for name, rule in schema.items():
        if name not in body:
            if rule.required:
                raise bad_request(f"{name} is required", "MISSING_FIELD")
            continue
        value = body[name]
        if value is None:
            if not rule.nullable:
                raise bad_request(f"{name} must not be null", "INVALID_FIELD")
        elif rule.kind is list:
            if not isinstance(value, list):
                raise bad_request(f"{name} must be an array", "INVALID_FIELD")
            if rule.format == "uuid":
                value = [check_uuid(item, f"{name}[{index}]") for index, item in enumerate(value)]
            else:
                for index, item in enumerate(value):
                    _check_string(item, f"{name}[{index}]", Field())
        elif rule.format == "uuid":
            value = check_uuid(value, name)
        else:
            _check_string(value, name, rule)
        checked[name] = value
    return checked


def query_int(params: Mapping[str, str], name: str, minimum: int, maximum: int = INT32_MAX) -> int:
    """A required integer query parameter within bounds."""
    text = params.get(name)
    if text is None:
        raise bad_request(f"query parameter {name} is required", "MISSING_FIELD")
    if not re.fullmatch(r"[+-]?\d{1,10}", text):
        raise bad_request(f"query parameter {name} must be an integer, got {text!r}", "INVALID_FIELD")
    value = int(text)
    if not minimum <= value <= maximum:
        raise bad_request(f"query parameter {name} must be between {minimum} and {maximum}", "INVALID_FIELD")
    return value


def query_bool(params: Mapping[str, str], name: str) -> bool | None:
    """An optional boolean query parameter ("true" or "false")."""
    text = params.get(name)
    if text is None:
        return None
    if text.lower() not in ("true", "false"):
        raise bad_request(f"query parameter {name} must be true or false, got {text!r}", "INVALID_FIELD")
    return text.lower() == "true"


def query_uuid(params: Mapping[str, str], name: str) -> str | None:
    """An optional uuid query parameter."""
    text = params.get(name)
    return None if text is None else check_uuid(text, f"query parameter {name}")


def query_list(values: list[str], name: str) -> list[str]:
    """A required array query parameter, exploded as the contract says (`name=a&name=b`)."""
    if not values:
        raise bad_request(f"query parameter {name} is required", "MISSING_FIELD")
    return values
