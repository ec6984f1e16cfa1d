"""Settings: command line beats environment beats pytest.ini; secrets only from the environment."""

import pytest

from msxsuite.settings import resolve

LIVE_ENV = {"MSX_CLIENT_ID": "env-client", "MSX_CLIENT_SECRET": "s3cret-client", "MSX_USERNAME": "env-user",
            "MSX_PASSWORD": "s3cret-password"}


def errors(result) -> list[str]:
    """What a pytester run printed on stderr, blank lines left out."""
    return [line for line in result.errlines if line.strip()]


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


def test_live_without_settings_says_what_to_set(suite):
    result = suite.runpytest_subprocess("--msx-mode=live")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert errors(result) == [
        "ERROR: live mode needs MSX_URL, MSX_CLIENT_ID, MSX_CLIENT_SECRET, MSX_USERNAME, MSX_PASSWORD: "
        "set them (or use --msx-mode=emulator)"
    ]


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("MSX_URL", "msx.example.com", "ERROR: MSX URL 'msx.example.com' is not an http(s) URL"),
        ("MSX_CA_BUNDLE", "/nowhere/ca.pem", "ERROR: CA bundle '/nowhere/ca.pem' does not exist"),
    ],
    ids=["url-without-scheme", "missing-ca-bundle"],
)
def test_bad_setting_is_one_line(suite, monkeypatch, live_env, variable, value, message):
    monkeypatch.setenv("MSX_URL", "https://msx.example.com")
    monkeypatch.setenv(variable, value)
    result = suite.runpytest_subprocess("--msx-mode=live")
    assert len(errors(result)) == 1 and errors(result)[0].startswith(message), errors(result)


def test_unreachable_host_is_one_line(suite, monkeypatch, live_env):
    monkeypatch.setenv("MSX_URL", "http://127.0.0.1:9")
    result = suite.runpytest_subprocess("--msx-mode=live")
    assert errors(result) == [
        "ERROR: cannot connect to MSX at http://127.0.0.1:9 (NewConnectionError): check MSX_URL and that MSX is up"
    ]
