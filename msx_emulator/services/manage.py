"""Manage: sites, devices, device templates and the services ordered from the Catalog.

Every site, device and service belongs to a tenant, and a read or a write needs access to it (the token's
ACCESS_ALL_TENANTS, or the tenant is one of the user's tenants or below them); pages list only those.
A managed device's changes go through a change request (202, completed at once); an unmanaged device's
apply at once (200/204). Where the contract is silent, see msx_emulator/README.md ("Manage").
"""

from __future__ import annotations

import re
import secrets
import uuid
import xml.etree.ElementTree as ElementTree
from typing import Any, Callable, Iterable

from starlette.responses import JSONResponse, PlainTextResponse, Response

from msx_emulator.config import (
    ACCESS_ALL_TENANTS, MANAGE_DEVICES, MANAGE_SERVICES, MANAGE_SITES, MANAGE_TEMPLATES, VIEW_ALL_TEMPLATES,
    VIEW_DEVICE_RUNNING_CONFIG, VIEW_DEVICES, VIEW_SERVICES, VIEW_SITES,
)
from msx_emulator.errors import ApiError, bad_request, not_found
from msx_emulator.request_validation import email_format, invalid, length_format, uuid_format
from msx_emulator.service import Call, Service
from msx_emulator.services.consume import OFFERS, PRODUCTS
from msx_emulator.services.idm import TENANTS, visible_tenants
from msx_emulator.store import Kind, Reference, Store

# Kept inside the resources, never answered: a site's device ids, a device's template history and running
# config, the tenants a device template is granted to (mirrors tenantAccess so tenant deletes see them).
SITE_DEVICES, HISTORY, RUNNING_CONFIG, GRANTED = "deviceIds", "templateHistory", "runningConfig", "grantedTenantIds"
APPLIED, DETACHED = "Applied", "Detached"
COMPLIANCE_STATES = ("COMPLIANT", "NOT_COMPLIANT", "APPLICABLE", "NOT_APPLICABLE", "UNKNOWN")
# NSO template variables: {$name}.
TEMPLATE_VARIABLE = re.compile(r"\{\$([A-Za-z_][\w-]*)\}")
EVERYTHING = 2**31 - 1


def _msx_id(suffix: str) -> str:
    """A service-instance or subscription id in the shape a real MSX gives (not a uuid)."""
    return f"emu{secrets.randbelow(10**9):09d}-{uuid.uuid4().hex}-{suffix}"


SITES = Kind("sites", "site", references=(Reference("tenantId", "tenants", "site(s)"),
                                          Reference("parentId", "sites", "child site(s)", delete_status=400)))
SERVICES = Kind("services", "service", label_field="subscriptionId", new_id=lambda: _msx_id("svc"),
                references=(Reference("tenantId", "tenants", "service(s)"),))
DEVICES = Kind("devices", "device",
               references=(Reference("tenantId", "tenants", "device(s)"),
                           Reference("serviceInstanceId", "services", "device(s)", delete_status=400)),
               sortable=("name", "type", "subType", "model", "serialKey", "version", "serviceType", "createdOn",
                         "modifiedOn"))
DEVICE_TEMPLATES = Kind("device_templates", "device template", stamped=False,
                        references=(Reference(GRANTED, "tenants", "device template grant(s)"),))
SERVICE = Service("manage", kinds=(SITES, SERVICES, DEVICES, DEVICE_TEMPLATES))

SITE_FORMATS = {"id": uuid_format, "tenantId": uuid_format, "parentId": uuid_format}
DEVICE_FORMATS = {"tenantId": uuid_format, "tenantIds": uuid_format, "templateId": uuid_format}
TEMPLATE_FORMATS = {"id": uuid_format, "tenantId": uuid_format, "tags": length_format(1, 128)}
SERVICE_FORMATS = {"productId": uuid_format, "offerId": uuid_format, "tenantIds": uuid_format,
                   "transactionUUID": uuid_format}
SITE_DEFAULTS = {"parentId": None, "type": None, "description": None, "address": None, "contact": None,
                 "image": None, "managingControlPlaneId": None, "attributes": None, "location": None,
                 "serviceIds": [], SITE_DEVICES: []}
# What a device's PUT resets when left out; PATCH keeps it.
DEVICE_DEFAULTS = {"serviceType": None, "tags": None, "managed": False, "attributes": None, "subType": None,
                   "serialKey": None, "version": None, "complianceState": "UNKNOWN", "onboardInformation": None}
DEVICE_PAGE_FILTERS = {"deviceIds": "id", "serviceIds": "serviceInstanceId", "types": "type",
                       "serialKeys": "serialKey", "serviceTypes": "serviceType", "models": "model",
                       "subtypes": "subType", "names": "name", "versions": "version",
                       "complianceStates": "complianceState", "vulnerabilityStates": "vulnerabilityState"}


