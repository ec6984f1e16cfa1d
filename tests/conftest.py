"""Fixtures of the MSX checklist: cassettes per test, run tags, resource factories, refusals.

A factory fixture per kind of the registry (`tenants`, `users`, `products`, `offers`, ...):
`tenants.create(**fields)` registers what it made, and everything left is deleted after the
test in the registry's deletion order, also when the test failed.
"""

import contextlib
import os
from pathlib import Path

import pytest
from pytest_recording import network
from pytest_recording.plugin import get_default_cassette_name
from python_msx_sdk.api.roles_api import RolesApi
from python_msx_sdk.exceptions import ApiException, NotFoundException
from vcr import VCR

from msxsuite import cassette_switch, provenance, recording
from msxsuite.auth import password_grant
from msxsuite.cleanup import Resources
from msxsuite.isolation import make_suite_tenant
from msxsuite.naming import resource_name
from msxsuite.registry import BY_MODEL, KINDS
from msxsuite.sdk import JSON_HEADERS
from msxsuite.stash import CASSETTE_SWITCH

HERE = Path(__file__).parent
LIMITED_ROLE = "CONSUMER"
LIMITED_PASSWORD = "Msx-Suite-Limited-1"


def pytest_collection_modifyitems(config, items):
    """Every MSX test uses a cassette (unless live)."""
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.vcr)


@pytest.fixture(scope="package", autouse=True)
def block_network(pytestconfig, vcr_config):
    """On replay no checklist test reaches the network: pytest-recording's blocking (its own fixture of
    this name), entered once for a run of checklist tests rather than around each one."""
    if pytestconfig.getoption("record_mode") != "none":  # None when live
        yield
        return
    allowed = pytestconfig.getoption("allowed_hosts") or vcr_config.get("allowed_hosts")
    with network.blocking_context(allowed.split(",") if isinstance(allowed, str) else allowed):
        yield


@pytest.fixture(scope="module")
def vcr_cassette_dir(request):
    """cassettes/<service>/<test module>/, mirroring tests/."""
    return str(request.config.rootpath / recording.CASSETTES / request.path.relative_to(HERE).with_suffix(""))


@pytest.fixture(scope="session")
def vcr_config(msx_settings):
    """The suite's one vcrpy configuration (scrubbing, matching on method, path and query)."""
    return recording.vcr_config(msx_settings)


@pytest.fixture(scope="session")
def msx_cassette_switch(pytestconfig, vcr_config):
    """The run's cassette switch (msxsuite.cassette_switch) and the vcrpy configuration cassettes load with."""
    configured = VCR(**vcr_config)
    pytestconfig.hook.pytest_recording_configure(config=pytestconfig, vcr=configured)
    return pytestconfig.stash[CASSETTE_SWITCH], configured


@pytest.fixture(autouse=True)
def vcr(request, vcr_cassette_dir, record_mode, disable_recording, msx_settings):
    """This test's cassette (pytest-recording's `vcr`, named and placed as it would be), switched in
    beneath vcrpy's patches, which stay from one cassette test to the next; None when live. One being
    recorded is stamped with its provenance."""
    if disable_recording or request.node.get_closest_marker("vcr") is None:
        yield None
        return
    switch, configured = request.getfixturevalue("msx_cassette_switch")
    name = get_default_cassette_name(request.cls, request.node.name)
    cassette = cassette_switch.load(configured, os.path.join(vcr_cassette_dir, name), record_mode)
    provenance.stamp(cassette, msx_settings)
    with switch.playing(cassette):
        yield cassette


@pytest.fixture
def unique_name(request, vcr, msx_run_tag):
    """A suite-prefixed name for what this test creates, identical on record and replay: its run tag
    is the one its cassette was recorded with, this run's otherwise."""
    run_tag = msx_run_tag if vcr is None else vcr.get_metadata("run_tag", msx_run_tag)
    return resource_name(run_tag, request.node.name)


@pytest.fixture
def msx_resources(request, msx_api, msx_ledger):
    """This test's resources of every kind, deleted after it in the registry's deletion order.

    After Ctrl-C a create may have been made but not yet registered (the interrupt came while its
    answer was read), so a delete may be refused for what it still holds: the run's end-of-run sweep,
    which finds everything by the run's names, then deletes it, and the interrupted run ends as such.
    """
    resources = Resources(msx_api, msx_ledger)
    yield resources
    try:
        resources.cleanup()
    except Exception:
        if request.session.exitstatus != pytest.ExitCode.INTERRUPTED:
            raise


