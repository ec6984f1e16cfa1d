"""Licensing: the Smart Account configuration (one per MSX), and the Smart Accounts and licenses it gives access to.

Where the contract is silent (see msx_emulator/README.md): an emulator starts without a configuration
(get and update: 404, create: 201, then 409); it is a setting, not a resource (no delete exists), so
`stats()["left"]` does not list it. Its clientSecret is answered as `*****`, and a write that sends
`*****` keeps the stored one, so what was read writes back unchanged. The emulator knows no Cisco user: every userId sees the same seeded
Smart Accounts, filtered by domain, role name and type; licenses are seeded per Smart Account and
virtual account, and an unknown pair has none. Neither read needs the configuration.
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlsplit

from msx_emulator.config import MANAGE_LICENSING, VIEW_LICENSING, EmulatorConfig
from msx_emulator.errors import ApiError, conflict
from msx_emulator.service import Call, Service
from msx_emulator.services.service_state import SERVICE_STATE, seed_state, set_state, state
from msx_emulator.store import Store

ACCOUNTS = (
    {"accountId": 345466, "accountName": "Emulator Systems, Inc.", "accountDomain": "https://emulator001.example.com",
     "accountType": "CUSTOMER",
     "roles": [{"roleName": "VirtualAccountAdmin", "virtualAccountId": 236791, "virtualAccountName": "Emulator-VA"}]},
    {"accountId": 345467, "accountName": "Emulator Holding", "accountDomain": "https://emulator-holding.example.com",
     "accountType": "HOLDING",
     "roles": [{"roleName": "SmartAccountAdmin", "virtualAccountId": 236792, "virtualAccountName": "Holding-VA"}]},
)
LICENSES = {
    ("345466", "236791"): (
        {"entitled": 500, "inuse": 12, "reserved": 0, "status": "In Compliance",
         "name": "AP Perpetual Networkstack Advantage", "enforced": False,
         "licenseDetails": [{"licenseType": "PERPETUAL", "quantity": 500, "startDate": "2019-08-21",
                             "endDate": "2029-08-21", "status": "ACTIVE"}]},
        {"entitled": 10, "inuse": 11, "reserved": 1, "status": "Out of Compliance",
         "name": "Catalyst 9300 DNA Essentials, 3 Year Term", "enforced": True,
         "licenseDetails": [{"licenseType": "TERM", "quantity": 10, "startDate": "2021-01-01",
                             "endDate": "2024-01-01", "subscriptionId": "Sub-945322", "status": "ACTIVE"}]},
    ),
}


def _seed(store: Store, config: EmulatorConfig) -> None:
    seed_state(store, "licensing", configuration=None)


SERVICE = Service("licensing", kinds=(SERVICE_STATE,), seed=_seed)
MASK = "*****"


# --- the Smart Account configuration ---------------------------------------------------------

def _configuration(store: Store) -> dict[str, Any]:
    configuration = state(store, "licensing")["configuration"]
    if configuration is None:
        raise ApiError(404, "NOT_FOUND", "no Smart Account configuration: create it first")
    return configuration


def _render(configuration: dict[str, Any]) -> dict[str, Any]:
    return configuration | ({"clientSecret": MASK} if "clientSecret" in configuration else {})


def _written(configuration: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
    """The configuration with the body's fields; a masked secret keeps the stored one."""
    kept = {name: value for name, value in body.items() if not (name == "clientSecret" and value == MASK)}
    return configuration | kept


@SERVICE.operation("getSmartAccountConfiguration", VIEW_LICENSING)
def get_smart_account_configuration(call: Call) -> dict:
    return _render(_configuration(call.store))


@SERVICE.operation("createSmartAccountConfiguration", MANAGE_LICENSING, status=201)
def create_smart_account_configuration(call: Call) -> dict:
    with call.store.lock:
        if state(call.store, "licensing")["configuration"] is not None:
            raise conflict("a Smart Account configuration exists already: update it")
        configuration = _written({"id": str(uuid.uuid4())}, call.body)
        set_state(call.store, "licensing", configuration=configuration)
        return _render(configuration)


@SERVICE.operation("updateSmartAccountConfiguration", MANAGE_LICENSING)
def update_smart_account_configuration(call: Call) -> dict:
    # Fields left out keep their values, as every PUT of the emulator.
    with call.store.lock:
        configuration = _written(_configuration(call.store), call.body)
        set_state(call.store, "licensing", configuration=configuration)
        return _render(configuration)


# --- Smart Accounts and licenses -------------------------------------------------------------

def _account_matches(account: dict[str, Any], params: dict[str, Any]) -> bool:
    domain, role_name, account_type = params.get("domain"), params.get("roleName"), params.get("type")
    return ((domain is None or domain in (account["accountDomain"], urlsplit(account["accountDomain"]).hostname))
            and (role_name is None or any(role["roleName"] == role_name for role in account["roles"]))
            and (account_type is None or account["accountType"] == account_type))


@SERVICE.operation("getUserAccountsList", VIEW_LICENSING)
def get_user_accounts_list(call: Call) -> dict:
    return {"accounts": [account for account in ACCOUNTS if _account_matches(account, call.params)]}


@SERVICE.operation("getLicensesList", VIEW_LICENSING)
def get_licenses_list(call: Call) -> list:
    return list(LICENSES.get((call.params["smartAccountId"], call.params["virtualAccountId"]), ()))
