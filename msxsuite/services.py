"""The MSX services: the contract's path prefixes, which service a test belongs to, and whether one answers.

Each service is asked once with one cheap request that has no effect (`PROBES`): an answer from
the service, even a 4xx, means it is deployed; a 404 for the probe's collection path means no
gateway route, so not deployed; no answer, a timeout or 502/503/504 after the read retries means down.
"""

from __future__ import annotations

from dataclasses import dataclass

import urllib3
from python_msx_sdk.exceptions import ApiException

CHECKLIST = "tests"
SERVICES = ("idm", "monitor", "consume", "manage", "workflow", "template", "incident", "billing", "licensing",
            "vulnerability", "auditing")
# One request per service that reads a collection (or, for auditing, which has no read, asks a method
# its only path refuses): none of them changes anything, and none can be a 404 of a deployed service.
PROBES = {
    "idm": ("GET", "/idm/api/v8/users/current", ()),
    "monitor": ("GET", "/monitor/api/v8/health/services/list", (("ids", "monitor"),)),
    "consume": ("GET", "/consume/api/v8/products/count", ()),
    "manage": ("GET", "/manage/api/v8/devicetemplates/list", ()),
    "workflow": ("GET", "/workflow/api/v8/categories/list", ()),
    "template": ("GET", "/template/api/v8/templates", (("page", 0), ("pageSize", 1))),
    "incident": ("GET", "/incident/api/v8/configurations", (("page", 0), ("pageSize", 1))),
    "billing": ("GET", "/billing/api/v8/prices", (("page", 0), ("pageSize", 1))),
    "licensing": ("GET", "/licensing/api/v8/accounts/smart/list", ()),
    "vulnerability": ("GET", "/vulnerability/api/v8/vulnerabilities", (("page", 0), ("pageSize", 1))),
    "auditing": ("GET", "/auditing/api/v8/genericevents", ()),
}
DEPLOYED, NOT_DEPLOYED, DOWN, NOT_LISTED = "deployed", "not deployed", "down", "not listed"
GATEWAY_STATUSES = (502, 503, 504)


def service_of(nodeid: str) -> str | None:
    """The service of a checklist node id, from its folder: tests/idm/test_tenants.py::x -> idm."""
    parts = nodeid.split("::", 1)[0].split("/")
    if len(parts) < 3 or parts[0] != CHECKLIST or parts[1] not in SERVICES:
        return None
    return parts[1]


@dataclass(frozen=True)
class Availability:
    """What one service's probe found: its state and, in a few words, what was seen."""

    state: str
    seen: str

    def as_dict(self) -> dict:
        return {"state": self.state, "seen": self.seen}


def unanswered(error: BaseException) -> str | None:
    """What shows a service stopped answering (transport failure, timeout, gateway status), else None."""
    if isinstance(error, ApiException):
        return f"{error.status} {error.reason}" if error.status in GATEWAY_STATUSES else None
    if isinstance(error, (urllib3.exceptions.HTTPError, ConnectionError)):
        reason = getattr(error, "reason", None) or error
        return f"no answer ({type(reason).__name__})"
    return None


def probe(client, service: str) -> Availability:
    """Ask one service its cheap question through an authorized ApiClient and judge the answer.

    The question goes to the client's own connection pool (its TLS settings, timeout and read
    retries), beneath the SDK: it asks whether the service answers, not what its answer holds, so
    neither the SDK's models nor the contract check judge it.
    """
    method, path, query = PROBES[service]
    asked = f"{method} {path}"
    headers = {"Accept": "application/json", **client.default_headers}
    try:
        response = client.rest_client.pool_manager.request(
            method, client.configuration.host + path, fields=list(query), headers=headers, timeout=client.timeout)
    except (urllib3.exceptions.HTTPError, OSError) as error:
        return Availability(DOWN, f"{unanswered(error) or type(error).__name__} from {asked}")
    if response.status in GATEWAY_STATUSES:
        return Availability(DOWN, f"{response.status} {response.reason} from {asked}")
    if response.status == 404:
        return Availability(NOT_DEPLOYED, f"404 from {asked}")
    return Availability(DEPLOYED, f"{response.status} from {asked}")
