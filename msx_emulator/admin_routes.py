"""Emulator-only routes under /_emulator/ (not part of the MSX contract, no auth, no faults)."""

from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from msx_emulator.backend import Backend
from msx_emulator.errors import ApiError, bad_request

ADMIN_PREFIX = "/_emulator/"
FAULT_KNOBS = ("latency_ms", "error_rate", "token_lifetime_seconds", "error_status", "services",
               "workflow_failing_step", "isolation_leak")


async def stats(request: Request) -> Response:
    backend: Backend = request.app.state.backend
    return JSONResponse(backend.stats())


async def reset(request: Request) -> Response:
    backend: Backend = request.app.state.backend
    backend.reset()
    return Response(status_code=204)


async def get_faults(request: Request) -> Response:
    backend: Backend = request.app.state.backend
    return JSONResponse(backend.faults.as_dict())


async def put_faults(request: Request) -> Response:
    """Replace the fault knobs; knobs the body leaves out are turned off."""
    backend: Backend = request.app.state.backend
    try:
        knobs = json.loads(await request.body() or b"{}")
        if not isinstance(knobs, dict) or set(knobs) - set(FAULT_KNOBS):
            raise bad_request(f"the body must be a JSON object with some of {', '.join(FAULT_KNOBS)}")
        backend.faults.set(**knobs)
    except ValueError as error:
        return bad_request(str(error)).response()
    except ApiError as error:
        return error.response()
    return JSONResponse(backend.faults.as_dict())


ROUTES = [
    Route(ADMIN_PREFIX + "stats", stats, methods=["GET"]),
    Route(ADMIN_PREFIX + "reset", reset, methods=["POST"]),
    Route(ADMIN_PREFIX + "faults", get_faults, methods=["GET"]),
    Route(ADMIN_PREFIX + "faults", put_faults, methods=["PUT"]),
]