# --- tenants and access ------------------------------------------------------------------------

def _tenant_tree(store: Store, tenant_ids: Iterable[str]) -> set[str]:
    """The tenants named and every tenant below them."""
    found: set[str] = set()
    frontier = set(tenant_ids)
    while frontier:
        found |= frontier
        frontier = {t["id"] for t in _all(store, TENANTS, lambda t: t["parentId"] in frontier)} - found
    return found


def _provider_of(store: Store, tenant_id: str) -> str:
    """The top tenant above a tenant (the provider)."""
    tenant = store.get(TENANTS, tenant_id)
    while tenant["parentId"] is not None:
        tenant = store.get(TENANTS, tenant["parentId"])
    return tenant["id"]


def _require_tenant(call: Call, tenant_id: str, field: str = "tenantId") -> None:
    """400 for an unknown tenant; 403 unless the caller has access to it."""
    if not call.store.exists(TENANTS, tenant_id):
        raise invalid(f"{field}: no tenant with id {tenant_id}")
    principal = call.principal
    if not principal.may(ACCESS_ALL_TENANTS) and tenant_id not in _tenant_tree(call.store,
                                                                               principal.user["tenantIds"]):
        raise ApiError(403, "FORBIDDEN", f"the access token has no access to tenant {tenant_id}")


def _in_scope(call: Call) -> Callable[[dict], bool]:
    """Whether an object's tenant is one the caller has access to (what its pages may list)."""
    visible = visible_tenants(call.store, call.principal)
    return lambda item: visible is None or item["tenantId"] in visible


def _readable(call: Call, item: dict) -> dict:
    """The object, if the caller has access to its tenant (403 otherwise, as for writes)."""
    _require_tenant(call, item["tenantId"])
    return item


def _all(store: Store, kind: Kind, predicate: Callable[[dict], bool] | None = None) -> list[dict]:
    return store.page(kind, 0, EVERYTHING, predicate)["contents"]


def _without(item: dict, *hidden: str) -> dict:
    return {name: value for name, value in item.items() if name not in hidden}


def _require_fields(body: dict, names: Iterable[str]) -> None:
    # The contract requires these where the SDK's model lost them (declared in another allOf part).
    for name in names:
        if body.get(name) is None:
            raise bad_request(f"{name} is required", "MISSING_FIELD")


def _pending(item_id: str, path: str) -> JSONResponse:
    """202: a change request, which the emulator completes at once."""
    request_id = str(uuid.uuid4())
    return JSONResponse({"changeRequestId": request_id,
                         "changeRequestUrl": f"/manage/api/v8/{path}/{item_id}/changerequests/{request_id}"}, 202)


# --- sites -------------------------------------------------------------------------------------

def _render_site(store: Store, site: dict, show_image: bool = True) -> dict:
    # DeviceSummary's fields are not nullable: a device without a service leaves them out.
    devices = [{name: value for name, value in (("deviceId", d["id"]), ("serviceId", d["serviceInstanceId"]),
                                                ("serviceType", d["serviceType"])) if value is not None}
               for d in store.by_ids(DEVICES, site[SITE_DEVICES])]
    return _without(site, SITE_DEVICES) | {"devices": devices, "image": site["image"] if show_image else None}


def _check_members(call: Call, tenant_id: str, kind: Kind, ids: list[str], field: str) -> None:
    """Every id names a resource of the kind in the site's tenant (400 otherwise)."""
    for index, member_id in enumerate(ids):
        if not call.store.exists(kind, member_id):
            raise invalid(f"{field}[{index}]: no {kind.noun} with id {member_id}")
        if call.store.get(kind, member_id)["tenantId"] != tenant_id:
            raise invalid(f"{field}[{index}]: {kind.noun} {member_id} belongs to another tenant")


def _check_site_body(body: dict, site_id: str | None = None) -> None:
    contact = body.get("contact")
    if contact and contact.get("email") is not None:
        email_format(contact["email"], "contact.email")
    if site_id is not None and body.get("parentId") == site_id:
        raise invalid("parentId: a site cannot be its own parent")


@SERVICE.operation("getSitesPage", VIEW_SITES, formats=SITE_FORMATS)
def get_sites_page(call: Call) -> dict:
    params, store = call.params, call.store
    with store.lock:
        tenants = None
        if "tenantId" in params:
            tenants = (_tenant_tree(store, [params["tenantId"]]) if params.get("includeSubtenants")
                       else {params["tenantId"]})
        service_types = {d["id"]: d["serviceType"] for d in _all(store, DEVICES)}
        in_scope = _in_scope(call)

        def matches(site: dict) -> bool:
            return (in_scope(site) and (tenants is None or site["tenantId"] in tenants)
                    and ("serviceId" not in params or params["serviceId"] in site["serviceIds"])
                    and ("deviceId" not in params or params["deviceId"] in site[SITE_DEVICES])
                    and ("serviceType" not in params
                         or params["serviceType"] in {service_types.get(d) for d in site[SITE_DEVICES]})
                    and all(name not in params or params[name] == site[name]
                            for name in ("parentId", "type", "managingControlPlaneId")))

        page = store.page(SITES, params["page"], params["pageSize"], matches)
        page["contents"] = [_render_site(store, s, params.get("showImage", False)) for s in page["contents"]]
        return page


