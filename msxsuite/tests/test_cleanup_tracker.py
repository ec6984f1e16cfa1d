"""Safe create retry: a create that may have been made is looked up by name, never made twice."""

import json
import os
from collections import Counter

import pytest
import urllib3
from python_msx_sdk.exceptions import ApiException, ServiceException
from python_msx_sdk.model.tenant_create import TenantCreate
from python_msx_sdk.model.user_create import UserCreate

from msxsuite.cleanup.ledger import Ledger
from msxsuite.cleanup.tracker import Tracker, find_by_name, tracker_for
from msxsuite.counters import TALLY
from msxsuite.registry import TENANT, USER
from msxsuite.sdk import MsxTimeout
from msxsuite.tests.emulated import authorized_apis

RUN_TAG = "7e57ed"
TRANSIENT = {
    "502": lambda: ApiException(status=502, reason="Bad Gateway"),
    "503": lambda: ServiceException(status=503, reason="Service Unavailable"),
    "504": lambda: ApiException(status=504, reason="Gateway Timeout"),
    "connection-reset": lambda: urllib3.exceptions.MaxRetryError(
        None, "/idm/api/v8/tenants", urllib3.exceptions.ProtocolError("Connection aborted.", ConnectionResetError())),
    "connection-refused": lambda: urllib3.exceptions.MaxRetryError(
        None, "/idm/api/v8/tenants", urllib3.exceptions.NewConnectionError(None, "Connection refused")),
}


@pytest.fixture
def apis(emulator):
    """The emulator, reset, and its superuser's TenantsApi, UsersApi and RolesApi."""
    emulator.reset()
    with authorized_apis(emulator) as apis:
        yield apis


@pytest.fixture
def ledger(tmp_path):
    return Ledger(tmp_path, RUN_TAG, "http://127.0.0.1:1", os.getpid())


@pytest.fixture
def tally():
    """A function giving how TALLY's retries, cleaned and leaked changed since the test began."""
    before = TALLY.copy()
    return lambda: {key: TALLY[key] - before[key] for key in ("retries", "cleaned", "leaked")}


def ledger_names(ledger):
    return [json.loads(line)["name"] for line in ledger.path.read_text().splitlines()]


def losing_the_answer(create, error, times=1):
    """A create that is made on MSX but whose answer is lost `times` times."""
    calls = []

    def lossy(fields):
        calls.append(fields)
        made = create(fields)
        if len(calls) <= times:
            raise error()
        return made
    lossy.calls = calls
    return lossy


def failing_before_msx(create, error, times=1):
    """A create that fails `times` times before reaching MSX, then goes through."""
    calls = []

    def refused(fields):
        calls.append(fields)
        if len(calls) <= times:
            raise error()
        return create(fields)
    refused.calls = calls
    return refused


def tenant_create(tenants_api):
    return lambda fields: tenants_api.create_tenant(TenantCreate(**fields), _return_http_data_only=False)


def tenant_tracker_with(tenants_api, create, ledger):
    return Tracker(TENANT, create, tenants_api.delete_tenant, lambda f: find_by_name(tenants_api, TENANT, f["name"]), ledger)


def names_on_msx(emulator, name):
    return [left for left in emulator.stats()["tenants"] + emulator.stats()["users"] if left == name]


@pytest.mark.parametrize("error", TRANSIENT.values(), ids=TRANSIENT.keys())
def test_create_whose_answer_was_lost_is_found_not_made_again(apis, emulator, ledger, tally, error):
    tenants_api = apis[0]
    create = losing_the_answer(tenant_create(tenants_api), error)
    tracker = tenant_tracker_with(tenants_api, create, ledger)
    name = f"msxt-{RUN_TAG}-answer-lost"

    created = tracker.create(name=name)

    assert (created.status, created.recovered, created.resource.name) == (201, True, name)
    assert len(create.calls) == 1 and names_on_msx(emulator, name) == [name], "no duplicate"
    assert ledger_names(ledger) == [name]
    tracker.cleanup()
    assert emulator.stats()["tenants"] == []
    assert tally() == {"retries": 0, "cleaned": 1, "leaked": 0}


@pytest.mark.parametrize("error", TRANSIENT.values(), ids=TRANSIENT.keys())
def test_create_that_was_not_made_is_made_once_more(apis, emulator, ledger, tally, error):
    tenants_api = apis[0]
    create = failing_before_msx(tenant_create(tenants_api), error)
    tracker = tenant_tracker_with(tenants_api, create, ledger)
    name = f"msxt-{RUN_TAG}-not-made"

    created = tracker.create(name=name)

    assert (created.status, created.recovered) == (201, False)
    assert len(create.calls) == 2 and names_on_msx(emulator, name) == [name]
    assert ledger_names(ledger) == [name, name], "one ledger line per create call"
    tracker.cleanup()
    assert tally() == {"retries": 1, "cleaned": 1, "leaked": 0}


