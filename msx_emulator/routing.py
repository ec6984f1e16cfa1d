"""The plumbing every contract operation shares: bearer auth, a permission, JSON in and out."""

from __future__ import annotations

import json
from typing import Any, Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from msx_emulator.auth import Principal, principal_from_header
from msx_emulator.backend import Backend
from msx_emulator.errors import ApiError, bad_request

Handler = Callable[[Request, Backend, Principal], Awaitable[Response]]


def operation(method: str, path: str, permission: str | None) -> Callable[[Handler], Route]:
    """A route that authenticates the bearer token and checks `permission` before the handler runs."""

    def decorate(handler: Handler) -> Route:
        async def endpoint(request: Request) -> Response:
            backend: Backend = request.app.state.backend
            try:
                principal = principal_from_header(request.headers.get("authorization"), backend.tokens, backend.state)
                if permission is not None:
                    principal.require(permission)
                return await handler(request, backend, principal)
            except ApiError as error:
                return error.response()

        return Route(path, endpoint, methods=[method], name=handler.__name__)

    return decorate


async def json_body(request: Request) -> Any:
    """The parsed JSON request body, else a 400."""
    body = await request.body()
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise bad_request("the request body must be JSON", "INVALID_BODY") from None
