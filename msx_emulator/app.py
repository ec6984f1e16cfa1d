"""The emulator's ASGI application: Starlette routes behind a traffic middleware."""

from __future__ import annotations

import asyncio

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from msx_emulator import admin_routes, role_and_health_routes, tenant_routes, user_routes
from msx_emulator.admin_routes import ADMIN_PREFIX
from msx_emulator.backend import Backend
from msx_emulator.errors import ApiError
from msx_emulator.token_endpoint import token_endpoint

TOKEN_PATH = "/idm/v2/token"


class TrafficMiddleware:
    """Counts contract requests and applies the fault knobs; /_emulator/ routes pass untouched."""

    def __init__(self, app: ASGIApp, backend: Backend):
        self.app, self.backend = app, backend

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(ADMIN_PREFIX):
            await self.app(scope, receive, send)
            return
        backend = self.backend
        backend.state.count_request(token=scope["path"] == TOKEN_PATH)
        latency_ms = backend.faults.settings.latency_ms
        if latency_ms:
            await asyncio.sleep(latency_ms / 1000)
        if backend.faults.should_fail():
            response = ApiError(backend.faults.settings.error_status, "INJECTED_FAULT",
                                "the emulator's error_rate knob failed this request").response()
            await response(scope, receive, send)
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
    routes = [Route(TOKEN_PATH, token_endpoint, methods=["POST"]), *tenant_routes.ROUTES, *user_routes.ROUTES,
              *role_and_health_routes.ROUTES, *admin_routes.ROUTES]
    app = Starlette(routes=routes, middleware=[Middleware(TrafficMiddleware, backend=backend)],
                    exception_handlers={HTTPException: _http_error, Exception: _server_error})
    app.state.backend = backend
    return app
