"""Where the suite finds its target and credentials, and which source won for each value.

Precedence, as in pytest-django: command-line option, then environment variable, then
`pytest.ini`, then the default. Secrets (client secret, password) come from the environment
only and are never shown.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit
from dataclasses import dataclass, field

import pytest

from msxsuite.services import SERVICES

MODES = ("replay", "record", "live", "emulator")
EMULATOR = "emulator"
EMBEDDED_EMULATOR = "embedded emulator"  # the source of the settings it supplies
REPLAY_URL = "https://msx.invalid"
PLACEHOLDER_USERNAME = "msx-user"
PLACEHOLDER_CLIENT_ID = "msx-client"
DEFAULT_ISOLATION_ROLE = "TENANT_ADMIN"
DEFAULT_MATRIX_ROLES = "CONSUMER,OPERATOR,TENANT_ADMIN"


@dataclass(frozen=True)
class Spec:
    """One setting: its option, environment variable and ini key (None where not allowed)."""

    name: str
    help: str
    option: str | None
    env: str
    ini: str | None
    secret: bool = False
    flag: bool = False


SPECS = (
    Spec("mode", "replay (default), record, live or emulator", "--msx-mode", "MSX_MODE", "msx_mode"),
    Spec("url", "MSX base URL, e.g. https://msx.example.com (or 'emulator')", "--msx-url", "MSX_URL", "msx_url"),
    Spec("client_id", "security client id for the password grant", "--msx-client-id", "MSX_CLIENT_ID", "msx_client_id"),
    Spec("client_secret", "security client secret (environment only)", None, "MSX_CLIENT_SECRET", None, secret=True),
    Spec("username", "MSX user the suite acts as", "--msx-username", "MSX_USERNAME", "msx_username"),
    Spec("password", "that user's password (environment only)", None, "MSX_PASSWORD", None, secret=True),
    Spec("ca_bundle", "PEM file of CAs that sign the MSX certificate", "--msx-ca-bundle", "MSX_CA_BUNDLE", "msx_ca_bundle"),
    Spec("insecure", "skip TLS verification (self-signed lab MSX; warns)", "--msx-insecure", "MSX_INSECURE", "msx_insecure", flag=True),
    Spec("timeout", "seconds MSX may take to answer one request (default 30)", "--msx-timeout", "MSX_TIMEOUT", "msx_timeout"),
    Spec("workflow_poll_interval", "seconds between two reads of a started workflow's instance (default 0.5)",
         "--msx-workflow-poll-interval", "MSX_WORKFLOW_POLL_INTERVAL", "msx_workflow_poll_interval"),
    Spec("workflow_timeout", "seconds a started workflow may run before the test fails (default 120)",
         "--msx-workflow-timeout", "MSX_WORKFLOW_TIMEOUT", "msx_workflow_timeout"),
    Spec("services", "the MSX services this MSX runs, comma-separated, or 'auto' to ask each (default auto)",
         "--msx-services", "MSX_SERVICES", "msx_services"),
    Spec("allow_side_effects", "run tests whose effects reach beyond the suite's own objects on a real MSX",
         "--msx-allow-side-effects", "MSX_ALLOW_SIDE_EFFECTS", "msx_allow_side_effects", flag=True),
    Spec("rerun_failed", "run only the tests that failed in this earlier summary.json",
         "--msx-rerun-failed", "MSX_RERUN_FAILED", "msx_rerun_failed"),
    Spec("isolation_role", f"the role of the tenant admins the isolation tests make (default {DEFAULT_ISOLATION_ROLE})",
         "--msx-isolation-role", "MSX_ISOLATION_ROLE", "msx_isolation_role"),
    Spec("matrix_roles", f"the roles the permission matrix tries, comma-separated (default {DEFAULT_MATRIX_ROLES})",
         "--msx-matrix-roles", "MSX_MATRIX_ROLES", "msx_matrix_roles"),
    Spec("permission_baseline", "a permission matrix baseline (JSON) this run is compared with: each drift fails",
         "--msx-permission-baseline", "MSX_PERMISSION_BASELINE", "msx_permission_baseline"),
    Spec("record_permission_baseline", "write this run's permission matrix to this file, as the baseline",
         "--msx-record-permission-baseline", "MSX_RECORD_PERMISSION_BASELINE", "msx_record_permission_baseline"),
)
# Settings that apply in every mode, replay included (the others name a target and its credentials).
RUN_SETTINGS = ("timeout", "services", "allow_side_effects", "rerun_failed", "workflow_poll_interval", "workflow_timeout",
                "isolation_role", "matrix_roles", "permission_baseline", "record_permission_baseline")
LIVE_REQUIRED = ("url", "client_id", "client_secret", "username", "password")
TRUE_WORDS = ("1", "true", "yes", "on")
DEFAULT_TIMEOUT = 30.0
DEFAULT_WORKFLOW_POLL_INTERVAL, DEFAULT_WORKFLOW_TIMEOUT = 0.5, 120.0
AUTO = "auto"


@dataclass(frozen=True)
class Settings:
    """The resolved settings of a run, with the source each value came from."""

    mode: str = "replay"
    url: str = REPLAY_URL
    client_id: str = ""
    client_secret: str = field(default="", repr=False)
    username: str = ""
    password: str = field(default="", repr=False)
    ca_bundle: str = ""
    insecure: bool = False
    timeout: float = DEFAULT_TIMEOUT
    services: str = AUTO
    allow_side_effects: bool = False
    rerun_failed: str = ""
    workflow_poll_interval: float = DEFAULT_WORKFLOW_POLL_INTERVAL
    workflow_timeout: float = DEFAULT_WORKFLOW_TIMEOUT
    isolation_role: str = DEFAULT_ISOLATION_ROLE
    matrix_roles: str = DEFAULT_MATRIX_ROLES
    permission_baseline: str = ""
    record_permission_baseline: str = ""
    sources: dict = field(default_factory=dict, compare=False)

    @property
    def embedded_emulator(self) -> bool:
        """True when the target is the emulator this run started in-process."""
        return self.sources.get("url") == EMBEDDED_EMULATOR

    @property
    def recording(self) -> bool:
        """True when cassettes are written or read (replay and record)."""
        return self.mode in ("replay", "record")

    @property
    def secrets(self) -> tuple[str, ...]:
        """The values that must never reach a cassette, report or log."""
        return tuple(s for s in (self.client_secret, self.password) if s)

    def to_dict(self) -> dict:
        """Plain values, to hand to pytest-xdist workers."""
        return {spec.name: getattr(self, spec.name) for spec in SPECS} | {"sources": self.sources}


def add_options(parser: pytest.Parser) -> None:
    """Register the `--msx-*` options and `msx_*` ini keys."""
    group = parser.getgroup("msx", "MSX target (each also from MSX_* environment variables)")
    for spec in SPECS:
        if spec.option:
            kwargs = {"action": "store_true", "default": None} if spec.flag else {"default": None}
            if spec.name == "mode":
                kwargs["choices"] = MODES
            group.addoption(spec.option, dest=f"msx_{spec.name}", help=f"{spec.help} [{spec.env}]", **kwargs)
        if spec.ini:
            parser.addini(spec.ini, spec.help, type="bool" if spec.flag else "string", default=None)


def lookup(config: pytest.Config, spec: Spec) -> tuple[object, str] | None:
    """The first value found for one setting and where it came from."""
    if spec.option and config.getoption(f"msx_{spec.name}") is not None:
        return config.getoption(f"msx_{spec.name}"), spec.option
    if os.environ.get(spec.env):
        value = os.environ[spec.env]
        return (value.lower() in TRUE_WORDS if spec.flag else value), f"env {spec.env}"
    if spec.ini and config.getini(spec.ini) not in (None, ""):
        return config.getini(spec.ini), f"pytest.ini {spec.ini}"
    return None


def resolve(config: pytest.Config) -> Settings:
    """Settings from options, environment and ini; raise UsageError saying what to fix."""
    values, sources = {}, {}
    for spec in SPECS:
        found = lookup(config, spec)
        if found is not None:
            values[spec.name], sources[spec.name] = found
    mode = values.get("mode", "replay")
    if mode not in MODES:
        raise pytest.UsageError(f"MSX mode {mode!r} is unknown: use one of {', '.join(MODES)}")
    values["timeout"] = _seconds(values.get("timeout", DEFAULT_TIMEOUT), "MSX timeout", "MSX_TIMEOUT like 30")
    values["services"] = _services(values.get("services", AUTO))
    for name, default in (("workflow_poll_interval", DEFAULT_WORKFLOW_POLL_INTERVAL),
                          ("workflow_timeout", DEFAULT_WORKFLOW_TIMEOUT)):
        env = f"MSX_{name.upper()}"
        values[name] = _seconds(values.get(name, default), env, f"{env} like {default:g}")
    values["matrix_roles"] = _role_names(values.get("matrix_roles", DEFAULT_MATRIX_ROLES))
    run = {name: values[name] for name in RUN_SETTINGS if name in values}
    run_sources = {name: sources[name] for name in RUN_SETTINGS if name in sources}
    if mode == EMULATOR or values.get("url") == EMULATOR:
        return Settings(mode="live" if mode == EMULATOR else mode, url=EMULATOR, **run,
                        sources=sources | {"url": EMBEDDED_EMULATOR})
    if mode == "replay":
        return Settings(
            client_id=PLACEHOLDER_CLIENT_ID,
            username=PLACEHOLDER_USERNAME,
            **run,
            sources={"mode": sources.get("mode", "default")} | run_sources,
        )
    missing = [spec for spec in SPECS if spec.name in LIVE_REQUIRED and spec.name not in values]
    if missing:
        names = ", ".join(spec.env for spec in missing)
        raise pytest.UsageError(f"{mode} mode needs {names}: set them (or use --msx-mode=emulator)")
    url = str(values["url"]).rstrip("/")
    parsed = urlsplit(url)
    if "@" in parsed.netloc:
        # Said without the URL itself, which would print the credentials in it.
        raise pytest.UsageError("MSX URL carries credentials (user:password@): remove them from MSX_URL "
                                "and set MSX_USERNAME and MSX_PASSWORD")
    if parsed.scheme not in ("https", "http") or not parsed.hostname:
        raise pytest.UsageError(f"MSX URL {url!r} is not an http(s) URL: set MSX_URL like https://msx.example.com")
    ca_bundle = values.get("ca_bundle", "")
    if ca_bundle and not os.path.isfile(ca_bundle):
        raise pytest.UsageError(f"CA bundle {ca_bundle!r} does not exist: fix MSX_CA_BUNDLE or --msx-ca-bundle")
    return Settings(**(values | {"url": url, "mode": mode}), sources=sources)


def _seconds(value: object, name: str, example: str) -> float:
    """A positive number of seconds; UsageError naming the setting and how to set it."""
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < float("inf"):
        raise pytest.UsageError(f"{name} {value!r} is not a number of seconds above 0: set {example}")
    return seconds


def _role_names(value: object) -> str:
    """Role names, comma-separated, each once; UsageError when none is named."""
    names = [name.strip() for name in str(value).split(",") if name.strip()]
    if not names:
        raise pytest.UsageError(f"MSX matrix roles {value!r} name no role: set MSX_MATRIX_ROLES like CONSUMER,OPERATOR")
    return ",".join(dict.fromkeys(names))


def _services(value: object) -> str:
    """'auto', or known service names comma-separated; UsageError naming what is unknown."""
    text = str(value).strip().lower()
    if text == AUTO:
        return AUTO
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in SERVICES]
    if unknown or not names:
        raise pytest.UsageError(f"MSX services {value!r} names no known service ({', '.join(unknown) or 'empty'}): "
                                f"set MSX_SERVICES to auto or to some of {', '.join(SERVICES)}")
    return ",".join(dict.fromkeys(names))


def with_emulator(settings: Settings, emulator) -> Settings:
    """Settings pointing at a running embedded emulator, with its default credentials."""
    client = emulator.config.clients[0]
    user = emulator.config.superuser
    return Settings(
        mode=settings.mode,
        url=emulator.url,
        client_id=client.client_id,
        client_secret=client.client_secret,
        username=user.username,
        password=user.password,
        ca_bundle=emulator.ca_bundle or "",
        timeout=settings.timeout,
        services=settings.services,
        allow_side_effects=settings.allow_side_effects,
        rerun_failed=settings.rerun_failed,
        workflow_poll_interval=settings.workflow_poll_interval,
        workflow_timeout=settings.workflow_timeout,
        isolation_role=settings.isolation_role,
        matrix_roles=settings.matrix_roles,
        permission_baseline=settings.permission_baseline,
        record_permission_baseline=settings.record_permission_baseline,
        sources=settings.sources | dict.fromkeys(("url", "client_id", "client_secret", "username", "password"), EMBEDDED_EMULATOR),
    )
