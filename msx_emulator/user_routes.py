"""The seven user operations of /idm/api/v8/users."""

from __future__ import annotations

import re

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from msx_emulator.auth import Principal
from msx_emulator.backend import Backend
from msx_emulator.config import MANAGE_USERS, VIEW_USERS
from msx_emulator.errors import bad_request, forbidden
from msx_emulator.routing import json_body, operation
from msx_emulator.validation import Field, check_body, check_uuid, query_bool, query_int, query_uuid

USER_UPDATE = {
    "firstName": Field(),
    "lastName": Field(required=True),
    "email": Field(required=True, format="email"),
    "roleIds": Field(list, format="uuid"),
    "tenantIds": Field(list, format="uuid"),
    "passwordPolicyName": Field(),
    "locale": Field(nullable=True, min_length=2, max_length=16),
}
USER_CREATE = USER_UPDATE | {
    "username": Field(required=True, pattern=re.compile(r"^[a-zA-Z0-9_\-.@]{1,128}$")),
    "password": Field(nullable=True),
}
UPDATE_PASSWORD = {
    "username": Field(required=True),
    "oldPassword": Field(nullable=True),
    "newPassword": Field(required=True),
}
BASE = "/idm/api/v8/users"


@operation("GET", BASE, VIEW_USERS)
async def get_users_page(request: Request, backend: Backend, principal: Principal) -> Response:
    params = request.query_params
    page = query_int(params, "page", minimum=0)
    page_size = query_int(params, "pageSize", minimum=1, maximum=1000)
    users = backend.state.users_page(page, page_size, query_uuid(params, "tenantId"), query_bool(params, "deleted"))
    return JSONResponse(users)


@operation("POST", BASE, MANAGE_USERS)
async def create_user(request: Request, backend: Backend, principal: Principal) -> Response:
    fields = check_body(await json_body(request), USER_CREATE)
    if not fields.get("tenantIds"):
        # A user needs a tenant to get tokens in: without one it joins the creator's current tenant.
        fields["tenantIds"] = [principal.tenant_id]
    return JSONResponse(backend.state.create_user(fields), 201)


@operation("GET", BASE + "/current", None)
async def get_current_user(request: Request, backend: Backend, principal: Principal) -> Response:
    return JSONResponse(principal.user)


@operation("PUT", BASE + "/updatepassword", None)
async def update_user_password(request: Request, backend: Backend, principal: Principal) -> Response:
    """Users change their own password with the old one; MANAGE_USERS may set anyone's without it."""
    fields = check_body(await json_body(request), UPDATE_PASSWORD)
    username = fields["username"]
    state = backend.state
    if username.casefold() == principal.user["username"].casefold():
        old = fields.get("oldPassword")
        if old is None or state.authenticate(username, old) is None:
            raise bad_request("oldPassword is not the current password", "INVALID_FIELD")
    else:
        if not principal.may(MANAGE_USERS):
            raise forbidden(MANAGE_USERS)
        if state.user_by_username(username) is None:
            raise bad_request(f"username: no user named {username!r}", "INVALID_FIELD")
    state.set_password(username, fields["newPassword"])
    return Response(status_code=204)


@operation("GET", BASE + "/{id}", VIEW_USERS)
async def get_user(request: Request, backend: Backend, principal: Principal) -> Response:
    return JSONResponse(backend.state.get_user(check_uuid(request.path_params["id"], "id")))


@operation("PUT", BASE + "/{id}", MANAGE_USERS)
async def update_user(request: Request, backend: Backend, principal: Principal) -> Response:
    user_id = check_uuid(request.path_params["id"], "id")
    fields = check_body(await json_body(request), USER_UPDATE)
    return JSONResponse(backend.state.update_user(user_id, fields))


@operation("DELETE", BASE + "/{id}", MANAGE_USERS)
async def delete_user(request: Request, backend: Backend, principal: Principal) -> Response:
    backend.state.delete_user(check_uuid(request.path_params["id"], "id"))
    return Response(status_code=204)


ROUTES = [get_users_page, create_user, get_current_user, update_user_password, get_user, update_user, delete_user]
