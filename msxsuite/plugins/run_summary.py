"""pytest hooks for the run summary: a small JSON beside the HTML and JUnit reports, and the same
figures at the top of the HTML report.

It holds the environment's verdict, and per MSX service its verdict (passed, failed, down, not
deployed, skipped), test counts, time and operations covered; the target kind, SDK version, mode,
token requests, retries, cleaned and leaked resources (msxsuite.counters.TALLY, added up over
pytest-xdist workers), the oldest cassette's age and the failed tests (for MSX_RERUN_FAILED). It is written to --msx-summary=FILE, else to summary.json
beside the HTML report (or the JUnit XML); without any of those, nowhere.
"""

from __future__ import annotations

import html
import json
import resource
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from msxsuite.counters import TALLY
from msxsuite.plugins.freshness import freshness
from msxsuite.plugins.core import left_behind
from msxsuite.run_scope import is_worker
from msxsuite.provenance import target_kind
from msxsuite.sdk import SDK_VERSION
from msxsuite.sdk_source import sdk_source
from msxsuite.services import DEPLOYED, SERVICES, service_of
from msxsuite.settings import EMBEDDED_EMULATOR
from msxsuite.stash import EMULATOR, SERVICE_STATES, SETTINGS
from msxsuite.verdicts import FAILED, PASSED, environment_verdict, operations_by_service, operations_named, \
    service_verdict
from msxsuite.verdict_view import verdict_html, verdict_screen

SUMMARY_NAME = "summary.json"
WORKER_TALLY = "msx_tally"
WORKER_PEAK_MEMORY = "msx_peak_memory_mb"
OUTCOMES = ("passed", "failed", "skipped")


def summary_path(config: pytest.Config) -> Path | None:
    """Where this run writes its summary, if anywhere."""
    explicit = config.getoption("msx_summary")
    if explicit:
        return Path(explicit)
    report = getattr(config.option, "htmlpath", None) or getattr(config.option, "xmlpath", None)
    return Path(report).parent / SUMMARY_NAME if report else None


class RunSummary:
    """Gathers test outcomes and worker tallies in the controller, and writes the summary."""

    def __init__(self, config: pytest.Config):
        self.config = config
        self.outcomes: dict[str, str] = {}
        self.seconds: Counter = Counter()
        self.workers_tally: Counter = Counter()
        self.workers_peak_memory: list[float] = []

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """A test failed if any phase failed, skipped if it never ran its body."""
        self.seconds[report.nodeid] += report.duration
        if report.failed:
            self.outcomes[report.nodeid] = "failed"
        elif report.when == "call" and self.outcomes.get(report.nodeid) != "failed":
            self.outcomes[report.nodeid] = report.outcome
        elif report.skipped:
            self.outcomes.setdefault(report.nodeid, "skipped")

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node, error) -> None:
        """Add a finished pytest-xdist worker's tally to the run's."""
        output = getattr(node, "workeroutput", {})
        self.workers_tally.update(output.get(WORKER_TALLY, {}))
        if WORKER_PEAK_MEMORY in output:
            self.workers_peak_memory.append(output[WORKER_PEAK_MEMORY])

    def figures(self, exitstatus: int | None = None) -> dict:
        """The run's figures, as the JSON summary holds them."""
        config = self.config
        settings = config.stash[SETTINGS]
        tally = TALLY + self.workers_tally
        services = self._services()
        cassettes = freshness(config)
        figures = {
            "environment": environment_verdict({name: figures["verdict"] for name, figures in services.items()}),
            "mode": settings.mode,
            "target": "cassettes" if settings.mode == "replay" else target_kind(settings),
            "sdk": SDK_VERSION,
            "sdk_source": sdk_source(),
            "services": services,
            "tests": _counts(Counter(self.outcomes.values())),
            "failed_tests": sorted(nodeid for nodeid, outcome in self.outcomes.items() if outcome == FAILED),
            "tokens": self._tokens(tally),
            "retries": tally["retries"],
            "cleaned": tally["cleaned"],
            "leaked": tally["leaked"],
            "cassettes": None if cassettes is None else cassettes.as_dict(config.rootpath),
            "peak_memory_mb": {"controller": peak_memory_mb(), "workers": sorted(self.workers_peak_memory)},
        }
        if exitstatus is not None:
            figures["outcome"] = "passed" if exitstatus == pytest.ExitCode.OK else "failed"
            figures["exit_status"] = int(exitstatus)
        return figures

    def _services(self) -> dict:
        """Per service that has tests in this run or was asked: verdict, counts, time, operations covered."""
        counts: dict[str, Counter] = defaultdict(Counter)
        passed: dict[str, list[str]] = defaultdict(list)
        seconds: Counter = Counter()
        for nodeid, outcome in self.outcomes.items():
            service = service_of(nodeid)
            if service is not None:
                counts[service][outcome] += 1
                seconds[service] += self.seconds[nodeid]
                if outcome == PASSED:
                    passed[service].append(nodeid)
        states = self.config.stash[SERVICE_STATES].read()
        operations = operations_by_service()
        services = {}
        for name in [service for service in SERVICES if service in counts or service in states]:
            state = states.get(name)
            services[name] = {"verdict": service_verdict(counts[name], state), **_counts(counts[name]),
                              "seconds": round(seconds[name], 2),
                              "operations": {"covered": operations_named(operations.get(name, ()), passed[name]),
                                             "total": len(operations.get(name, ()))}}
            if state is not None and state.state != DEPLOYED:
                services[name]["seen"] = state.seen
        return services

    def _tokens(self, tally: Counter) -> dict:
        """The embedded emulator's token counts when it ran, else what the token store fetched."""
        tokens = {"suite_token_fetches": tally["token_fetches"]}
        emulator = self.config.stash.get(EMULATOR, None)
        if emulator is None:
            return {"source": "token store"} | tokens
        stats = emulator.stats()
        return {"source": EMBEDDED_EMULATOR} | tokens | {
            "suite_password_grants": stats["password_grants"].get(self.config.stash[SETTINGS].username, 0),
            "token_requests": stats["token_requests"],
        }

    @pytest.hookimpl(optionalhook=True)
    def pytest_html_results_summary(self, prefix: list, summary: list, postfix: list, session) -> None:
        """The same figures at the top of the HTML report."""
        prefix.extend(as_html(self.figures()))

    @pytest.hookimpl(wrapper=True)
    def pytest_sessionfinish(self, session: pytest.Session):
        """Write the summary once every other hook has settled the exit status."""
        result = yield
        path = summary_path(self.config)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(self.figures(session.exitstatus), indent=2) + "\n", encoding="utf-8")
        return result

    def pytest_terminal_summary(self, terminalreporter) -> None:
        emulator = self.config.stash.get(EMULATOR, None)
        if emulator is not None:
            tokens, stats = self.figures()["tokens"], emulator.stats()
            terminalreporter.write_line(
                f"msx emulator: {tokens['suite_token_fetches']} token(s) for the suite; "
                f"{tokens['suite_password_grants']} password grant(s) for the suite user "
                f"{self.config.stash[SETTINGS].username} and {tokens['token_requests']} token request(s) in all, "
                f"the rest asked for on purpose by the token tests; {stats['requests']} request(s), "
                f"{left_behind(stats)}")
        figures = self.figures()
        if figures["services"]:
            for line in verdict_screen(figures):
                terminalreporter.write_line(line)
        path = summary_path(self.config)
        if path is not None:
            terminalreporter.write_line(f"msx summary: {path}")


