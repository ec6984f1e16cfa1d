"""The seven tenant operations of /idm/api/v8/tenants."""

from __future__ import annotations

import re

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from msx_emulator.auth import Principal
from msx_emulator.backend import Backend
from msx_emulator.config import MANAGE_TENANT, VIEW_TENANT
from msx_emulator.errors import bad_request
from msx_emulator.routing import json_body, operation
from msx_emulator.state import TENANT_SORT_KEYS
from msx_emulator.validation import Field, check_body, check_uuid, query_bool, query_int, query_list, query_uuid

# The contract gives this regular expression as the `format` of externalId.
EXTERNAL_ID = re.compile(r"^[a-zA-Z0-9-_=]{1,256}$")

TENANT_UPDATE = {
    "name": Field(required=True, min_length=1, max_length=128),
    "description": Field(nullable=True, max_length=256),
    "url": Field(nullable=True),
    "image": Field(nullable=True, max_length=40000),
    "email": Field(nullable=True, max_length=254, format="email"),
}
TENANT_CREATE = TENANT_UPDATE | {
    "parentId": Field(nullable=True, format="uuid"),
    "externalId": Field(nullable=True, pattern=EXTERNAL_ID),
}
BASE = "/idm/api/v8/tenants"


@operation("GET", BASE, VIEW_TENANT)
async def get_tenants_page(request: Request, backend: Backend, principal: Principal) -> Response:
    params = request.query_params
    page = query_int(params, "page", minimum=0)
    page_size = query_int(params, "pageSize", minimum=1, maximum=1000)
    sort_by, sort_order = params.get("sortBy"), params.get("sortOrder")
    if sort_by is not None and sort_by not in TENANT_SORT_KEYS:
        raise bad_request(f"query parameter sortBy must be one of {', '.join(TENANT_SORT_KEYS)}", "INVALID_FIELD")
    if sort_order is not None and sort_order not in ("asc", "desc"):
        raise bad_request("query parameter sortOrder must be asc or desc", "INVALID_FIELD")
    tenants = backend.state.tenants_page(page, page_size, query_uuid(params, "parentId"),
                                         bool(query_bool(params, "showImage")), sort_by, sort_order)
    return JSONResponse(tenants)


@operation("POST", BASE, MANAGE_TENANT)
async def create_tenant(request: Request, backend: Backend, principal: Principal) -> Response:
    fields = check_body(await json_body(request), TENANT_CREATE)
    return JSONResponse(backend.state.create_tenant(fields), 201)


@operation("GET", BASE + "/list", VIEW_TENANT)
async def get_tenants_list(request: Request, backend: Backend, principal: Principal) -> Response:
    params = request.query_params
    ids = [check_uuid(i, "query parameter ids") for i in query_list(params.getlist("ids"), "ids")]
    return JSONResponse(backend.state.tenants_by_ids(ids, bool(query_bool(params, "showImage"))))


@operation("GET", BASE + "/externalId/{externalId}", VIEW_TENANT)
async def get_tenant_by_external_id(request: Request, backend: Backend, principal: Principal) -> Response:
    external_id = request.path_params["externalId"]
    if not EXTERNAL_ID.match(external_id):
        raise bad_request(f"externalId must match {EXTERNAL_ID.pattern}", "INVALID_FIELD")
    show_image = bool(query_bool(request.query_params, "showImage"))
    return JSONResponse(backend.state.tenant_by_external_id(external_id, show_image))


@operation("GET", BASE + "/{id}", VIEW_TENANT)
async def get_tenant(request: Request, backend: Backend, principal: Principal) -> Response:
    return JSONResponse(backend.state.get_tenant(check_uuid(request.path_params["id"], "id")))


@operation("PUT", BASE + "/{id}", MANAGE_TENANT)
async def update_tenant(request: Request, backend: Backend, principal: Principal) -> Response:
    tenant_id = check_uuid(request.path_params["id"], "id")
    fields = check_body(await json_body(request), TENANT_UPDATE)
    return JSONResponse(backend.state.update_tenant(tenant_id, fields))


@operation("DELETE", BASE + "/{id}", MANAGE_TENANT)
async def delete_tenant(request: Request, backend: Backend, principal: Principal) -> Response:
    backend.state.delete_tenant(check_uuid(request.path_params["id"], "id"))
    return Response(status_code=204)


ROUTES = [get_tenants_page, create_tenant, get_tenants_list, get_tenant_by_external_id, get_tenant, update_tenant,
          delete_tenant]
