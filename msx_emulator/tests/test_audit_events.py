"""Auditing: generic events are created (201) as sent, attributed to the caller unless they say who; refusals."""

from __future__ import annotations

import pytest
from python_msx_sdk.api.auditing_generic_events_api import AuditingGenericEventsApi
from python_msx_sdk.model.generic_event_create import GenericEventCreate
from python_msx_sdk.model.generic_event_security import GenericEventSecurity
from python_msx_sdk.model.generic_event_severity import GenericEventSeverity
from python_msx_sdk.model.generic_event_trace import GenericEventTrace

from msx_emulator.config import ROOT_TENANT_ID
from msx_emulator.tests.helpers import error_naming, raw_call
from msx_emulator.tests.operations import OPERATIONS

EVENTS = "/auditing/api/v8/genericevents"
TRACE_ID = "046b6c7f-0b8a-43b9-b35d-6489e6daee91"


def test_event_is_answered_as_sent_and_attributed_to_the_caller(emu, emu_superuser_client):
    event, status, _ = AuditingGenericEventsApi(emu_superuser_client).create_generic_event(GenericEventCreate(
        severity=GenericEventSeverity("GOOD"), subtype="check", service="msx-suite", keywords="suite check",
        details={"step": "one"}, trace=GenericEventTrace(trace_id=TRACE_ID), description="A suite check"),
        _return_http_data_only=False)
    assert status == 201 and event.time and event.type == "generic"
    # python-msx-sdk cannot read a model-typed property of GenericEvent (an allOf model) by attribute: its
    # composed parts hold equal but distinct instances, which it takes for a conflict. to_dict() reads them.
    answered = event.to_dict()
    assert (answered["severity"], answered["details"], answered["trace"]) == ("GOOD", {"step": "one"},
                                                                               {"trace_id": TRACE_ID})
    assert (answered["security"]["username"], answered["security"]["tenant_id"]) == ("superuser", ROOT_TENANT_ID)
    assert emu.stats()["left"] == {}, "no event is kept: nothing could read it"


def test_event_that_says_who_keeps_it(emu_superuser_client):
    security = GenericEventSecurity(username="someone", tenant_name="Elsewhere")
    event = AuditingGenericEventsApi(emu_superuser_client).create_generic_event(GenericEventCreate(
        description="d", security=security))
    assert event.to_dict()["security"] == security.to_dict()


@pytest.mark.parametrize("body, field", [
    pytest.param({"severity": "BAD"}, "severity", id="unknown-severity"),
    pytest.param({"service": ""}, "service", id="empty-service"),
    pytest.param({"subtype": "s" * 129}, "subtype", id="long-subtype"),
    pytest.param({"keywords": "k" * 513}, "keywords", id="long-keywords"),
    pytest.param({"description": None}, "description", id="null-description"),
    pytest.param({"details": {"count": 1}}, "details.count", id="number-detail"),
    pytest.param({"trace": {"traceId": "x"}}, "trace.traceId", id="bad-trace-id"),
    pytest.param({"security": {"userId": "x"}}, "security.userId", id="bad-user-id"),
    pytest.param({"security": None}, "security", id="null-security"),
    pytest.param(["event"], "body", id="not-an-object"),
])
def test_invalid_events_are_bad_requests(emu_superuser_client, body, field):
    error_naming(lambda: raw_call(emu_superuser_client, "POST", EVENTS, body=body), 400, field)


def test_consumer_lacks_the_permission(emu_operator_client):
    error_naming(lambda: OPERATIONS["createGenericEvent"](emu_operator_client), 403,
                 "CREATE_AUDIT_GENERIC_EVENT_PERMISSION")
