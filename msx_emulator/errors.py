"""Error answers: the contract's `Error` body for the API, RFC 6749 bodies for the token endpoint."""

from __future__ import annotations

from starlette.responses import JSONResponse


class ApiError(Exception):
    """Ends a request with `status` and an Error body {"code", "message"}."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers

    def response(self) -> JSONResponse:
        return JSONResponse({"code": self.code, "message": self.message}, self.status, self.headers)


def bad_request(message: str, code: str = "INVALID_REQUEST") -> ApiError:
    return ApiError(400, code, message)


def unauthenticated(message: str) -> ApiError:
    return ApiError(401, "UNAUTHENTICATED", message, {"WWW-Authenticate": 'Bearer realm="msx"'})


def forbidden(permission: str) -> ApiError:
    return ApiError(403, "FORBIDDEN", f"the access token lacks the {permission} permission")


def not_found(kind: str, key: str) -> ApiError:
    return ApiError(404, "NOT_FOUND", f"no {kind} {key}")


def conflict(message: str) -> ApiError:
    return ApiError(409, "CONFLICT", message)


class OAuthError(Exception):
    """Ends a token request with an RFC 6749 section 5.2 error response."""

    def __init__(self, error: str, description: str, status: int = 400):
        super().__init__(description)
        self.error, self.description, self.status = error, description, status

    def response(self) -> JSONResponse:
        headers = {"Cache-Control": "no-store", "Pragma": "no-cache"}
        if self.status == 401:
            # RFC 6749 5.2: a failed HTTP Basic client authentication answers 401 with the scheme used.
            headers["WWW-Authenticate"] = 'Basic realm="msx"'
        return JSONResponse({"error": self.error, "error_description": self.description}, self.status, headers)
