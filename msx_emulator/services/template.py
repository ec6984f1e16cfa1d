"""Templates (the template service): templates, the tenants they are assigned to, their applications to targets.

MSX calls templates service configurations: the permissions are the contract's SERVICE_CONFIG names
(templates are ASSETs). Import, assignment and application answer 202 as the contract says, but the
emulator does no background work: everything starts in status NEW and changes only by a status PATCH.
Each change appends the object as it then was to its history (oldest first).

Where the contract is silent (see msx_emulator/README.md): a template with assignments or
applications cannot be deleted (400: deleteTemplate documents no 409); an application names an
existing tenant (400); a batch reports each tenant in its answer's responseStatus (NEW, OK, CONFLICT,
UNASSIGNED or ERROR) instead of failing the batch.
"""

from __future__ import annotations

from typing import Any, Callable

from python_msx_sdk.model_utils import check_validations

from msx_emulator.config import (
    MANAGE_SERVICE_CONFIG_APPLICATION, MANAGE_SERVICE_CONFIG_ASSET, MANAGE_SERVICE_CONFIG_ASSIGNMENT,
    VIEW_SERVICE_CONFIG_APPLICATION, VIEW_SERVICE_CONFIG_ASSET, VIEW_SERVICE_CONFIG_ASSIGNMENT,
    VIEW_SERVICE_CONFIG_AUDIT,
)
from msx_emulator.errors import not_found
from msx_emulator.operations import operation_table
from msx_emulator.request_validation import invalid, pattern_format, uuid_format
from msx_emulator.service import Call, Service
from msx_emulator.services.idm import TENANTS
from msx_emulator.store import Kind, Reference, Store

# Stamps and history are kept by this module (the store would stamp twice per change).
TEMPLATES = Kind("templates", "template", stamped=False)
ASSIGNMENTS = Kind("template_assignments", "template assignment", label_field="templateName", stamped=False,
                   references=(Reference("templateId", "templates", "assignment(s)", delete_status=400),
                               Reference("assignedTenantId", "tenants", "template assignment(s)")))
APPLICATIONS = Kind("template_applications", "template application", label_field="templateName", stamped=False,
                    references=(Reference("templateId", "templates", "application(s)", delete_status=400),
                                Reference("tenantId", "tenants", "template application(s)")),
                    sortable=("id", "modifiedOn", "createdOn", "templateId", "status", "statusDetails", "targetId",
                              "targetType"))
# Kept inside each object, never answered with it: the object as it was after each change.
HISTORY = "history"
NEW = "NEW"
# The contract gives this regular expression as the `format` of each tag, which the SDK does not carry.
FORMATS = {"id": uuid_format, "templateId": uuid_format, "tenantId": uuid_format,
           "tags": pattern_format(r"^[-_0-9a-zA-Z]{1,128}$")}
TENANT_LIST_FORMATS = FORMATS | {"body": uuid_format}
# getTemplateApplicationsPage sorts by these names; applicationId is the application's id.
SORT_FIELDS = {"applicationId": "id"}
EVERYTHING = 2**31 - 1

SERVICE = Service("template", kinds=(TEMPLATES, ASSIGNMENTS, APPLICATIONS))


# --- what the three kinds share ---------------------------------------------------------------

def _render(item: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in item.items() if name != HISTORY}


def _recorded(store: Store, kind: Kind, item: dict[str, Any]) -> dict[str, Any]:
    """Append the item as it is now to its history; the item as answered."""
    shown = _render(item)
    store.update(kind, item["id"], {HISTORY: item[HISTORY] + [shown]})
    return shown


def _create(call: Call, kind: Kind, fields: dict[str, Any]) -> dict[str, Any]:
    stamp, user_id = call.store.clock.stamp(), call.principal.user["id"]
    meta = {"status": NEW, "statusDetails": None, "createdOn": stamp, "createdBy": user_id, "modifiedOn": stamp,
            "modifiedBy": user_id}
    with call.store.lock:
        return _recorded(call.store, kind, call.store.create(kind, fields | meta | {HISTORY: []}))


def _change(call: Call, kind: Kind, item_id: str, fields: dict[str, Any]) -> dict[str, Any]:
    meta = {"modifiedOn": call.store.clock.stamp(), "modifiedBy": call.principal.user["id"]}
    with call.store.lock:
        return _recorded(call.store, kind, call.store.update(kind, item_id, fields | meta))


def _history(call: Call, kind: Kind) -> list:
    return call.store.get(kind, call.params["id"])[HISTORY]


def _page(call: Call, kind: Kind, predicate: Callable[[dict], bool], sort_by: str | None = None,
          sort_order: str | None = None) -> dict:
    """A page; totalItems is null when calculateTotalItems=false."""
    page = call.store.page(kind, call.params["page"], call.params["pageSize"], predicate,
                           SORT_FIELDS.get(sort_by, sort_by), sort_order)
    page["contents"] = [_render(item) for item in page["contents"]]
    page["sortBy"] = sort_by
    if call.params.get("calculateTotalItems") is False:
        page["totalItems"] = None
    return page


