"""Standalone emulator: `python -m msx_emulator --port 8443 [--host H] [--tls] [fault knobs]`.

Prints its URL and the credentials it accepts (it is a test double), serves until Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import argparse
import dataclasses
import signal
import sys
import threading

from msx_emulator.config import DEFAULT_CONFIG, EmulatorConfig
from msx_emulator.faults import FaultSettings
from msx_emulator.server import running_emulator


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m msx_emulator", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8443, help="port to listen on, 0 for any free one (default 8443)")
    parser.add_argument("--tls", action="store_true", help="serve HTTPS with a self-signed certificate")
    parser.add_argument("--latency-ms", type=int, default=0, help="delay added to every MSX request")
    parser.add_argument("--error-rate", type=float, default=0.0, help="share of MSX requests answered with an error (0-1)")
    parser.add_argument("--error-status", type=int, default=500, help="that error's status: 500 (default), 502, 503 or 504")
    parser.add_argument("--token-lifetime", type=int, default=None, metavar="SECONDS",
                        help="lifetime of new access tokens, overriding the clients' 9000 s")
    parser.add_argument("--service", action="append", default=[], metavar="NAME=STATE",
                        help="a service's availability: up, down (503) or absent (404), e.g. consume=down; repeatable")
    parser.add_argument("--workflow-failing-step", default=None, metavar="NAME",
                        help="the name of a workflow step that fails in every workflow started")
    parser.add_argument("--workflow-step-ms", type=int, default=DEFAULT_CONFIG.workflow_step_ms, metavar="MS",
                        help=f"how long each step of a started workflow runs (default {DEFAULT_CONFIG.workflow_step_ms})")
    parser.add_argument("--isolation-leak", action="store_true",
                        help="break tenant isolation: any caller may read the users of every tenant")
    arguments = parser.parse_args(argv)
    arguments.services = dict(item.partition("=")[::2] for item in arguments.service)
    try:
        FaultSettings(arguments.latency_ms, arguments.error_rate, arguments.token_lifetime, arguments.error_status,
                      arguments.services, workflow_failing_step=arguments.workflow_failing_step)
    except ValueError as error:
        parser.error(str(error))
    return arguments


def _banner(emulator, config: EmulatorConfig) -> str:
    lines = [f"MSX emulator listening on {emulator.url}"]
    if emulator.ca_bundle:
        lines.append(f"  CA bundle (self-signed certificate): {emulator.ca_bundle}")
    for client in config.clients:
        grants = ", ".join(client.grant_types)
        lines.append(f"  security client {client.client_id} / {client.client_secret}  grants: {grants}")
    for user in config.users:
        lines.append(f"  user {user.username} / {user.password}  roles: {', '.join(user.role_names)}")
    for kind in ("service", "device"):
        ids = ",".join(item.id for item in config.health if item.type == kind)
        lines.append(f"  monitored {kind} ids: {ids}")
    lines.append(f"  emulator-only routes: {emulator.url}/_emulator/stats, /_emulator/reset, /_emulator/faults")
    lines.append("Press Ctrl-C to stop.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    arguments = _arguments(argv)
    config = dataclasses.replace(DEFAULT_CONFIG, latency_ms=arguments.latency_ms, error_rate=arguments.error_rate,
                                 token_lifetime_seconds=arguments.token_lifetime, error_status=arguments.error_status,
                                 services=arguments.services, workflow_failing_step=arguments.workflow_failing_step,
                                 workflow_step_ms=arguments.workflow_step_ms, isolation_leak=arguments.isolation_leak)
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    with running_emulator(config, host=arguments.host, port=arguments.port, tls=arguments.tls) as emulator:
        print(_banner(emulator, config), flush=True)
        stop.wait()
    print("MSX emulator stopped.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
