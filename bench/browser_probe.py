"""What the browser benchmarks share: starting a Streamlit server, knowing when a page is drawn,
and where a visit's time and bytes go (Chromium's DevTools protocol), and CPU seconds of process
trees read from /proc (client and server apart).

"Rendered" = the script was seen running, is done, every map has its canvas, every Plotly chart
its SVG and the page stopped changing for QUIET_MS; the time is the page's own performance.now()
(from its navigation start) at its last change, so the waiting for quiet is not counted.
"""
from __future__ import annotations

import base64
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bench.common import ROOT

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
QUIET_MS = 400
VIEWPORT = {"width": 1920, "height": 1080}
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
PAINT_JS = """() => Object.fromEntries(performance.getEntriesByType('paint').map(e => [e.name, e.startTime]))"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(base: str, proc: subprocess.Popen, log: Path, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        try:
            with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    stop(proc)
    raise RuntimeError(f"server did not start: {log.read_text(encoding='utf-8')[-2000:]}")


def data_env(data: Path) -> dict[str, str]:
    return dict(os.environ, SITROOM_DATA=str(data), SITROOM_DB=str(data / "warehouse.duckdb"), PYTHONPATH=str(ROOT))


def start_server(script: str, data: Path, log: Path) -> tuple[subprocess.Popen, str]:
    """`streamlit run script` from the repository (so .streamlit/config.toml applies) on a free port."""
    port = free_port()
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
                                 "--server.address", "127.0.0.1", "--server.port", str(port),
                                 "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
                                cwd=ROOT, env=data_env(data), stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    wait_healthy(base, proc, log)
    return proc, base


def stop(proc: subprocess.Popen) -> None:
    """End the server's own process group only."""
    if proc.poll() is None:
        os.killpg(os.getpgid(proc.pid), signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(os.getpgid(proc.pid), signal.SIGKILL)
            proc.wait(10)


# --- CPU of process trees (/proc; no psutil) -------------------------------------------------

_TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds of the process and its reaped children)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as f:
            tail = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    # fields after the name: state ppid … utime(12) stime(13) cutime(14) cstime(15), 0-based from state
    return int(tail[1]), sum(int(x) for x in tail[11:15]) / _TICK


def tree_cpu(roots: Iterable[int], exclude: Iterable[int] = ()) -> float:
    """CPU seconds used so far by the roots and all their descendants (minus the excluded
    subtrees). A child that ended counts in its parent's reaped-children time, so differences of
    two readings are the tree's CPU between them."""
    stats = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            s = _stat(int(name))
            if s is not None:
                stats[int(name)] = s
    kids: dict[int, list[int]] = {}
    for pid, (ppid, _) in stats.items():
        kids.setdefault(ppid, []).append(pid)
    skip, total, todo = set(exclude), 0.0, [r for r in roots if r in stats]
    seen: set[int] = set()
    while todo:
        pid = todo.pop()
        if pid in seen or pid in skip:
            continue
        seen.add(pid)
        total += stats[pid][1]
        todo.extend(kids.get(pid, []))
    return total


# --- One visit, with where its time and bytes went (CDP) -----------------------------------------

def category(url: str, rtype: str) -> str:
    if rtype == "Document":
        return "document"
    if rtype == "Font":
        return "fonts"
    if "/app/static/" in url:
        return "app static (map style, geo)"
    if "/_stcore/" in url:
        return "_stcore (health, host-config)"
    if "/media/" in url:
        return "media"
    if rtype in ("Script", "Stylesheet") or "/static/" in url:
        return "Streamlit bundle (JS, CSS)"
    return "other"


