"""What the MSX checklist costs at its full size, each figure beside its goal.

    .venv/bin/python benchmarks/suite_costs.py [--parts replay,startup,smoke,live,selftests] [--repeat 3]
                                               [--json reports/benchmark.json]

- replay: the whole checklist replayed at -n 0 against a bare pytest (no plugins at all) of as many
  empty tests, median of --repeat (goal: at most 4x). python-msx-sdk's own work on the same recorded
  traffic is measured outside pytest and vcrpy (benchmarks/sdk_cost.py) in the same rounds, right
  before each round's replay and right after its bare run (the mean of the two); where it alone rules
  4x out, the goal is replay at most 1.25x (bare + SDK), the median of the rounds' own ratios. One
  more replay with clocks (benchmarks/replay_parts.py) splits its time into the SDK, HTTP below it,
  cassette loading and the rest. The cost per test and per recorded request at a quarter, half and
  all of the checklist shows how it grows.
- startup: `--collect-only` of the whole checklist (goal: at most 1 s), and that a checklist run loads
  none of the project's own test tools (schemathesis, hypothesis, anyio, pytester).
- smoke: `-m smoke` against the embedded emulator at -n 0 (goal: at most 3 s of wall time).
- live: the whole checklist against a standalone emulator adding 100 ms to each request, at -n 8
  against -n 0 (goal: at least 5x), and at -n 2 against -n 0 with 50 ms (goal: at least 1.7x); the
  suite's token fetches per run (goal: 1 whatever -n), each worker's peak memory, and the emulator's
  CPU time as a share of the wall time (it must not be the bottleneck).
- selftests: `scripts/test`, median of --repeat (goal: at most 90 s).

Runs have PYTHONDONTWRITEBYTECODE removed, as on a developer's machine. The live part takes about half
an hour on 2 cores (the -n 0 runs wait 100 and 50 ms on each of some 7,500 requests).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from msxsuite.recording import SUFFIX
from sdk_cost import SdkWork, import_seconds

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
PARTS = ("replay", "startup", "smoke", "live", "selftests")
GOALS = {"replay_vs_bare": 4.0, "replay_vs_bare_plus_sdk": 1.25, "startup_seconds": 1.0, "speedup_n8_100ms": 5.0,
         "speedup_n2_50ms": 1.7, "suite_token_fetches": 1, "selftests_seconds": 90.0, "smoke_seconds": 3.0}
TEST_TOOLS = ("schemathesis", "hypothesis", "anyio", "pytester")
EMULATOR_CREDENTIALS = {"MSX_CLIENT_ID": "msx-suite", "MSX_CLIENT_SECRET": "emulator-client-secret",
                        "MSX_USERNAME": "superuser", "MSX_PASSWORD": "Emulator-Superuser-1"}


def environment(**extra: str) -> dict:
    """This process's environment without MSX_* settings or PYTHONDONTWRITEBYTECODE, plus `extra`."""
    kept = {name: value for name, value in os.environ.items()
            if not name.startswith("MSX_") and name != "PYTHONDONTWRITEBYTECODE"}
    return kept | extra


def timed(args: list[str], cwd: Path = ROOT, env: dict | None = None) -> tuple[float, subprocess.CompletedProcess]:
    """Wall seconds and result of one command."""
    started = time.perf_counter()
    result = subprocess.run(args, cwd=cwd, env=env or environment(), capture_output=True, text=True)
    return time.perf_counter() - started, result


def pytest(args: list[str], **kwargs) -> tuple[float, subprocess.CompletedProcess]:
    return timed([PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args], **kwargs)


def passed(result: subprocess.CompletedProcess, what: str) -> int:
    """How many tests passed, or stop with the run's last lines."""
    match = re.search(r"(\d+) passed", result.stdout)
    if result.returncode != 0 or not match:
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-8:])
        raise SystemExit(f"{what} did not pass:\n{tail}")
    return int(match.group(1))


def machine() -> dict:
    model = "unknown"
    try:
        model = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M).group(1)
    except (OSError, AttributeError):
        pass
    return {"cpus": os.cpu_count(), "cpu_model": model, "python": platform.python_version(),
            "load_average_1m_at_start": round(os.getloadavg()[0], 2), "cpu_reference_seconds": [cpu_reference()]}


def cpu_reference() -> float:
    """Seconds one core takes for a fixed pure-Python loop: a virtual machine's CPU can be throttled or
    shared for minutes, and every figure then scales with this one (taken at the start and at the end)."""
    started = time.process_time()
    total = 0
    for number in range(30_000_000):
        total += number
    return round(time.process_time() - started, 2)


# --- replay --------------------------------------------------------------------------------------

