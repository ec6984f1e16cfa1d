"""Settings: command line beats environment beats pytest.ini; secrets only from the environment."""

import pytest

from msxsuite.settings import resolve

LIVE_ENV = {"MSX_CLIENT_ID": "env-client", "MSX_CLIENT_SECRET": "s3cret-client", "MSX_USERNAME": "env-user",
            "MSX_PASSWORD": "s3cret-password"}


def add_to_ini(suite, lines: str) -> None:
    """Append settings to the suite's own pytest.ini."""
    ini = suite.path / "pytest.ini"
    ini.write_text(f"{ini.read_text()}{lines}\n")


@pytest.fixture
def live_env(monkeypatch):
    for name, value in LIVE_ENV.items():
        monkeypatch.setenv(name, value)


def test_command_line_beats_environment_beats_ini(suite, monkeypatch, live_env):
    add_to_ini(suite, "msx_url = https://ini.example\nmsx_username = ini-user\nmsx_mode = live")
    monkeypatch.setenv("MSX_URL", "https://env.example")
    settings = resolve(suite.parseconfig("--msx-url", "https://cli.example"))
    assert (settings.url, settings.sources["url"]) == ("https://cli.example", "--msx-url")
    assert (settings.username, settings.sources["username"]) == ("env-user", "env MSX_USERNAME")
    assert (settings.mode, settings.sources["mode"]) == ("live", "pytest.ini msx_mode")


def test_ini_is_used_when_nothing_else_says(suite, live_env):
    add_to_ini(suite, "msx_url = https://ini.example/")
    settings = resolve(suite.parseconfig("--msx-mode", "live"))
    assert (settings.url, settings.sources["url"]) == ("https://ini.example", "pytest.ini msx_url")


def test_secrets_have_no_option_or_ini_key(suite):
    result = suite.runpytest("--help")
    assert "--msx-url" in result.stdout.str()
    assert "--msx-password" not in result.stdout.str() and "--msx-client-secret" not in result.stdout.str()
    with pytest.raises(ValueError):
        suite.parseconfig().getini("msx_password")


def test_replay_needs_no_settings(suite):
    settings = resolve(suite.parseconfig())
    assert settings.mode == "replay" and settings.secrets == ()


def test_timeout_defaults_to_30_seconds_and_follows_the_precedence(suite, monkeypatch, live_env):
    monkeypatch.setenv("MSX_URL", "https://msx.example.com")
    assert resolve(suite.parseconfig("--msx-mode", "live")).timeout == 30
    monkeypatch.setenv("MSX_TIMEOUT", "5")
    settings = resolve(suite.parseconfig("--msx-mode", "live", "--msx-timeout", "2.5"))
    assert (settings.timeout, settings.sources["timeout"]) == (2.5, "--msx-timeout")