@SERVICE.operation("createSite", MANAGE_SITES, status=201, formats=SITE_FORMATS)
def create_site(call: Call) -> dict:
    body, store = call.body, call.store
    _check_site_body(body)
    with store.lock:
        _require_tenant(call, body["tenantId"])
        _check_members(call, body["tenantId"], DEVICES, body.get("deviceIds") or [], "deviceIds")
        _check_members(call, body["tenantId"], SERVICES, body.get("serviceIds") or [], "serviceIds")
        user, now = call.principal.user["username"], store.clock.stamp()
        status = {"type": "unknown", "name": "unknown", "value": "unknown", "severity": "unknown",
                  "lastUpdated": now, "lastUpdatedMessage": "Site created"}
        fields = SITE_DEFAULTS | {"status": status, "createdBy": user, "modifiedBy": user} | body
        fields[SITE_DEVICES] = list(dict.fromkeys(fields[SITE_DEVICES] or []))
        fields["serviceIds"] = list(dict.fromkeys(fields["serviceIds"] or []))
        return _render_site(store, store.create(SITES, fields))


@SERVICE.operation("getSite", VIEW_SITES, formats=SITE_FORMATS)
def get_site(call: Call) -> dict:
    with call.store.lock:
        site = _readable(call, call.store.get(SITES, call.params["id"]))
        return _render_site(call.store, site, call.params.get("showImage", False))


@SERVICE.operation("updateSite", MANAGE_SITES, formats=SITE_FORMATS)
def update_site(call: Call) -> dict:
    # Fields left out keep their values (as for tenants); sendNotification has nothing to notify here.
    site_id, store = call.params["id"], call.store
    with store.lock:
        site = store.get(SITES, site_id)
        _require_tenant(call, site["tenantId"])
        _check_site_body(call.body, site_id)
        changes = call.body | {"modifiedBy": call.principal.user["username"]}
        return _render_site(store, store.update(SITES, site_id, changes))


@SERVICE.operation("deleteSite", MANAGE_SITES, status=204, formats=SITE_FORMATS)
def delete_site(call: Call) -> None:
    site_id, store = call.params["id"], call.store
    with store.lock:
        site = store.get(SITES, site_id)
        _require_tenant(call, site["tenantId"])
        if site[SITE_DEVICES] or site["serviceIds"]:
            raise bad_request(f"site {site_id} still has {len(site[SITE_DEVICES])} device(s) and "
                              f"{len(site['serviceIds'])} service(s): remove them first", "IN_USE")
        store.delete(SITES, site_id)


def _change_site_members(call: Call, kind: Kind, field: str, add: bool) -> dict:
    site_id, store, ids = call.params["id"], call.store, call.body
    if not ids:
        raise invalid("body must name at least one id")
    with store.lock:
        site = store.get(SITES, site_id)
        _require_tenant(call, site["tenantId"])
        if add:
            _check_members(call, site["tenantId"], kind, ids, "body")
            members = list(dict.fromkeys(site[field] + ids))
        else:
            # Ids that are not members are ignored: removing is idempotent.
            members = [member for member in site[field] if member not in ids]
        changes = {field: members, "modifiedBy": call.principal.user["username"]}
        return _render_site(store, store.update(SITES, site_id, changes))


@SERVICE.operation("addDevicesToSite", MANAGE_SITES, formats={"id": uuid_format})
def add_devices_to_site(call: Call) -> dict:
    return _change_site_members(call, DEVICES, SITE_DEVICES, add=True)


@SERVICE.operation("removeDevicesFromSite", MANAGE_SITES, formats={"id": uuid_format})
def remove_devices_from_site(call: Call) -> dict:
    return _change_site_members(call, DEVICES, SITE_DEVICES, add=False)


@SERVICE.operation("addServicesToSite", MANAGE_SITES, formats={"id": uuid_format})
def add_services_to_site(call: Call) -> dict:
    return _change_site_members(call, SERVICES, "serviceIds", add=True)


# The contract gives this one path id no uuid format (the other site operations have it).
@SERVICE.operation("removeServicesFromSite", MANAGE_SITES)
def remove_services_from_site(call: Call) -> dict:
    return _change_site_members(call, SERVICES, "serviceIds", add=False)


