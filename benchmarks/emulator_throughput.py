"""Requests per second of the MSX emulator on loopback: token, get-tenant, create+delete-tenant.

Starts `python -m msx_emulator` on a free loopback port (its own process, so client and server do not
share a GIL), sends a bounded number of requests over keep-alive connections from a few threads,
prints a table and stops the emulator. Goal: at least 1,500 get-tenant requests per second on 2 cores.

    .venv/bin/python benchmarks/emulator_throughput.py [--scale 1.0] [--connections 4]
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
GET_TENANT_GOAL = 1500
CLIENT = base64.b64encode(b"msx-suite:emulator-client-secret").decode()
LOGIN = "grant_type=password&username=superuser&password=Emulator-Superuser-1"


def start_emulator() -> tuple[subprocess.Popen, str, int]:
    process = subprocess.Popen([sys.executable, "-m", "msx_emulator", "--port", "0"], cwd=ROOT,
                               stdout=subprocess.PIPE, text=True)
    first_line = process.stdout.readline().strip()
    if not first_line.startswith("MSX emulator listening on http://"):
        process.kill()
        raise SystemExit(f"the emulator did not start: {first_line!r}")
    host, port = first_line.rsplit("/", 1)[-1].rsplit(":", 1)
    return process, host, int(port)


def call(connection: http.client.HTTPConnection, method: str, path: str, body: str | None = None,
         headers: dict[str, str] | None = None, expected: int = 200) -> bytes:
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    if response.status != expected:
        raise RuntimeError(f"{method} {path}: {response.status} {data[:200]!r}")
    return data


def get_token(connection: http.client.HTTPConnection) -> str:
    headers = {"Authorization": f"Basic {CLIENT}", "Content-Type": "application/x-www-form-urlencoded"}
    return json.loads(call(connection, "POST", "/idm/v2/token", LOGIN, headers))["access_token"]


def measure(host: str, port: int, connections: int, rounds: int,
            one_round: Callable[[http.client.HTTPConnection, int], None]) -> float:
    """Seconds for `rounds` rounds spread over `connections` keep-alive connections, one thread each."""
    clients = [http.client.HTTPConnection(host, port, timeout=30) for _ in range(connections)]
    barrier = threading.Barrier(connections + 1)
    errors: list[BaseException] = []

    def work(index: int) -> None:
        barrier.wait()
        try:
            for number in range(index, rounds, connections):
                one_round(clients[index], number)
        except BaseException as error:  # noqa: BLE001 - reported after the run
            errors.append(error)

    threads = [threading.Thread(target=work, args=(index,)) for index in range(connections)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    for client in clients:
        client.close()
    if errors:
        raise errors[0]
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the request counts (default 1)")
    parser.add_argument("--connections", type=int, default=4, help="keep-alive connections, one thread each")
    arguments = parser.parse_args()
    counts = {"token": 300, "get-tenant": 6000, "create+delete-tenant": 1500}
    counts = {name: max(arguments.connections, int(count * arguments.scale)) for name, count in counts.items()}

    process, host, port = start_emulator()
    try:
        setup = http.client.HTTPConnection(host, port, timeout=30)
        bearer = {"Authorization": f"Bearer {get_token(setup)}", "Content-Type": "application/json"}
        tenant_id = json.loads(call(setup, "GET", "/idm/api/v8/tenants?page=0&pageSize=1", headers=bearer))[
            "contents"][0]["id"]
        setup.close()

        def token_round(connection, _):
            get_token(connection)

        def get_tenant_round(connection, _):
            call(connection, "GET", f"/idm/api/v8/tenants/{tenant_id}", headers=bearer)

        def create_delete_round(connection, number):
            created = call(connection, "POST", "/idm/api/v8/tenants", json.dumps({"name": f"bench-{number}"}),
                           bearer, expected=201)
            call(connection, "DELETE", f"/idm/api/v8/tenants/{json.loads(created)['id']}", headers=bearer,
                 expected=204)

        rows = []
        for name, one_round, requests_per_round in (("token", token_round, 1),
                                                    ("get-tenant", get_tenant_round, 1),
                                                    ("create+delete-tenant", create_delete_round, 2)):
            seconds = measure(host, port, arguments.connections, counts[name], one_round)
            requests = counts[name] * requests_per_round
            rows.append((name, requests, seconds, requests / seconds))
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(10)

    print(f"MSX emulator throughput on {host} ({arguments.connections} keep-alive connections)")
    print(f"{'operation':<22}{'requests':>10}{'seconds':>10}{'req/s':>10}")
    for name, requests, seconds, rate in rows:
        print(f"{name:<22}{requests:>10}{seconds:>10.2f}{rate:>10.0f}")
    get_tenant_rate = rows[1][3]
    verdict = "met" if get_tenant_rate >= GET_TENANT_GOAL else "MISSED"
    print(f"goal >= {GET_TENANT_GOAL} get-tenant req/s: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
