"""Templates: import, read, find by paging and filters, change by status PATCH, history, delete.

Import is asynchronous on MSX (202): the checklist expects the template to be readable at once, and
makes no assumption on the status it starts in beyond it being one of the contract's.
"""

import pytest
from python_msx_sdk.api.templates_api import TemplatesApi
from python_msx_sdk.exceptions import NotFoundException
from python_msx_sdk.model.template_patch import TemplatePatch
from python_msx_sdk.model.template_status import TemplateStatus

from msxsuite.paging import find_in_pages
from tests.template.conftest import required_template_fields as required
from tests.template.conftest import status_of

STATUSES = TemplateStatus.allowed_values[("value",)].values()


def every_field(name) -> dict:
    return required(name) | {
        "external_id": f"{name}-ext", "description": "Made by the MSX suite", "subtype": "branch",
        "configuration": "hostname {{ hostname }}", "attributes": {"vendor": "cisco", "role": "edge"},
        "tags": ["msx-checklist", "EFT_1"], "notes": "Imported by the MSX suite",
    }


CASES = [
    pytest.param(required, id="required-fields-only"),
    pytest.param(every_field, id="every-field"),
    pytest.param(lambda name: required(f"{name} Ünïcødé 名前 ✓") | {
        "description": "Descripción — описание — 説明", "notes": "Notizen ✓"}, id="unicode"),
    pytest.param(lambda name: required(name.ljust(128, "x")) | {"description": "d" * 512, "tags": ["t" * 128]},
                 id="max-lengths"),
    pytest.param(lambda name: required(name) | {"external_id": None, "subtype": None, "notes": None},
                 id="nullable-fields-null"),
]


def assert_fields(template, fields):
    """The template carries every field that was sent."""
    got = template.to_dict()
    for field, value in fields.items():
        assert got.get(field) == value, f"{field}: sent {value!r}, got {got.get(field)!r}"


@pytest.mark.lifecycle
@pytest.mark.parametrize("make_fields", CASES)
def test_importTemplate_getTemplate_getTemplatesPage_updateTemplateStatus_getTemplateHistory_deleteTemplate(
        msx_api, templates, unique_name, make_fields):
    """The lifecycle of a template: imported, read, found by paging, changed, its history, deleted, gone."""
    templates_api = msx_api(TemplatesApi)
    fields = make_fields(unique_name)

    imported = templates.create(**fields)
    assert imported.status == 202, "importTemplate is asynchronous: 202"
    template = imported.resource
    assert template.id
    assert_fields(template, fields)
    assert status_of(template) in STATUSES

    fetched = templates_api.get_template(template.id)
    assert fetched.to_dict() == template.to_dict(), "get returns what import returned"
    paged = find_in_pages(templates_api.get_templates_page, template.id)
    assert paged is not None and paged.to_dict() == template.to_dict(), "found by paging getTemplatesPage"

    changes = {"status": "SUCCESS", "status_details": "checked by the MSX suite",
               "description": "Changed by the MSX suite"}
    patch = TemplatePatch(status=TemplateStatus("SUCCESS"), status_details=changes["status_details"],
                          description=changes["description"])
    updated, status, _ = templates_api.update_template_status(template.id, patch, _return_http_data_only=False)
    assert status == 200
    assert updated.id == template.id and status_of(updated) == "SUCCESS"
    assert (updated.status_details, updated.description, updated.name) == (
        changes["status_details"], changes["description"], fields["name"]), "the PATCH changes what it carries"
    assert templates_api.get_template(template.id).to_dict() == updated.to_dict(), "get returns the change"

    history = templates_api.get_template_history(template.id)
    assert len(history) >= 2, f"the import and the change are in the history: {history}"
    assert {entry.id for entry in history} == {template.id}
    assert "SUCCESS" in [status_of(entry) for entry in history]

    assert templates.delete(template.id) == 204
    with pytest.raises(NotFoundException):
        templates_api.get_template(template.id)


def test_getTemplatesPage_filters_by_external_id_service_and_tags(msx_api, templates, unique_name):
    """A template is found by its externalId, its service type and its tags; another is not."""
    templates_api = msx_api(TemplatesApi)
    tagged = templates.create(**every_field(unique_name) | {"service_type": unique_name}).resource
    other = templates.create(**required(f"{unique_name}-other")).resource

    def found(**filters):
        return {t.id for t in templates_api.get_templates_page(page=0, page_size=100, **filters).contents}

    assert found(external_id=tagged.external_id) == {tagged.id}
    assert found(service=unique_name) == {tagged.id}
    tagged_alike = found(tags=["msx-checklist", "EFT_1"])
    assert tagged.id in tagged_alike and other.id not in tagged_alike


def test_getTemplatesPage_without_total_when_asked(msx_api, template):
    page = msx_api(TemplatesApi).get_templates_page(page=0, page_size=1, calculate_total_items=False)
    assert len(page.contents) == 1 and page.total_items is None, "calculateTotalItems=false: no totalItems"


@pytest.mark.smoke
def test_getTemplatesPage_answers_a_first_page(msx_api):
    """Read-only: a first page of at most 10 templates."""
    page = msx_api(TemplatesApi).get_templates_page(page=0, page_size=10)
    assert page.page == 0 and len(page.contents) <= 10, f"a first page of at most 10 templates: {page}"