def _leave_sites(store: Store, field: str, member_id: str) -> None:
    """A deleted device or service leaves every site that listed it."""
    for site in _all(store, SITES, lambda s: member_id in s[field]):
        store.update(SITES, site["id"], {field: [m for m in site[field] if m != member_id]})


# --- devices -----------------------------------------------------------------------------------

def _render_device(device: dict) -> dict:
    return _without(device, HISTORY, RUNNING_CONFIG)


def _check_device_body(body: dict, required: Iterable[str] = ()) -> None:
    _require_fields(body, required)
    state = body.get("complianceState")
    if state is not None and state not in COMPLIANCE_STATES:
        raise invalid(f"complianceState must be one of {', '.join(COMPLIANCE_STATES)}")


def _writable_device(call: Call) -> dict:
    """The device of the path (404), if the caller may change it (403)."""
    device = call.store.get(DEVICES, call.params["id"])
    _require_tenant(call, device["tenantId"])
    return device


@SERVICE.operation("getDevicesPage", VIEW_DEVICES, formats=DEVICE_FORMATS)
def get_devices_page(call: Call) -> dict:
    params, store = call.params, call.store
    with store.lock:
        tenants = params.get("tenantIds")
        if tenants is not None and params.get("includeSubtenants"):
            tenants = _tenant_tree(store, tenants)
        filters = {field: params[name] for name, field in DEVICE_PAGE_FILTERS.items() if name in params}
        in_scope = _in_scope(call)

        def matches(device: dict) -> bool:
            # The contract's Device carries no severity: a severities filter matches no device.
            return ("severities" not in params and in_scope(device)
                    and (tenants is None or device["tenantId"] in tenants)
                    and all(device.get(field) in values for field, values in filters.items()))

        page = store.page(DEVICES, params["page"], params["pageSize"], matches, params.get("sortBy"),
                          params.get("sortOrder"))
        page["contents"] = [_render_device(d) for d in page["contents"]]
        return page


@SERVICE.operation("createDevice", MANAGE_DEVICES, status=201, formats=DEVICE_FORMATS)
def create_device(call: Call) -> dict:
    body, store = call.body, call.store
    _check_device_body(body, ("name", "model", "type"))
    with store.lock:
        _require_tenant(call, body["tenantId"])
        fields = DEVICE_DEFAULTS | {"serviceInstanceId": None, "subscriptionId": None} | body | {
            "userId": call.principal.user["id"], "providerId": _provider_of(store, body["tenantId"]),
            "vulnerabilityState": "NOT_APPLICABLE", HISTORY: [], RUNNING_CONFIG: f"hostname {body['name']}\n"}
        return _render_device(store.create(DEVICES, fields))


@SERVICE.operation("getDevice", VIEW_DEVICES)
def get_device(call: Call) -> dict:
    with call.store.lock:
        return _render_device(_readable(call, call.store.get(DEVICES, call.params["id"])))


@SERVICE.operation("updateDevice", MANAGE_DEVICES)
def update_device(call: Call) -> dict:
    """PUT replaces what a DeviceUpdate carries: fields left out go back to their defaults."""
    _check_device_body(call.body, ("name", "model", "type"))
    with call.store.lock:
        device = _writable_device(call)
        return _render_device(call.store.update(DEVICES, device["id"], DEVICE_DEFAULTS | call.body))


@SERVICE.operation("patchDevice", MANAGE_DEVICES)
def patch_device(call: Call) -> dict:
    """PATCH changes only the fields it carries."""
    _check_device_body(call.body)
    with call.store.lock:
        device = _writable_device(call)
        return _render_device(call.store.update(DEVICES, device["id"], call.body))


@SERVICE.operation("deleteDevice", MANAGE_DEVICES, status=204)
def delete_device(call: Call) -> None:
    with call.store.lock:
        device = _writable_device(call)
        call.store.delete(DEVICES, device["id"])
        _leave_sites(call.store, SITE_DEVICES, device["id"])


@SERVICE.operation("getDeviceConfig", VIEW_DEVICE_RUNNING_CONFIG)
def get_device_config(call: Call) -> Response:
    with call.store.lock:
        return PlainTextResponse(_readable(call, call.store.get(DEVICES, call.params["id"]))[RUNNING_CONFIG])


@SERVICE.operation("updateDeviceConfig", MANAGE_DEVICES)
def update_device_config(call: Call) -> Response:
    # The contract requires "configContents", which it does not declare; configContent is what it means.
    _require_fields(call.body, ("configContent",))
    with call.store.lock:
        device = _writable_device(call)
        call.store.update(DEVICES, device["id"], {RUNNING_CONFIG: call.body["configContent"]})
    return _pending(device["id"], "devices") if device["managed"] else Response(status_code=204)


