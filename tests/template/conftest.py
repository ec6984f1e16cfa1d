"""Fixtures of the template checklist: a template of the test's own, and the status reader the SDK needs."""

import pytest


def required_template_fields(name) -> dict:
    """The fields a template cannot be imported without (the SDK's required arguments)."""
    return {"name": name, "service_type": "msx-checklist", "type": "config"}


def status_of(model) -> str:
    """The status of a template, assignment or application.

    python-msx-sdk cannot read `.status` of these composed models (its allOf parts hold the value once as
    text and once as a TemplateStatus, and it refuses values that differ), so it is read from `to_dict()`.
    """
    return model.to_dict()["status"]


@pytest.fixture
def template(templates, unique_name):
    """A template with only its required fields, named after the test; deleted after it."""
    return templates.create(**required_template_fields(unique_name)).resource


@pytest.fixture
def tenant(tenants, unique_name):
    """A tenant of the test's own, to assign templates to and apply them in."""
    return tenants.create(name=f"{unique_name}-tenant").resource