def modules_in_order() -> list[tuple[str, int, int]]:
    """Each checklist module with its number of tests (cassettes) and recorded requests."""
    rows = []
    for folder in sorted(path for path in (ROOT / "cassettes").glob("*/*") if path.is_dir()):
        cassettes = sorted(folder.glob(f"*{SUFFIX}"))
        requests = sum(len(json.loads(c.read_text())["interactions"]) for c in cassettes)
        rows.append((f"tests/{folder.relative_to(ROOT / 'cassettes')}.py", len(cassettes), requests))
    return rows


def bare_run(scratch: Path, count: int) -> float:
    """Wall seconds of pytest alone (no plugins) running `count` empty tests."""
    bare = scratch / f"bare-{count}"
    if not bare.exists():
        bare.mkdir()
        (bare / "pytest.ini").write_text("[pytest]\n")
        (bare / "test_empty.py").write_text("".join(f"def test_{n}():\n    pass\n\n\n" for n in range(count)))
    seconds, result = pytest([], cwd=bare, env=environment(PYTEST_DISABLE_PLUGIN_AUTOLOAD="1"))
    passed(result, "the bare run")
    return seconds


def replay(scratch: Path, repeat: int) -> dict:
    """The whole checklist against bare pytest and the SDK's own cost; growth at a quarter, half, all."""
    work = SdkWork(sorted((ROOT / "cassettes").rglob(f"*{SUFFIX}")))
    sdk_import = import_seconds(PYTHON)
    replay_times, bare_times, sdk_times = [], [], []
    for _ in range(repeat):  # side by side, so that a virtual CPU slowing down for a while hits all three
        sdk_before = work.seconds()  # the SDK's pass brackets the replay: a drift in speed evens out
        seconds, result = pytest(["tests"])
        count = passed(result, "the replay")
        replay_times.append(seconds)
        bare_times.append(bare_run(scratch, count))
        sdk_times.append((sdk_before + work.seconds()) / 2)
    sdk = work.figures(statistics.median(sdk_times)) | {"import_seconds": sdk_import}
    parts = replay_parts()
    replay_seconds, bare_seconds = statistics.median(replay_times), statistics.median(bare_times)
    # Each round's own ratio, then their median: a round is taken at one speed of the machine.
    ratio = statistics.median(replay / (bare + sdk_pass + sdk_import)
                              for replay, bare, sdk_pass in zip(replay_times, bare_times, sdk_times))
    rounds = {name: [round(seconds, 2) for seconds in times]
              for name, times in (("replay", replay_times), ("bare", bare_times), ("sdk", sdk_times))}
    growth = []
    modules = modules_in_order()
    total = sum(tests for _, tests, _ in modules)
    for share in (0.25, 0.5, 1.0):
        chosen, tests, requests = [], 0, 0
        for path, module_tests, module_requests in modules:
            if tests >= share * total:
                break
            chosen.append(path)
            tests += module_tests
            requests += module_requests
        seconds = statistics.median(pytest(chosen)[0] for _ in range(repeat))
        growth.append({"share": share, "tests": tests, "requests": requests, "seconds": round(seconds, 2),
                       "ms_per_test": round(1000 * seconds / tests, 2),
                       "ms_per_request": round(1000 * seconds / requests, 2)})
    return {"tests": count, "replay_seconds": round(replay_seconds, 2), "bare_seconds": round(bare_seconds, 2),
            "replay_vs_bare": round(replay_seconds / bare_seconds, 2), "sdk": sdk,
            "replay_vs_bare_plus_sdk": round(ratio, 2), "rounds": rounds,
            "growth": growth, "repeat": repeat, "parts": parts}


def replay_parts() -> dict:
    """One more replay with clocks on the SDK, the HTTP exchanges and cassette loading (replay_parts.py)."""
    _, result = timed([PYTHON, str(ROOT / "benchmarks" / "replay_parts.py"), "-q", "-p", "no:cacheprovider", "tests"])
    passed(result, "the clocked replay")
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- start-up ------------------------------------------------------------------------------------

def startup(repeat: int) -> dict:
    """Median wall seconds of collecting the whole checklist, and the test tools a checklist run loads."""
    seconds = statistics.median(pytest(["--collect-only", "tests"])[0] for _ in range(repeat))
    _, traced = pytest(["--collect-only", "--trace-config", "tests"])
    registered = " ".join(line for line in traced.stdout.splitlines() if "registered" in line or "active" in line)
    loaded = [tool for tool in TEST_TOOLS if re.search(rf"\b{tool}", registered)]
    return {"collect_seconds": round(seconds, 2), "test_tools_loaded": loaded}