def _matches(item: dict[str, Any], **wanted: Any) -> bool:
    """Whether the item has every wanted value (a None value: no filter)."""
    return all(value is None or item.get(name) == value for name, value in wanted.items())


# --- templates -------------------------------------------------------------------------------

@SERVICE.operation("getTemplatesPage", VIEW_SERVICE_CONFIG_ASSET, formats=FORMATS)
def get_templates_page(call: Call) -> dict:
    tags = set(call.params.get("tags") or ())
    external_id, service = call.params.get("externalId"), call.params.get("service")
    return _page(call, TEMPLATES, lambda t: _matches(t, externalId=external_id, serviceType=service)
                 and tags <= set(t.get("tags") or ()))


@SERVICE.operation("importTemplate", MANAGE_SERVICE_CONFIG_ASSET, status=202, formats=FORMATS)
def import_template(call: Call) -> dict:
    return _create(call, TEMPLATES, call.body)


@SERVICE.operation("getTemplate", VIEW_SERVICE_CONFIG_ASSET, formats=FORMATS)
def get_template(call: Call) -> dict:
    return _render(call.store.get(TEMPLATES, call.params["id"]))


@SERVICE.operation("updateTemplateStatus", MANAGE_SERVICE_CONFIG_ASSET, formats=FORMATS)
def update_template_status(call: Call) -> dict:
    template_id = call.params["id"]
    with call.store.lock:
        template = _change(call, TEMPLATES, template_id, call.body)
        for kind in (ASSIGNMENTS, APPLICATIONS):  # they answer the template's name as it is now
            for item in _of_template(call.store, kind, template_id):
                call.store.update(kind, item["id"], {"templateName": template["name"]})
        return template


@SERVICE.operation("getTemplateHistory", VIEW_SERVICE_CONFIG_AUDIT, formats=FORMATS)
def get_template_history(call: Call) -> list:
    return _history(call, TEMPLATES)


@SERVICE.operation("deleteTemplate", MANAGE_SERVICE_CONFIG_ASSET, status=204, formats=FORMATS)
def delete_template(call: Call) -> None:
    call.store.delete(TEMPLATES, call.params["id"])


def _of_template(store: Store, kind: Kind, template_id: str) -> list[dict]:
    return store.page(kind, 0, EVERYTHING, lambda item: item["templateId"] == template_id)["contents"]


# --- assignments -----------------------------------------------------------------------------

def _lineage(store: Store, tenant_id: str) -> list[str]:
    """The tenant and its ancestors, nearest first."""
    lineage = []
    while tenant_id is not None and tenant_id not in lineage and store.exists(TENANTS, tenant_id):
        lineage.append(tenant_id)
        tenant_id = store.get(TENANTS, tenant_id).get("parentId")
    return lineage


def _assigned(store: Store, template_id: str, tenant_id: str) -> dict | None:
    return store.first(ASSIGNMENTS, lambda a: a["templateId"] == template_id and a["assignedTenantId"] == tenant_id)


def _tenant_ids(call: Call, operation_id: str) -> list[str]:
    """The body's tenant ids, each once, within the SDK's bounds on their number (the request checks leave them)."""
    try:
        check_validations(operation_table()[operation_id].validations, ("request_body",), call.body)
    except ValueError as error:
        raise invalid(f"body: {error}".replace("`request_body`", "the list")) from None
    return list(dict.fromkeys(call.body))


def _refused(template: dict, tenant_id: str, details: str) -> dict:
    """A batch answer for a tenant the batch could not handle."""
    return {"templateId": template["id"], "templateName": template["name"], "assignedTenantId": tenant_id,
            "status": "ERROR", "statusDetails": details, "responseStatus": "ERROR"}


@SERVICE.operation("batchAssignTemplate", MANAGE_SERVICE_CONFIG_ASSIGNMENT, status=202, formats=TENANT_LIST_FORMATS)
def batch_assign_template(call: Call) -> list:
    tenant_ids, inheritable = _tenant_ids(call, "batchAssignTemplate"), call.params.get("inheritable", False)
    answers = []
    with call.store.lock:
        template = call.store.get(TEMPLATES, call.params["id"])
        for tenant_id in tenant_ids:
            existing = _assigned(call.store, template["id"], tenant_id)
            if not call.store.exists(TENANTS, tenant_id):
                answers.append(_refused(template, tenant_id, f"no tenant with id {tenant_id}"))
            elif existing is not None:
                same = existing["inheritable"] == inheritable
                answers.append(_render(existing) | {"responseStatus": "OK" if same else "CONFLICT"})
            else:
                created = _create(call, ASSIGNMENTS, {
                    "templateId": template["id"], "templateName": template["name"],
                    "tenantId": call.principal.tenant_id, "assignedTenantId": tenant_id, "inheritable": inheritable})
                answers.append(created | {"responseStatus": "NEW"})
    return answers