@SERVICE.operation("redeployDevice", MANAGE_DEVICES)
def redeploy_device(call: Call) -> None:
    # redeployDevice documents no 404: an unknown device is bad input; only a managed device redeploys.
    device_id = call.params["id"]
    with call.store.lock:
        if not call.store.exists(DEVICES, device_id):
            raise invalid(f"id: no device with id {device_id}")
        device = _writable_device(call)
        if not device["managed"]:
            raise ApiError(409, "CONFLICT", f"device {device_id} is not managed: there is nothing to redeploy")
        call.store.update(DEVICES, device_id, {})


# --- device templates on devices ---------------------------------------------------------------

def _attached(device: dict) -> dict[str, dict]:
    """The device's applied history entries by template id."""
    return {entry["templateId"]: entry for entry in device[HISTORY] if entry["status"] == APPLIED}


def _template_for(call: Call, device: dict, detail: dict, field: str) -> dict:
    """The template a detail names, if the device's tenant may use it and every parameter has a value."""
    template_id = uuid_format(detail.get("templateId"), f"{field}.templateId")
    if not call.store.exists(DEVICE_TEMPLATES, template_id):
        raise invalid(f"{field}.templateId: no device template with id {template_id}")
    template = call.store.get(DEVICE_TEMPLATES, template_id)
    if not template["tenantAccess"]["global"] and device["tenantId"] not in template[GRANTED]:
        raise invalid(f"{field}.templateId: template {template_id} is not available to tenant {device['tenantId']}")
    if template_id in _attached(device):
        raise invalid(f"{field}.templateId: template {template_id} is already attached to device {device['id']}")
    given = {param.get("name") for param in detail.get("templateParams") or []}
    missing = [name for name in _variables(template.get("configContent") or "") if name not in given]
    if missing:
        raise invalid(f"{field}.templateParams: no value for the template's parameter {missing[0]}")
    return template


def _history_entry(call: Call, device_id: str, template_id: str, params: list | None) -> dict:
    return {"id": str(uuid.uuid4()), "deviceId": device_id, "templateId": template_id,
            "userId": call.principal.user["id"], "status": APPLIED, "templateParams": params or [],
            "lastUpdated": call.store.clock.stamp()}


def _attach(call: Call, device: dict, details: list[dict]) -> list[dict]:
    """Attach templates (checked first, all or nothing); the new history entries."""
    for index, detail in enumerate(details):
        _template_for(call, device, detail, f"templateDetails[{index}]")
    entries = [_history_entry(call, device["id"], detail["templateId"].lower(), detail.get("templateParams"))
               for detail in details]
    call.store.update(DEVICES, device["id"], {HISTORY: device[HISTORY] + entries})
    return entries


def _changed_history(call: Call, device: dict, entries: list[dict]) -> Any:
    """200 with the history entries changed, or 202 for a managed device."""
    return _pending(device["id"], "devices") if device["managed"] else entries


@SERVICE.operation("attachDeviceTemplates", MANAGE_DEVICES)
def attach_device_templates(call: Call) -> Any:
    details = call.body.get("templateDetails") or []
    if not details:
        raise invalid("templateDetails must name at least one template")
    with call.store.lock:
        device = _writable_device(call)
        return _changed_history(call, device, _attach(call, device, details))


@SERVICE.operation("batchAttachDeviceTemplates", MANAGE_DEVICES)
def batch_attach_device_templates(call: Call) -> Any:
    """One list per template detail, with a summary per device; 202 when every device is managed."""
    device_ids, details = call.body.get("deviceIds") or [], call.body.get("templateDetails") or []
    if not device_ids or not details:
        raise invalid("deviceIds and templateDetails must each name at least one")
    store = call.store
    with store.lock:
        for device_id in device_ids:
            if not store.exists(DEVICES, device_id):
                raise not_found("device with id", device_id)
        devices = [store.get(DEVICES, device_id) for device_id in dict.fromkeys(device_ids)]
        for device in devices:
            _require_tenant(call, device["tenantId"])
            for index, detail in enumerate(details):
                _template_for(call, device, detail, f"templateDetails[{index}]")
        for device in devices:
            _attach(call, device, details)
    if all(device["managed"] for device in devices):
        return _pending(devices[0]["id"], "devices")
    summaries = [{"deviceId": device["id"], "httpStatus": "ACCEPTED" if device["managed"] else "OK",
                  "deviceTemplateHistoryUrl": f"/manage/api/v8/devices/{device['id']}/templates"}
                 for device in devices]
    return [summaries for _ in details]


