"""Incidents (the incident service): the ServiceNow settings, incidents and change requests raised through MSX.

The incident configuration (`/incident/api/v1/config`) is one object, seeded; ServiceNow
configurations are per tenant. Their secrets (clientSecret, password) are answered masked as the
contract's own example shows them, and a write that sends the mask back keeps the stored secret, so
what was read can be written back unchanged. Incidents and change requests get ServiceNow-style
numbers (INC0010001, CHG0010001) and a 32-hex externalId (a ServiceNow sys_id).

Where the contract is silent (see msx_emulator/README.md): a second open incident with the same
description in the same tenant, a second change request with the same name in the same tenant and a
second ServiceNow configuration for the same tenant and domain are conflicts (409); unknown tenants
are bad requests (400).
"""

from __future__ import annotations

import itertools
import uuid
from typing import Any, Callable

from msx_emulator.config import MANAGE_INCIDENT, MANAGE_INTEGRATION, VIEW_INCIDENT, VIEW_INTEGRATION, EmulatorConfig
from msx_emulator.errors import conflict, not_found
from msx_emulator.request_validation import invalid, uuid_format
from msx_emulator.service import Call, Service
from msx_emulator.store import Kind, Reference, Store

_numbers = itertools.count(10001)


def _servicenow_number(prefix: str) -> Callable[[], str]:
    return lambda: f"{prefix}{next(_numbers):07d}"


CONFIGURATION = Kind("incident_configuration", "incident configuration", label_field="domain", stamped=False)
INCIDENTS = Kind("incidents", "incident", label_field="description", new_id=_servicenow_number("INC"),
                 references=(Reference("tenant", "tenants", "incident(s)"),),
                 sortable=("id", "externalId", "category", "subcategory", "state", "priority", "severity", "impact",
                           "urgency", "createdOn", "modifiedOn"))
SERVICENOW_CONFIGURATIONS = Kind("servicenow_configurations", "ServiceNow configuration", label_field="domain",
                                 stamped=False,
                                 references=(Reference("tenantId", "tenants", "ServiceNow configuration(s)"),))
CHANGE_REQUESTS = Kind("change_requests", "change request", stamped=False, new_id=_servicenow_number("CHG"),
                       references=(Reference("tenantId", "tenants", "change request(s)"),))

CONFIGURATION_ID = "configuration"
SEEDED_CONFIGURATION = {"clientId": "emulator-servicenow-client", "clientSecret": "emulator-servicenow-secret",
                        "domain": "emulator.service-now.invalid", "password": "emulator-servicenow-password",
                        "userName": "msx-incidents", "criticalEvent": False, "proxy": None}
SECRETS = ("clientSecret", "password")
MASK = "*****"
# The contract's defaults of an incident's fields.
INCIDENT_DEFAULTS = {"category": "inquiry", "impact": "Low", "priority": "Planning", "severity": "Low",
                     "state": "New", "urgency": "Low"}
CLOSED_STATES = ("Resolved", "Close", "Canceled")
INCIDENT_FORMATS = {"tenant": uuid_format}
FORMATS = {"id": uuid_format, "tenantId": uuid_format}
CHANGE_REQUEST_FORMATS = {"tenantId": uuid_format}


def _seed(store: Store, config: EmulatorConfig) -> None:
    store.create(CONFIGURATION, SEEDED_CONFIGURATION, CONFIGURATION_ID)


SERVICE = Service("incident", kinds=(CONFIGURATION, INCIDENTS, SERVICENOW_CONFIGURATIONS, CHANGE_REQUESTS),
                  seed=_seed)


def _masked(item: dict[str, Any]) -> dict[str, Any]:
    return item | {name: MASK for name in SECRETS if item.get(name) is not None}


def _unmasked(body: dict[str, Any]) -> dict[str, Any]:
    """The fields to store: a secret sent back masked keeps its stored value."""
    return {name: value for name, value in body.items() if not (name in SECRETS and value == MASK)}


def _without_id(item: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in item.items() if name != "id"}


