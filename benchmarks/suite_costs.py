"""What the MSX suite costs per run: replay overhead, token requests, parallel speed-up, requests per lifecycle test.

Measures, in one run of this script (1 to 2 minutes on 2 cores, depending on load):
- replay: the checklist (tests/) replayed from cassettes against a bare pytest run of as many empty
  tests, median wall time of a few alternating runs each, as a ratio (goal: at most 1.5x);
- token requests per run at -n 0, -n 2 and -n 4, live against the embedded emulator, read from the
  run's JSON summary (goal: one password grant for the suite user per run);
- parallel speed-up live against a standalone emulator answering with 50 ms added latency,
  -n 2 against -n 0 (goal: at least 1.7x on 2 cores);
- the HTTP requests of one tenant lifecycle test, recorded afresh against the emulator, and which of
  them no check needs (goal: none).
Prints a table and the machine, and writes the figures as JSON.

    .venv/bin/python benchmarks/suite_costs.py [--json reports/benchmark.json] [--repeat 2]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[1]
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
PYTHON = str(VENV_PYTHON if VENV_PYTHON.exists() else sys.executable)
LIFECYCLE_TEST = "tests/idm/test_tenants.py::test_tenant_lifecycle[name-only]"
LATENCY_MS = 50
WORKER_COUNTS = (0, 2, 4)
GOALS = {"replay_ratio": 1.5, "speedup": 1.7}
EMULATOR_CREDENTIALS = {"MSX_CLIENT_ID": "msx-suite", "MSX_CLIENT_SECRET": "emulator-client-secret",
                        "MSX_USERNAME": "superuser", "MSX_PASSWORD": "Emulator-Superuser-1"}
WRITES = ("POST", "PUT", "DELETE")
RESULT_LINE = re.compile(r" (PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS)\b")


def clean_env(**extra: str) -> dict:
    """This process's environment without MSX_* settings, plus `extra`."""
    return {name: value for name, value in os.environ.items() if not name.startswith("MSX_")} | extra


def pytest(args: list[str], cwd: Path = ROOT, env: dict | None = None) -> tuple[float, subprocess.CompletedProcess]:
    """Wall seconds and result of one pytest run in its own process."""
    started = time.perf_counter()
    result = subprocess.run([PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args], cwd=cwd,
                            env=env or clean_env(), capture_output=True, text=True)
    return time.perf_counter() - started, result


def summary_of(path: Path, output: str) -> dict:
    """The run summary a pytest run wrote, or stop with the run's last lines."""
    if not path.exists():
        tail = "\n".join(output.splitlines()[-5:])
        raise SystemExit(f"the suite wrote no summary ({path}); its output ended with:\n{tail}")
    return json.loads(path.read_text())


def machine() -> dict:
    """CPU count and model, Python version and the load when the benchmark started."""
    model = "unknown"
    try:
        model = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M).group(1)
    except (OSError, AttributeError):
        pass
    return {"cpus": os.cpu_count(), "cpu_model": model, "python": platform.python_version(),
            "load_average_1m": round(os.getloadavg()[0], 2)}


def replay_cost(scratch: Path, repeat: int) -> dict:
    """Median wall time of the replayed checklist against as many empty tests, runs alternating."""
    replay_times, bare_times = [], []
    bare = scratch / "bare"
    for round_number in range(repeat):
        summary_path = scratch / f"replay-{round_number}.json"
        seconds, result = pytest(["tests", f"--msx-summary={summary_path}"])
        replay_times.append(seconds)
        outcomes = summary_of(summary_path, result.stdout + result.stderr)["tests"]
        if not bare.exists():
            bare.mkdir()
            (bare / "pytest.ini").write_text("[pytest]\n")
            count = sum(outcomes.values())
            (bare / "test_empty.py").write_text("".join(f"def test_{n}():\n    pass\n\n\n" for n in range(count)))
        bare_times.append(pytest([], cwd=bare)[0])
    replay, empty = statistics.median(replay_times), statistics.median(bare_times)
    return {"tests": count, "replay_seconds": round(replay, 2), "bare_seconds": round(empty, 2),
            "ratio": round(replay / empty, 2), "replay_outcomes": outcomes, "repeat": repeat}


def token_requests(scratch: Path) -> list[dict]:
    """Token figures of whole live runs against the embedded emulator at several worker counts."""
    rows = []
    for workers in WORKER_COUNTS:
        summary_path = scratch / f"tokens-n{workers}.json"
        seconds, result = pytest(["tests", "--msx-mode=emulator", "-n", str(workers), f"--msx-summary={summary_path}"])
        summary = summary_of(summary_path, result.stdout + result.stderr)
        rows.append({"workers": workers, "seconds": round(seconds, 2), "outcomes": summary["tests"]}
                    | {key: value for key, value in summary["tokens"].items() if key != "source"})
    return rows


