"""The permission matrix: for each role of MSX_MATRIX_ROLES (default CONSUMER, OPERATOR, TENANT_ADMIN), a user
with that role in a tenant of the suite's own tries every contract operation once, in a way that can change
nothing (msxsuite.permission_matrix); ids name the role.

The outcomes ("allowed 404", "refused 403", "not tried: side effect") go to permission-matrix.json beside the
run summary and to the HTML report. A role's test fails with one line per operation it was allowed although its
permissions (getRolesList) lack the one the contract names, and, with MSX_PERMISSION_BASELINE, one line per drift
from that baseline ("CONSUMER may now deleteTenant (was refused 403)"). Without a baseline the matrix is reported,
not judged.
"""

import json

import pytest
from python_msx_sdk.api.roles_api import RolesApi
from python_msx_sdk.exceptions import NotFoundException

from msxsuite.auth import password_grant
from msxsuite.permission_matrix import (
    NOT_BEARER, SERVICE_NOT_RUN, SIDE_EFFECT, TOKEN_OPERATION, drift, outcome, probes, read_matrix, violations,
)
from msxsuite.plugins.permission_matrix import MATRIX_PROPERTY
from msxsuite.plugins.services import side_effects_blocked
from msxsuite.stash import SETTINGS

MATRIX_PASSWORD = "Msx-Suite-Matrix-1"


def pytest_generate_tests(metafunc):
    if "matrix_role" in metafunc.fixturenames:
        roles = metafunc.config.stash[SETTINGS].matrix_roles.split(",")
        metafunc.parametrize("matrix_role", roles, ids=roles)


@pytest.fixture
def matrix_role_permissions(msx_api, matrix_role):
    """(role id, its permissions as getRolesList answers them)."""
    roles = msx_api(RolesApi)
    try:
        role = roles.get_role_by_name(matrix_role)
    except NotFoundException:
        pytest.fail(f"MSX has no role {matrix_role}: set MSX_MATRIX_ROLES to roles it has", pytrace=False)
    [listed] = roles.get_roles_list([role.id])
    return role.id, sorted(listed.permissions or [])


@pytest.fixture
def matrix_client(tenants, users, make_api_client, msx_settings, unique_name, matrix_role_permissions):
    """(an ApiClient carrying the token of a user with the role, in a tenant of the suite's own, that tenant's id)."""
    tenant = tenants.create(name=unique_name, description="Made by the MSX suite's permission matrix").resource
    user = users.create(username=unique_name, last_name="Matrix", email=f"{unique_name}@example.com",
                        role_ids=[matrix_role_permissions[0]], tenant_ids=[tenant.id], password=MATRIX_PASSWORD).resource
    token = password_grant(make_api_client(), msx_settings, username=user.username, password=MATRIX_PASSWORD)
    return make_api_client(token.access_token), tenant.id


def _baseline_of(path, role):
    try:
        return read_matrix(path)["roles"].get(role)
    except (OSError, ValueError, KeyError, AttributeError) as error:
        pytest.fail(f"permission baseline {path} cannot be read ({type(error).__name__}): record one with "
                    "--msx-record-permission-baseline", pytrace=False)


def test_role_tries_every_operation(matrix_role, matrix_role_permissions, matrix_client, msx_settings,
                                    msx_services_not_run, record_property):
    client, tenant_id = matrix_client
    blocked = side_effects_blocked(msx_settings)
    outcomes = {TOKEN_OPERATION: NOT_BEARER}
    for probe in probes(tenant_id):
        if probe.service in msx_services_not_run:
            outcomes[probe.operation_id] = SERVICE_NOT_RUN
        elif probe.could_act and blocked:
            outcomes[probe.operation_id] = SIDE_EFFECT
        else:
            outcomes[probe.operation_id] = outcome(client, probe)
    permissions = matrix_role_permissions[1]
    record_property(MATRIX_PROPERTY, json.dumps({"role": matrix_role, "permissions": permissions,
                                                 "operations": outcomes}))
    lines = violations(matrix_role, permissions, outcomes)
    if msx_settings.permission_baseline:
        baseline = _baseline_of(msx_settings.permission_baseline, matrix_role)
        lines += drift(matrix_role, (baseline or {}).get("operations", {}), outcomes)
    if lines:
        pytest.fail("\n".join(lines), pytrace=False)