@SERVICE.operation("updateDeviceTemplates", MANAGE_DEVICES)
def update_device_templates(call: Call) -> Any:
    """New parameter values for attached templates, named by their history entry."""
    details = call.body.get("templateDetails") or []
    if not details:
        raise invalid("templateDetails must name at least one history entry")
    with call.store.lock:
        device = _writable_device(call)
        history = {entry["id"]: entry for entry in device[HISTORY]}
        changed = []
        for index, detail in enumerate(details):
            field = f"templateDetails[{index}].templateHistoryId"
            entry = history.get(uuid_format(detail.get("templateHistoryId"), field).lower())
            if entry is None or entry["status"] != APPLIED:
                raise invalid(f"{field}: no template attached to device {device['id']} with this history id")
            entry.update(templateParams=detail.get("templateParams") or [], lastUpdated=call.store.clock.stamp())
            changed.append(entry)
        call.store.update(DEVICES, device["id"], {HISTORY: list(history.values())})
        return _changed_history(call, device, changed)


def _detach(call: Call, device: dict, template_ids: Iterable[str]) -> list[dict]:
    detached = []
    for entry in device[HISTORY]:
        if entry["status"] == APPLIED and entry["templateId"] in template_ids:
            entry.update(status=DETACHED, lastUpdated=call.store.clock.stamp())
            detached.append(entry)
    call.store.update(DEVICES, device["id"], {HISTORY: device[HISTORY]})
    return detached


@SERVICE.operation("detachDeviceTemplate", MANAGE_DEVICES, formats={"templateId": uuid_format})
def detach_device_template(call: Call) -> list:
    template_id = call.params["templateId"]
    with call.store.lock:
        device = _writable_device(call)
        if template_id not in _attached(device):
            raise not_found(f"template attached to device {device['id']} with id", template_id)
        return _detach(call, device, {template_id})


@SERVICE.operation("detachDeviceTemplates", MANAGE_DEVICES)
def detach_device_templates(call: Call) -> Any:
    with call.store.lock:
        device = _writable_device(call)
        return _changed_history(call, device, _detach(call, device, set(_attached(device))))


@SERVICE.operation("getDeviceTemplateHistory", VIEW_DEVICES, formats={"templateId": uuid_format})
def get_device_template_history(call: Call) -> list:
    template_id = call.params.get("templateId")
    with call.store.lock:
        device = _readable(call, call.store.get(DEVICES, call.params["id"]))
    return [entry for entry in device[HISTORY] if template_id is None or entry["templateId"] == template_id]


# --- device templates --------------------------------------------------------------------------

def _variables(text: str) -> list[str]:
    """The template's parameters: its NSO variables, each once, in order of appearance."""
    return list(dict.fromkeys(TEMPLATE_VARIABLE.findall(text)))


def _access(store: Store, access: dict | None, field: str) -> dict:
    """A template's tenantAccess from a request's (tenants checked: 400 for unknown ones)."""
    access = access or {}
    tenant_ids = [uuid_format(t, f"{field}.tenantIds[{i}]") for i, t in enumerate(access.get("tenantIds") or [])]
    if access.get("global") and tenant_ids:
        raise invalid(f"{field}: global and tenantIds are mutually exclusive")
    for index, tenant_id in enumerate(tenant_ids):
        if not store.exists(TENANTS, tenant_id):
            raise invalid(f"{field}.tenantIds[{index}]: no tenant with id {tenant_id}")
    return {"global": bool(access.get("global")), "tenantIds": list(dict.fromkeys(tenant_ids))}


def _versions(store: Store, name: str) -> list[dict]:
    return sorted(_all(store, DEVICE_TEMPLATES, lambda t: t["name"] == name), key=lambda t: t["createdOn"])


def _create_template(call: Call, fields: dict) -> dict:
    access = fields["tenantAccess"]
    fields = fields | {"isLatestVersion": True, "userId": call.principal.user["id"],
                       "createdOn": call.store.clock.stamp(), GRANTED: access["tenantIds"]}
    return _without(call.store.create(DEVICE_TEMPLATES, fields), GRANTED)


@SERVICE.operation("createDeviceTemplate", MANAGE_TEMPLATES, status=201, formats=TEMPLATE_FORMATS)
def create_device_template(call: Call) -> dict:
    body, store = call.body, call.store
    with store.lock:
        if _versions(store, body["name"]):
            # A real MSX answers 409, which createDeviceTemplate does not document.
            raise bad_request(f"name: a device template named {body['name']!r} exists: create a new version",
                              "DUPLICATE")
        fields = {"version": "1", "deviceModels": None, "templateParameterValidators": None, "tags": None} | body
        return _create_template(call, fields | {"tenantAccess": _access(store, body.get("tenantAccess"),
                                                                        "tenantAccess")})


