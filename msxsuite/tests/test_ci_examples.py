"""The example CI pipelines parse, cover replay, nightly and smoke, call the README's commands, publish reports."""

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from msxsuite.coverage import checked_services
from msxsuite.services import service_of

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "ci-examples"
GITHUB = EXAMPLES / "github-actions" / "msx-validation.yml"
GITLAB = EXAMPLES / "gitlab-ci" / "gitlab-ci.yml"
COMMANDS = ("scripts/run", "scripts/test")
REPORTS = ("reports/*.html", "reports/*.xml")
SECRETS = ("MSX_CLIENT_SECRET", "MSX_PASSWORD")
GITLAB_KEYWORDS = {"default", "stages", "variables", "include", "workflow", "image", "services", "cache"}


def load(path):
    return yaml.safe_load(path.read_text())


def github_jobs() -> dict:
    return load(GITHUB)["jobs"]


def gitlab_jobs() -> dict:
    return {name: job for name, job in load(GITLAB).items() if name not in GITLAB_KEYWORDS and not name.startswith(".")}


def suite_commands(lines) -> list[list[str]]:
    """The README commands among shell lines, split into words."""
    return [words for words in map(shlex.split, lines) if words and words[0] in COMMANDS]


def github_lines(job) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def test_every_job_runs_the_readme_commands():
    readme_commands = {line.split()[0] for line in (ROOT / "README.md").read_text().splitlines()
                       if line.startswith("scripts/")}
    jobs = [github_lines(job) for job in github_jobs().values()] + [job["script"] for job in gitlab_jobs().values()]
    assert len(jobs) == 6
    for lines in jobs:
        commands = suite_commands(lines)
        assert commands, f"no scripts/run or scripts/test in {lines}"
        for command in commands:
            assert command[0] in readme_commands and os.access(ROOT / command[0], os.X_OK), command


def test_github_covers_pull_requests_nightly_and_post_deployment_smoke():
    workflow = load(GITHUB)
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert {"pull_request", "schedule", "deployment_status"} <= set(triggers)
    jobs = github_jobs()
    assert "pull_request" in jobs["replay"]["if"] and "schedule" in jobs["nightly"]["if"]
    assert "deployment_status" in jobs["smoke"]["if"]
    assert suite_commands(github_lines(jobs["replay"])) == [["scripts/test"]]
    assert suite_commands(github_lines(jobs["nightly"])) == [["scripts/run", "--msx-mode=live"]]
    assert suite_commands(github_lines(jobs["smoke"])) == [["scripts/run", "--msx-mode=live", "-m", "smoke", "-n", "0"]]


def test_github_live_jobs_take_secrets_from_the_secret_store():
    for name in ("nightly", "smoke"):
        env = github_jobs()[name]["env"]
        for secret in SECRETS:
            assert env[secret] == f"${{{{ secrets.{secret} }}}}", (name, secret)
        assert {"MSX_URL", "MSX_CLIENT_ID", "MSX_USERNAME"} <= set(env)


def test_github_jobs_publish_html_and_junit_even_on_failure():
    for name, job in github_jobs().items():
        uploads = [step for step in job["steps"] if step.get("uses", "").startswith("actions/upload-artifact")]
        assert len(uploads) == 1, name
        assert uploads[0]["if"] == "always()"
        assert set(REPORTS) <= set(uploads[0]["with"]["path"].split()), name


def test_gitlab_covers_merge_requests_schedules_and_smoke_and_publishes_reports():
    pipeline = load(GITLAB)
    artifacts = pipeline["default"]["artifacts"]
    assert artifacts["when"] == "always" and set(REPORTS) <= set(artifacts["paths"])
    jobs = gitlab_jobs()
    assert all("artifacts" not in job for job in jobs.values())
    rules = {name: " ".join(rule["if"] for rule in job["rules"]) for name, job in jobs.items()}
    assert "merge_request_event" in rules["msx-replay"] and "schedule" in rules["msx-nightly"]
    assert "smoke" in rules["msx-smoke"]
    assert suite_commands(jobs["msx-smoke"]["script"]) == [["scripts/run", "--msx-mode=live", "-m", "smoke", "-n", "0"]]


@pytest.mark.parametrize("path", [GITHUB, GITLAB], ids=["github", "gitlab"])
def test_examples_say_they_are_examples_and_hold_no_credentials(path):
    text = path.read_text()
    assert text.startswith("# Example ") and "this repository does not run it" in text
    for credential in ("emulator-client-secret", "Emulator-Superuser-1"):
        assert credential not in text


def test_smoke_marker_selects_a_test_of_every_service_and_idm_group():
    result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-m", "smoke", "tests"],
                            cwd=ROOT, capture_output=True, text=True, env=os.environ)
    assert result.returncode == 0, result.stdout + result.stderr
    modules = {line.split("::")[0] for line in result.stdout.splitlines() if line.startswith("tests/")}
    assert {service_of(module) for module in modules} == set(checked_services(ROOT)), result.stdout
    groups = ("roles", "security", "tenants", "users")  # token: the switch grant in security
    assert {f"tests/idm/test_{group}.py" for group in groups} <= modules, result.stdout
