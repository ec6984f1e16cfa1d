"""The Smart Account configuration (licensing): one per MSX, read and written back exactly as it was.

It is a singleton the suite did not make: the test reads it, changes it, and writes back what it read
(try/finally), only where side effects are allowed. On an MSX without one, the documented 404s are
checked and the test creates it; the contract has no delete, so that configuration stays.
"""

import pytest
from python_msx_sdk.api.licensing_configurations_api import LicensingConfigurationsApi
from python_msx_sdk.exceptions import NotFoundException
from python_msx_sdk.model.smart_account_configuration_create import SmartAccountConfigurationCreate
from python_msx_sdk.model.smart_account_configuration_update import SmartAccountConfigurationUpdate

SETTINGS = ("base_auth_url", "base_smart_url", "content_type", "grant_type", "client_id", "client_secret")
# What the suite writes when MSX has no configuration, and while it checks an update.
SUITE_SETTINGS = {"base_auth_url": "https://cloudsso.cisco.com/as/token.oauth2",
                  "base_smart_url": "https://swapi.cisco.com", "content_type": "application/x-www-form-urlencoded",
                  "grant_type": "client_credentials", "client_id": "msx-suite-client"}


def settings_of(configuration) -> dict:
    """The configuration's writable fields, as read (the secret as MSX answers it)."""
    return {name: value for name, value in configuration.to_dict().items() if name in SETTINGS}


def current(api):
    """The configuration, or None where MSX has none (404)."""
    try:
        return api.get_smart_account_configuration()
    except NotFoundException:
        return None


@pytest.mark.side_effect
def test_getSmartAccountConfiguration_createSmartAccountConfiguration_updateSmartAccountConfiguration(
        msx_api, refuses, unique_name):
    """Read (404 where there is none, then created: 201), a second create refused (409), updated and written back."""
    api = msx_api(LicensingConfigurationsApi)
    original = current(api)
    if original is None:
        refuses(404, lambda: api.update_smart_account_configuration(SmartAccountConfigurationUpdate(**SUITE_SETTINGS)))
        created, status, _ = api.create_smart_account_configuration(
            SmartAccountConfigurationCreate(**SUITE_SETTINGS, client_secret=unique_name), _return_http_data_only=False)
        assert status == 201 and created.id, created
        assert {k: v for k, v in settings_of(created).items() if k != "client_secret"} == SUITE_SETTINGS
        original = api.get_smart_account_configuration()
        assert original.to_dict() == created.to_dict(), "get returns what create returned"

    refuses(409, lambda: api.create_smart_account_configuration(SmartAccountConfigurationCreate(**SUITE_SETTINGS)))
    assert api.get_smart_account_configuration().to_dict() == original.to_dict(), "a refused create changes nothing"
    try:
        changed = settings_of(original) | {"client_id": unique_name}
        updated, status, _ = api.update_smart_account_configuration(SmartAccountConfigurationUpdate(**changed),
                                                                    _return_http_data_only=False)
        assert status == 200 and updated.id == original.id
        assert updated.client_id == unique_name, updated
        assert api.get_smart_account_configuration().to_dict() == updated.to_dict(), "get returns the update"
    finally:
        api.update_smart_account_configuration(SmartAccountConfigurationUpdate(**settings_of(original)))
    assert api.get_smart_account_configuration().to_dict() == original.to_dict(), "written back as it was"


@pytest.mark.smoke
def test_getSmartAccountConfiguration_answers_it_or_that_there_is_none(msx_api):
    """Read-only: the configuration, or the documented 404 where MSX has none."""
    configuration = current(msx_api(LicensingConfigurationsApi))
    assert configuration is None or configuration.id, configuration
