"""The operation table of the MSX contract, read from the installed python-msx-sdk.

python-msx-sdk is generated from the contract: each `python_msx_sdk.api.*_api` class builds one
`Endpoint` per operation whose settings, params_map and root_map carry the method, path, parameters,
their types, requiredness, enums and validations, and the body's model class. Reading them gives the
contract's operations without the contract document (which a standalone emulator may not have) and
without copying any schema into the emulator.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import re
from dataclasses import dataclass
from typing import Any

import python_msx_sdk.api
from python_msx_sdk import ApiClient, Configuration
from python_msx_sdk.api_client import Endpoint


@dataclass(frozen=True)
class Parameter:
    """One parameter of an operation, as the SDK declares it."""

    name: str  # the contract's name, e.g. pageSize ("body" for the request body)
    python_name: str  # the SDK's name, e.g. page_size: the key of its validations and allowed_values
    location: str  # path, query, header, form or body
    types: tuple  # the SDK's accepted types, e.g. (int,), ([str],), (ProductCreate,)
    required: bool
    collection_format: str | None  # how an array travels in a query: multi (name=a&name=b) or csv


@dataclass(frozen=True)
class Operation:
    """One contract operation: where it is served and what its request must hold."""

    operation_id: str  # the contract's camelCase operationId
    method: str
    path: str
    parameters: tuple[Parameter, ...]
    validations: dict[tuple[str], dict[str, Any]]
    allowed_values: dict[tuple[str], dict[str, Any]]

    @property
    def body(self) -> Parameter | None:
        return next((p for p in self.parameters if p.location == "body"), None)

    def located(self, location: str) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if p.location == location)


def camel_case(snake: str) -> str:
    """get_products_page -> getProductsPage (the contract's operationId)."""
    head, *rest = snake.split("_")
    return head + "".join(word[:1].upper() + word[1:] for word in rest)


def _operation(endpoint: Endpoint) -> Operation:
    settings, required = endpoint.settings, set(endpoint.params_map["required"])
    names = endpoint.attribute_map
    parameters = tuple(
        Parameter(name="body" if location == "body" else names.get(python_name, python_name),
                  python_name=python_name, location=location, types=endpoint.openapi_types[python_name],
                  required=python_name in required,
                  collection_format=endpoint.collection_format_map.get(python_name))
        for python_name, location in endpoint.location_map.items()
    )
    return Operation(camel_case(settings["operation_id"]), settings["http_method"], settings["endpoint_path"],
                     parameters, endpoint.validations, endpoint.allowed_values)


def api_classes() -> list[type]:
    """The SDK's API classes (TenantsApi, ProductsApi, ...)."""
    classes = []
    for module_info in pkgutil.iter_modules(python_msx_sdk.api.__path__):
        module = importlib.import_module(f"{python_msx_sdk.api.__name__}.{module_info.name}")
        classes.extend(value for name, value in vars(module).items() if isinstance(value, type)
                       and re.fullmatch(r"\w+Api", name) and value.__module__ == module.__name__)
    return classes


@functools.lru_cache(maxsize=1)
def operation_table() -> dict[str, Operation]:
    """Every operation of the installed SDK, keyed by its contract operationId."""
    # A client that never connects: the API classes need one to build their endpoints.
    client = ApiClient(Configuration(host="http://sdk.invalid"))
    table = {}
    for api_class in api_classes():
        api = api_class(client)
        for value in vars(api).values():
            if isinstance(value, Endpoint):
                operation = _operation(value)
                table[operation.operation_id] = operation
    return table


@functools.lru_cache(maxsize=1)
def service_names() -> tuple[str, ...]:
    """The MSX services, by the first segment of their operations' paths (idm, monitor, consume, ...)."""
    return tuple(sorted({operation.path.split("/")[1] for operation in operation_table().values()}))
