"""Generic audit events (auditing): what MSX must refuse, and with which status (ids: <operationId>-<status>-<case>).

Refusals that MSX could wrongly accept would write an audit event: they are marked side_effect; a request
without a valid token cannot write one, and is the auditing smoke check.
"""

import pytest
from python_msx_sdk.api.auditing_generic_events_api import AuditingGenericEventsApi
from python_msx_sdk.model.generic_event_create import GenericEventCreate

pytestmark = pytest.mark.negative

EVENTS = "/auditing/api/v8/genericevents"
TOKENS = [pytest.param(None, id="createGenericEvent-401-no-token"),
          pytest.param("not-a-valid-token", id="createGenericEvent-401-bad-token")]


def with_(**fields):
    return lambda name: {"service": "msx-checklist", "description": name} | fields


# Each body breaks one constraint of the contract's GenericEventCreate.
INVALID = [
    pytest.param(with_(severity="BAD"), id="unknown-severity"),
    pytest.param(with_(severity="good"), id="lower-case-severity"),
    pytest.param(with_(subtype=""), id="empty-subtype"),
    pytest.param(with_(subtype="t" * 129), id="subtype-129-chars"),
    pytest.param(with_(service=""), id="empty-service"),
    pytest.param(with_(service="s" * 129), id="service-129-chars"),
    pytest.param(with_(keywords=""), id="empty-keywords"),
    pytest.param(with_(keywords="k" * 513), id="keywords-513-chars"),
    pytest.param(with_(description=""), id="empty-description"),
    pytest.param(lambda name: {"service": "msx-checklist", "description": name.ljust(513, "d")},
                 id="description-513-chars"),
    pytest.param(with_(service=None), id="null-service"),
    pytest.param(with_(details={"count": 1}), id="detail-not-a-string"),
    pytest.param(with_(details=["a"]), id="details-not-an-object"),
    pytest.param(with_(trace={"traceId": "not-a-uuid"}), id="trace-id-not-a-uuid"),
    pytest.param(with_(security={"userId": "not-a-uuid"}), id="security-user-id-not-a-uuid"),
    pytest.param(with_(security=None), id="null-security"),
    pytest.param(lambda name: [{"description": name}], id="body-not-an-object"),
]


@pytest.mark.side_effect
@pytest.mark.parametrize("make_body", [pytest.param(*case.values, id=f"createGenericEvent-400-{case.id}")
                                       for case in INVALID])
def test_invalid_generic_event_is_refused(send_raw, refuses, unique_name, make_body):
    refuses(400, lambda: send_raw("POST", EVENTS, make_body(unique_name)))


@pytest.mark.smoke
@pytest.mark.parametrize("token", TOKENS)
def test_createGenericEvent_needs_a_valid_token(make_api_client, refuses, unique_name, token):
    """A cheap round trip that writes nothing: the auditing service answers, and refuses without a valid token."""
    refuses(401, lambda: AuditingGenericEventsApi(make_api_client(token)).create_generic_event(
        GenericEventCreate(service="msx-checklist", description=unique_name)))


@pytest.mark.side_effect
def test_createGenericEvent_403_limited_user_lacks_CREATE_AUDIT_GENERIC_EVENT_PERMISSION(limited_api_client, refuses,
                                                                                         unique_name):
    refuses(403, lambda: AuditingGenericEventsApi(limited_api_client).create_generic_event(
        GenericEventCreate(service="msx-checklist", description=unique_name)))
