"""Workflow events: create, read, list, update and delete one of the test's own, on a target of its own."""

import pytest
from python_msx_sdk.api.workflow_events_api import WorkflowEventsApi
from python_msx_sdk.exceptions import NotFoundException
from python_msx_sdk.model.workflow_event_update import WorkflowEventUpdate

VARIANTS = [
    pytest.param({}, id="required-fields-and-description"),
    pytest.param({"properties": {"topic_name": "suite-health-events", "partition": 0}}, id="more-properties"),
]


@pytest.mark.lifecycle
@pytest.mark.parametrize("change", VARIANTS)
def test_createWorkflowEvent_getWorkflowEvent_getWorkflowEventsList_updateWorkflowEvent_deleteWorkflowEvent(
        msx_api, workflow_events, event_fields, target, change):
    api = msx_api(WorkflowEventsApi)
    fields = event_fields | change
    created = workflow_events.create(**fields)
    event = created.resource
    assert created.status == 201 and event.title == fields["title"]
    assert event.properties["topic_name"] == "suite-health-events"
    assert api.get_workflow_event(event.id).to_dict() == event.to_dict()
    assert event.id in [e.id for e in api.get_workflow_events_list()]
    updated = api.update_workflow_event(event.id, WorkflowEventUpdate(**(fields | {"title": f"{fields['title']}-2"})))
    assert (updated.id, updated.title) == (event.id, f"{fields['title']}-2")
    assert workflow_events.delete(event.id) == 204
    with pytest.raises(NotFoundException):
        api.get_workflow_event(event.id)
