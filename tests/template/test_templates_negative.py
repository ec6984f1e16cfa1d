"""Templates: what MSX must refuse, and with which status (ids: <operationId>-<status>-<case>)."""

import pytest
from python_msx_sdk.api.templates_api import TemplatesApi
from python_msx_sdk.model.template import Template
from python_msx_sdk.model.template_create import TemplateCreate
from python_msx_sdk.model.template_patch import TemplatePatch
from python_msx_sdk.model.template_status import TemplateStatus

from tests.template.conftest import required_template_fields

pytestmark = pytest.mark.negative

TEMPLATES = "/template/api/v8/templates"
UNKNOWN_ID = "5f0c3e52-0000-4000-8000-000000000404"
TOKENS = [pytest.param(None, id="401-no-token"), pytest.param("not-a-valid-token", id="401-bad-token")]


def valid_template(name) -> dict:
    """An importTemplate body MSX accepts, named after the test (its JSON names are the contract's)."""
    return {"name": name, "serviceType": "msx-checklist", "type": "config"}


def without(field):
    return lambda name: {key: value for key, value in valid_template(name).items() if key != field}


def with_(**fields):
    return lambda name: valid_template(name) | fields


# Each body breaks one constraint of the contract's TemplateCreate and nothing else.
INVALID_IMPORTS = [pytest.param(make, id=f"importTemplate-400-{case}") for make, case in [
    (without("name"), "missing-name"),
    (without("serviceType"), "missing-service-type"),
    (without("type"), "missing-type"),
    (with_(name=""), "empty-name"),
    (lambda name: valid_template(name.ljust(129, "x")), "name-129-chars"),
    (with_(description=""), "empty-description"),
    (with_(description="d" * 513), "description-513-chars"),
    (lambda name: valid_template(name) | {"name": 7, "description": name}, "name-not-a-string"),
    (with_(serviceType=1), "service-type-not-a-string"),
    (with_(type=None), "null-type"),
    (with_(configuration=["x"]), "configuration-not-a-string"),
    (with_(attributes={"vendor": 1}), "attribute-not-a-string"),
    (with_(tags="msx-checklist"), "tags-not-an-array"),
    (with_(tags=["not a tag"]), "tag-outside-its-format"),
    (with_(tags=["t" * 129]), "tag-129-chars"),
    (with_(notes=5), "notes-not-a-string"),
    (lambda name: [valid_template(name)], "body-not-an-object"),
]]
# Each breaks one constraint of the contract's TemplatePatch.
INVALID_PATCHES = [pytest.param(body, id=f"updateTemplateStatus-400-{case}") for body, case in [
    ({"status": "DONE"}, "status-outside-its-enum"),
    ({"status": "success"}, "status-lower-case"),
    ({"statusDetails": "d" * 257}, "status-details-257-chars"),
    ({"name": ""}, "empty-name"),
    ({"description": "d" * 513}, "description-513-chars"),
    ({"tags": ["a/b"]}, "tag-outside-its-format"),
    ({"attributes": ["x"]}, "attributes-not-an-object"),
    (["SUCCESS"], "body-not-an-object"),
]]
MALFORMED_REQUESTS = [
    pytest.param("GET", TEMPLATES, [("page", -1), ("pageSize", 10)], None, id="getTemplatesPage-400-negative-page"),
    pytest.param("GET", TEMPLATES, [("page", 0), ("pageSize", 0)], None, id="getTemplatesPage-400-page-size-0"),
    pytest.param("GET", TEMPLATES, [("page", 0), ("pageSize", 1001)], None,
                 id="getTemplatesPage-400-page-size-1001"),
    pytest.param("GET", TEMPLATES, [("pageSize", 10)], None, id="getTemplatesPage-400-no-page"),
    pytest.param("GET", TEMPLATES, [("page", 0), ("pageSize", 10), ("calculateTotalItems", "maybe")], None,
                 id="getTemplatesPage-400-calculate-total-items-not-a-boolean"),
    pytest.param("GET", TEMPLATES, [("page", 0), ("pageSize", 10), ("tags", "not a tag")], None,
                 id="getTemplatesPage-400-tag-outside-its-format"),
    pytest.param("GET", f"{TEMPLATES}/not-a-uuid", [], None, id="getTemplate-400-id-not-a-uuid"),
    pytest.param("PATCH", f"{TEMPLATES}/not-a-uuid", [], {"status": "SUCCESS"},
                 id="updateTemplateStatus-400-id-not-a-uuid"),
    pytest.param("GET", f"{TEMPLATES}/not-a-uuid/history", [], None, id="getTemplateHistory-400-id-not-a-uuid"),
    pytest.param("DELETE", f"{TEMPLATES}/not-a-uuid", [], None, id="deleteTemplate-400-id-not-a-uuid"),
]


