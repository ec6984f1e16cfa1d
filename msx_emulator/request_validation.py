"""Request checks with the rules python-msx-sdk carries for each operation; a failure is a 400 naming the field.

Parameters are converted from text to the SDK's types and checked with its validations and enums;
a JSON body is walked against the SDK's model classes (properties, types, nullability, required
constructor arguments, allOf parts, validations and enums). The SDK's own checks (`check_validations`,
`check_allowed_values`) judge the values. What the SDK does not carry (the formats uuid and email, the
contract's regular-expression formats, constraints on array items) is checked by the `Format`s a service
declares for an operation.
"""

from __future__ import annotations

import inspect
import json
import re
import uuid
from datetime import date, datetime
from email import policy
from email.parser import BytesParser
from typing import Any, Callable, Mapping

from python_msx_sdk.model_utils import (
    ModelComposed, ModelSimple, OpenApiModel, check_allowed_values, check_validations, deserialize_primitive,
    none_type,
)

from msx_emulator.errors import ApiError, bad_request
from msx_emulator.operations import Operation, Parameter

# Every integer query parameter of the contract is an int32 (the SDK does not carry formats).
INT32_MIN, INT32_MAX = -2**31, 2**31 - 1
# The SDK's type tuple for a schema without a type: anything goes.
ANY_TYPE = (bool, date, datetime, dict, float, int, list, str, none_type)
UUID_TEXT = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
EMAIL_TEXT = re.compile(r"^[^@\s]+@[^@\s]+$")

# Checks a value the contract gives a format for; returns its canonical form or raises a 400 naming `name`.
Format = Callable[[Any, str], Any]


def invalid(message: str) -> ApiError:
    return bad_request(message, "INVALID_FIELD")


def uuid_format(value: Any, name: str) -> str:
    """The canonical (lower-case) form of a uuid."""
    if not isinstance(value, str) or not UUID_TEXT.match(value):
        raise invalid(f"{name} must be a uuid, got {value!r}")
    return str(uuid.UUID(value))


def email_format(value: Any, name: str) -> str:
    if not isinstance(value, str) or not EMAIL_TEXT.match(value):
        raise invalid(f"{name} must be an email address")
    return value


def pattern_format(pattern: str) -> Format:
    """A format the contract writes as a regular expression (where `pattern` belonged)."""
    compiled = re.compile(pattern)

    def check(value: Any, name: str) -> Any:
        if not isinstance(value, str) or not compiled.match(value):
            raise invalid(f"{name} must match {pattern}")
        return value

    return check


def length_format(minimum: int, maximum: int) -> Format:
    """String lengths the contract sets on the items of an array, which the SDK does not carry."""

    def check(value: Any, name: str) -> Any:
        if not isinstance(value, str) or not minimum <= len(value) <= maximum:
            raise invalid(f"{name} must be {minimum} to {maximum} characters long")
        return value

    return check


# --- parameters ------------------------------------------------------------------------------

def _sdk_message(error: ValueError, parameter_name: str, shown_name: str) -> str:
    return str(error).replace(f"`{parameter_name}`", f"`{shown_name}`")


def _from_text(text: str, types: tuple, name: str) -> Any:
    for kind in types:
        if kind is str:
            return text
        if kind is bool:
            if text.lower() not in ("true", "false"):
                raise invalid(f"{name} must be true or false, got {text!r}")
            return text.lower() == "true"
        if kind is int:
            if not re.fullmatch(r"[+-]?\d{1,10}", text) or not INT32_MIN <= int(text) <= INT32_MAX:
                raise invalid(f"{name} must be a 32-bit integer, got {text!r}")
            return int(text)
        if kind is float:
            try:
                return float(text)
            except ValueError:
                raise invalid(f"{name} must be a number, got {text!r}") from None
        if kind in (datetime, date):
            try:
                deserialize_primitive(text, kind, [name])
                return text
            except ValueError:
                raise invalid(f"{name} must be an ISO-8601 {kind.__name__}, got {text!r}") from None
        if isinstance(kind, type) and issubclass(kind, ModelSimple):
            value = _from_text(text, kind.openapi_types["value"], name)
            _check_values(kind, "value", value, name)
            return value
    raise invalid(f"{name} has a type the emulator cannot read")


