"""Fixtures of the incident checklist: a tenant of the test's own to raise incidents and change requests in."""

import pytest


def servicenow_fields(name, tenant_id) -> dict:
    """A ServiceNow configuration of a tenant of the test's own; its domain carries the test's name."""
    return {"domain": f"{name}.service-now.invalid", "client_id": f"{name}-client",
            "client_secret": "Msx-Suite-Secret-1", "user_name": "msx-checklist", "password": "Msx-Suite-Password-1",
            "critical_event": False,
            "tenant_id": tenant_id}


@pytest.fixture
def tenant(tenants, unique_name):
    """A tenant of the test's own."""
    return tenants.create(name=f"{unique_name}-tenant").resource
