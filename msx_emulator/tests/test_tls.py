"""Optional TLS with a self-signed certificate: verification with its CA bundle works, without fails."""

from __future__ import annotations

import socket
import ssl

import pytest
from cryptography import x509
from python_msx_sdk.api.security_api import SecurityApi
from urllib3.exceptions import MaxRetryError, SSLError

from msx_emulator import running_emulator
from msx_emulator.tests.helpers import basic


@pytest.fixture(scope="module")
def emu_tls_server():
    """An HTTPS emulator for this module."""
    with running_emulator(tls=True) as emulator:
        yield emulator


def _login(client, emulator):
    user = emulator.config.superuser
    return SecurityApi(client).get_access_token(basic("msx-suite", "emulator-client-secret"), "password",
                                                username=user.username, password=user.password)


def test_https_url_and_ca_bundle(emu_tls_server):
    assert emu_tls_server.url.startswith("https://127.0.0.1:")
    with open(emu_tls_server.ca_bundle, "rb") as pem:
        certificate = x509.load_pem_x509_certificate(pem.read())
    names = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert "localhost" in names.get_values_for_type(x509.DNSName)
    assert [str(ip) for ip in names.get_values_for_type(x509.IPAddress)] == ["127.0.0.1"]


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_verification_with_the_ca_bundle_succeeds(emu_tls_server, emu_client, host):
    url = emu_tls_server.url.replace("127.0.0.1", host)
    client = emu_client(url=url, ca_bundle=emu_tls_server.ca_bundle)
    assert _login(client, emu_tls_server).username == "superuser"


def test_verification_without_the_ca_bundle_fails(emu_tls_server, emu_client):
    client = emu_client(url=emu_tls_server.url)
    # urllib3 retries and then raises MaxRetryError around the SSLError, which the SDK lets through.
    with pytest.raises(MaxRetryError) as caught:
        _login(client, emu_tls_server)
    assert isinstance(caught.value.reason, SSLError) and "CERTIFICATE_VERIFY_FAILED" in str(caught.value)


def test_strict_x509_verification_accepts_the_certificate(emu_tls_server):
    context = ssl.create_default_context(cafile=emu_tls_server.ca_bundle)
    context.verify_flags |= ssl.VERIFY_X509_STRICT
    host, port = emu_tls_server.url.removeprefix("https://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        with context.wrap_socket(sock, server_hostname=host) as tls:
            assert tls.version()


def test_ca_bundle_is_none_without_tls(emu):
    assert emu.ca_bundle is None and emu.url.startswith("http://")