@SERVICE.operation("createDeviceTemplateVersion", MANAGE_TEMPLATES, status=201, formats=TEMPLATE_FORMATS)
def create_device_template_version(call: Call) -> dict:
    """The next version of a template (by name): the latest's fields with the new content, numbered on."""
    body, store = call.body, call.store
    with store.lock:
        versions = _versions(store, body["name"])
        if not versions:
            raise invalid(f"name: no device template named {body['name']!r}")
        latest = next(t for t in versions if t["isLatestVersion"])
        store.update(DEVICE_TEMPLATES, latest["id"], {"isLatestVersion": False})
        number = 1 + max((int(t["version"]) for t in versions if t["version"].isdigit()), default=len(versions))
        fields = _without(latest, "id", "createdOn", "userId", GRANTED) | body | {"version": str(number)}
        return _create_template(call, fields)


@SERVICE.operation("scanDeviceTemplateParameters", MANAGE_TEMPLATES)
def scan_device_template_parameters(call: Call) -> list:
    content = call.body.get("file")
    if content is None:
        raise bad_request("file is required", "MISSING_FIELD")
    try:
        ElementTree.fromstring(content)
    except ElementTree.ParseError as error:
        raise invalid(f"file is not a well-formed XML template ({error})") from None
    return _variables(content.decode("utf-8", "replace"))


@SERVICE.operation("getDeviceTemplatesList", VIEW_ALL_TEMPLATES, formats=TEMPLATE_FORMATS)
def get_device_templates_list(call: Call) -> list:
    params = call.params
    every_version, service_type, tenant_id = params.get("allVersions"), params.get("serviceType"), \
        params.get("tenantId")

    def matches(template: dict) -> bool:
        return ((every_version or template["isLatestVersion"])
                and (service_type is None or template["serviceType"] == service_type)
                and (tenant_id is None or template["tenantAccess"]["global"] or tenant_id in template[GRANTED]))

    return [_without(t, GRANTED) for t in _all(call.store, DEVICE_TEMPLATES, matches)]


@SERVICE.operation("getDeviceTemplate", VIEW_ALL_TEMPLATES, formats=TEMPLATE_FORMATS)
def get_device_template(call: Call) -> dict:
    return _without(call.store.get(DEVICE_TEMPLATES, call.params["id"]), GRANTED)


@SERVICE.operation("deleteDeviceTemplate", MANAGE_TEMPLATES, status=204, formats=TEMPLATE_FORMATS)
def delete_device_template(call: Call) -> None:
    """Deletes one version; the newest left becomes the latest. Refused while attached to a device."""
    template_id, store = call.params["id"], call.store
    with store.lock:
        template = store.get(DEVICE_TEMPLATES, template_id)
        users = [d["id"] for d in _all(store, DEVICES, lambda d: template_id in _attached(d))]
        if users:
            raise bad_request(f"device template {template_id} is attached to {len(users)} device(s): detach it "
                              "first", "IN_USE")
        store.delete(DEVICE_TEMPLATES, template_id)
        remaining = _versions(store, template["name"])
        if template["isLatestVersion"] and remaining:
            store.update(DEVICE_TEMPLATES, remaining[-1]["id"], {"isLatestVersion": True})


@SERVICE.operation("updateDeviceTemplateAccess", MANAGE_TEMPLATES, formats=TEMPLATE_FORMATS)
def update_device_template_access(call: Call) -> dict:
    """The template is granted to exactly the known tenants given (unknown ones fail), or to all."""
    if call.body is None:
        raise bad_request("the request body is required", "MISSING_FIELD")
    store, template_id = call.store, call.params["id"]
    requested = [uuid_format(t, f"tenantIds[{i}]") for i, t in enumerate(call.body.get("tenantIds") or [])]
    with store.lock:
        store.get(DEVICE_TEMPLATES, template_id)
        known = [t for t in dict.fromkeys(requested) if store.exists(TENANTS, t)]
        access = _access(store, {"global": call.body.get("global"), "tenantIds": known}, "body")
        store.update(DEVICE_TEMPLATES, template_id, {"tenantAccess": access, GRANTED: access["tenantIds"]})
    return {"global": access["global"], "successListOfTenants": access["tenantIds"],
            "failureListOfTenants": [t for t in dict.fromkeys(requested) if t not in known]}


# --- services (orders) -------------------------------------------------------------------------

def _check_order(call: Call) -> dict:
    """The order's product and offer (400 unless the offer is one of the product's) and its nested uuids."""
    product_id, offer_id, store = call.params["productId"], call.params["offerId"], call.store
    if not store.exists(PRODUCTS, product_id):
        raise invalid(f"query parameter productId: no product with id {product_id}")
    if not store.exists(OFFERS, offer_id) or store.get(OFFERS, offer_id)["productId"] != product_id:
        raise invalid(f"query parameter offerId: no offer {offer_id} of product {product_id}")
    payload = call.body.get("payload") or {}
    sites = (payload.get("subscriptionDetail") or {}).get("sites") or []
    for index, site in enumerate(sites):
        uuid_format(site.get("siteId"), f"payload.subscriptionDetail.sites[{index}].siteId")
        for number, device in enumerate(site.get("devices") or []):
            onboarding = device.get("deviceOnboarding") or {}
            if onboarding.get("tenantId") is not None:
                uuid_format(onboarding["tenantId"], f"payload.subscriptionDetail.sites[{index}].devices[{number}]"
                                                    ".deviceOnboarding.tenantId")
    return payload


