"""The leak sweeper command: only `msxt-` names, only runs that are over, one line for bad settings."""

import os
import subprocess
import sys
import time

import pytest
from python_msx_sdk.model.tenant_create import TenantCreate
from python_msx_sdk.model.user_create import UserCreate

from msxsuite.cleanup.__main__ import main
from msxsuite.cleanup.ledger import Ledger
from msxsuite.tests.emulated import authorized_apis, msx_environment
from msxsuite.tests.test_cleanup_ledger import dead_pid

CUSTOMER_TENANT, CUSTOMER_USER = "Customer Acme Corp", "acme-admin"


@pytest.fixture
def sweeper(monkeypatch, capsys):
    """Runs the command's main() in this process from `cwd`, with only the given MSX_* variables
    (none of the caller's reach a self-test); its exit status and what it printed."""

    def run(*arguments, cwd, environment=None):
        with monkeypatch.context() as patched:
            patched.chdir(cwd)
            for name, value in (environment or {}).items():
                patched.setenv(name, value)
            try:
                status = main(list(arguments))
            except SystemExit as stop:
                status = stop.code
        printed = capsys.readouterr()
        return subprocess.CompletedProcess(["python", "-m", "msxsuite.cleanup", *arguments], status,
                                           printed.out, printed.err)
    return run


@pytest.fixture
def plant(emulator):
    """Creates tenants (and a user in each, when named) on the reset emulator, as another party would."""
    emulator.reset()
    with authorized_apis(emulator) as (tenants_api, users_api, roles_api):
        role_id = roles_api.get_role_by_name("CONSUMER").id

        def planted(tenant_name, username=None):
            tenant = tenants_api.create_tenant(TenantCreate(name=tenant_name))
            if username:
                users_api.create_user(UserCreate(username=username, first_name="Planted", last_name="User",
                                                 email=f"{username}@example.com", role_ids=[role_id],
                                                 tenant_ids=[tenant.id], password="Planted-Passw0rd"))
            return tenant
        yield planted


def test_dry_run_lists_what_it_would_delete_and_deletes_nothing(emulator, plant, tmp_path, sweeper):
    plant(CUSTOMER_TENANT, CUSTOMER_USER)
    plant("msxt-0ld001-leftover", "msxt-0ld001-member")

    done = sweeper("--dry-run", "--older-than", "0", cwd=tmp_path, environment=msx_environment(emulator))

    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("would delete user msxt-0ld001-member (")
    assert lines[1].startswith("would delete tenant msxt-0ld001-leftover (")
    assert lines[2:] == ["python -m msxsuite.cleanup: dry run, nothing deleted"]
    assert sorted(emulator.stats()["tenants"]) == [CUSTOMER_TENANT, "msxt-0ld001-leftover"]


def test_sweeps_suite_users_then_tenants_and_never_anything_else(emulator, plant, tmp_path, sweeper):
    plant(CUSTOMER_TENANT, CUSTOMER_USER)
    plant("msxt-0ld001-leftover", "msxt-0ld001-member")
    plant("msxt-0ld002-parent")
    plant("msxt-0ld002-child")
    time.sleep(1.1)

    done = sweeper("--older-than", "1s", cwd=tmp_path, environment=msx_environment(emulator))

    assert done.returncode == 0, done.stdout + done.stderr
    deleted = [line.split(" (")[0] for line in done.stdout.splitlines()[:-1]]
    assert deleted == ["deleted user msxt-0ld001-member", "deleted tenant msxt-0ld002-child",
                       "deleted tenant msxt-0ld002-parent", "deleted tenant msxt-0ld001-leftover"]
    assert done.stdout.splitlines()[-1] == "python -m msxsuite.cleanup: deleted 4 leftover(s); 0 could not be deleted"
    assert (emulator.stats()["tenants"], emulator.stats()["users"]) == ([CUSTOMER_TENANT], [CUSTOMER_USER])


def test_fresh_leftovers_are_spared_unless_their_run_is_dead(emulator, plant, tmp_path, sweeper):
    url = msx_environment(emulator)["MSX_URL"]
    ledgers = tmp_path / ".msx-ledger"
    running = Ledger(ledgers, "run001", url, os.getpid())
    killed = Ledger(ledgers, "kil001", url, dead_pid())
    for ledger in (running, killed):
        ledger.record("tenant", f"msxt-{ledger.run_tag}-fresh")
        plant(f"msxt-{ledger.run_tag}-fresh")
    plant("msxt-nol001-fresh-without-ledger")

    done = sweeper(cwd=tmp_path, environment=msx_environment(emulator))  # default age: 2h

    assert done.returncode == 0, done.stdout + done.stderr
    assert [line.split(" (")[0] for line in done.stdout.splitlines()[:-1]] == ["deleted tenant msxt-kil001-fresh"]
    assert sorted(emulator.stats()["tenants"]) == ["msxt-nol001-fresh-without-ledger", "msxt-run001-fresh"]
    assert not killed.path.exists(), "the dead run's ledger is dropped once nothing of it is left"
    assert running.path.exists()


def test_a_suite_tenant_holding_a_customer_user_is_reported_not_forced(emulator, plant, tmp_path, sweeper):
    plant("msxt-0ld003-borrowed", CUSTOMER_USER)

    done = sweeper("--older-than", "0", cwd=tmp_path, environment=msx_environment(emulator))

    assert done.returncode == 1
    assert done.stdout.splitlines()[0].startswith("could not delete tenant msxt-0ld003-borrowed (")
    assert " 409 " in done.stdout.splitlines()[0]
    assert emulator.stats()["users"] == [CUSTOMER_USER]


BAD_SETTINGS = {
    "no-settings": ([], {}, "the sweeper needs MSX_URL, MSX_CLIENT_ID, MSX_CLIENT_SECRET, MSX_USERNAME, MSX_PASSWORD"),
    "embedded-emulator": ([], {"MSX_URL": "emulator"}, "MSX_URL=emulator exists only inside a pytest run"),
    "not-a-url": ([], {"MSX_URL": "msx.example.com"}, "is not an http(s) URL"),
    "unreachable": ([], {"MSX_URL": "http://127.0.0.1:9"}, "cannot connect to MSX at http://127.0.0.1:9"),
    "wrong-password": ([], {"MSX_PASSWORD": "wrong"}, "MSX refused the username or password"),
    "bad-age": (["--older-than", "soon"], {}, "age 'soon' is not like 90s, 30m, 2h or 1d"),
}


@pytest.mark.parametrize("arguments, changes, message", BAD_SETTINGS.values(), ids=BAD_SETTINGS.keys())
def test_bad_settings_end_with_one_line_and_exit_2(emulator, tmp_path, sweeper, arguments, changes, message):
    environment = {} if not changes and not arguments else msx_environment(emulator)
    done = sweeper(*arguments, cwd=tmp_path, environment=environment | changes)
    assert done.returncode == 2
    assert done.stdout == "" and len(done.stderr.splitlines()) == 1 and message in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def test_the_command_runs_as_a_module(tmp_path):
    """The tests above call main() in this process; this one runs the command as an operator does."""
    done = subprocess.run([sys.executable, "-m", "msxsuite.cleanup"], cwd=tmp_path, env={"PATH": os.environ["PATH"]},
                          capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout) == (2, ""), done.stdout + done.stderr
    assert done.stderr.splitlines() == [f"python -m msxsuite.cleanup: {BAD_SETTINGS['no-settings'][2]}: set them in "
                                        "the environment"]
