"""The incident configuration: one object per MSX, read, replaced and patched, then written back as it was.

It is MSX's own link to ServiceNow, beyond what the suite made: the writes are side effects, and every
test that changes it writes back, in the same test, exactly what it read.
"""

import pytest
from python_msx_sdk.api.incident_configurations_api import IncidentConfigurationsApi
from python_msx_sdk.model.incident_config_patch import IncidentConfigPatch
from python_msx_sdk.model.incident_config_update import IncidentConfigUpdate

SECRETS = ("client_secret", "password")


def public(configuration) -> dict:
    """The configuration without its secrets, which MSX may answer masked (and cassettes scrub)."""
    return {key: value for key, value in configuration.to_dict().items() if key not in SECRETS}


@pytest.mark.smoke
def test_getConfiguration_answers_the_servicenow_link(msx_api):
    """Read-only: the configuration carries every field the contract requires."""
    configuration = msx_api(IncidentConfigurationsApi).get_configuration()
    assert all(configuration.to_dict().get(field) is not None
               for field in ("client_id", "client_secret", "domain", "password", "user_name")), public(configuration)


@pytest.mark.side_effect
def test_updateConfiguration_patchConfiguration_then_written_back(msx_api, unique_name):
    """Replaced, then patched, each answered and read back; finally written back exactly as it was read."""
    configurations = msx_api(IncidentConfigurationsApi)
    before = configurations.get_configuration()
    try:
        replacement = {"client_id": f"{unique_name}-client", "client_secret": "Msx-Suite-Secret-1",
                       "domain": f"{unique_name}.service-now.invalid", "password": "Msx-Suite-Password-1",
                       "user_name": "msx-checklist", "critical_event": True, "proxy": None}
        replaced, status, _ = configurations.update_configuration(IncidentConfigUpdate(**replacement),
                                                                  _return_http_data_only=False)
        assert status == 200
        expected = {key: value for key, value in replacement.items() if key not in SECRETS}
        assert public(replaced) == expected, "updateConfiguration answers the new configuration"
        assert public(configurations.get_configuration()) == expected, "get returns the new configuration"

        patched = configurations.patch_configuration(IncidentConfigPatch(critical_event=False,
                                                                         user_name="msx-checklist-patched"))
        assert public(patched) == expected | {"critical_event": False, "user_name": "msx-checklist-patched"}, \
            "patchConfiguration changes what it carries, nothing else"
    finally:
        configurations.update_configuration(IncidentConfigUpdate(**before.to_dict()))
    assert public(configurations.get_configuration()) == public(before), "written back as it was"
