"""Workflow events: what MSX must refuse, and with which status (ids: <operationId>-<status>-<case>)."""

import pytest
from python_msx_sdk.api.workflow_events_api import WorkflowEventsApi
from python_msx_sdk.model.workflow_event import WorkflowEvent
from python_msx_sdk.model.workflow_event_create import WorkflowEventCreate
from python_msx_sdk.model.workflow_event_update import WorkflowEventUpdate

from tests.workflow.conftest import API, TOKENS, UNKNOWN_ID, calls

pytestmark = pytest.mark.negative

OPERATIONS = ("createWorkflowEvent", "getWorkflowEventsList", "getWorkflowEvent", "updateWorkflowEvent",
              "deleteWorkflowEvent")


def _without(field):
    return lambda fields: {k: v for k, v in fields.items() if k != field}


def _with(**change):
    return lambda fields: fields | change


BROKEN_BODIES = [
    *[pytest.param(_without(name), id=f"missing-{name.replace('_', '-')}")
      for name in ("title", "target_id", "schema_id", "properties")],
    pytest.param(_with(target_id=UNKNOWN_ID), id="unknown-target"),
    pytest.param(_with(schema_id=UNKNOWN_ID), id="unknown-schema"),
    pytest.param(_with(properties="topic"), id="properties-not-an-object"),
    pytest.param(lambda fields: fields | {"title": 7, "description": fields["title"]}, id="title-not-a-string"),
]
INVALID_BODIES = [pytest.param(*case.values, id=f"createWorkflowEvent-400-{case.id}") for case in BROKEN_BODIES] + [
    pytest.param(lambda fields: [fields], id="createWorkflowEvent-400-body-not-an-object"),
]
INVALID_UPDATES = [pytest.param(*case.values, id=f"updateWorkflowEvent-400-{case.id}") for case in BROKEN_BODIES]
MALFORMED_REQUESTS = [
    pytest.param("GET", "events/not-a-ksuid", id="getWorkflowEvent-400-id-not-a-ksuid"),
    pytest.param("PUT", "events/not-a-ksuid", id="updateWorkflowEvent-400-id-not-a-ksuid"),
    pytest.param("DELETE", "events/not-a-ksuid", id="deleteWorkflowEvent-400-id-not-a-ksuid"),
]
# The contract's CONSUMER role (the limited user's) holds neither VIEW_WORKFLOW_EVENT nor MANAGE_WORKFLOW_EVENT.
LIMITED_CALLS = [
    pytest.param(lambda api, fields, event: api.create_workflow_event(WorkflowEventCreate(**fields)),
                 id="createWorkflowEvent-403-limited-user"),
    pytest.param(lambda api, fields, event: api.get_workflow_events_list(), id="getWorkflowEventsList-403-limited-user"),
    pytest.param(lambda api, fields, event: api.get_workflow_event(event.id), id="getWorkflowEvent-403-limited-user"),
    pytest.param(lambda api, fields, event: api.update_workflow_event(event.id, WorkflowEventUpdate(**fields)),
                 id="updateWorkflowEvent-403-limited-user"),
    pytest.param(lambda api, fields, event: api.delete_workflow_event(event.id), id="deleteWorkflowEvent-403-limited-user"),
]


@pytest.mark.parametrize("make_body", INVALID_BODIES)
def test_invalid_event_is_not_created(send_raw, refuses, event_fields, make_body):
    refuses(400, lambda: send_raw("POST", f"{API}/events", make_body(event_fields), answer=(WorkflowEvent,)))


@pytest.mark.parametrize("make_body", INVALID_UPDATES)
def test_invalid_event_update_is_refused(msx_api, send_raw, refuses, event, event_fields, make_body):
    refuses(400, lambda: send_raw("PUT", f"{API}/events/{event.id}", make_body(event_fields)))
    assert msx_api(WorkflowEventsApi).get_workflow_event(event.id).to_dict() == event.to_dict()


@pytest.mark.parametrize("method, path", MALFORMED_REQUESTS)
def test_malformed_event_request_is_rejected(send_raw, refuses, event_fields, method, path):
    refuses(400, lambda: send_raw(method, f"{API}/{path}", event_fields if method == "PUT" else None))


@pytest.mark.parametrize("call", LIMITED_CALLS)
def test_limited_user_may_not_see_or_change_events(msx_api, limited_api_client, event, event_fields, refuses, call):
    refuses(403, lambda: call(WorkflowEventsApi(limited_api_client), event_fields, event))
    assert msx_api(WorkflowEventsApi).get_workflow_event(event.id).to_dict() == event.to_dict()


@pytest.mark.parametrize("token", TOKENS)
@pytest.mark.parametrize("call", calls(*OPERATIONS))
def test_event_operations_need_a_valid_token(make_api_client, refuses, unique_name, call, token):
    refuses(401, lambda: call(make_api_client(token), unique_name))


@pytest.mark.parametrize("call", calls("getWorkflowEvent", "deleteWorkflowEvent", status=404, case="unknown-id"))
def test_unknown_event_is_not_found(msx_api_client, refuses, unique_name, call):
    refuses(404, lambda: call(msx_api_client, unique_name))


def test_updateWorkflowEvent_404_unknown_id(msx_api, refuses, event_fields):
    refuses(404, lambda: msx_api(WorkflowEventsApi).update_workflow_event(UNKNOWN_ID, WorkflowEventUpdate(**event_fields)))
