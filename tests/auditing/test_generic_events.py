"""Generic audit events (auditing): created as sent. An audit event cannot be deleted, so creating one is a side effect."""

import pytest
from python_msx_sdk.api.auditing_generic_events_api import AuditingGenericEventsApi
from python_msx_sdk.model.generic_event_create import GenericEventCreate
from python_msx_sdk.model.generic_event_security import GenericEventSecurity
from python_msx_sdk.model.generic_event_severity import GenericEventSeverity
from python_msx_sdk.model.generic_event_trace import GenericEventTrace

TRACE_ID = "046b6c7f-0b8a-43b9-b35d-6489e6daee91"
CASES = [
    pytest.param(lambda name: {"service": "msx-checklist", "description": name}, id="service-and-description"),
    pytest.param(lambda name: {
        "severity": GenericEventSeverity("GOOD"), "subtype": "checklist", "service": "msx-checklist",
        "keywords": "msx-checklist keywords", "details": {"test": name}, "description": name,
        "trace": GenericEventTrace(trace_id=TRACE_ID, span_id=TRACE_ID, parent_id=TRACE_ID),
        "security": GenericEventSecurity(username="msx-checklist", tenant_name="msx-checklist")}, id="every-field"),
    pytest.param(lambda name: {"service": "s" * 128, "subtype": "t" * 128, "keywords": "k" * 512,
                               "description": name.ljust(512, "d")}, id="max-lengths"),
    pytest.param(lambda name: {"service": "msx-checklist", "description": f"{name} Événement 审计 ✓"}, id="unicode"),
]


@pytest.mark.side_effect
@pytest.mark.parametrize("make_fields", CASES)
def test_createGenericEvent_answers_the_event_as_sent(msx_api, unique_name, make_fields):
    fields = make_fields(unique_name)
    event, status, _ = msx_api(AuditingGenericEventsApi).create_generic_event(GenericEventCreate(**fields),
                                                                              _return_http_data_only=False)
    assert status == 201 and event.time, event
    # python-msx-sdk cannot read GenericEvent's model-typed properties by attribute (an allOf model whose
    # parts hold equal but distinct instances): to_dict() reads them.
    answered, sent = event.to_dict(), GenericEventCreate(**fields).to_dict()
    for field, value in sent.items():
        assert answered.get(field) == value, f"{field}: sent {value!r}, got {answered.get(field)!r}"
