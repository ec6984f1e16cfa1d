"""Load run: parallel workers do tenant lifecycles against an embedded emulator, through the suite's own code.

Loopback only, and it stops by itself: it starts the MSX emulator in this process, then 8 worker
processes (like pytest-xdist workers) share 200 lifecycles (create 201, get 200, update 200,
delete 204) through python-msx-sdk with the suite's settings, clients, retries and shared token
file (msxsuite.settings, msxsuite.sdk, msxsuite.auth). Afterwards it checks that every created
tenant was deleted (the emulator's stats), that the emulator received exactly the requests the
workers sent (no request lost) and that every lifecycle completed. It prints requests, errors,
p50/p95 latency and wall time, and exits 1 if anything leaked, was lost or failed.

    .venv/bin/python benchmarks/load_run.py [--workers 8] [--lifecycles 200]
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from python_msx_sdk.api.tenants_api import TenantsApi
from python_msx_sdk.model.tenant_create import TenantCreate
from python_msx_sdk.model.tenant_update import TenantUpdate

from msx_emulator import running_emulator
from msxsuite.auth import TokenStore, request_token
from msxsuite.counters import TALLY
from msxsuite.naming import new_run_tag, resource_name
from msxsuite.sdk import api_client
from msxsuite.settings import Settings, with_emulator

STEPS = (("create", 201), ("get", 200), ("update", 200), ("delete", 204))
SHOWN_ERRORS = 5


def run_worker(settings: dict, token_file: str, run_tag: str, lifecycles: list[int]) -> dict:
    """Do the given lifecycles; what was sent, how long each call took, what failed."""
    settings = Settings(**settings)
    tally = Counter()

    def fetch_token():
        tally["token requests"] += 1
        return request_token(settings)

    store = TokenStore(Path(token_file), fetch_token)
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    started = time.time()
    with api_client(settings, lambda: store.current().access_token) as client:
        tenants = TenantsApi(client)

        def call(step: str, expected: int, operation, *args):
            tally["sdk calls"] += 1
            began = time.perf_counter()
            try:
                answer, status, _ = operation(*args, _return_http_data_only=False)
            finally:
                latencies[step].append(time.perf_counter() - began)
            if status != expected:
                raise RuntimeError(f"{step} answered {status}, not {expected}")
            return answer

        for number in lifecycles:
            name = resource_name(run_tag, f"load-{number}")
            tenant_id = None
            try:
                tenant_id = call("create", 201, tenants.create_tenant, TenantCreate(name=name)).id
                call("get", 200, tenants.get_tenant, tenant_id)
                call("update", 200, tenants.update_tenant, tenant_id, TenantUpdate(name=name, description=f"load {number}"))
                call("delete", 204, tenants.delete_tenant, tenant_id)
                tenant_id = None
                tally["completed"] += 1
            except Exception as error:  # count it, clean up, go on with the next lifecycle
                errors.append(f"{name}: {type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}")
                if tenant_id is not None:
                    try:
                        call("delete", 204, tenants.delete_tenant, tenant_id)
                    except Exception as cleanup_error:
                        errors.append(f"{name}: cleanup failed: {type(cleanup_error).__name__}")
    tally["retries"] = TALLY["retries"]
    return {"tally": tally, "latencies": dict(latencies), "errors": errors, "started": started, "ended": time.time()}


def percentiles(seconds: list[float]) -> str:
    """p50 and p95 in milliseconds."""
    if len(seconds) < 2:
        return "    -      -"
    cuts = statistics.quantiles(seconds, n=100, method="inclusive")
    return f"{cuts[49] * 1000:6.1f} {cuts[94] * 1000:6.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=8, help="parallel worker processes (default 8)")
    parser.add_argument("--lifecycles", type=int, default=200, help="tenant lifecycles in all (default 200)")
    arguments = parser.parse_args(argv)
    if not 1 <= arguments.workers <= 64 or not 1 <= arguments.lifecycles <= 10_000:
        parser.error("use 1 to 64 workers and 1 to 10000 lifecycles")
    run_tag = new_run_tag()
    shares = [list(range(arguments.lifecycles))[worker::arguments.workers] for worker in range(arguments.workers)]
    with running_emulator() as emulator, tempfile.TemporaryDirectory(prefix="msx-load-") as workdir:
        settings = with_emulator(Settings(mode="live"), emulator)
        print(f"load run: {arguments.workers} workers, {arguments.lifecycles} tenant lifecycles "
              f"(create, get, update, delete) against the embedded emulator {emulator.url}", flush=True)
        # spawn, not fork: the emulator's server thread must not be copied into the workers.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(arguments.workers, mp_context=context) as pool:
            futures = [pool.submit(run_worker, settings.to_dict(), str(Path(workdir, "token.json")), run_tag, share)
                       for share in shares]
            results = [future.result() for future in futures]
        stats = emulator.stats()
    return report(arguments.lifecycles, results, stats)


def report(lifecycles: int, results: list[dict], stats: dict) -> int:
    """Print the figures; 1 if a tenant leaked, a request was lost, a call failed or a lifecycle did not finish."""
    tally = sum((result["tally"] for result in results), Counter())
    errors = [error for result in results for error in result["errors"]]
    latencies: dict[str, list[float]] = defaultdict(list)
    for result in results:
        for step, seconds in result["latencies"].items():
            latencies[step].extend(seconds)
    sent = tally["sdk calls"] + tally["token requests"] + tally["retries"]
    wall = max(result["ended"] for result in results) - min(result["started"] for result in results)
    lost = sent - stats["requests"]
    print(f"requests: {sent} sent ({tally['sdk calls']} SDK calls, {tally['token requests']} token, "
          f"{tally['retries']} retries), {stats['requests']} received by the emulator, {lost} lost")
    print(f"errors: {len(errors)}; lifecycles completed: {tally['completed']}/{lifecycles}; "
          f"tenants left: {len(stats['tenants'])}; password grants: {sum(stats['password_grants'].values())}")
    print("latency ms   p50    p95")
    for step, _ in STEPS:
        print(f"  {step:<8} {percentiles(latencies[step])}")
    print(f"  {'all':<8} {percentiles([s for seconds in latencies.values() for s in seconds])}")
    print(f"wall time: {wall:.2f} s, {sent / wall:.0f} requests/s")
    for error in errors[:SHOWN_ERRORS]:
        print(f"  error: {error}")
    failed = stats["tenants"] or lost or errors or tally["completed"] != lifecycles
    print("FAILED: something leaked, was lost or failed" if failed else "OK: nothing leaked, nothing lost")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
