"""The emulator's ASGI application: the services' routes behind a traffic middleware."""

from __future__ import annotations

import asyncio

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from msx_emulator import admin_routes
from msx_emulator.admin_routes import ADMIN_PREFIX
from msx_emulator.backend import Backend
from msx_emulator.errors import ApiError
from msx_emulator.service import route
from msx_emulator.services import SERVICES
from msx_emulator.token_endpoint import TOKEN_PATH, token_endpoint


def _unavailable(service: str, availability: str) -> ApiError | None:
    """What a gateway answers for a service that is down (503) or has no route (404); None when up."""
    if availability == "down":
        return ApiError(503, "SERVICE_UNAVAILABLE", f"the {service} service is unavailable")
    if availability == "absent":
        return ApiError(404, "NOT_FOUND", f"no route to the {service} service")
    return None


class TrafficMiddleware:
    """Counts contract requests and applies the fault knobs; /_emulator/ routes pass untouched."""

    def __init__(self, app: ASGIApp, backend: Backend):
        self.app, self.backend = app, backend

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(ADMIN_PREFIX):
            await self.app(scope, receive, send)
            return
        backend = self.backend
        backend.traffic.count_request(token=scope["path"] == TOKEN_PATH)
        faults = backend.faults
        latency_ms = faults.settings.latency_ms
        if latency_ms:
            await asyncio.sleep(latency_ms / 1000)
        service = scope["path"].split("/")[1]
        error = _unavailable(service, faults.availability(service))
        if error is None and faults.should_fail():
            error = ApiError(faults.settings.error_status, "INJECTED_FAULT",
                             "the emulator's error_rate knob failed this request")
        if error is not None:
            await error.response()(scope, receive, send)
            return
        try:
            await self.app(scope, receive, send)
        except ClientDisconnect:
            pass  # the client gave up, e.g. its timeout ran out during the added latency: nobody to answer


async def _http_error(request: Request, error: HTTPException) -> Response:
    # Unknown paths and methods answer with the contract's Error body too.
    code = "NOT_FOUND" if error.status_code == 404 else "METHOD_NOT_ALLOWED" if error.status_code == 405 else "ERROR"
    return ApiError(error.status_code, code, f"{request.method} {request.url.path}: {error.detail}",
                    error.headers).response()


async def _server_error(request: Request, error: Exception) -> Response:
    return ApiError(500, "INTERNAL_ERROR", f"the emulator failed: {type(error).__name__}").response()


def build_app(backend: Backend) -> Starlette:
    """The ASGI app serving `backend`."""
    service_routes = [route(handler) for service in SERVICES for handler in service.handlers]
    # Literal paths before templated ones (/users/current before /users/{id}): the first full match wins.
    service_routes.sort(key=lambda r: r.path.count("{"))
    routes = [Route(TOKEN_PATH, token_endpoint, methods=["POST"]), *service_routes, *admin_routes.ROUTES]
    app = Starlette(routes=routes, middleware=[Middleware(TrafficMiddleware, backend=backend)],
                    exception_handlers={HTTPException: _http_error, Exception: _server_error})
    app.state.backend = backend
    return app