def _factory(kind):
    def factory(msx_resources):
        return msx_resources.tracker(kind)

    factory.__doc__ = f"Creates {kind.label}s (`{kind.factory}.create(**fields)`); those left are deleted after the test."
    return pytest.fixture(name=kind.factory)(factory)


for _kind in KINDS:
    globals()[f"_{_kind.factory}_factory"] = _factory(_kind)


@pytest.fixture
def limited_user(tenants, users, msx_api, unique_name):
    """A user with a limited role (CONSUMER: reads, changes nothing) in a tenant of its own."""
    tenant = tenants.create(name=unique_name).resource
    role = msx_api(RolesApi).get_role_by_name(LIMITED_ROLE)
    return users.create(
        username=unique_name, last_name="Limited", email=f"{unique_name}@example.com",
        role_ids=[role.id], tenant_ids=[tenant.id], password=LIMITED_PASSWORD,
    ).resource


@pytest.fixture
def limited_token(make_api_client, msx_settings, limited_user):
    """An access token of `limited_user`, from the password grant."""
    return password_grant(make_api_client(), msx_settings, username=limited_user.username,
                          password=LIMITED_PASSWORD).access_token


@pytest.fixture
def limited_api_client(make_api_client, limited_token):
    """An ApiClient carrying `limited_token`."""
    return make_api_client(limited_token)


@pytest.fixture
def suite_tenants(tenants, users, msx_api, make_api_client, msx_settings, unique_name):
    """Two tenants of the suite's own, `a, b = suite_tenants`: each with a tenant admin (MSX_ISOLATION_ROLE)
    whose token its `client` carries, and a CONSUMER user (msxsuite.isolation.SuiteTenant)."""
    roles = msx_api(RolesApi)
    try:
        admin_role = roles.get_role_by_name(msx_settings.isolation_role)
    except NotFoundException:
        pytest.fail(f"MSX has no role {msx_settings.isolation_role}: set MSX_ISOLATION_ROLE to the role that "
                    "manages its own tenant's users and objects", pytrace=False)
    user_role = roles.get_role_by_name(LIMITED_ROLE)

    def client_of(username, password):
        return make_api_client(password_grant(make_api_client(), msx_settings, username=username,
                                              password=password).access_token)

    return tuple(make_suite_tenant(tenants, users, f"{unique_name}-{side}", admin_role.id, user_role.id, client_of)
                 for side in "ab")


@pytest.fixture
def send_raw(msx_api_client):
    """Send what the SDK's typed operations would not (`send_raw(method, path, body, query, answer)`).

    So MSX, not the SDK, is the one that must refuse it; `answer` is the SDK type of a success,
    e.g. `(Tenant,)`, so that `refuses` can delete what a wrongly accepted create made.
    """

    def send(method, path, body=None, query=(), answer=None):
        return msx_api_client.call_api(path, method, query_params=list(query), body=body, response_type=answer,
                                       header_params=dict(JSON_HEADERS), auth_settings=[], _check_type=False,
                                       _return_http_data_only=True)

    return send


@pytest.fixture
def refuses(msx_api, unique_name):
    """`refuses(status, call)`: MSX answers `call()` with that status (returns the ApiException).

    If MSX accepts the call instead, the test fails; a resource of a registry kind in its answer
    that carries this test's unique name (every refusal test puts it in what it sends) is deleted first.
    """

    def delete(accepted):
        kind = BY_MODEL.get(type(accepted))
        if kind is not None and any(str(value).startswith(unique_name) for value in accepted.to_dict().values()):
            with contextlib.suppress(ApiException):  # e.g. 409; the factories delete what they made
                kind.delete(msx_api(kind.api), accepted.id)

    def expect(status, call):
        try:
            accepted = call()
        except ApiException as error:
            assert error.status == status, f"expected {status}, got {error.status}: {error.body}"
            return error
        delete(accepted)
        answered = f" a {type(accepted).__name__} {getattr(accepted, 'id', '')}" if accepted is not None else ""
        pytest.fail(f"expected {status}, but MSX accepted the call and answered{answered}")

    return expect