def test_create_gives_up_after_two_retries(apis, emulator, ledger, tally):
    tenants_api = apis[0]
    create = failing_before_msx(tenant_create(tenants_api), TRANSIENT["503"], times=3)
    tracker = tenant_tracker_with(tenants_api, create, ledger)

    with pytest.raises(ServiceException):
        tracker.create(name=f"msxt-{RUN_TAG}-always-503")

    assert len(create.calls) == 3 and len(ledger_names(ledger)) == 3
    assert emulator.stats()["tenants"] == []
    assert tally()["retries"] == 2


@pytest.mark.parametrize("error", [
    pytest.param(lambda: ServiceException(status=500, reason="Internal Server Error"), id="500"),
    pytest.param(lambda: ApiException(status=400, reason="Bad Request"), id="400"),
    pytest.param(lambda: MsxTimeout("POST", "/idm/api/v8/tenants", 30), id="timeout"),
    pytest.param(lambda: urllib3.exceptions.MaxRetryError(
        None, "/", urllib3.exceptions.NameResolutionError("msx.invalid", None, "unknown host")), id="unknown-host"),
])
def test_other_failures_are_not_retried(apis, emulator, ledger, tally, error):
    tenants_api = apis[0]
    create = failing_before_msx(tenant_create(tenants_api), error)
    tracker = tenant_tracker_with(tenants_api, create, ledger)

    with pytest.raises(type(error())):
        tracker.create(name=f"msxt-{RUN_TAG}-not-retried")

    assert len(create.calls) == 1
    assert tally()["retries"] == 0


def test_user_whose_answer_was_lost_is_found_by_its_name(apis, emulator, ledger, tally):
    tenants_api, users_api, roles_api = apis
    tenants = tracker_for(TENANT, tenants_api, ledger)
    tenant = tenants.create(name=f"msxt-{RUN_TAG}-home").resource
    create = losing_the_answer(
        lambda fields: users_api.create_user(UserCreate(**fields), _return_http_data_only=False), TRANSIENT["504"])
    users = Tracker(USER, create, users_api.delete_user,
                    lambda f: find_by_name(users_api, USER, f["username"]), ledger)
    name = f"msxt-{RUN_TAG}-lost-user"

    created = users.create(username=name, first_name="Msx", last_name="Suite", email=f"{name}@example.com",
                           role_ids=[roles_api.get_role_by_name("CONSUMER").id], tenant_ids=[tenant.id],
                           password="Msx-Suite-First-1")

    assert created.recovered and created.resource.username == name
    assert emulator.stats()["users"] == [name], "no duplicate user"
    users.cleanup()
    tenants.cleanup()
    assert emulator.stats()["users"] == [] and emulator.stats()["tenants"] == []
    assert tally() == {"retries": 0, "cleaned": 2, "leaked": 0}


def test_injected_503s_make_no_duplicate_and_leave_a_trail_of_each_retry(apis, emulator, ledger):
    tenants_api = apis[0]
    tracker = tracker_for(TENANT, tenants_api, ledger)
    emulator.set_faults(error_rate=0.5, error_status=503)
    made, gave_up = [], []
    for number in range(20):
        name = f"msxt-{RUN_TAG}-faulty-{number}"
        try:
            made.append(tracker.create(name=name).resource.name)
        except ApiException as error:
            assert error.status == 503, error
            gave_up.append(name)
    emulator.set_faults()

    left = emulator.stats()["tenants"]
    assert sorted(left) == sorted(made), "every tenant made once, none made by a create that gave up"
    retried = [name for name, calls in Counter(ledger_names(ledger)).items() if calls > 1]
    assert retried, "half the requests answered 503 and not one create was retried"
    tracker.cleanup()
    assert emulator.stats()["tenants"] == []


def test_cleanup_counts_what_it_could_not_delete(apis, emulator, ledger, tally):
    tenants_api, users_api, roles_api = apis
    tenants = tracker_for(TENANT, tenants_api, ledger)
    tenant = tenants.create(name=f"msxt-{RUN_TAG}-busy").resource
    users = tracker_for(USER, users_api, ledger)
    users.create(username=f"msxt-{RUN_TAG}-member", first_name="Msx", last_name="Suite",
                 email="member@example.com", role_ids=[roles_api.get_role_by_name("CONSUMER").id],
                 tenant_ids=[tenant.id], password="Msx-Suite-First-1")

    with pytest.raises(ApiException) as refused:
        tenants.cleanup()  # its user still holds the tenant
    assert refused.value.status == 409

    users.cleanup()
    tenants_api.delete_tenant(tenant.id)
    assert tally() == {"retries": 0, "cleaned": 1, "leaked": 1}