def patch() -> TemplatePatch:
    return TemplatePatch(status=TemplateStatus("SUCCESS"))


# Every template operation, aimed at nothing that exists, with a valid body.
OPERATIONS = [
    pytest.param(lambda api, name: api.get_templates_page(page=0, page_size=10), id="getTemplatesPage"),
    pytest.param(lambda api, name: api.import_template(TemplateCreate(**required_template_fields(name))),
                 id="importTemplate"),
    pytest.param(lambda api, name: api.get_template(UNKNOWN_ID), id="getTemplate"),
    pytest.param(lambda api, name: api.update_template_status(UNKNOWN_ID, patch()), id="updateTemplateStatus"),
    pytest.param(lambda api, name: api.get_template_history(UNKNOWN_ID), id="getTemplateHistory"),
    pytest.param(lambda api, name: api.delete_template(UNKNOWN_ID), id="deleteTemplate"),
]
UNKNOWN = [pytest.param(*case.values, id=f"{case.id}-404-unknown-id") for case in OPERATIONS[2:]]
LIMITED_WRITES = [
    pytest.param(lambda api, user, template: api.import_template(
        TemplateCreate(**required_template_fields(f"{user.username}-forbidden"))),
        id="importTemplate-403-limited-user"),
    pytest.param(lambda api, user, template: api.update_template_status(template.id, patch()),
                 id="updateTemplateStatus-403-limited-user"),
    pytest.param(lambda api, user, template: api.delete_template(template.id), id="deleteTemplate-403-limited-user"),
]


@pytest.mark.parametrize("make_body", INVALID_IMPORTS)
def test_invalid_template_is_not_imported(send_raw, refuses, unique_name, make_body):
    refuses(400, lambda: send_raw("POST", TEMPLATES, make_body(unique_name), answer=(Template,)))


@pytest.mark.parametrize("body", INVALID_PATCHES)
def test_invalid_template_patch_is_refused(msx_api, send_raw, refuses, template, body):
    refuses(400, lambda: send_raw("PATCH", f"{TEMPLATES}/{template.id}", body))
    assert msx_api(TemplatesApi).get_template(template.id).to_dict() == template.to_dict(), \
        "a refused change changes nothing"


@pytest.mark.parametrize("method, path, query, body", MALFORMED_REQUESTS)
def test_malformed_template_request_is_rejected(send_raw, refuses, method, path, query, body):
    refuses(400, lambda: send_raw(method, path, body, query))


@pytest.mark.parametrize("token", TOKENS)
@pytest.mark.parametrize("call", OPERATIONS)
def test_template_operations_need_a_valid_token(make_api_client, refuses, unique_name, call, token):
    refuses(401, lambda: call(TemplatesApi(make_api_client(token)), unique_name))


@pytest.mark.parametrize("write", LIMITED_WRITES)
def test_limited_user_may_not_change_templates(msx_api, limited_api_client, limited_user, template, refuses, write):
    refuses(403, lambda: write(TemplatesApi(limited_api_client), limited_user, template))
    assert msx_api(TemplatesApi).get_template(template.id).to_dict() == template.to_dict(), \
        "a refused write changes nothing"


@pytest.mark.parametrize("call", UNKNOWN)
def test_unknown_template_is_not_found(msx_api, refuses, unique_name, call):
    refuses(404, lambda: call(msx_api(TemplatesApi), unique_name))


def test_deleteTemplate_400_while_it_is_assigned_then_204(msx_api, templates, template_assignments, template, tenant,
                                                          refuses):
    """deleteTemplate documents no 409 and the contract is silent on assignments; the emulator answers 400."""
    assignment = template_assignments.create(template_id=template.id, tenant_id=tenant.id).resource
    refuses(400, lambda: msx_api(TemplatesApi).delete_template(template.id))
    assert template_assignments.delete(assignment.id) == 202
    assert templates.delete(template.id) == 204