@SERVICE.operation("batchUnassignTemplate", MANAGE_SERVICE_CONFIG_ASSIGNMENT, status=202, formats=TENANT_LIST_FORMATS)
def batch_unassign_template(call: Call) -> list:
    tenant_ids, answers = _tenant_ids(call, "batchUnassignTemplate"), []
    with call.store.lock:
        template = call.store.get(TEMPLATES, call.params["id"])
        for tenant_id in tenant_ids:
            existing = _assigned(call.store, template["id"], tenant_id)
            if existing is None:
                answers.append(_refused(template, tenant_id, f"the template is not assigned to tenant {tenant_id}"))
            else:
                call.store.delete(ASSIGNMENTS, existing["id"])
                answers.append(_render(existing) | {"responseStatus": "UNASSIGNED"})
    return answers


@SERVICE.operation("getTemplateAssignmentsPage", VIEW_SERVICE_CONFIG_ASSIGNMENT, formats=FORMATS)
def get_template_assignments_page(call: Call) -> dict:
    template_id, tenant_id = call.params.get("templateId"), call.params.get("tenantId")
    if template_id is not None and not call.store.exists(TEMPLATES, template_id):
        raise not_found("template with id", template_id)
    if tenant_id is not None and not call.store.exists(TENANTS, tenant_id):
        raise not_found("tenant with id", tenant_id)
    # A tenant sees what is assigned to it and the inheritable assignments of its ancestors.
    ancestors = [] if tenant_id is None else _lineage(call.store, tenant_id)[1:]

    def wanted(assignment: dict) -> bool:
        return _matches(assignment, templateId=template_id) and (
            tenant_id is None or assignment["assignedTenantId"] == tenant_id
            or (assignment["inheritable"] and assignment["assignedTenantId"] in ancestors))

    return _page(call, ASSIGNMENTS, wanted)


@SERVICE.operation("getAssignment", VIEW_SERVICE_CONFIG_ASSIGNMENT, formats=FORMATS)
def get_assignment(call: Call) -> dict:
    return _render(call.store.get(ASSIGNMENTS, call.params["id"]))


@SERVICE.operation("updateAssignmentStatus", MANAGE_SERVICE_CONFIG_ASSIGNMENT, formats=FORMATS)
def update_assignment_status(call: Call) -> dict:
    return _change(call, ASSIGNMENTS, call.params["id"], call.body)


@SERVICE.operation("getAssignmentHistory", VIEW_SERVICE_CONFIG_AUDIT, formats=FORMATS)
def get_assignment_history(call: Call) -> list:
    return _history(call, ASSIGNMENTS)


# --- applications ----------------------------------------------------------------------------

@SERVICE.operation("applyTemplate", MANAGE_SERVICE_CONFIG_APPLICATION, status=202, formats=FORMATS)
def apply_template(call: Call) -> dict:
    with call.store.lock:
        template = call.store.get(TEMPLATES, call.params["id"])
        return _create(call, APPLICATIONS, call.body | {"templateId": template["id"], "templateName": template["name"]})


@SERVICE.operation("getTemplateApplicationsPage", VIEW_SERVICE_CONFIG_APPLICATION, formats=FORMATS)
def get_template_applications_page(call: Call) -> dict:
    wanted = {name: call.params.get(name) for name in ("tenantId", "templateId", "targetId", "targetType")}
    # The contract's defaults: sorted by createdOn, ascending.
    return _page(call, APPLICATIONS, lambda application: _matches(application, **wanted),
                 call.params.get("sortBy", "createdOn"), call.params.get("sortOrder", "asc"))


@SERVICE.operation("getTemplateApplication", VIEW_SERVICE_CONFIG_APPLICATION, formats=FORMATS)
def get_template_application(call: Call) -> dict:
    return _render(call.store.get(APPLICATIONS, call.params["id"]))


@SERVICE.operation("updateApplicationStatus", MANAGE_SERVICE_CONFIG_APPLICATION, formats=FORMATS)
def update_application_status(call: Call) -> dict:
    return _change(call, APPLICATIONS, call.params["id"], call.body)


@SERVICE.operation("getTemplateApplicationHistory", VIEW_SERVICE_CONFIG_AUDIT, formats=FORMATS)
def get_template_application_history(call: Call) -> list:
    return _history(call, APPLICATIONS)


@SERVICE.operation("deleteTemplateApplication", MANAGE_SERVICE_CONFIG_APPLICATION, status=204, formats=FORMATS)
def delete_template_application(call: Call) -> None:
    call.store.delete(APPLICATIONS, call.params["id"])
