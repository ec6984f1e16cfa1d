"""Fixtures of the MSX checklist: cassettes per test, run tags, resource factories."""

import pytest
from python_msx_sdk.model.tenant_create import TenantCreate
from python_msx_sdk.model.user_create import UserCreate

from msxsuite import recording
from msxsuite.cleanup import Tracker
from msxsuite.naming import resource_name

HERE = __file__.rsplit("/", 1)[0]


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
def tenants(tenants_api):
    """Creates tenants (`tenants.create(**fields)`) and deletes those left after the test."""
    tracker = Tracker(
        lambda fields: tenants_api.create_tenant(TenantCreate(**fields), _return_http_data_only=False),
        tenants_api.delete_tenant,
    )
    yield tracker
    tracker.cleanup()


@pytest.fixture
def users(users_api, tenants):
    """Creates users (`users.create(**fields)`) and deletes those left, before their tenants."""
    tracker = Tracker(
        lambda fields: users_api.create_user(UserCreate(**fields), _return_http_data_only=False),
        users_api.delete_user,
    )
    yield tracker
    tracker.cleanup()
