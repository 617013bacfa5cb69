"""Password mode on a real server in a real Chromium: a stranger's first request — even straight to
/overview or /upload on a freshly started server — shows the login and no figure.

The pages are functions in pages/ (st.Page(callable)). Streamlit's old multipage mode would run a
`pages/` folder's files by URL on a fresh server, skipping dashboard.py and its login, until the
first st.navigation() call in the process; pages/__init__.py turns it off and hands the run back. Both the launcher (`make run`) and a plain `streamlit run dashboard.py` are tried."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from situation.shell import auth
from tests.conftest import ROOT
from tests.test_oidc_provider import ARGS, CHROMIUM, RENDERED, _port, _wait

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium")


@pytest.mark.parametrize("first_path", ["/overview", "/upload"])
def test_a_stranger_sees_only_the_login(sample_warehouse: Path, tmp_path: Path, first_path: str, monkeypatch):
    _stranger(sample_warehouse, tmp_path, first_path, monkeypatch, ["-m", "situation.shell.serve"])


def test_plain_streamlit_run_is_gated_too(sample_warehouse: Path, tmp_path: Path, monkeypatch):
    _stranger(sample_warehouse, tmp_path, "/overview", monkeypatch,
              ["-m", "streamlit", "run", str(ROOT / "dashboard.py")], login_wait_ms=15_000)


def _stranger(sample_warehouse: Path, tmp_path: Path, first_path: str, monkeypatch, launcher: list[str],
              login_wait_ms: int = 60_000) -> None:
    from playwright.sync_api import sync_playwright

    monkeypatch.setattr(auth, "BCRYPT_ROUNDS", 4)
    users = tmp_path / "users.json"
    auth.add_user("ali", "analyst", "anal-pass-2", users)
    port = _port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SITROOM_", "STREAMLIT_"))}
    env.update(PYTHONPATH=str(ROOT), SITROOM_DB=str(sample_warehouse), SITROOM_AUTH="password", SITROOM_LANG="en",
               SITROOM_USERS=str(users), SITROOM_AUDIT=str(tmp_path / "audit.jsonl"))
    proc = subprocess.Popen([sys.executable, *launcher, "--server.port",
                             str(port), "--server.headless", "true", "--server.fileWatcherType", "none"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        _wait(f"http://127.0.0.1:{port}/_stcore/health", proc)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.goto(f"http://127.0.0.1:{port}{first_path}", wait_until="domcontentloaded")
                page.wait_for_selector(RENDERED, timeout=60_000)
                page.wait_for_selector('input[type="password"]', timeout=login_wait_ms)
                body = page.locator('[data-testid="stApp"]').inner_text()
                assert page.locator('[data-testid="stMetric"], [data-testid="stFileUploader"]').count() == 0
                assert not any(w in body for w in ("Dubai", "United Arab", "Qatar")), body
                # Streamlit says "page not found" in a dialog for a page outside the login's list;
                # sign in from the root, then the analyst may open /upload by URL.
                page.goto(f"http://127.0.0.1:{port}/", wait_until="domcontentloaded")
                page.wait_for_selector(RENDERED, timeout=60_000)
                page.get_by_label("User name", exact=True).fill("ali")
                page.get_by_label("Password", exact=True).fill("anal-pass-2")
                page.get_by_role("button", name="Sign in").click()
                page.wait_for_selector('[data-testid="stSidebarNav"]', timeout=60_000)
                page.get_by_role("link", name="Upload").click()
                page.wait_for_selector('[data-testid="stFileUploader"]', timeout=60_000)
            finally:
                browser.close()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
