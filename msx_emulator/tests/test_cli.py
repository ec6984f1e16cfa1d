"""The standalone emulator: `python -m msx_emulator` prints its URL and credentials, serves, stops on a signal."""

from __future__ import annotations

import json
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import urllib3

from msx_emulator.config import DEFAULT_CONFIG
from msx_emulator.tests.helpers import basic

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def emu_standalone():
    """Start `python -m msx_emulator` with extra arguments; yields (process, banner lines until 'Press Ctrl-C')."""
    processes = []

    def start(*arguments: str):
        process = subprocess.Popen([sys.executable, "-m", "msx_emulator", *arguments], cwd=ROOT, text=True,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        processes.append(process)
        banner = []
        for line in process.stdout:
            banner.append(line.rstrip())
            if line.startswith("Press Ctrl-C"):
                return process, banner
        raise AssertionError(f"no banner: {banner} {process.stderr.read()}")

    yield start
    for process in processes:
        if process.poll() is None:
            process.kill()
        process.wait(10)
        process.stdout.close()
        process.stderr.close()


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_standalone_serves_and_stops_on_a_signal(emu_standalone, stop_signal):
    port = _free_port()
    process, banner = emu_standalone("--port", str(port))
    url = f"http://127.0.0.1:{port}"
    assert banner[0] == f"MSX emulator listening on {url}"
    assert any("msx-suite / emulator-client-secret" in line for line in banner)
    assert any("superuser / Emulator-Superuser-1" in line for line in banner)
    assert f"  monitored service ids: {','.join(i.id for i in DEFAULT_CONFIG.health if i.type == 'service')}" in banner
    with urllib3.PoolManager() as http:
        response = http.request("POST", f"{url}/idm/v2/token", headers={
            "Authorization": basic("msx-suite", "emulator-client-secret")},
            fields={"grant_type": "password", "username": "superuser", "password": "Emulator-Superuser-1"},
            encode_multipart=False)
    assert response.status == 200 and json.loads(response.data)["username"] == "superuser"
    process.send_signal(stop_signal)
    assert process.wait(10) == 0
    assert process.stdout.read().strip() == "MSX emulator stopped."


def test_standalone_applies_knobs_and_tls(emu_standalone):
    process, banner = emu_standalone("--port", "0", "--tls", "--token-lifetime", "30", "--error-status", "503",
                                     "--service", "consume=down", "--service", "billing=absent",
                                     "--workflow-failing-step", "Second step", "--isolation-leak")
    url = re.fullmatch(r"MSX emulator listening on (https://127\.0\.0\.1:\d+)", banner[0]).group(1)
    ca_bundle = re.search(r"CA bundle \(self-signed certificate\): (\S+)", "\n".join(banner)).group(1)
    with urllib3.PoolManager(ca_certs=ca_bundle) as https:
        faults = json.loads(https.request("GET", f"{url}/_emulator/faults").data)
    services = faults.pop("services")
    assert faults == {"latency_ms": 0, "error_rate": 0.0, "token_lifetime_seconds": 30, "error_status": 503,
                      "workflow_failing_step": "Second step", "isolation_leak": True}
    assert (services["consume"], services["billing"], services["idm"]) == ("down", "absent", "up")
    process.send_signal(signal.SIGINT)
    assert process.wait(10) == 0
    assert not Path(ca_bundle).exists()


@pytest.mark.parametrize("knob, message", [
    pytest.param(["--error-rate", "3"], "error_rate", id="error-rate"),
    pytest.param(["--service", "nowhere=down"], "nowhere", id="unknown-service"),
    pytest.param(["--service", "consume=sleepy"], "consume", id="unknown-availability"),
])
def test_standalone_rejects_bad_knobs(knob, message):
    result = subprocess.run([sys.executable, "-m", "msx_emulator", *knob], cwd=ROOT,
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2 and message in result.stderr