def _page(call: Call, kind: Kind, predicate, render=lambda item: item, sort_by=None, sort_order=None) -> dict:
    page = call.store.page(kind, call.params["page"], call.params["pageSize"], predicate, sort_by, sort_order)
    page["contents"] = [render(item) for item in page["contents"]]
    return page


def _matches(item: dict[str, Any], **wanted: Any) -> bool:
    """Whether the item has every wanted value (a None value: no filter)."""
    return all(value is None or item.get(name) == value for name, value in wanted.items())


# --- the incident configuration (one object) -------------------------------------------------

@SERVICE.operation("getConfiguration", VIEW_INTEGRATION)
def get_configuration(call: Call) -> dict:
    return _masked(_without_id(call.store.get(CONFIGURATION, CONFIGURATION_ID)))


@SERVICE.operation("updateConfiguration", MANAGE_INTEGRATION)
def update_configuration(call: Call) -> dict:
    return _masked(_without_id(call.store.update(CONFIGURATION, CONFIGURATION_ID, _unmasked(call.body))))


@SERVICE.operation("patchConfiguration", MANAGE_INTEGRATION)
def patch_configuration(call: Call) -> dict:
    return _masked(_without_id(call.store.update(CONFIGURATION, CONFIGURATION_ID, _unmasked(call.body))))


# --- incidents -------------------------------------------------------------------------------

@SERVICE.operation("getIncidents", VIEW_INCIDENT)
def get_incidents(call: Call) -> dict:
    params = call.params
    sort_order = params.get("sortOrder")
    if sort_order not in (None, "asc", "desc"):
        raise invalid(f"query parameter sortOrder must be asc or desc, got {sort_order!r}")
    wanted = {name: params.get(name) for name in ("id", "externalId", "category", "subcategory", "state", "priority",
                                                  "severity")}
    wanted["tenant"] = params.get("tenantId")
    return _page(call, INCIDENTS, lambda incident: _matches(incident, **wanted), sort_by=params.get("sortBy"),
                 sort_order=sort_order)


@SERVICE.operation("createIncident", MANAGE_INCIDENT, status=201, formats=INCIDENT_FORMATS)
def create_incident(call: Call) -> dict:
    user = call.principal.user["username"]
    # An incident raised without a tenant belongs to the tenant its creator's token is in.
    fields = INCIDENT_DEFAULTS | call.body
    fields["tenant"] = fields.get("tenant") or call.principal.tenant_id
    with call.store.lock:
        duplicate = call.store.first(INCIDENTS, lambda i: i["tenant"] == fields["tenant"]
                                     and i["description"] == fields["description"] and i["state"] not in CLOSED_STATES)
        if duplicate is not None:
            raise conflict(f"incident {duplicate['id']} of tenant {fields['tenant']} is open with this description")
        return call.store.create(INCIDENTS, fields | {"externalId": uuid.uuid4().hex, "notes": [], "createdBy": user,
                                                      "modifiedBy": user})


@SERVICE.operation("getIncident", VIEW_INCIDENT)
def get_incident(call: Call) -> dict:
    return call.store.get(INCIDENTS, call.params["id"])


@SERVICE.operation("updateIncident", MANAGE_INCIDENT, formats=INCIDENT_FORMATS)
def update_incident(call: Call) -> dict:
    return call.store.update(INCIDENTS, call.params["id"], call.body | {"modifiedBy": call.principal.user["username"]})


@SERVICE.operation("cancelIncident", MANAGE_INCIDENT, formats=INCIDENT_FORMATS)
def cancel_incident(call: Call) -> dict:
    with call.store.lock:
        incident = call.store.get(INCIDENTS, call.params["id"])
        if incident["tenant"] not in (None, call.body["tenant"]):
            raise invalid(f"tenant: incident {incident['id']} belongs to tenant {incident['tenant']}")
        notes = incident["notes"] + ([call.body["notes"]] if call.body.get("notes") else [])
        return call.store.update(INCIDENTS, incident["id"], {"state": "Canceled", "notes": notes,
                                                             "modifiedBy": call.principal.user["username"]})