def peak_memory_mb() -> float:
    """This process's peak resident memory so far, in MiB (Linux reports KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _counts(counter: Counter) -> dict:
    return {outcome: counter[outcome] for outcome in OUTCOMES}


def as_html(figures: dict) -> list[str]:
    """The verdict banner and per-service table, then a few paragraphs of figures, every value escaped."""
    tokens = figures["tokens"]
    token_text = f"{tokens['suite_token_fetches']} suite token fetch(es)"
    if "token_requests" in tokens:
        token_text += (f", {tokens['suite_password_grants']} password grant(s) for the suite user, "
                       f"{tokens['token_requests']} token request(s) in all")
    texts = [
        f"MSX target: {figures['target']} (mode {figures['mode']}), "
        f"python-msx-sdk {figures['sdk']} ({figures['sdk_source']})",
        f"Tokens: {token_text}. Retries: {figures['retries']}. Cleaned: {figures['cleaned']}. "
        f"Leaked: {figures['leaked']}.",
    ]
    cassettes = figures["cassettes"]
    if cassettes is not None:
        age = cassettes["oldest_age_days"]
        oldest = "of unknown age" if age is None else f"{age} days old"
        texts.append(f"Cassettes: {cassettes['count']}, oldest {oldest}, "
                     f"{cassettes['unknown_age']} of unknown age, limit {cassettes['max_age_days']} days"
                     f"{' (STALE)' if cassettes['stale'] else ''}.")
    return verdict_html(figures) + [f"<p>{html.escape(text)}</p>" for text in texts]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("msx").addoption(
        "--msx-summary", dest="msx_summary", metavar="FILE", default=None,
        help=f"write the run summary (JSON) here; default {SUMMARY_NAME} beside --html, else beside --junitxml")


def pytest_configure(config: pytest.Config) -> None:
    TALLY.clear()  # a run's tallies start at zero, also in a process that runs pytest more than once
    if not is_worker(config):
        config.pluginmanager.register(RunSummary(config), "msx-run-summary")


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    """A worker hands its tally to the controller, after session fixtures have torn down."""
    config = session.config
    if is_worker(config):
        config.workeroutput[WORKER_TALLY] = dict(TALLY)
        config.workeroutput[WORKER_PEAK_MEMORY] = peak_memory_mb()