class Probe:
    """Collects a page's Network events from a CDP session; times in seconds from the document request."""

    def __init__(self) -> None:
        self.t0: float | None = None
        self.req: dict[str, dict[str, Any]] = {}
        self.ws_open: float | None = None
        self.frames: list[tuple[float, int]] = []  # (time, bytes) of every websocket frame received
        self.sent: list[tuple[float, int]] = []

    def attach(self, cdp: Any) -> None:
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.webSocketHandshakeResponseReceived", self._ws_open)
        cdp.on("Network.webSocketFrameReceived", self._frame)
        cdp.on("Network.webSocketFrameSent", self._frame_sent)
        cdp.on("Page.lifecycleEvent", self._lifecycle)
        self.paint: dict[str, float] = {}

    def _lifecycle(self, e: dict) -> None:
        # performance.getEntriesByType('paint') stays empty in headless Chromium without a GPU;
        # the lifecycle events carry the same moments.
        if e.get("name") in ("firstPaint", "firstContentfulPaint", "firstMeaningfulPaint") and self.t0 is not None:
            self.paint.setdefault(e["name"], self._rel(e["timestamp"]))

    def _rel(self, ts: float) -> float:
        return ts - (self.t0 if self.t0 is not None else ts)

    def _sent(self, e: dict) -> None:
        if self.t0 is None and e.get("type") == "Document":
            self.t0 = e["timestamp"]
        self.req.setdefault(e["requestId"], {"url": e["request"]["url"], "type": e.get("type", ""),
                                             "start": self._rel(e["timestamp"]), "end": None, "bytes": 0})

    def _response(self, e: dict) -> None:
        r = self.req.get(e["requestId"])
        if r is not None:
            r["type"] = e.get("type", r["type"])
            r["status"] = e["response"].get("status")

    def _finished(self, e: dict) -> None:
        r = self.req.get(e["requestId"])
        if r is not None:
            r["end"], r["bytes"] = self._rel(e["timestamp"]), int(e.get("encodedDataLength", 0))

    def _ws_open(self, e: dict) -> None:
        self.ws_open = self._rel(e["timestamp"])

    @staticmethod
    def _len(e: dict) -> int:
        resp = e["response"]
        data = resp.get("payloadData", "")
        # Streamlit's frames are binary (protobuf): CDP hands them over base64-encoded.
        return len(base64.b64decode(data)) if resp.get("opcode") == 2 else len(data.encode())

    def _frame(self, e: dict) -> None:
        self.frames.append((self._rel(e["timestamp"]), self._len(e)))

    def _frame_sent(self, e: dict) -> None:
        self.sent.append((self._rel(e["timestamp"]), self._len(e)))

    def summary(self) -> dict[str, Any]:
        cats: dict[str, dict[str, float]] = {}
        for r in self.req.values():
            if r["url"].startswith("ws"):
                continue
            c = cats.setdefault(category(r["url"], r["type"]), {"n": 0, "kb": 0.0, "done_s": 0.0})
            c["n"] += 1
            c["kb"] += r["bytes"] / 1000
            c["done_s"] = max(c["done_s"], r["end"] or 0.0)
        ws = {"n": len(self.frames), "kb": sum(b for _, b in self.frames) / 1000,
              "open_s": self.ws_open, "first_s": self.frames[0][0] if self.frames else None,
              "last_s": self.frames[-1][0] if self.frames else None,
              "largest_kb": max((b for _, b in self.frames), default=0) / 1000}
        files = sorted(((r["url"].rsplit("/", 1)[-1].split("?")[0], round(r["bytes"] / 1000, 1))
                        for r in self.req.values() if not r["url"].startswith("ws")), key=lambda x: -x[1])
        return {"http": cats, "ws": ws, "files": files}


def visit(browser: Any, url: str, probe: bool = False, maps: int = 0) -> dict[str, Any]:
    """One fresh browser context (a new visitor) opening url until rendered. With probe, also the
    network breakdown, paint times and the renderer's main-thread time (CDP Performance).

    maps: how many pydeck canvases the page must show. The map's code is a chunk loaded on
    demand, and until it arrives the page has no map element at all, so "every map has its
    canvas" alone is true too early (the one-map floor looked done before its map was drawn)."""
    ctx = browser.new_context(viewport=VIEWPORT)
    try:
        ctx.add_init_script(WATCH_JS)
        page = ctx.new_page()
        p, cdp = None, None
        if probe:
            cdp = ctx.new_cdp_session(page)
            p = Probe()
            p.attach(cdp)
            cdp.send("Network.enable")
            cdp.send("Performance.enable")
            cdp.send("Page.enable")
            cdp.send("Page.setLifecycleEventsEnabled", {"enabled": True})
        page.goto(url)
        page.wait_for_function(f"() => ({DONE_JS})() && document.querySelectorAll("
                               f"'[data-testid=\"stDeckGlJsonChart\"] canvas').length >= {maps}",
                               timeout=180_000, polling=50)
        if page.locator('[data-testid="stException"]').count():
            raise RuntimeError(f"{url}: exception on the page")
        out: dict[str, Any] = {"rendered_s": page.evaluate("() => window.__st.quietSince") / 1000}
        if probe:
            paint = page.evaluate(PAINT_JS)
            out["fcp_s"] = paint.get("first-contentful-paint", 0) / 1000 or p.paint.get("firstContentfulPaint", 0.0)
            metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
            out["main_thread"] = {k: metrics.get(k, 0.0) for k in
                                  ("TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration")}
            out["js_heap_mb"] = metrics.get("JSHeapUsedSize", 0) / 1e6
            out["dom_nodes"] = metrics.get("Nodes", 0)
            out.update(p.summary())
            out["elements"] = page.evaluate("() => document.querySelectorAll('[data-testid=\"stElementContainer\"]').length")
        return out
    finally:
        ctx.close()
