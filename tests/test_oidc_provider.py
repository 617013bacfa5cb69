"""OIDC sign-in end to end, all on loopback: a local OpenID Connect provider (oidc-provider-mock),
a real `streamlit run dashboard.py` with SITROOM_AUTH=oidc, a real Chromium clicking through
st.login. The role comes from a claim the provider puts in the token."""
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

from tests.conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
RENDERED = '[data-testid="stApp"][data-test-script-state="notRunning"][data-test-connection-state="CONNECTED"]'

pytestmark = [pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium"),
              pytest.mark.filterwarnings("ignore::DeprecationWarning")]  # the mock provider uses old Authlib calls


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            assert proc.poll() is None, "the server died"
            time.sleep(0.3)
    raise TimeoutError(url)


def test_oidc_login_through_a_local_provider(sample_warehouse: Path, tmp_path: Path):
    from oidc_provider_mock import User, run_server_in_thread
    from playwright.sync_api import sync_playwright

    users = [User(sub="ali", claims={"email": "ali@mfa.example", "sitroom_role": "analyst"}),
             User(sub="eve", claims={"email": "eve@elsewhere.example"})]
    with run_server_in_thread(port=0, user_claims=users) as idp:
        idp_url = f"http://127.0.0.1:{idp.server_port}"
        port = _port()
        secrets = tmp_path / "secrets.toml"
        secrets.write_text(
            "[auth]\n"
            f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
            'cookie_secret = "test-cookie-secret-0123456789abcdef"\n'
            'client_id = "situation-room"\nclient_secret = "test-secret"\n'
            f'server_metadata_url = "{idp_url}/.well-known/openid-configuration"\n', encoding="utf-8")
        audit_log = tmp_path / "audit.jsonl"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SITROOM_", "STREAMLIT_"))}
        env.update(PYTHONPATH=str(ROOT), SITROOM_DB=str(sample_warehouse), SITROOM_AUTH="oidc", SITROOM_LANG="en",
                   SITROOM_OIDC_ROLE_CLAIM="sitroom_role", SITROOM_AUDIT=str(audit_log))
        log = open(tmp_path / "server.log", "wb")  # noqa: SIM115 (closed below)
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--secrets.files", str(secrets),
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            _wait(f"http://127.0.0.1:{port}/_stcore/health", proc)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                try:
                    _sign_in_as(browser, port, "ali", expect_figures=True)
                    _sign_in_as(browser, port, "eve", expect_figures=False)
                finally:
                    browser.close()
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
            log.close()
    events = [line for line in audit_log.read_text(encoding="utf-8").splitlines()]
    assert any('"login"' in e and "ali@mfa.example" in e and '"analyst"' in e for e in events), events
    assert any('"login_denied"' in e and "eve@elsewhere.example" in e for e in events), events


def _sign_in_as(browser, port: int, sub: str, expect_figures: bool) -> None:
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = ctx.new_page()
    try:
        page.goto(f"http://127.0.0.1:{port}/", wait_until="domcontentloaded")
        page.wait_for_selector(RENDERED, timeout=60_000)
        assert page.locator('[data-testid="stMetric"]').count() == 0
        page.get_by_role("button", name="Sign in with the ministry account").click()
        page.wait_for_url("**/oauth2/authorize**", timeout=30_000)
        page.fill('input[name="sub"]', sub)
        page.locator('button[type="submit"], input[type="submit"]').first.click()
        page.wait_for_url(f"http://127.0.0.1:{port}/**", timeout=30_000)
        page.wait_for_selector(RENDERED, timeout=60_000)
        if expect_figures:
            page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
            nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
            assert "Upload" in nav and "Administration" not in nav
        else:
            page.wait_for_selector('[data-testid="stAlertContentError"]', timeout=60_000)
            assert page.locator('[data-testid="stMetric"]').count() == 0
            assert "no role" in page.locator('[data-testid="stMain"]').inner_text()
    finally:
        ctx.close()
