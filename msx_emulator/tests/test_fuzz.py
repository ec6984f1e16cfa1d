"""A bounded schemathesis run of every operation of the contract against a loopback emulator.

Positive and negative cases for all 167 operations of the eleven services, with a valid bearer token
(the token operation gets schemathesis' own Authorization headers): no 5xx, no answer outside the
contract. Generation is deterministic, so a run is repeatable: a failure is the emulator's, not luck's.
"""

from __future__ import annotations

import json
import os
from urllib.parse import urlencode

import pytest
import requests
import schemathesis
import urllib3
import yaml
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance, negative_data_rejection, response_headers_conformance, response_schema_conformance,
    status_code_conformance,
)

from msx_emulator import running_emulator
from msx_emulator.tests.helpers import YAML_LOADER, basic
from msxsuite.contract import SPEC_ENV
from msxsuite.services import SERVICES

# 167 operations x 20 examples bounds the run at a few thousand cases.
EXAMPLES_PER_OPERATION = 20
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance, negative_data_rejection]


@pytest.fixture(scope="module")
def emu_fuzz_schema():
    """The contract, for schemathesis, with positive and negative cases."""
    path = os.environ.get(SPEC_ENV)
    if not path:
        pytest.skip(f"{SPEC_ENV} is unset: point it at the MSX SDK OpenAPI document (CI does)")
    with open(path, encoding="utf-8") as stream:
        # YAML reads the unquoted dates of the Manage examples as datetimes, which no JSON schema holds.
        document = json.loads(json.dumps(yaml.load(stream, Loader=YAML_LOADER), default=str))
    # The contract requires serviceId in ProductUpdate without declaring it; python-msx-sdk drops it,
    # so the emulator does not require it (see msx_emulator/README.md). Fuzz the contract as the SDK reads it.
    document["components"]["schemas"]["ProductUpdate"]["required"].remove("serviceId")
    # Likewise DeviceConfigUpdate requires an undeclared "configContents" (it declares configContent).
    document["components"]["schemas"]["DeviceConfigUpdate"]["required"].remove("configContents")
    schema = schemathesis.openapi.from_dict(document)
    schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
                                    max_examples=EXAMPLES_PER_OPERATION, deterministic=True)
    return schema


@pytest.fixture(scope="module")
def emu_fuzz_target():
    """A dedicated emulator, a superuser bearer header for it, and one keep-alive HTTP session for
    all cases (schemathesis otherwise opens a session, and a connection, per case) that reads no
    proxy or netrc settings from the environment (the emulator is on loopback)."""
    with running_emulator() as emulator, requests.Session() as session:
        session.trust_env = False
        user, client = emulator.config.superuser, emulator.config.clients[0]
        form = urlencode({"grant_type": "password", "username": user.username, "password": user.password})
        answer = urllib3.request("POST", f"{emulator.url}/idm/v2/token", body=form,
                                 headers={"Authorization": basic(client.client_id, client.client_secret),
                                          "Content-Type": "application/x-www-form-urlencoded"})
        yield emulator, {"Authorization": f"Bearer {json.loads(answer.data)['access_token']}"}, session


def _fuzz_test(service: str):
    """A test of one service's operations, so that pytest-xdist spreads the services over its workers."""
    schema = schemathesis.pytest.from_fixture("emu_fuzz_schema").include(path_regex=f"^/{service}/")

    @pytest.mark.fuzz
    @schema.parametrize()
    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    def test(case, emu_fuzz_target):
        emulator, bearer, session = emu_fuzz_target
        headers = None if case.operation.path == "/idm/v2/token" else bearer
        case.call_and_validate(base_url=emulator.url, session=session, headers=headers, checks=CHECKS)

    test.__name__ = f"test_{service}_operations_hold_to_the_contract"
    return test


for _service in SERVICES:
    globals()[f"test_{_service}_operations_hold_to_the_contract"] = _fuzz_test(_service)