# --- smoke ---------------------------------------------------------------------------------------

def smoke(repeat: int) -> dict:
    """Median wall seconds of the whole-platform smoke against the embedded emulator, one process."""
    runs = [pytest(["--msx-mode=emulator", "-m", "smoke", "-n", "0"]) for _ in range(repeat)]
    return {"seconds": round(statistics.median(seconds for seconds, _ in runs), 2),
            "tests": passed(runs[0][1], "the smoke")}


# --- live ----------------------------------------------------------------------------------------

@contextmanager
def standalone_emulator(latency_ms: int):
    """`python -m msx_emulator` on a free loopback port with added latency; yields (url, pid)."""
    process = subprocess.Popen([PYTHON, "-m", "msx_emulator", "--port", "0", "--latency-ms", str(latency_ms)],
                               cwd=ROOT, stdout=subprocess.PIPE, text=True, env=environment())
    try:
        first_line = process.stdout.readline().strip()
        if not first_line.startswith("MSX emulator listening on http"):
            raise SystemExit(f"the emulator did not start: {first_line!r}")
        yield first_line.rsplit(" ", 1)[-1], process.pid
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


def cpu_seconds(pid: int) -> float:
    """User plus system CPU seconds a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def live_run(latency_ms: int, workers: int, scratch: Path) -> dict:
    """The whole checklist live against a fresh standalone emulator with that latency."""
    with standalone_emulator(latency_ms) as (url, pid):
        summary_path = scratch / f"live-{latency_ms}ms-n{workers}.json"
        cpu_before = cpu_seconds(pid)
        env = environment(MSX_URL=url, **EMULATOR_CREDENTIALS, MSX_HEALTH_SERVICE_IDS="idm,manage,monitor",
                          MSX_HEALTH_DEVICE_IDS="edge-router-1,branch-switch-2", MSX_ALLOW_SIDE_EFFECTS="1")
        seconds, result = pytest(["tests", "--msx-mode=live", "-n", str(workers), f"--msx-summary={summary_path}"],
                                 env=env)
        emulator_cpu = cpu_seconds(pid) - cpu_before
        passed(result, f"the live run at -n {workers}, {latency_ms} ms")
    summary = json.loads(summary_path.read_text())
    return {"latency_ms": latency_ms, "workers": workers, "seconds": round(seconds, 2),
            "tests": summary["tests"]["passed"], "suite_token_fetches": summary["tokens"]["suite_token_fetches"],
            "peak_memory_mb": summary["peak_memory_mb"],
            "emulator_cpu_share": round(emulator_cpu / seconds, 3)}


def live(scratch: Path) -> dict:
    runs = [live_run(100, 8, scratch), live_run(100, 0, scratch), live_run(50, 2, scratch), live_run(50, 0, scratch)]
    by = {(run["latency_ms"], run["workers"]): run for run in runs}
    return {"runs": runs,
            "speedup_n8_100ms": round(by[100, 0]["seconds"] / by[100, 8]["seconds"], 2),
            "speedup_n2_50ms": round(by[50, 0]["seconds"] / by[50, 2]["seconds"], 2)}


# --- self-tests ----------------------------------------------------------------------------------

def selftests(repeat: int) -> dict:
    """`scripts/test`, median of `repeat` runs (one run's wall time varies by some 10% on a shared VM)."""
    runs = []
    for _ in range(repeat):
        seconds, result = timed(["scripts/test", "-q", "-p", "no:cacheprovider"],
                                env=environment(MSX_OPENAPI_SPEC=os.environ.get("MSX_OPENAPI_SPEC", "")))
        count = passed(result, "scripts/test")
        runs.append(round(seconds, 2))
    return {"seconds": statistics.median(runs), "runs": runs, "passed": count}


# --- report --------------------------------------------------------------------------------------

def rows(figures: dict) -> list[tuple[str, str, str, str]]:
    """(measure, detail, figure, goal) lines for the table."""
    table = []
    if "replay" in figures:
        r = figures["replay"]
        table += [
            ("replay, whole checklist, -n 0", f"{r['replay_seconds']}s vs bare pytest {r['bare_seconds']}s, "
             f"{r['tests']} tests", f"{r['replay_vs_bare']}x", f"<= {GOALS['replay_vs_bare']}x"),
            ("python-msx-sdk's own work", f"{r['sdk']['seconds']}s on {r['sdk']['exchanges']} recorded exchanges "
             f"({r['sdk']['ms_per_exchange']} ms each; {r['sdk']['raw_calls']} sent raw) + {r['sdk']['import_seconds']}s import",
             "", ""),
            ("replay vs bare + SDK", f"{r['replay_seconds']}s vs {r['bare_seconds']}s + SDK",
             f"{r['replay_vs_bare_plus_sdk']}x", f"<= {GOALS['replay_vs_bare_plus_sdk']}x"),
            ("replay with clocks, where the time goes", "SDK's operations {sdk}s, HTTP below the SDK (urllib3, the pools' "
             "playback) {http}s, loading cassettes {cassettes}s, the rest (pytest, fixtures, plugins, tests) {rest}s"
             .format(**r["parts"]["seconds"]), f"{r['parts']['wall_seconds']}s", ""),
        ]
        table += [(f"replay growth, {g['share']:.0%} of the checklist", f"{g['tests']} tests, {g['requests']} requests, "
                   f"{g['seconds']}s", f"{g['ms_per_test']} ms/test, {g['ms_per_request']} ms/request", "linear")
                  for g in r["growth"]]
    if "startup" in figures:
        s = figures["startup"]
        table += [("start-up, --collect-only of everything", "", f"{s['collect_seconds']}s",
                   f"<= {GOALS['startup_seconds']}s"),
                  ("test tools loaded into a checklist run", ", ".join(TEST_TOOLS),
                   ", ".join(s["test_tools_loaded"]) or "none", "none")]
    if "smoke" in figures:
        sm = figures["smoke"]
        table.append(("smoke, embedded emulator, -n 0", f"{sm['tests']} tests, one per service and IDM group",
                      f"{sm['seconds']}s", f"<= {GOALS['smoke_seconds']}s"))
    if "live" in figures:
        lv = figures["live"]
        for run in lv["runs"]:
            table.append((f"live, {run['latency_ms']} ms per request, -n {run['workers']}",
                           f"{run['tests']} tests; peak MB controller {run['peak_memory_mb']['controller']}, "
                           f"workers {run['peak_memory_mb']['workers'] or '-'}; emulator CPU "
                           f"{run['emulator_cpu_share']:.1%} of wall",
                           f"{run['seconds']}s, {run['suite_token_fetches']} suite token(s)",
                           f"{GOALS['suite_token_fetches']} token"))
        table += [("speed-up -n 8 vs -n 0, 100 ms", "", f"{lv['speedup_n8_100ms']}x", f">= {GOALS['speedup_n8_100ms']}x"),
                  ("speed-up -n 2 vs -n 0, 50 ms", "", f"{lv['speedup_n2_50ms']}x", f">= {GOALS['speedup_n2_50ms']}x")]
    if "selftests" in figures:
        t = figures["selftests"]
        table.append(("scripts/test", f"{t['passed']} passed; runs {', '.join(f'{run}s' for run in t['runs'])}",
                      f"{t['seconds']}s (median)", f"<= {GOALS['selftests_seconds']}s"))
    return table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", default=",".join(PARTS), help=f"comma-separated, of {', '.join(PARTS)}")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per replay, start-up, smoke and scripts/test figure (median)")
    parser.add_argument("--json", type=Path, default=ROOT / "reports" / "benchmark.json")
    arguments = parser.parse_args()
    parts = [part.strip() for part in arguments.parts.split(",") if part.strip()]
    unknown = sorted(set(parts) - set(PARTS))
    if unknown:
        parser.error(f"unknown part(s) {', '.join(unknown)}: choose from {', '.join(PARTS)}")
    figures: dict = {"machine": machine(), "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    with tempfile.TemporaryDirectory(prefix="msx-bench-") as scratch:
        for part in parts:
            if part == "replay":
                figures["replay"] = replay(Path(scratch), arguments.repeat)
            elif part == "startup":
                figures["startup"] = startup(arguments.repeat)
            elif part == "smoke":
                figures["smoke"] = smoke(arguments.repeat)
            elif part == "live":
                figures["live"] = live(Path(scratch))
            else:
                figures["selftests"] = selftests(arguments.repeat)
    m = figures["machine"]
    m["cpu_reference_seconds"].append(cpu_reference())
    print(f"machine: {m['cpus']} CPUs ({m['cpu_model']}), Python {m['python']}, "
          f"load average {m['load_average_1m_at_start']} at start; CPU reference (a fixed pure-Python loop) "
          f"{m['cpu_reference_seconds'][0]}s at start, {m['cpu_reference_seconds'][1]}s at end")
    widths = [max(len(row[column]) for row in rows(figures)) for column in range(4)]
    for row in [("measure", "detail", "figure", "goal")] + rows(figures):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    arguments.json.parent.mkdir(parents=True, exist_ok=True)
    arguments.json.write_text(json.dumps(figures, indent=2) + "\n")
    print(f"figures: {arguments.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