@SERVICE.operation("deleteIncident", MANAGE_INCIDENT, status=204)
def delete_incident(call: Call) -> None:
    call.store.delete(INCIDENTS, call.params["id"])


# --- ServiceNow configurations ---------------------------------------------------------------

@SERVICE.operation("getServiceNowConfigurationsPage", VIEW_INTEGRATION, formats=FORMATS)
def get_servicenow_configurations_page(call: Call) -> dict:
    wanted = {name: call.params.get(name) for name in ("tenantId", "domain")}
    return _page(call, SERVICENOW_CONFIGURATIONS, lambda item: _matches(item, **wanted), _masked)


@SERVICE.operation("createServiceNowConfiguration", MANAGE_INTEGRATION, status=201, formats=FORMATS)
def create_servicenow_configuration(call: Call) -> dict:
    fields = _unmasked(call.body)
    tenant_id, domain = fields.get("tenantId"), fields.get("domain")
    with call.store.lock:
        if call.store.first(SERVICENOW_CONFIGURATIONS,
                            lambda item: item.get("tenantId") == tenant_id and item.get("domain") == domain):
            raise conflict(f"tenant {tenant_id} already has a ServiceNow configuration for domain {domain!r}")
        return _masked(call.store.create(SERVICENOW_CONFIGURATIONS, fields))


@SERVICE.operation("getServiceNowConfiguration", VIEW_INTEGRATION, formats=FORMATS)
def get_servicenow_configuration(call: Call) -> dict:
    return _masked(call.store.get(SERVICENOW_CONFIGURATIONS, call.params["id"]))


@SERVICE.operation("deleteServiceNowConfiguration", MANAGE_INTEGRATION, status=204, formats=FORMATS)
def delete_servicenow_configuration(call: Call) -> None:
    call.store.delete(SERVICENOW_CONFIGURATIONS, call.params["id"])


# --- change requests -------------------------------------------------------------------------

def _change_request(call: Call) -> dict:
    """The change request of the path, within the tenant of the query when one is given (else a 404)."""
    change_request = call.store.get(CHANGE_REQUESTS, call.params["id"])
    tenant_id = call.params.get("tenantId")
    if tenant_id is not None and change_request.get("tenantId") != tenant_id:
        raise not_found(f"change request {change_request['id']} in tenant", tenant_id)
    return change_request


@SERVICE.operation("getChangeRequestsPage", VIEW_INCIDENT, formats=CHANGE_REQUEST_FORMATS)
def get_change_requests_page(call: Call) -> dict:
    tenant_id = call.params.get("tenantId")
    return _page(call, CHANGE_REQUESTS, lambda item: _matches(item, tenantId=tenant_id))


@SERVICE.operation("createChangeRequest", MANAGE_INCIDENT, status=201, formats=CHANGE_REQUEST_FORMATS)
def create_change_request(call: Call) -> dict:
    name, tenant_id = call.body.get("name"), call.body.get("tenantId")
    with call.store.lock:
        if name is not None and call.store.first(
                CHANGE_REQUESTS, lambda item: item.get("name") == name and item.get("tenantId") == tenant_id):
            raise conflict(f"tenant {tenant_id} already has a change request named {name!r}")
        return call.store.create(CHANGE_REQUESTS, call.body | {"externalId": uuid.uuid4().hex})


@SERVICE.operation("getChangeRequest", VIEW_INCIDENT, formats=CHANGE_REQUEST_FORMATS)
def get_change_request(call: Call) -> dict:
    return _change_request(call)


@SERVICE.operation("updateChangeRequest", MANAGE_INCIDENT, formats=CHANGE_REQUEST_FORMATS)
def update_change_request(call: Call) -> dict:
    return call.store.update(CHANGE_REQUESTS, call.params["id"], call.body)


@SERVICE.operation("deleteChangeRequest", MANAGE_INCIDENT, status=204, formats=CHANGE_REQUEST_FORMATS)
def delete_change_request(call: Call) -> None:
    with call.store.lock:
        call.store.delete(CHANGE_REQUESTS, _change_request(call)["id"])
