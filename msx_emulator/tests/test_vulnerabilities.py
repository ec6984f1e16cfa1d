"""Vulnerability: seeded CVEs, registrations, ingest and validation tasks, and their refusals."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from python_msx_sdk.api.registration_api import RegistrationApi
from python_msx_sdk.api.validation_api import ValidationApi
from python_msx_sdk.api.vulnerabilities_api import VulnerabilitiesApi
from python_msx_sdk.model.vulnerability_feed import VulnerabilityFeed
from python_msx_sdk.model.vulnerability_registration_create import VulnerabilityRegistrationCreate
from python_msx_sdk.model.vulnerability_severity import VulnerabilitySeverity

from msx_emulator.tests.helpers import error_naming, raw_call
from msx_emulator.tests.operations import OPERATIONS

BASE = "/vulnerability/api/v8/vulnerabilities"
PAGE = [("page", 0), ("pageSize", 10)]
UNKNOWN_ID = "00000000-0000-4000-8000-000000000000"
WRITES = ["ingestVulnerabilities", "registerProductVersion", "deleteRegisteredProductVersion", "validateProductVersion"]
READS = ["getVulnerabilitiesPage", "getIngestVulnerabilitiesTasksPage", "getRegisteredProductVersionPage",
         "getValidateProductVersionPage"]


@pytest.fixture
def emu_vulnerabilities(emu_superuser_client):
    """VulnerabilitiesApi as superuser."""
    return VulnerabilitiesApi(emu_superuser_client)


@pytest.fixture
def emu_registrations(emu_superuser_client):
    """RegistrationApi as superuser."""
    return RegistrationApi(emu_superuser_client)


@pytest.mark.parametrize("filters, cve_ids", [
    ({}, ["CVE-2019-1862", "CVE-2020-3118", "CVE-2021-0202", "CVE-2021-1384", "CVE-2022-20695"]),
    ({"sort_order": "desc"}, ["CVE-2022-20695", "CVE-2021-1384", "CVE-2021-0202", "CVE-2020-3118", "CVE-2019-1862"]),
    ({"product": "ios_xe", "version": "16.9.1"}, ["CVE-2019-1862", "CVE-2021-0202"]),
    ({"severity": VulnerabilitySeverity("CRITICAL")}, ["CVE-2021-0202", "CVE-2022-20695"]),
    ({"year": 2021}, ["CVE-2021-0202", "CVE-2021-1384"]),
    ({"cve_id": "CVE-2020-3118", "vendor": "cisco"}, ["CVE-2020-3118"]),
    ({"start_date": datetime(2021, 1, 1, tzinfo=timezone.utc), "end_date": datetime(2021, 2, 1, tzinfo=timezone.utc)},
     ["CVE-2021-0202"]),
])
def test_vulnerabilities_page_filters_and_sorts(emu_vulnerabilities, filters, cve_ids):
    page = emu_vulnerabilities.get_vulnerabilities_page(0, 10, **filters)
    assert [cve.cve_id for cve in page.contents] == cve_ids
    assert page.sort_by == "publishedOn"


def test_ingest_is_recorded_as_a_task(emu, emu_vulnerabilities):
    task, status, _ = emu_vulnerabilities.ingest_vulnerabilities(
        VulnerabilityFeed(name="CVE-Modified", file="nvdcve-1.1-modified.json.gz"), _return_http_data_only=False)
    assert status == 202 and (task.name, task.file) == ("CVE-Modified", "nvdcve-1.1-modified.json.gz")
    assert [t.id for t in emu_vulnerabilities.get_ingest_vulnerabilities_tasks_page(0, 10).contents] == [task.id]
    assert emu_vulnerabilities.get_ingest_vulnerabilities_tasks_page(
        0, 10, end_date=datetime(2020, 1, 1, tzinfo=timezone.utc)).contents == []
    assert emu_vulnerabilities.get_vulnerabilities_page(0, 10).total_items == 5, "the emulator adds no CVE"
    assert emu.stats()["left"] == {}, "a task is history, not a resource"


def test_registration_lifecycle(emu, emu_registrations):
    created, status, _ = emu_registrations.register_product_version(
        VulnerabilityRegistrationCreate(product="ios_xe", version="16.9.1"), _return_http_data_only=False)
    assert status == 201 and created.registered_on
    assert emu.stats()["left"] == {"vulnerability_registrations": ["ios_xe"]}
    page = emu_registrations.get_registered_product_version_page(0, 10, product="ios_xe")
    assert [r.id for r in page.contents] == [created.id]
    assert emu_registrations.get_registered_product_version_page(0, 10, version="1.0").contents == []
    error_naming(lambda: emu_registrations.register_product_version(
        VulnerabilityRegistrationCreate(product="ios_xe", version="16.9.1")), 400, created.id)
    _, status, _ = emu_registrations.delete_registered_product_version(created.id, _return_http_data_only=False)
    assert status == 204
    error_naming(lambda: emu_registrations.delete_registered_product_version(created.id), 404, created.id)


def test_validation_needs_a_registration_and_counts_its_cves(emu_superuser_client, emu_registrations):
    validations = ValidationApi(emu_superuser_client)
    error_naming(validations.validate_product_version, 400, "registered")
    emu_registrations.register_product_version(VulnerabilityRegistrationCreate(product="ios_xe", version="16.9.1"))
    task, status, _ = validations.validate_product_version(_return_http_data_only=False)
    assert (status, task.product) == (202, "ios_xe") and "2 vulnerabilities" in task.message
    assert [t.id for t in validations.get_validate_product_version_page(0, 10).contents] == [task.id]


@pytest.mark.parametrize("path, query, field", [
    pytest.param(BASE, PAGE[1:], "page", id="missing-page"),
    pytest.param(BASE, PAGE + [("severity", "SEVERE")], "severity", id="unknown-severity"),
    pytest.param(BASE, PAGE + [("sortBy", "cveId")], "sortBy", id="unknown-sort-by"),
    pytest.param(BASE, PAGE + [("sortOrder", "up")], "sortOrder", id="unknown-sort-order"),
    pytest.param(BASE, PAGE + [("year", 1969)], "year", id="year-before-1970"),
    pytest.param(BASE, PAGE + [("startDate", "x")], "startDate", id="bad-start-date"),
    pytest.param(BASE, PAGE + [("startDate", "2021-01-01T00:00:00Z"), ("endDate", "2020-01-01T00:00:00Z")],
                 "startDate", id="start-after-end"),
    pytest.param(f"{BASE}/ingests", [("page", 0), ("pageSize", 1001)], "pageSize", id="ingests-page-size"),
    pytest.param(f"{BASE}/ingests", PAGE + [("endDate", "x")], "endDate", id="ingests-bad-end-date"),
    pytest.param(f"{BASE}/registrations", [("page", -1), ("pageSize", 10)], "page", id="registrations-page"),
    pytest.param(f"{BASE}/validations", [("page", 0)], "pageSize", id="validations-missing-page-size"),
    pytest.param(f"{BASE}/validations", PAGE + [("startDate", "2021-01-01T00:00:00Z"),
                                                ("endDate", "2020-01-01T00:00:00Z")], "startDate",
                 id="validations-start-after-end"),
])
def test_pages_reject_invalid_queries(emu_superuser_client, path, query, field):
    error_naming(lambda: raw_call(emu_superuser_client, "GET", path, query=query), 400, field)


@pytest.mark.parametrize("path, body, field", [
    pytest.param(f"{BASE}/registrations", {"product": 7}, "product", id="number-product"),
    pytest.param(f"{BASE}/registrations", {"version": None}, "version", id="null-version"),
    pytest.param(f"{BASE}/registrations", [], "body", id="registration-not-an-object"),
    pytest.param(f"{BASE}/ingests", {"file": ["a.json"]}, "file", id="list-file"),
    pytest.param(f"{BASE}/ingests", "feed", "body", id="feed-not-an-object"),
])
def test_invalid_bodies_are_bad_requests(emu_superuser_client, path, body, field):
    error_naming(lambda: raw_call(emu_superuser_client, "POST", path, body=body), 400, field)


def test_malformed_registration_id_is_not_found(emu_superuser_client):
    """deleteRegisteredProductVersion documents no 400."""
    error_naming(lambda: raw_call(emu_superuser_client, "DELETE", f"{BASE}/registrations/x"), 404, "x")


@pytest.mark.parametrize("operation", WRITES)
def test_consumer_may_not_write(emu_operator_client, operation):
    error_naming(lambda: OPERATIONS[operation](emu_operator_client), 403, "MANAGE_VULNERABILITIES")


@pytest.mark.parametrize("operation", READS)
def test_consumer_reads(emu_operator_client, operation):
    OPERATIONS[operation](emu_operator_client)
