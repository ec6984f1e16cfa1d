"""python-msx-sdk clients built from the suite's settings."""

from __future__ import annotations

import python_msx_sdk
import urllib3
from python_msx_sdk import ApiClient, Configuration

from msxsuite.settings import Settings

SDK_VERSION = python_msx_sdk.__version__


def api_client(settings: Settings, access_token: str | None = None) -> ApiClient:
    """An ApiClient for the target; with a token it sends it as Bearer on every call."""
    configuration = Configuration(host=settings.url)
    configuration.verify_ssl = not settings.insecure
    configuration.ssl_ca_cert = settings.ca_bundle or None
    if settings.insecure:
        # The run says once that verification is off; a warning per request would drown the report.
        urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
    client = ApiClient(configuration)
    if access_token:
        client.set_default_header("Authorization", f"Bearer {access_token}")
    return client
