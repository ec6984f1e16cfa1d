"""What an emulated MSX service is: resource kinds, seed data and one handler per contract operation.

A service module declares its kinds on the shared store and registers handlers by operationId;
the method, path and request rules of each come from the SDK's operation table, so a handler holds
only what is special to its operation. Every operation is answered in the same order:
401 (bearer token), 403 (permission), 400 (parameters, body, formats), then the handler's own answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Mapping

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from msx_emulator.auth import Principal, bearer_token
from msx_emulator.errors import ApiError
from msx_emulator.operations import operation_table
from msx_emulator.request_validation import (
    Format, check_body, check_form, check_parameters, format_body, format_parameters,
)
from msx_emulator.store import Kind, Store

if TYPE_CHECKING:
    from msx_emulator.backend import Backend
    from msx_emulator.config import EmulatorConfig


@dataclass
class Call:
    """One checked request as a handler sees it."""

    params: dict[str, Any]  # path and query parameters by contract name, converted and checked
    body: Any  # the checked JSON body (a model body keeps only its declared properties), the form's
    # fields (files as bytes) for a form operation, or None
    principal: Principal
    backend: Backend

    @property
    def store(self) -> Store:
        return self.backend.store


HandlerFunction = Callable[[Call], Any]


@dataclass(frozen=True)
class Handler:
    """How the emulator answers one contract operation."""

    operation_id: str
    function: HandlerFunction
    permission: str | None  # None: any authenticated user (the handler may check more)
    status: int  # the success status; 204 (or a None answer) sends no body
    formats: Mapping[str, Format]


@dataclass
class Service:
    """One MSX service: its kinds, its seed data and its handlers."""

    name: str  # the first path segment of its operations, e.g. "consume"
    kinds: tuple[Kind, ...] = ()
    seed: Callable[[Store, EmulatorConfig], None] | None = None
    handlers: list[Handler] = field(default_factory=list)

    def operation(self, operation_id: str, permission: str | None, status: int = 200,
                  formats: Mapping[str, Format] | None = None) -> Callable[[HandlerFunction], HandlerFunction]:
        """Register the decorated function as the handler of a contract operation."""
        if operation_id not in operation_table():
            raise ValueError(f"{operation_id} is not an operation of the installed python-msx-sdk")

        def register(function: HandlerFunction) -> HandlerFunction:
            self.handlers.append(Handler(operation_id, function, permission, status, formats or {}))
            return function

        return register


def route(handler: Handler) -> Route:
    """The Starlette route serving a handler at its operation's method and path."""
    operation = operation_table()[handler.operation_id]

    async def endpoint(request: Request) -> Response:
        backend: Backend = request.app.state.backend
        try:
            principal = backend.principal(bearer_token(request.headers.get("authorization")))
            if handler.permission is not None:
                principal.require(handler.permission)
            params = check_parameters(operation, request.path_params, request.query_params)
            format_parameters(handler.formats, params)
            raw = await request.body()
            if operation.located("form"):
                body = check_form(operation, raw, request.headers.get("content-type", ""))
            else:
                body = format_body(handler.formats, check_body(operation, raw))
            answer = handler.function(Call(params, body, principal, backend))
        except ApiError as error:
            return error.response()
        if isinstance(answer, Response):
            # Operations with more than one success status (or a text body) answer for themselves.
            return answer
        if handler.status == 204 or answer is None:
            return Response(status_code=handler.status)
        return JSONResponse(answer, handler.status)

    return Route(operation.path, endpoint, methods=[operation.method], name=handler.operation_id)
