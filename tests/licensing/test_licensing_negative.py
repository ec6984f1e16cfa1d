"""Licensing: what MSX must refuse, and with which status (ids: <operationId>-<status>-<case>).

Refusals that aim at the Smart Account configuration are marked side_effect: were MSX to accept one, it
would change the one configuration of the MSX.
"""

import pytest
from python_msx_sdk.api.licensing_accounts_api import LicensingAccountsApi
from python_msx_sdk.api.licensing_configurations_api import LicensingConfigurationsApi
from python_msx_sdk.api.licensing_licenses_api import LicensingLicensesApi
from python_msx_sdk.model.smart_account_configuration_create import SmartAccountConfigurationCreate
from python_msx_sdk.model.smart_account_configuration_update import SmartAccountConfigurationUpdate

pytestmark = pytest.mark.negative

CONFIGURATION = "/licensing/api/v8/configuration"
ACCOUNTS = "/licensing/api/v8/accounts/smart/list"
# The contract's path, with its prefix twice.
LICENSES = "/licensing/api/v8/licensing/api/v8/licenses/list"
TOKENS = [pytest.param(None, id="401-no-token"), pytest.param("not-a-valid-token", id="401-bad-token")]

# Each body breaks one constraint of SmartAccountConfigurationCreate (Update): every field is a string.
BROKEN_BODIES = [
    pytest.param({"clientId": 42}, id="client-id-not-a-string"),
    pytest.param({"clientSecret": ["secret"]}, id="client-secret-not-a-string"),
    pytest.param({"baseAuthUrl": None}, id="null-base-auth-url"),
    pytest.param({"grantType": True}, id="grant-type-not-a-string"),
    pytest.param(["clientId"], id="body-not-an-object"),
]
INVALID_WRITES = [pytest.param("POST", *case.values, id=f"createSmartAccountConfiguration-400-{case.id}")
                  for case in BROKEN_BODIES] + [
                  pytest.param("PUT", *case.values, id=f"updateSmartAccountConfiguration-400-{case.id}")
                  for case in BROKEN_BODIES]
MALFORMED = [
    pytest.param(ACCOUNTS, [], id="getUserAccountsList-400-no-user-id"),
    pytest.param(ACCOUNTS, [("userId", "msx-checklist"), ("type", "PARTNER")], id="getUserAccountsList-400-unknown-type"),
    pytest.param(ACCOUNTS, [("userId", "msx-checklist"), ("type", "customer")], id="getUserAccountsList-400-lower-case-type"),
    pytest.param(LICENSES, [("virtualAccountId", "0")], id="getLicensesList-400-no-smart-account-id"),
    pytest.param(LICENSES, [("smartAccountId", "0")], id="getLicensesList-400-no-virtual-account-id"),
]
READS = [
    pytest.param(lambda client: LicensingConfigurationsApi(client).get_smart_account_configuration(),
                 id="getSmartAccountConfiguration"),
    pytest.param(lambda client: LicensingAccountsApi(client).get_user_accounts_list(user_id="msx-checklist"),
                 id="getUserAccountsList"),
    pytest.param(lambda client: LicensingLicensesApi(client).get_licenses_list(smart_account_id="0",
                                                                                 virtual_account_id="0"),
                 id="getLicensesList"),
]
WRITES = [
    pytest.param(lambda client: LicensingConfigurationsApi(client).create_smart_account_configuration(
        SmartAccountConfigurationCreate(client_id="msx-checklist")), id="createSmartAccountConfiguration"),
    pytest.param(lambda client: LicensingConfigurationsApi(client).update_smart_account_configuration(
        SmartAccountConfigurationUpdate(client_id="msx-checklist")), id="updateSmartAccountConfiguration"),
]


@pytest.mark.side_effect
@pytest.mark.parametrize("method, body", INVALID_WRITES)
def test_invalid_configuration_is_refused(send_raw, refuses, method, body):
    refuses(400, lambda: send_raw(method, CONFIGURATION, body))


@pytest.mark.parametrize("path, query", MALFORMED)
def test_malformed_licensing_request_is_rejected(send_raw, refuses, path, query):
    refuses(400, lambda: send_raw("GET", path, None, query))


@pytest.mark.parametrize("token", TOKENS)
@pytest.mark.parametrize("call", READS)
def test_licensing_reads_need_a_valid_token(make_api_client, refuses, call, token):
    refuses(401, lambda: call(make_api_client(token)))


@pytest.mark.side_effect
@pytest.mark.parametrize("token", TOKENS)
@pytest.mark.parametrize("call", WRITES)
def test_configuration_writes_need_a_valid_token(make_api_client, refuses, call, token):
    refuses(401, lambda: call(make_api_client(token)))


@pytest.mark.side_effect
@pytest.mark.parametrize("call", [pytest.param(*case.values, id=f"{case.id}-403-limited-user") for case in WRITES])
def test_limited_user_may_not_write_the_configuration(limited_api_client, refuses, call):
    refuses(403, lambda: call(limited_api_client))
