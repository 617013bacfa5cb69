"""Browser first render: time from navigation start to the rendered overview in Debian's
Chromium, each time in a fresh browser context (a new visitor), against a real
`streamlit run dashboard.py` on the sample. The floor: the same for bench/empty_page.py served
by its own server in the same run.

cold = the first context after the server started (imports, first queries, first map);
warm = the median of the contexts after it. "Rendered" = the script was seen running, is done,
every chart is in the DOM and the page stopped changing; the time is the page's own
performance.now() at its last change, so the waiting for quiet is not counted.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from bench.bench_pages import build
from bench.common import ROOT, row

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
QUIET_MS = 400
# A copy of the watcher in tests/e2e/conftest.py (bench does not import tests).
WATCH_JS = """
window.__st = {ran: false, done: false, quietSince: 0};
new MutationObserver(() => {
  window.__st.quietSince = performance.now();
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return;
  const state = app.getAttribute('data-test-script-state');
  if (state === 'running') { window.__st.ran = true; window.__st.done = false; }
  else if (window.__st.ran && state === 'notRunning') { window.__st.done = true; }
}).observe(document, {subtree: true, childList: true, characterData: true, attributes: true,
                      attributeFilter: ['data-test-script-state', 'data-test-connection-state']});
"""
DONE_JS = f"""() => window.__st && window.__st.done && performance.now() - window.__st.quietSince > {QUIET_MS}
  && document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]') !== null
  && [...document.querySelectorAll('[data-testid="stDeckGlJsonChart"]')].every(e => e.querySelector('canvas'))
  && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(e => e.querySelector('.main-svg'))"""


def start_server(script: str, data: Path, log: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, SITROOM_DATA=str(data), SITROOM_DB=str(data / "warehouse.duckdb"), PYTHONPATH=str(ROOT))
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
                                 "--server.address", "127.0.0.1", "--server.port", str(port),
                                 "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
                                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        try:
            with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc, base
        except OSError:
            time.sleep(0.2)
    stop(proc)
    raise RuntimeError(f"streamlit did not start: {log.read_text(encoding='utf-8')[-2000:]}")


def stop(proc: subprocess.Popen) -> None:
    """End the server's own process group only."""
    if proc.poll() is None:
        os.killpg(os.getpgid(proc.pid), signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(os.getpgid(proc.pid), signal.SIGKILL)
            proc.wait(10)


def first_render(browser: Any, url: str) -> float:
    ctx = browser.new_context(viewport={"width": 1920, "height": 1080})
    try:
        ctx.add_init_script(WATCH_JS)
        page = ctx.new_page()
        page.goto(url)
        page.wait_for_function(DONE_JS, timeout=180_000)
        if page.locator('[data-testid="stException"]').count():
            raise RuntimeError(f"{url}: exception on the page")
        return page.evaluate("() => window.__st.quietSince") / 1000
    finally:
        ctx.close()


def renders(browser: Any, script: str, data: Path, log: Path, url_tail: str, repeats: int) -> tuple[float, list[float]]:
    proc, base = start_server(script, data, log)
    try:
        cold = first_render(browser, base + url_tail)
        return cold, [first_render(browser, base + url_tail) for _ in range(repeats)]
    finally:
        stop(proc)


def run(repeats: int = 5) -> list[dict]:
    if not os.path.exists(CHROMIUM):
        return []  # nothing to measure without Debian's chromium; make bench says which ran
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="bench-browser-"))
    try:
        build(tmp / "data", ROOT / "data" / "sample")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            try:
                f_cold, f_warm = renders(browser, "bench/empty_page.py", tmp / "data", tmp / "empty.log", "/", repeats)
                cold, warm = renders(browser, "dashboard.py", tmp / "data", tmp / "server.log", "/?lang=en", repeats)
            finally:
                browser.close()
        return [row("browser first render: overview, warm", "sample", warm, "empty page, warm", f_warm,
                    n_runs=len(warm)),
                row("browser first render: overview, cold", "sample", [cold], "empty page, cold", [f_cold],
                    n_runs=1)]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    for r in run(int(sys.argv[1]) if len(sys.argv) > 1 else 5):
        print(f"{r['name']:<40} {r['median_s']:.3f} s  (floor {r['floor_median_s']:.3f} s)")
