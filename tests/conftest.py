"""Fixtures of the MSX checklist: cassettes per test, run tags, resource factories."""

import contextlib

import pytest
from python_msx_sdk.exceptions import ApiException
from python_msx_sdk.model.tenant import Tenant
from python_msx_sdk.model.user import User

from msxsuite import recording
from msxsuite.auth import password_grant
from msxsuite.cleanup import tenant_tracker, user_tracker
from msxsuite.naming import resource_name

HERE = __file__.rsplit("/", 1)[0]
LIMITED_ROLE = "CONSUMER"
LIMITED_PASSWORD = "Msx-Suite-Limited-1"
JSON_HEADERS = {"Accept": "application/json", "Content-Type": "application/json"}


def pytest_collection_modifyitems(config, items):
    """Every MSX test uses a cassette (unless live) and, on replay, never reaches the network."""
    replay = config.getoption("record_mode") == "none"
    for item in items:
        if str(item.path).startswith(HERE):
            item.add_marker(pytest.mark.vcr)
            if replay:
                item.add_marker(pytest.mark.block_network)


@pytest.fixture(scope="module")
def vcr_cassette_dir(request):
    """cassettes/<test module>/, mirroring tests/."""
    return str(request.config.rootpath / recording.CASSETTES / request.path.stem)


@pytest.fixture(scope="session")
def vcr_config(msx_settings):
    """The suite's one vcrpy configuration (scrubbing, matching on method, path and query)."""
    return recording.vcr_config(msx_settings)


@pytest.fixture
def run_tag(vcr, msx_run_tag):
    """The tag in this test's names: the recorded one on replay, this run's otherwise."""
    if vcr is None:
        return msx_run_tag
    return vcr.get_metadata("run_tag", msx_run_tag)


@pytest.fixture
def unique_name(request, run_tag):
    """A suite-prefixed name for what this test creates, identical on record and replay."""
    return resource_name(run_tag, request.node.name)


@pytest.fixture
def tenants(tenants_api, msx_ledger):
    """Creates tenants (`tenants.create(**fields)`) and deletes those left after the test."""
    tracker = tenant_tracker(tenants_api, msx_ledger)
    yield tracker
    tracker.cleanup()


@pytest.fixture
def users(users_api, tenants, msx_ledger):
    """Creates users (`users.create(**fields)`) and deletes those left, before their tenants."""
    tracker = user_tracker(users_api, msx_ledger)
    yield tracker
    tracker.cleanup()


@pytest.fixture
def limited_user(tenants, users, roles_api, unique_name):
    """A user with a limited role (CONSUMER: reads, changes nothing in IDM) in a tenant of its own."""
    tenant = tenants.create(name=unique_name).resource
    role = roles_api.get_role_by_name(LIMITED_ROLE)
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
def refuses(tenants_api, users_api, unique_name):
    """`refuses(status, call)`: MSX answers `call()` with that status (returns the ApiException).

    If MSX accepts the call instead, the test fails; a tenant or user in its answer that carries
    this test's unique name (every refusal test puts it in what it sends) is deleted first.
    """
    deleters = {Tenant: tenants_api.delete_tenant, User: users_api.delete_user}

    def expect(status, call):
        try:
            accepted = call()
        except ApiException as error:
            assert error.status == status, f"expected {status}, got {error.status}: {error.body}"
            return error
        delete = deleters.get(type(accepted))
        if delete and any(str(value).startswith(unique_name) for value in accepted.to_dict().values()):
            with contextlib.suppress(ApiException):  # e.g. 409; the factories delete what they made
                delete(accepted.id)
        answered = f" a {type(accepted).__name__} {getattr(accepted, 'id', '')}" if accepted is not None else ""
        pytest.fail(f"expected {status}, but MSX accepted the call and answered{answered}")

    return expect