def check_parameters(operation: Operation, path: Mapping[str, str], query) -> dict[str, Any]:
    """The path and query parameters by contract name, converted to the SDK's types and checked."""
    values: dict[str, Any] = {}
    for parameter in operation.located("path") + operation.located("query"):
        shown = parameter.name if parameter.location == "path" else f"query parameter {parameter.name}"
        value = _parameter_value(parameter, path, query, shown)
        if value is None:
            if parameter.required:
                raise bad_request(f"{shown} is required", "MISSING_FIELD")
            continue
        try:
            if (parameter.python_name,) in operation.validations:
                check_validations(operation.validations, (parameter.python_name,), value)
            if (parameter.python_name,) in operation.allowed_values:
                check_allowed_values(operation.allowed_values, (parameter.python_name,), value)
        except ValueError as error:
            raise invalid(f"{shown}: {_sdk_message(error, parameter.python_name, parameter.name)}") from None
        values[parameter.name] = value
    return values


def _parameter_value(parameter: Parameter, path: Mapping[str, str], query, shown: str) -> Any:
    if parameter.location == "path":
        text = path.get(parameter.name)
        return None if text is None else _from_text(text, parameter.types, shown)
    item_types = next((kind for kind in parameter.types if isinstance(kind, list)), None)
    if item_types is None:
        text = query.get(parameter.name)
        return None if text is None else _from_text(text, parameter.types, shown)
    texts = query.getlist(parameter.name)
    if parameter.collection_format == "csv":
        texts = [part for text in texts for part in text.split(",")]
    return [_from_text(text, tuple(item_types), shown) for text in texts] or None


# --- bodies ----------------------------------------------------------------------------------

def check_body(operation: Operation, raw: bytes) -> Any:
    """The JSON body checked against the SDK's type for it; a model body keeps only its declared properties."""
    parameter = operation.body
    if parameter is None:
        return None
    if not raw.strip():
        if parameter.required:
            raise bad_request("the request body is required", "MISSING_FIELD")
        return None
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise bad_request("the request body must be JSON", "INVALID_BODY") from None
    _conform(body, parameter.types, "body")
    model = next((kind for kind in parameter.types if _is_model(kind)), None)
    if model is not None and isinstance(body, dict):
        declared = set(model.attribute_map.values())
        body = {name: value for name, value in body.items() if name in declared}
    return body


def check_form(operation: Operation, raw: bytes, content_type: str) -> dict[str, Any]:
    """The declared fields of a multipart/form-data body by contract name: files as bytes, the rest as text."""
    parts = {}
    # No body at all is a form without fields (what python-msx-sdk sends when no field is given).
    if raw.strip():
        if not content_type.lower().startswith("multipart/form-data"):
            raise bad_request("the request body must be multipart/form-data", "INVALID_BODY")
        message = BytesParser(policy=policy.HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + raw)
        if message.defects or not message.is_multipart():
            raise bad_request("the multipart/form-data body cannot be read", "INVALID_BODY")
        parts = {part.get_param("name", header="content-disposition"): part for part in message.iter_parts()}
    values: dict[str, Any] = {}
    for field in operation.located("form"):
        part = parts.get(field.name)
        if part is None:
            if field.required:
                raise bad_request(f"{field.name} is required", "MISSING_FIELD")
            continue
        data = part.get_payload(decode=True) or b""
        values[field.name] = data if part.get_filename() is not None else data.decode("utf-8", "replace")
    return values


def _is_model(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, OpenApiModel)


def _child(path: str, name: str | int) -> str:
    if isinstance(name, int):
        return f"{path}[{name}]"
    return name if path == "body" else f"{path}.{name}"


def _matches(value: Any, kind: Any) -> bool:
    """Whether a JSON value has the shape of one SDK type (before its contents are checked)."""
    if isinstance(kind, list):
        return isinstance(value, list)
    if isinstance(kind, dict) or kind is dict:
        return isinstance(value, dict)
    if _is_model(kind):
        return not isinstance(value, dict) if issubclass(kind, ModelSimple) else isinstance(value, dict)
    if kind is bool:
        return isinstance(value, bool)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind in (str, datetime, date):
        return isinstance(value, str)
    return kind is list and isinstance(value, list)


