"""Many viewers: the overview through HAProxy in front of 2 replicas (`python -m
situation.shell.replicas`), 20 browser sessions at once against one session alone, in the same run,
on a 1,000,000-row warehouse (BENCH_BROWSER_DATA: an already built data folder).

Each session is a fresh Chromium context (its own cookie, so HAProxy spreads them over the
replicas); its time is from its own navigation start to rendered (bench/browser_probe.py).
On a 2-core machine Chromium drawing 20 pages competes with the servers for the same cores, so
the CPU seconds of the client (this process, Playwright's driver, Chromium) and of the servers
(the replicas and HAProxy) are measured apart, per view: if the client's dominate, the
concurrency figure measures the test machine's browser, not the service.

`python -m bench.bench_viewers [rounds] [sessions] [browsers]`: browsers > 1 spreads the sessions
over several Chromium processes instead of contexts of one.
"""
from __future__ import annotations

import asyncio
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.bench_browser import dataset
from bench.browser_probe import (
    ARGS,
    CHROMIUM,
    DONE_JS,
    VIEWPORT,
    WATCH_JS,
    data_env,
    free_port,
    stop,
    tree_cpu,
    wait_healthy,
)
from bench.common import ROOT, row

SESSIONS = 20
URL_TAIL = "/overview?lang=en"


def p95(xs: list[float]) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, math.ceil(0.95 * len(s)) - 1)]


async def one(browser: Any, url: str) -> float:
    ctx = await browser.new_context(viewport=VIEWPORT)
    try:
        await ctx.add_init_script(WATCH_JS)
        page = await ctx.new_page()
        await page.goto(url, timeout=900_000)
        await page.wait_for_function(f"() => ({DONE_JS})() && document.querySelectorAll("
                                     "'[data-testid=\"stDeckGlJsonChart\"] canvas').length >= 1", timeout=900_000, polling=100)
        if await page.locator('[data-testid="stException"]').count():
            raise RuntimeError("exception on the page")
        return await page.evaluate("() => window.__st.quietSince") / 1000
    finally:
        await ctx.close()


def start_replicas(data: Path, run_dir: Path, replicas: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    log = run_dir / "replicas.out"
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen([sys.executable, "-m", "situation.shell.replicas", "--replicas", str(replicas),
                                 "--port", str(port), "--first-port", str(free_port()), "--run-dir", str(run_dir)],
                                cwd=ROOT, env=data_env(data), stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    wait_healthy(base, proc, log, timeout_s=240)
    return proc, base


async def measure(data: Path, rounds: int, sessions: int, browsers: int) -> dict[str, Any]:
    from playwright.async_api import async_playwright

    run_dir = Path(tempfile.mkdtemp(prefix="bench-viewers-"))
    proc, base = start_replicas(data, run_dir, 2)
    url = base + URL_TAIL
    me = os.getpid()

    def cpu() -> tuple[float, float]:
        server = tree_cpu([proc.pid])
        return tree_cpu([me], exclude=[proc.pid]), server

    out: dict[str, Any] = {"load_start": os.getloadavg()[0]}
    try:
        async with async_playwright() as pw:
            pool = [await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
                    for _ in range(browsers)]
            for _ in range(4):  # both replicas warm (round robin): imports, queries, the map's outlines
                await one(pool[0], url)
            c0, s0, w0 = *cpu(), time.monotonic()
            single = [await one(pool[0], url) for _ in range(max(5, rounds * 3))]
            c1, s1, w1 = *cpu(), time.monotonic()
            out["single"] = single
            print(f"one session: {[round(x, 2) for x in single]}; CPU client {c1 - c0:.1f} s, servers {s1 - s0:.1f} s",
                  file=sys.stderr, flush=True)
            out["single_cpu"] = {"client_s_per_view": (c1 - c0) / len(single),
                                 "server_s_per_view": (s1 - s0) / len(single), "wall_s": w1 - w0}
            many: list[float] = []
            for _ in range(rounds):
                many += await asyncio.gather(*(one(pool[i % browsers], url) for i in range(sessions)))
            c2, s2, w2 = *cpu(), time.monotonic()
            out["many"] = many
            out["many_cpu"] = {"client_s_per_view": (c2 - c1) / len(many), "server_s_per_view": (s2 - s1) / len(many),
                               "wall_s": w2 - w1, "client_cores": (c2 - c1) / (w2 - w1),
                               "server_cores": (s2 - s1) / (w2 - w1)}
            for b in pool:
                await b.close()
    finally:
        stop(proc)
        out["load_end"] = os.getloadavg()[0]
        shutil.rmtree(run_dir, ignore_errors=True)
    return out


def report(r: dict[str, Any], sessions: int, browsers: int) -> str:
    s, m = r["single"], r["many"]
    sc, mc = r["single_cpu"], r["many_cpu"]
    return "\n".join([
        f"load average {r['load_start']:.1f} → {r['load_end']:.1f}; {sessions} sessions over {browsers} Chromium",
        (f"one session:  median {statistics.median(s):.2f} s, p95 {p95(s):.2f} s ({len(s)} visits); CPU per view: "
        f"client {sc['client_s_per_view']:.2f} s, servers {sc['server_s_per_view']:.2f} s"),
        (f"{sessions} at once: median {statistics.median(m):.2f} s, p95 {p95(m):.2f} s ({len(m)} visits); "
        f"CPU per view: client {mc['client_s_per_view']:.2f} s, servers {mc['server_s_per_view']:.2f} s; "
        f"cores busy: client {mc['client_cores']:.2f}, servers {mc['server_cores']:.2f}"),
        f"p95 ratio: {p95(m) / p95(s):.2f}"])


def run(repeats: int = 2) -> list[dict]:
    if not os.path.exists(CHROMIUM) or (not shutil.which("haproxy") and not os.path.exists("/usr/sbin/haproxy")):
        return []
    tmp = Path(tempfile.mkdtemp(prefix="bench-viewers-data-"))
    try:
        data, label = dataset(tmp)
        r = asyncio.run(measure(data, repeats, SESSIONS, 1))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    s, m = r["single"], r["many"]
    return [row(f"{SESSIONS} sessions via HAProxy, 2 replicas: p95 to rendered", label, [p95(m)],
                "one session, p95", [p95(s)], n_runs=len(m), median_many_s=round(statistics.median(m), 2),
                client_cpu_s_per_view=round(r["many_cpu"]["client_s_per_view"], 2),
                server_cpu_s_per_view=round(r["many_cpu"]["server_s_per_view"], 2))]


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    n = int(sys.argv[2]) if len(sys.argv) > 2 else SESSIONS
    nb = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    tmp = Path(tempfile.mkdtemp(prefix="bench-viewers-data-"))
    try:
        data, _ = dataset(tmp)
        print(report(asyncio.run(measure(data, rounds, n, nb)), n, nb))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
