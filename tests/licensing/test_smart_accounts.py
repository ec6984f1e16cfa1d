"""Smart Accounts and licenses (licensing): what a Cisco user's Smart Accounts and their virtual accounts hold.

The answers come from Cisco's Smart Software Manager behind MSX: the checks hold for any data, each
filter's answers match the filter, and the licenses of a virtual account the suite found are listed.
"""

import pytest
from python_msx_sdk.api.licensing_accounts_api import LicensingAccountsApi
from python_msx_sdk.api.licensing_licenses_api import LicensingLicensesApi
from python_msx_sdk.model.smart_account_type import SmartAccountType

USER_ID = "msx-checklist"


def accounts_of(api, **filters):
    return api.get_user_accounts_list(user_id=USER_ID, **filters).accounts or []


@pytest.mark.smoke
def test_getUserAccountsList_answers_the_users_smart_accounts(msx_api):
    """Read-only: the Smart Accounts a Cisco user sees, each with an id, a name and a type."""
    for account in accounts_of(msx_api(LicensingAccountsApi)):
        assert account.account_id is not None and account.account_name, account


@pytest.mark.parametrize("account_type", ["CUSTOMER", "HOLDING"])
def test_getUserAccountsList_type_filter(msx_api, account_type):
    found = accounts_of(msx_api(LicensingAccountsApi), type=SmartAccountType(account_type))
    assert all(account.account_type.value == account_type for account in found), found


def test_getUserAccountsList_domain_and_role_filters_find_an_account(msx_api):
    api = msx_api(LicensingAccountsApi)
    accounts = accounts_of(api)
    if not accounts or not accounts[0].roles:
        pytest.skip("the Cisco user has no Smart Account with a role")
    account, role = accounts[0], accounts[0].roles[0]
    assert account.account_id in [a.account_id for a in accounts_of(api, domain=account.account_domain)]
    by_role = accounts_of(api, role_name=role.role_name)
    assert account.account_id in [a.account_id for a in by_role]
    assert all(role.role_name in [r.role_name for r in a.roles] for a in by_role), by_role


def test_getLicensesList_lists_the_licenses_of_a_virtual_account(msx_api):
    accounts = [a for a in accounts_of(msx_api(LicensingAccountsApi)) if a.roles]
    if not accounts:
        pytest.skip("the Cisco user has no virtual account")
    account, role = accounts[0], accounts[0].roles[0]
    licenses = msx_api(LicensingLicensesApi).get_licenses_list(smart_account_id=str(account.account_id),
                                                                virtual_account_id=str(role.virtual_account_id))
    for summary in licenses:
        assert summary.name and (summary.entitled or 0) >= 0 and (summary.inuse or 0) >= 0, summary


def test_getLicensesList_of_an_unknown_virtual_account_is_empty(msx_api):
    assert msx_api(LicensingLicensesApi).get_licenses_list(smart_account_id="0", virtual_account_id="0") == []
