"""Browser fixtures: one real `streamlit run dashboard.py` and one Debian Chromium per session.

Every request any page makes is recorded (test_airgap.py checks them at the end). The e2e tests
run after the rest of the suite, in the order pages → concurrency → air-gap: the concurrency test
loads more data into the server's folder, and the air-gap check needs every other page visited.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
# STACK-NOTES: no GPU, nothing of Chromium's own that calls home (updates, sync, QUIC probes).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
RENDERED = ('[data-testid="stApp"][data-test-script-state="notRunning"]'
            '[data-test-connection-state="CONNECTED"]')
NAV_LINKS = '[data-testid="stSidebarNav"] a, [data-testid="stSidebarNavLink"]'
EXCEPTION = '[data-testid="stException"]'
PLOTLY = '[data-testid="stPlotlyChart"]'
DECK = '[data-testid="stDeckGlJsonChart"]'
LANGS = ("kk", "ru", "en")
WALL = {"width": 1920, "height": 1080}
# Streamlit scrolls inside its own container, so a full-page screenshot is only the viewport.
TALL = {"width": 1920, "height": 2400}
SHOTS = ROOT / "screenshots" / "e2e"
RESULTS = ROOT / "bench" / "results"
LOCAL_PREFIXES = ("http://127.0.0.1", "http://localhost", "ws://127.0.0.1", "ws://localhost",
                  "data:", "blob:", "about:")
# Watches the app from the first moment of each document. "Rendered" = the script has been seen
# running, is done, and the page has stopped changing for QUIET_MS. Waiting for the state
# attribute alone is not enough: it is "notRunning" before the first run starts too, and the
# frontend draws the last elements a few frames after the run ends (seen: metrics appear
# ≈100 ms after "notRunning"). window.__st.quietSince (ms since navigation start) is the moment
# the page stopped changing: the time to rendered that the timings report.
QUIET_MS = 400
# A run that starts and ends between two observer callbacks (a cached fragment rerun takes a few
# milliseconds) leaves the attribute at "notRunning" when the callback reads it: the records'
# old values still show the "running" it passed through, so that counts as a run too.
WATCH_JS = """
window.__st = {ran: false, done: false, quietSince: 0};
new MutationObserver((records) => {
  window.__st.quietSince = performance.now();
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return;
  for (const r of records) {
    if (r.attributeName === 'data-test-script-state' && r.oldValue === 'running') window.__st.ran = true;
  }
  const state = app.getAttribute('data-test-script-state');
  if (state === 'running') { window.__st.ran = true; window.__st.done = false; }
  else if (window.__st.ran && state === 'notRunning') { window.__st.done = true; }
}).observe(document, {subtree: true, childList: true, characterData: true, attributes: true,
                      attributeOldValue: true,
                      attributeFilter: ['data-test-script-state', 'data-test-connection-state']});
"""
RAN_JS = f"""() => window.__st && window.__st.done && performance.now() - window.__st.quietSince > {QUIET_MS}
             && document.querySelector('{RENDERED}') !== null"""
ORDER = ("test_pages.py", "test_evacuation.py", "test_concurrency.py", "test_airgap.py")

_server_log: Path | None = None  # shown under a failing e2e test


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """e2e last (they change the server's data), and in the ORDER above; the rest keeps its order."""
    def key(item: pytest.Item) -> int:
        path = Path(str(item.fspath))
        if path.parent != Path(__file__).parent:
            return 0
        return 1 + (ORDER.index(path.name) if path.name in ORDER else len(ORDER))
    items.sort(key=key)  # stable: order within each group is kept


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if report.failed and _server_log is not None and _server_log.exists():
        tail = _server_log.read_text(encoding="utf-8", errors="replace")[-6000:]
        report.sections.append(("streamlit server log (tail)", tail))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    base: str
    data: Path
    db: Path
    log: Path
    proc: subprocess.Popen

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium; .ci/run does it)")
    return CHROMIUM


