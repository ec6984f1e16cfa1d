"""Licensing: the Smart Account configuration from absent to created to updated, Smart Accounts, licenses, refusals."""

from __future__ import annotations

import pytest
from python_msx_sdk.api.licensing_accounts_api import LicensingAccountsApi
from python_msx_sdk.api.licensing_configurations_api import LicensingConfigurationsApi
from python_msx_sdk.api.licensing_licenses_api import LicensingLicensesApi
from python_msx_sdk.model.smart_account_configuration_create import SmartAccountConfigurationCreate
from python_msx_sdk.model.smart_account_configuration_update import SmartAccountConfigurationUpdate
from python_msx_sdk.model.smart_account_type import SmartAccountType

from msx_emulator.services.service_state import state
from msx_emulator.tests.helpers import error_naming, raw_call
from msx_emulator.tests.operations import OPERATIONS

CONFIGURATION = "/licensing/api/v8/configuration"
SETTINGS = dict(base_auth_url="https://cloudsso.cisco.com/as/token.oauth2", base_smart_url="https://swapi.cisco.com",
                content_type="application/x-www-form-urlencoded", grant_type="client_credentials",
                client_id="client-id", client_secret="client-secret")


@pytest.fixture
def emu_licensing(emu_superuser_client):
    """LicensingConfigurationsApi as superuser."""
    return LicensingConfigurationsApi(emu_superuser_client)


def test_configuration_is_absent_then_created_once_then_updated(emu, emu_licensing):
    error_naming(emu_licensing.get_smart_account_configuration, 404, "configuration")
    error_naming(lambda: emu_licensing.update_smart_account_configuration(
        SmartAccountConfigurationUpdate(client_id="x")), 404, "configuration")
    created, status, _ = emu_licensing.create_smart_account_configuration(
        SmartAccountConfigurationCreate(**SETTINGS), _return_http_data_only=False)
    assert status == 201 and created.id and created.client_secret == "*****", "the secret is never answered"
    assert emu_licensing.get_smart_account_configuration().to_dict() == created.to_dict()
    error_naming(lambda: emu_licensing.create_smart_account_configuration(
        SmartAccountConfigurationCreate(client_id="again")), 409, "exists")
    updated = emu_licensing.update_smart_account_configuration(SmartAccountConfigurationUpdate(client_id="other"))
    assert updated.to_dict() == created.to_dict() | {"client_id": "other"}, "fields left out keep their values"
    assert emu.stats()["left"] == {}, "a setting, not a resource: nothing a test could delete"


def test_the_masked_secret_writes_back_unchanged(emu, emu_licensing):
    created = emu_licensing.create_smart_account_configuration(SmartAccountConfigurationCreate(**SETTINGS))
    fields = {name: value for name, value in created.to_dict().items() if name != "id"}
    emu_licensing.update_smart_account_configuration(SmartAccountConfigurationUpdate(**fields))
    # The API never answers the secret: the store shows it was kept.
    assert state(emu.backend.store, "licensing")["configuration"]["clientSecret"] == "client-secret"


def test_reset_removes_the_configuration(emu, emu_licensing):
    emu_licensing.create_smart_account_configuration(SmartAccountConfigurationCreate(**SETTINGS))
    emu.reset()
    error_naming(emu_licensing.get_smart_account_configuration, 404, "configuration")


@pytest.mark.parametrize("filters, names", [
    ({}, ["Emulator Systems, Inc.", "Emulator Holding"]),
    ({"type": SmartAccountType("HOLDING")}, ["Emulator Holding"]),
    ({"domain": "emulator001.example.com"}, ["Emulator Systems, Inc."]),
    ({"role_name": "VirtualAccountAdmin"}, ["Emulator Systems, Inc."]),
    ({"role_name": "Nobody"}, []),
])
def test_smart_accounts_are_filtered(emu_superuser_client, filters, names):
    accounts = LicensingAccountsApi(emu_superuser_client).get_user_accounts_list("any-cisco-user", **filters)
    assert [account.account_name for account in accounts.accounts] == names


def test_licenses_of_a_virtual_account(emu_superuser_client):
    licenses = LicensingLicensesApi(emu_superuser_client)
    assert [(s.name, s.enforced) for s in licenses.get_licenses_list("345466", "236791")] == [
        ("AP Perpetual Networkstack Advantage", False), ("Catalyst 9300 DNA Essentials, 3 Year Term", True)]
    assert licenses.get_licenses_list("345466", "999999") == []


@pytest.mark.parametrize("path, query, field", [
    pytest.param("/licensing/api/v8/accounts/smart/list", [], "userId", id="accounts-missing-user"),
    pytest.param("/licensing/api/v8/accounts/smart/list", [("userId", "u"), ("type", "PARTNER")], "type",
                 id="accounts-unknown-type"),
    pytest.param("/licensing/api/v8/licensing/api/v8/licenses/list", [("smartAccountId", "1")], "virtualAccountId",
                 id="licenses-missing-virtual-account"),
    pytest.param("/licensing/api/v8/licensing/api/v8/licenses/list", [("virtualAccountId", "1")], "smartAccountId",
                 id="licenses-missing-smart-account"),
])
def test_lists_reject_invalid_queries(emu_superuser_client, path, query, field):
    error_naming(lambda: raw_call(emu_superuser_client, "GET", path, query=query), 400, field)


@pytest.mark.parametrize("method", ["POST", "PUT"])
@pytest.mark.parametrize("body, field", [
    pytest.param({"clientId": 7}, "clientId", id="number-client-id"),
    pytest.param({"baseAuthUrl": None}, "baseAuthUrl", id="null-base-auth-url"),
    pytest.param({"clientSecret": ["s"]}, "clientSecret", id="list-client-secret"),
    pytest.param(["clientId"], "body", id="not-an-object"),
])
def test_invalid_configurations_are_bad_requests(emu_superuser_client, emu_licensing, method, body, field):
    if method == "PUT":
        emu_licensing.create_smart_account_configuration(SmartAccountConfigurationCreate(**SETTINGS))
    error_naming(lambda: raw_call(emu_superuser_client, method, CONFIGURATION, body=body), 400, field)


@pytest.mark.parametrize("operation", ["createSmartAccountConfiguration", "updateSmartAccountConfiguration"])
def test_consumer_may_not_write_the_configuration(emu_operator_client, operation):
    error_naming(lambda: OPERATIONS[operation](emu_operator_client), 403, "MANAGE_LICENSING")


def test_consumer_reads_licensing(emu_operator_client, emu_licensing):
    emu_licensing.create_smart_account_configuration(SmartAccountConfigurationCreate(**SETTINGS))
    for operation in ("getSmartAccountConfiguration", "getUserAccountsList", "getLicensesList"):
        OPERATIONS[operation](emu_operator_client)