def _describe(types: tuple) -> str:
    names = []
    for kind in types:
        if isinstance(kind, list):
            names.append("an array")
        elif isinstance(kind, dict) or kind is dict or (_is_model(kind) and not issubclass(kind, ModelSimple)):
            names.append("an object")
        elif kind is not none_type:
            names.append({bool: "a boolean", int: "an integer", float: "a number", str: "a string",
                          datetime: "an ISO-8601 date-time", date: "an ISO-8601 date"}.get(kind, "a string"))
    return " or ".join(dict.fromkeys(names))


def _conform(value: Any, types: tuple, path: str) -> None:
    """Raise a 400 naming `path` unless the JSON value fits the SDK types, contents included."""
    if all(kind in types for kind in ANY_TYPE):
        return
    if value is None:
        if none_type in types or any(_is_model(kind) and kind._nullable for kind in types):
            return
        raise invalid(f"{path} must not be null")
    kind = next((kind for kind in types if _matches(value, kind)), None)
    if kind is None:
        raise invalid(f"{path} must be {_describe(types)}")
    if isinstance(kind, list):
        for index, item in enumerate(value):
            _conform(item, tuple(kind), _child(path, index))
    elif isinstance(kind, dict):
        for key, item in value.items():
            _conform(item, tuple(kind[str]), _child(path, key))
    elif kind in (datetime, date):
        try:
            deserialize_primitive(value, kind, [path])
        except ValueError:
            raise invalid(f"{path} must be {_describe((kind,))}") from None
    elif _is_model(kind):
        _check_model(value, kind, path)


def _required(model: type) -> set[str]:
    """The contract names of a model's required properties: its constructor's arguments, and its allOf parts'."""
    parameters = inspect.signature(model.__init__).parameters.values()
    names = {model.attribute_map.get(p.name, p.name) for p in list(parameters)[1:]
             if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD}
    if issubclass(model, ModelComposed):
        for part in model._composed_schemas.get("allOf", ()):
            names |= _required(part)
    return names


def _check_values(model: type, python_name: str, value: Any, shown: str) -> None:
    try:
        if (python_name,) in model.validations:
            check_validations(model.validations, (python_name,), value)
        if (python_name,) in model.allowed_values:
            check_allowed_values(model.allowed_values, (python_name,), value)
    except ValueError as error:
        raise invalid(_sdk_message(error, python_name, shown)) from None


def _check_model(value: Any, model: type, path: str) -> None:
    """A model's properties, required ones and allOf parts included.

    The SDK merges oneOf and anyOf parts into a model's properties: they are checked as optional
    properties, not as alternatives (no emulated operation takes such a body yet).
    """
    if issubclass(model, ModelSimple):
        _conform(value, model.openapi_types["value"], path)
        _check_values(model, "value", value, path)
        return
    missing = sorted(_required(model) - set(value))
    if missing:
        raise bad_request(f"{_child(path, missing[0])} is required", "MISSING_FIELD")
    for python_name, types in model.openapi_types.items():
        name = model.attribute_map[python_name]
        if name in value:
            shown = _child(path, name)
            _conform(value[name], types, shown)
            _check_values(model, python_name, value[name], shown)


def format_parameters(formats: Mapping[str, Format], params: dict[str, Any]) -> None:
    """Check the declared formats of parameters, replacing each value by its canonical form."""
    for name, value in params.items():
        if name in formats and value is not None:
            params[name] = _formatted(formats[name], value, name)


def format_body(formats: Mapping[str, Format], body: Any) -> Any:
    """The body with the declared formats of its top-level fields checked and canonical.

    A format named "body" checks the whole body (each item of an array body).
    """
    if body is None:
        return None
    if "body" in formats:
        return _formatted(formats["body"], body, "body")
    if isinstance(body, dict):
        return {name: _formatted(formats[name], value, name) if name in formats and value is not None else value
                for name, value in body.items()}
    return body


def _formatted(check: Format, value: Any, name: str) -> Any:
    if isinstance(value, list):
        return [check(item, f"{name}[{index}]") for index, item in enumerate(value)]
    return check(value, name)