@pytest.fixture(scope="session")
def server(chromium_path: str, sample_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The dashboard on a copy of the sample's data folder, in its own process group."""
    global _server_log
    root = tmp_path_factory.mktemp("e2e")
    data = root / "data"
    shutil.copytree(sample_warehouse.parent, data)  # archive and manifest too: later loads add to it
    db = data / "warehouse.duckdb"
    log = root / "server.log"
    _server_log = log
    port = free_port()
    # The audit log too: the server must not write into the repository's data/.
    env = dict(os.environ, SITROOM_DATA=str(data), SITROOM_DB=str(db), PYTHONPATH=str(ROOT),
               SITROOM_AUDIT=str(root / "audit.jsonl"))
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
             "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    srv = Server(f"http://127.0.0.1:{port}", data, db, log, proc)
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"streamlit exited with {proc.returncode}:\n{srv.log_text()[-3000:]}")
            try:
                with urllib.request.urlopen(srv.base + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"streamlit not healthy after 60 s:\n{srv.log_text()[-3000:]}")
            time.sleep(0.2)
        yield srv
    finally:
        stop_group(proc)


def stop_group(proc: subprocess.Popen) -> None:
    """SIGTERM then SIGKILL to the server's own process group (it was started in a new session)."""
    if proc.poll() is not None:
        return
    pgid = os.getpgid(proc.pid)
    os.killpg(pgid, signal.SIGTERM)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        os.killpg(pgid, signal.SIGKILL)
        proc.wait(10)


@dataclass
class Traffic:
    """Every URL any page of the session asked for, in order (requests and websockets)."""
    urls: list[tuple[str, str]] = field(default_factory=list)  # (page url at the time, request url)

    def outside(self) -> list[tuple[str, str]]:
        return [(p, u) for p, u in self.urls if not u.startswith(LOCAL_PREFIXES)]


@pytest.fixture(scope="session")
def traffic(chromium_path: str) -> Traffic:
    return Traffic()


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    b = pw.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
    try:
        yield b
    finally:
        b.close()
        pw.stop()


@pytest.fixture(scope="session")
def new_context(browser: Any, traffic: Traffic) -> Callable[..., Any]:
    """Contexts that record their traffic; the caller closes them."""
    def make(viewport: dict[str, int] | None = None, **kwargs: Any) -> Any:
        ctx = browser.new_context(viewport=viewport or TALL, **kwargs)
        ctx.add_init_script(WATCH_JS)

        def watch(page: Any) -> None:
            page.on("request", lambda r: traffic.urls.append((page.url, r.url)))
            page.on("websocket", lambda ws: traffic.urls.append((page.url, ws.url)))
        ctx.on("page", watch)
        return ctx
    return make


@pytest.fixture(scope="session")
def page(new_context: Callable[..., Any]) -> Iterator[Any]:
    """One tall tab shared by the page tests (each goto is a fresh Streamlit session)."""
    ctx = new_context()
    p = ctx.new_page()
    try:
        yield p
    finally:
        ctx.close()


def wait_rendered(page: Any, timeout_ms: float = 90_000) -> None:
    """The script has run to its end (see WATCH_JS) and every chart on the page is in the DOM."""
    page.wait_for_function(RAN_JS, timeout=timeout_ms)
    page.wait_for_selector(RENDERED, timeout=timeout_ms)
    # Charts in a hidden tab are attached but not visible; they must exist all the same.
    for chart in page.locator(PLOTLY).all():
        chart.locator(".main-svg").first.wait_for(state="attached", timeout=timeout_ms)
    for deck in page.locator(DECK).all():
        deck.locator("canvas").first.wait_for(state="attached", timeout=timeout_ms)


def rerun(page: Any, action: Callable[[], Any], timeout_ms: float = 90_000) -> None:
    """Do something that makes the script run again (a widget), then wait until it is done."""
    page.evaluate("() => { window.__st.ran = false; window.__st.done = false; }")
    action()
    wait_rendered(page, timeout_ms)


def rendered_ms(page: Any) -> float:
    """Milliseconds from the navigation's start until the rendered page stopped changing."""
    return float(page.evaluate("() => window.__st.quietSince"))


def open_page(page: Any, url: str) -> None:
    page.goto(url)
    wait_rendered(page)


def main_text(page: Any) -> str:
    return page.locator('[data-testid="stMain"]').first.inner_text()


def nav_paths(page: Any, base: str) -> list[str]:
    """The pages in the sidebar, as URL paths ("/", "/countries", …), in the sidebar's order."""
    hrefs = page.eval_on_selector_all(NAV_LINKS, "els => [...new Set(els.map(e => e.href))]")
    paths = []
    for h in hrefs:
        path = h[len(base):].split("?")[0] or "/"
        if path not in paths:
            paths.append(path)
    return paths
