"""The two role operations of IDM and the two health lists of the monitor service."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from msx_emulator.auth import Principal
from msx_emulator.backend import Backend
from msx_emulator.config import VIEW_ROLE, VIEW_STATUS
from msx_emulator.routing import operation
from msx_emulator.validation import check_uuid, query_list


@operation("GET", "/idm/api/v8/roles/list", VIEW_ROLE)
async def get_roles_list(request: Request, backend: Backend, principal: Principal) -> Response:
    ids = [check_uuid(i, "query parameter ids") for i in query_list(request.query_params.getlist("ids"), "ids")]
    return JSONResponse(backend.state.roles_by_ids(ids))


@operation("GET", "/idm/api/v8/roles/name/{name}", VIEW_ROLE)
async def get_role_by_name(request: Request, backend: Backend, principal: Principal) -> Response:
    return JSONResponse(backend.state.role_by_name(request.path_params["name"]))


@operation("GET", "/monitor/api/v8/health/services/list", VIEW_STATUS)
async def get_services_health_list(request: Request, backend: Backend, principal: Principal) -> Response:
    ids = query_list(request.query_params.getlist("ids"), "ids")
    return JSONResponse(backend.state.health_of("service", ids))


@operation("GET", "/monitor/api/v8/health/devices/list", VIEW_STATUS)
async def get_devices_health_list(request: Request, backend: Backend, principal: Principal) -> Response:
    ids = query_list(request.query_params.getlist("ids"), "ids")
    return JSONResponse(backend.state.health_of("device", ids))


ROUTES = [get_roles_list, get_role_by_name, get_services_health_list, get_devices_health_list]
