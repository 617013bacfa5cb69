"""`python -m situation.serve`: no login on a network address is refused before Streamlit starts;
on loopback (or with a login) the real server starts and serves only the login to strangers."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from situation.shell import auth, serve
from tests.conftest import ROOT


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SITROOM_", "STREAMLIT_"))}
    env.update(PYTHONPATH=str(ROOT), **extra)
    return env


def _serve(*args: str, timeout: float = 60, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "situation.shell.serve", *args], cwd=ROOT, env=_env(**env),
                          capture_output=True, text=True, timeout=timeout, check=False)


@pytest.mark.parametrize("args", [["--server.address", "0.0.0.0"], ["--server.address=10.0.0.5"],
                                  ["--server.address", "::"],
                                  # repeated: Streamlit takes the last one, so the check must too
                                  ["--server.address", "127.0.0.1", "--server.address", "0.0.0.0"],
                                  ["--server.address=localhost", "--server.address=10.0.0.5"]])
def test_no_login_on_a_network_address_exits_2_with_instructions(args):
    t0 = time.perf_counter()
    res = _serve(*args)
    assert res.returncode == 2
    assert "SITROOM_AUTH=password" in res.stderr and "python -m situation.users add" in res.stderr
    assert "127.0.0.1" in res.stderr and "SITROOM_AUTH=oidc" in res.stderr
    assert "You can now view" not in res.stdout  # Streamlit never started
    assert time.perf_counter() - t0 < 20


def test_the_environment_address_counts_too():
    res = _serve(STREAMLIT_SERVER_ADDRESS="0.0.0.0")
    assert res.returncode == 2


def test_a_login_mode_needs_its_configuration(tmp_path: Path):
    res = _serve("--server.address", "0.0.0.0", SITROOM_AUTH="password", SITROOM_USERS=str(tmp_path / "none.json"))
    assert res.returncode == 2 and "holds no users" in res.stderr
    res = _serve("--server.address", "0.0.0.0", SITROOM_AUTH="bogus")
    assert res.returncode == 2 and "SITROOM_AUTH='bogus'" in res.stderr


def test_address_resolution(tmp_path: Path):
    home, cwd = tmp_path / "home", tmp_path / "proj"
    (cwd / ".streamlit").mkdir(parents=True)
    (home / ".streamlit").mkdir(parents=True)
    assert serve.address_from([], {}, cwd, home) is None  # Streamlit's default: every interface
    (home / ".streamlit" / "config.toml").write_text('[server]\naddress = "0.0.0.0"\n')
    assert serve.address_from([], {}, cwd, home) == "0.0.0.0"
    (cwd / ".streamlit" / "config.toml").write_text('[server]\naddress = "127.0.0.1"\n')
    assert serve.address_from([], {}, cwd, home) == "127.0.0.1"
    assert serve.address_from([], {"STREAMLIT_SERVER_ADDRESS": "10.1.1.1"}, cwd, home) == "10.1.1.1"
    assert serve.address_from(["--server.address", "::1"], {"STREAMLIT_SERVER_ADDRESS": "x"}, cwd, home) == "::1"
    assert serve.address_from(["--server.address=localhost"], {}, cwd, home) == "localhost"
    # The project's own config.toml listens on loopback, so a bare start is safe.
    assert auth.is_loopback(serve.address_from([], {}, ROOT, tmp_path / "nohome"))


@pytest.mark.parametrize(("address", "ok"), [("127.0.0.1", True), ("127.1.2.3", True), ("localhost", True),
                                             ("::1", True), ("[::1]", True), ("0.0.0.0", False), ("", False),
                                             (None, False), ("::", False), ("192.168.1.10", False)])
def test_loopback(address, ok):
    assert auth.is_loopback(address) is ok
    assert (auth.startup_problem(address, "local") is None) is ok
    assert auth.startup_problem(address, "password") is None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_loopback_without_login_really_starts(sample_warehouse: Path):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "situation.shell.serve", "--server.port", str(port),
                             "--server.headless", "true"], cwd=ROOT, start_new_session=True,
                            env=_env(SITROOM_DB=str(sample_warehouse)), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                    assert r.status == 200
                    break
            except OSError:
                assert proc.poll() is None, proc.stdout.read().decode() if proc.stdout else ""
                assert time.monotonic() < deadline
                time.sleep(0.3)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def test_repeated_address_the_last_one_counts(tmp_path: Path):
    none = tmp_path / "none"
    assert serve.address_from(["--server.address", "127.0.0.1", "--server.address", "0.0.0.0"], {}, none, none) == "0.0.0.0"
    assert serve.address_from(["--server.address=0.0.0.0", "--server.address", "::1"], {}, none, none) == "::1"
    assert serve.address_from(["--server.address"], {}, none, none) == "(missing)"
    assert not auth.is_loopback("(missing)")
