"""python-msx-sdk clients built from the suite's settings: a timeout on every call, reads retried, the current token."""

from __future__ import annotations

import functools
import json
from typing import Any, Callable

import python_msx_sdk
import urllib3
from python_msx_sdk import ApiClient, Configuration
from python_msx_sdk.exceptions import ApiTypeError, ApiValueError, OpenApiException

from msxsuite.retries import read_retries, timed_out
from msxsuite.settings import Settings

# What a request the suite builds itself (not through a typed operation) sends and accepts.
JSON_HEADERS = {"Accept": "application/json", "Content-Type": "application/json"}

SDK_VERSION = python_msx_sdk.__version__


class MsxTimeout(urllib3.exceptions.TimeoutError):
    """MSX gave no answer to one request within the run's timeout; the message is one line."""

    def __init__(self, method: str, path: str, seconds: float):
        super().__init__(f"MSX did not answer {method} {path} within {seconds:g} s (MSX_TIMEOUT): "
                         "check why MSX is slow, or raise MSX_TIMEOUT")


class NotJsonAnswer(OpenApiException):
    """What answered at the MSX URL sent something other than the JSON the contract promises."""

    def __init__(self, status: int, content_type: str | None, size: int):
        # The body itself stays out: a server that echoes requests would put credentials in the report.
        super().__init__(f"MSX answered {status} with {content_type or 'no content type'} ({size} bytes), not JSON")


class SuiteApiClient(ApiClient):
    """An ApiClient that gives every call the run's timeout and, given a token source, the current token."""

    def __init__(self, configuration: Configuration, timeout: float, token_source: Callable[[], str] | None = None):
        super().__init__(configuration)
        self.timeout = timeout
        self._token_source = token_source

    def call_api(self, resource_path, method, *args, _request_timeout=None, **kwargs):
        if self._token_source is not None:
            # Asked per call, not per test: a token may expire in the middle of a long test.
            self.set_default_header("Authorization", f"Bearer {self._token_source()}")
        seconds = _request_timeout or self.timeout
        try:
            return super().call_api(resource_path, method, *args, _request_timeout=seconds, **kwargs)
        except urllib3.exceptions.MaxRetryError as error:
            if timed_out(error.reason):
                raise MsxTimeout(method, error.url or resource_path, seconds) from error
            raise

    def deserialize(self, response, response_type, _check_type):
        try:
            return super().deserialize(response, response_type, _check_type)
        except (ApiTypeError, ApiValueError):
            try:
                json.loads(response.data)
            except ValueError:
                raise NotJsonAnswer(response.status, response.getheader("Content-Type"), len(response.data)) from None
            raise


def api_client(settings: Settings, access_token: str | Callable[[], str] | None = None) -> SuiteApiClient:
    """An ApiClient for the target; a token (or a callable giving the current one) is sent as Bearer."""
    configuration = Configuration(host=settings.url)
    configuration.verify_ssl = not settings.insecure
    configuration.ssl_ca_cert = settings.ca_bundle or None
    configuration.retries = read_retries()
    if settings.insecure:
        # The run says once that verification is off; a warning per request would drown the report.
        urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
    client = SuiteApiClient(configuration, settings.timeout, access_token if callable(access_token) else None)
    if isinstance(access_token, str) and access_token:
        client.set_default_header("Authorization", f"Bearer {access_token}")
    return client


def api_factory(client: ApiClient) -> Callable[[type], Any]:
    """`api_for(TenantsApi)`: one instance of each SDK API class on this client."""
    return functools.cache(lambda api_class: api_class(client))