@contextmanager
def standalone_emulator(latency_ms: int):
    """`python -m msx_emulator` on a free loopback port with added latency; yields its URL."""
    process = subprocess.Popen([PYTHON, "-m", "msx_emulator", "--port", "0", "--latency-ms", str(latency_ms)],
                               cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        first_line = process.stdout.readline().strip()
        if not first_line.startswith("MSX emulator listening on http"):
            raise SystemExit(f"the emulator did not start: {first_line!r}")
        yield first_line.rsplit(" ", 1)[-1]
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


def timed_live_run(args: list[str], env: dict) -> dict:
    """Wall seconds of a verbose run, and seconds from its first to its last test result."""
    started = time.perf_counter()
    process = subprocess.Popen([PYTHON, "-m", "pytest", "-v", "-p", "no:cacheprovider", *args], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    results, output = [], []
    for line in process.stdout:
        output.append(line)
        if RESULT_LINE.search(line):
            results.append(time.perf_counter())
    process.wait()
    wall = time.perf_counter() - started
    return {"seconds": round(wall, 2), "tests_phase_seconds": round(results[-1] - results[0], 2) if results else None,
            "startup_seconds": round(results[0] - started, 2) if results else None, "output": "".join(output[-20:])}


def emulator_health_ids() -> dict:
    """MSX_HEALTH_*_IDS naming what the emulator monitors, as a real MSX's operator would set them."""
    from msx_emulator.config import DEFAULT_HEALTH

    return {f"MSX_HEALTH_{kind.upper()}_IDS": ",".join(seed.id for seed in DEFAULT_HEALTH if seed.type == kind)
            for kind in ("service", "device")}


def speedup(scratch: Path) -> dict:
    """Wall time of the live checklist at -n 0 and -n 2 against an emulator with added latency."""
    figures = {"latency_ms": LATENCY_MS}
    with standalone_emulator(LATENCY_MS) as url:
        env = clean_env(MSX_URL=url, **EMULATOR_CREDENTIALS, **emulator_health_ids())
        for workers in (0, 2):
            summary_path = scratch / f"latency-n{workers}.json"
            run = timed_live_run(["tests", "--msx-mode=live", "-n", str(workers), f"--msx-summary={summary_path}"], env)
            output = run.pop("output")
            figures[f"n{workers}"] = run | {"outcomes": summary_of(summary_path, output)["tests"]}
    figures["speedup"] = round(figures["n0"]["seconds"] / figures["n2"]["seconds"], 2)
    phases = figures["n0"]["tests_phase_seconds"], figures["n2"]["tests_phase_seconds"]
    figures["tests_phase_speedup"] = round(phases[0] / phases[1], 2) if all(phases) else None
    return figures


def lifecycle_requests(scratch: Path) -> dict:
    """The requests one tenant lifecycle test sends, recorded afresh, and those no check needs."""
    copy = scratch / "lifecycle"
    shutil.copytree(ROOT / "tests", copy / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("conftest.py", "pytest.ini"):
        shutil.copy(ROOT / name, copy / name)
    _, result = pytest(["--msx-mode=record", "--msx-url=emulator", LIFECYCLE_TEST], cwd=copy,
                       env=clean_env())
    cassette = copy / "cassettes" / "idm" / "test_tenants" / f"{LIFECYCLE_TEST.split('::')[1]}.yaml"
    if not cassette.exists():
        raise SystemExit(f"recording {LIFECYCLE_TEST} failed: {(result.stdout + result.stderr)[-400:]}")
    interactions = yaml.safe_load(cassette.read_text())["interactions"]
    requests = [needless(interactions, index) for index in range(len(interactions))]
    return {"test": LIFECYCLE_TEST, "passed": result.returncode == 0, "requests": len(requests),
            "needless": [request for request in requests if request["needless"]],
            "sequence": [f"{request['method']} {request['path']} -> {request['status']}" for request in requests]}


def needless(interactions: list[dict], index: int) -> dict:
    """One recorded request, and why no check needs it (empty when some check does)."""
    request, response = interactions[index]["request"], interactions[index]["response"]
    parts = urlsplit(request["uri"])
    earlier = [(i["request"], i["response"]) for i in interactions[:index]]
    same = [n for n, (r, _) in enumerate(earlier) if (r["method"], r["uri"]) == (request["method"], request["uri"])]
    created = _created_id(earlier)
    reason = ""
    if request["method"] == "GET" and same and not any(r["method"] in WRITES for r, _ in earlier[same[-1] + 1:]):
        reason = "repeats a read with no write in between"
    elif request["method"] == "DELETE" and same:
        reason = "deletes what was already deleted"
    elif "page=" in parts.query and created and any(
            "page=" in urlsplit(r["uri"]).query and created in (s["body"]["string"] or "") for r, s in earlier):
        reason = "pages on after the tenant was found"
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return {"method": request["method"], "path": path, "status": response["status"]["code"], "needless": reason}


def _created_id(earlier: list[tuple[dict, dict]]) -> str | None:
    """The id of the tenant the test created, once it has."""
    for request, response in earlier:
        if request["method"] == "POST" and response["status"]["code"] == 201:
            return json.loads(response["body"]["string"])["id"]
    return None


def print_table(figures: dict) -> None:
    info = figures["machine"]
    print(f"machine: {info['cpus']} CPU(s), {info['cpu_model']}, Python {info['python']}, "
          f"load average {info['load_average_1m']} at start")
    replay = figures["replay"]
    rows = [("replay: checklist vs empty tests",
             f"{replay['replay_seconds']:.2f}s vs {replay['bare_seconds']:.2f}s for {replay['tests']} tests",
             f"{replay['ratio']:.2f}x", f"<= {GOALS['replay_ratio']}x")]
    for row in figures["tokens"]:
        grants = row.get("suite_password_grants", "?")
        rows.append((f"token requests, live emulator, -n {row['workers']}",
                     f"{grants} suite password grant(s), {row['token_requests']} token request(s) in all "
                     f"({row['seconds']:.1f}s)", str(grants), "1"))
    latency = figures["speedup"]
    n0, n2 = latency["n0"], latency["n2"]
    rows.append((f"speed-up -n 2 vs -n 0, {latency['latency_ms']} ms latency, whole run",
                 f"{n0['seconds']:.2f}s vs {n2['seconds']:.2f}s (first result after {n0['startup_seconds']}s "
                 f"vs {n2['startup_seconds']}s)", f"{latency['speedup']:.2f}x", f">= {GOALS['speedup']}x"))
    rows.append(("  the same, first to last test result",
                 f"{n0['tests_phase_seconds']}s vs {n2['tests_phase_seconds']}s",
                 f"{latency['tests_phase_speedup']}x", f">= {GOALS['speedup']}x"))
    lifecycle = figures["lifecycle"]
    rows.append(("requests per tenant lifecycle test", f"{lifecycle['requests']} recorded (+1 token exchange per run)",
                 f"{len(lifecycle['needless'])} needless", "0 needless"))
    widths = [max(len(row[i]) for row in rows + [("measure", "detail", "figure", "goal")]) for i in range(4)]
    for row in [("measure", "detail", "figure", "goal")] + rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    print(f"lifecycle requests: {'; '.join(lifecycle['sequence'])}")
    for request in lifecycle["needless"]:
        print(f"needless: {request['method']} {request['path']}: {request['needless']}")
    outcomes = {"replay": replay["replay_outcomes"], "latency -n 0": n0["outcomes"], "latency -n 2": n2["outcomes"]}
    print("test outcomes: " + "; ".join(f"{name} {counts['passed']} passed, {counts['failed']} failed, "
                                        f"{counts['skipped']} skipped" for name, counts in outcomes.items()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", default=str(ROOT / "reports" / "benchmark.json"), help="where to write the figures")
    parser.add_argument("--repeat", type=int, default=2, help="replay runs of each kind (default 2; median)")
    arguments = parser.parse_args()
    if arguments.repeat < 1:
        parser.error("--repeat must be at least 1")
    started = time.perf_counter()
    figures = {"machine": machine()}
    with tempfile.TemporaryDirectory(prefix="msx-bench-") as scratch_name:
        scratch = Path(scratch_name)
        figures["replay"] = replay_cost(scratch, arguments.repeat)
        figures["tokens"] = token_requests(scratch)
        figures["speedup"] = speedup(scratch)
        figures["lifecycle"] = lifecycle_requests(scratch)
    figures["benchmark_seconds"] = round(time.perf_counter() - started, 1)
    print_table(figures)
    print(f"benchmark took {figures['benchmark_seconds']}s; figures in {arguments.json}")
    out = Path(arguments.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
