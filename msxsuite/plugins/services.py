"""A marker per MSX service, applied from the test's folder: `pytest -m consume` runs Catalog's tests."""

from __future__ import annotations

import pytest

from msxsuite.services import SERVICES, service_of


def pytest_configure(config: pytest.Config) -> None:
    for service in SERVICES:
        config.addinivalue_line("markers", f"{service}: tests of the MSX {service} service (tests/{service}/)")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        service = service_of(item.nodeid)
        if service is not None:
            item.add_marker(getattr(pytest.mark, service))
