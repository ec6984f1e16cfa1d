"""The contract check itself: every operation the emulator serves validated against MSX_OPENAPI_SPEC, and its teeth.

Every other test's exchanges are validated too (see conftest.py); these tests skip without the document.
"""

from __future__ import annotations

import json

from msxsuite.contract import ContractValidator
from msx_emulator.tests.operations import OPERATIONS

EMULATOR_OPERATIONS = {"getAccessToken", *OPERATIONS}


def test_every_operation_answers_within_the_contract(emu_needs_contract, emu_superuser_client, emu_exchanges):
    for operation in OPERATIONS.values():
        try:
            operation(emu_superuser_client)
        except Exception as error:
            # Each call succeeds or fails with a documented status (deleteTenant: 409, it has users;
            # the catalog's calls name an unknown product or offer: 400 or 404).
            assert getattr(error, "status", None) in (400, 404, 409), error
    seen = {emu_needs_contract.operation_id(method, url) for method, url, *_ in emu_exchanges}
    assert seen == EMULATOR_OPERATIONS
    assert [v for exchange in emu_exchanges for v in emu_needs_contract.violations(*exchange)] == []


def test_violations_name_operation_status_and_field(emu_needs_contract):
    url = "http://127.0.0.1:1/idm/api/v8/tenants/6d6e8a2c-4f43-4c4c-9c51-0b2f7d8c1a01"
    body = json.dumps({"id": "not-a-uuid", "name": "", "createdOn": "2021-02-02T20:42:28.515Z"}).encode()
    violations = emu_needs_contract.violations("GET", url, 200, {"Content-Type": "application/json"}, body)
    assert violations == ["getTenant 200: id: 'not-a-uuid' is not a 'uuid'",
                          "getTenant 200: name: '' should be non-empty"]


def test_undocumented_status_and_media_type_are_violations(emu_needs_contract):
    url = "http://h/idm/api/v8/users/current"
    assert emu_needs_contract.violations("GET", url, 400, {"Content-Type": "application/json"}, b"{}") == [
        "getCurrentUser 400: Unknown response http status: 400"]
    [violation] = emu_needs_contract.violations("GET", url, 401, {"Content-Type": "text/plain"}, b"no")
    assert violation.startswith("getCurrentUser 401:") and "text/plain" in violation


def test_paths_outside_the_contract_have_no_violations(emu_needs_contract):
    assert emu_needs_contract.violations("GET", "http://h/_emulator/stats", 200, {}, b"{}") == []


def test_the_document_is_loaded_once_per_process(emu_needs_contract):
    again = ContractValidator(emu_needs_contract.spec_path)
    assert again._contract is emu_needs_contract._contract