def _order_answer(call: Call, service: dict) -> dict:
    return {"message": "the order was accepted", "transactionUUID": call.body.get("transactionUUID")
            or str(uuid.uuid4()), "subscriptionId": service["subscriptionId"],
            "url": f"/manage/api/v8/services/{service['id']}", "status": "SUCCESS",
            "serviceInstanceIds": [service["id"]], "sites": [], "devices": []}


def _definition(call: Call) -> dict:
    return {"productId": call.params["productId"], "offerId": call.params["offerId"],
            "serviceType": call.body.get("serviceType")}


@SERVICE.operation("submitOrder", MANAGE_SERVICES, status=201, formats=SERVICE_FORMATS)
def submit_order(call: Call) -> dict:
    """A new service for the order's tenant (payload.tenant.id, else the caller's), named by its subscription."""
    store = call.store
    with store.lock:
        payload = _check_order(call)
        tenant_id = uuid_format((payload.get("tenant") or {}).get("id", call.principal.tenant_id),
                                "payload.tenant.id")
        _require_tenant(call, tenant_id, "payload.tenant.id")
        subscription_id = payload.get("subscriptionId") or _msx_id("sub")
        if store.first(SERVICES, lambda s: s["subscriptionId"] == subscription_id) is not None:
            raise invalid(f"payload.subscriptionId: subscription {subscription_id} exists: update its order")
        now = store.clock.stamp()
        service = store.create(SERVICES, {
            "providerId": _provider_of(store, tenant_id), "tenantId": tenant_id,
            "userId": call.principal.user["id"], "subscriptionId": subscription_id, "provisionedOn": now,
            "status": {"state": "PROVISIONED"}, "definitionAttributes": _definition(call),
            "attributes": dict(payload.get("service") or {})})
        return _order_answer(call, service)


@SERVICE.operation("updateOrder", MANAGE_SERVICES, formats=SERVICE_FORMATS)
def update_order(call: Call) -> dict:
    """Changes the product, offer and attributes of the service of payload.subscriptionId."""
    store = call.store
    with store.lock:
        payload = _check_order(call)
        subscription_id = payload.get("subscriptionId")
        if subscription_id is None:
            raise bad_request("payload.subscriptionId is required", "MISSING_FIELD")
        service = store.first(SERVICES, lambda s: s["subscriptionId"] == subscription_id)
        if service is None:
            # updateOrder documents no 404.
            raise invalid(f"payload.subscriptionId: no service with subscription {subscription_id}")
        _require_tenant(call, service["tenantId"])
        changes = {"definitionAttributes": _definition(call),
                   "attributes": service["attributes"] | dict(payload.get("service") or {})}
        return _order_answer(call, store.update(SERVICES, service["id"], changes))


@SERVICE.operation("getServicesPage", VIEW_SERVICES, formats=SERVICE_FORMATS)
def get_services_page(call: Call) -> dict:
    tenant_ids, in_scope = call.params.get("tenantIds"), _in_scope(call)
    return call.store.page(SERVICES, call.params["page"], call.params["pageSize"],
                           lambda s: in_scope(s) and (tenant_ids is None or s["tenantId"] in tenant_ids))


@SERVICE.operation("getService", VIEW_SERVICES)
def get_service(call: Call) -> dict:
    with call.store.lock:
        return _readable(call, call.store.get(SERVICES, call.params["id"]))


@SERVICE.operation("updateService", MANAGE_SERVICES)
def update_service(call: Call) -> dict:
    # updateService documents no 404: an unknown service is bad input.
    service_id, store = call.params["id"], call.store
    with store.lock:
        if not store.exists(SERVICES, service_id):
            raise invalid(f"id: no service with id {service_id}")
        _require_tenant(call, store.get(SERVICES, service_id)["tenantId"])
        return store.update(SERVICES, service_id, call.body)


@SERVICE.operation("deleteService", MANAGE_SERVICES, status=204)
def delete_service(call: Call) -> None:
    """Refused (400) while devices name the service as their service instance; it leaves its sites."""
    service_id, store = call.params["id"], call.store
    with store.lock:
        _require_tenant(call, store.get(SERVICES, service_id)["tenantId"])
        store.delete(SERVICES, service_id)
        _leave_sites(store, "serviceIds", service_id)
