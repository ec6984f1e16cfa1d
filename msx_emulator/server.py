"""Run the emulator with uvicorn in a background thread of this process, and the handle to it."""

from __future__ import annotations

import http.client
import json
import socket
import ssl
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping

import uvicorn

from msx_emulator.app import build_app
from msx_emulator.backend import Backend
from msx_emulator.config import DEFAULT_CONFIG, EmulatorConfig
from msx_emulator.tls import write_self_signed

STARTUP_TIMEOUT_SECONDS = 15.0
SHUTDOWN_TIMEOUT_SECONDS = 10.0


@dataclass
class Emulator:
    """A running emulator: where it answers and its in-process controls."""

    url: str
    ca_bundle: str | None
    config: EmulatorConfig
    backend: Backend

    def stats(self) -> dict[str, Any]:
        """{"token_requests", "requests", "password_grants", "left": {collection: [name or id, ...]},
        "tenants", "users"}: counters, and what exists now but was not seeded (collections with some only)."""
        return self.backend.stats()

    def reset(self) -> None:
        """Back to the seeded state: data, counters and fault knobs."""
        self.backend.reset()

    def set_faults(self, latency_ms: int = 0, error_rate: float = 0.0, token_lifetime_seconds: int | None = None,
                   error_status: int = 500, services: Mapping[str, str] | None = None,
                   workflow_failing_step: str | None = None, isolation_leak: bool = False) -> None:
        """Set the fault knobs (ValueError for a bad value); the defaults turn them off.

        `services` maps service names (idm, consume, ...) to "up", "down" (503) or "absent" (404);
        services left out are up. `workflow_failing_step` names a step that fails in workflows started from now on.
        `isolation_leak` lets any caller read the users of every tenant.
        """
        self.backend.faults.set(latency_ms=latency_ms, error_rate=error_rate,
                                token_lifetime_seconds=token_lifetime_seconds, error_status=error_status,
                                services=services or {}, workflow_failing_step=workflow_failing_step,
                                isolation_leak=isolation_leak)


def _wait_until_answering(server: uvicorn.Server, thread: threading.Thread, host: str, port: int,
                          context: ssl.SSLContext | None) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the MSX emulator's server stopped while starting")
        if time.monotonic() > deadline:
            raise RuntimeError(f"the MSX emulator did not start within {STARTUP_TIMEOUT_SECONDS} s")
        time.sleep(0.01)
    # Started means listening; one real round trip proves the app (and TLS) answer too.
    connection = (http.client.HTTPSConnection(host, port, context=context, timeout=5) if context
                  else http.client.HTTPConnection(host, port, timeout=5))
    try:
        connection.request("GET", "/_emulator/stats")
        response = connection.getresponse()
        json.loads(response.read())
    finally:
        connection.close()


@contextmanager
def running_emulator(config: EmulatorConfig | None = None, *, host: str = "127.0.0.1", port: int = 0,
                     tls: bool = False) -> Iterator[Emulator]:
    """Serve an emulator in a background thread until the block ends (port 0: any free port)."""
    config = config or DEFAULT_CONFIG
    backend = Backend.from_config(config)
    with tempfile.TemporaryDirectory(prefix="msx-emulator-") as workdir:
        # Bind first, so the URL (and the tokens' issuer) is known before the server runs.
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        # IPPROTO_TCP explicitly: only then does asyncio set TCP_NODELAY on accepted connections; without
        # it every keep-alive answer waits ~40 ms for the client's delayed ACK (Nagle).
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            sock.close()
            raise
        bound_port = sock.getsockname()[1]
        cert_path = key_path = None
        client_context = None
        if tls:
            cert_path, key_path = write_self_signed(Path(workdir))
            client_context = ssl.create_default_context(cafile=str(cert_path))
        scheme = "https" if tls else "http"
        url_host = f"[{host}]" if family == socket.AF_INET6 else host
        url = f"{scheme}://{url_host}:{bound_port}"
        backend.tokens.issuer = f"{url}/idm"
        server = uvicorn.Server(uvicorn.Config(
            build_app(backend), log_level="warning", access_log=False, lifespan="off",
            ssl_certfile=cert_path and str(cert_path), ssl_keyfile=key_path and str(key_path),
            timeout_graceful_shutdown=2,
        ))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name=f"msx-emulator-{bound_port}",
                                  daemon=True)
        thread.start()
        try:
            _wait_until_answering(server, thread, host, bound_port, client_context)
            yield Emulator(url, cert_path and str(cert_path), config, backend)
        finally:
            server.should_exit = True
            thread.join(SHUTDOWN_TIMEOUT_SECONDS)
            sock.close()
