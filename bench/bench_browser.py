"""Pages in Debian's Chromium against a bare Streamlit app drawing one pydeck map
(bench/one_map_page.py), both served by their own `streamlit run` in the same run, on a
1,000,000-row warehouse (BENCH_BROWSER_DATA: an already built data folder, to skip the synthesis
and load on a shared machine).

Every visit is a fresh browser context (a new visitor: new session, empty browser cache).
cold = the first visit after the server started (imports, first queries, first map);
warm = the median of the visits to the same page after it (the server's caches are warm).
"Rendered": see bench/browser_probe.py. One more visit per page records where the time and the
bytes went (network per kind, websocket messages, first contentful paint, main-thread time):
`python -m bench.bench_browser [repeats]` prints that breakdown.
"""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.bench_pages import ROWS, build
from bench.browser_probe import ARGS, CHROMIUM, start_server, stop, tree_cpu, visit
from bench.common import ROOT, row

FLOOR = "bench/one_map_page.py"
PAGES = ["overview", "countries", "airspace", "evacuation", "contact", "data-health"]
MAPS = {"/": 1, "overview": 1, "airspace": 1}  # pydeck maps a page must show before it counts as drawn


def pages_of(browser: Any, script: str, data: Path, log: Path, tails: list[str], repeats: int
             ) -> dict[str, dict[str, Any]]:
    """Per URL tail: cold (the server's first visit, for the first tail only), warm visits and one
    probed warm visit."""
    proc, base = start_server(script, data, log)
    out: dict[str, dict[str, Any]] = {}
    try:
        for i, tail in enumerate(tails):
            maps = MAPS.get(tail.split("?")[0].strip("/") or "/", 0)
            first = visit(browser, base + tail, maps=maps)["rendered_s"]
            warm, cpu, client = [], [], []
            for _ in range(repeats):
                # CPU seconds, which a busy machine does not inflate the way it does wall time: the
                # server's for one new visitor's view, and the client's (Chromium, Playwright's
                # driver, this process) for drawing it.
                c, k = tree_cpu([proc.pid]), tree_cpu([os.getpid()], exclude=[proc.pid])
                warm.append(visit(browser, base + tail, maps=maps)["rendered_s"])
                cpu.append(tree_cpu([proc.pid]) - c)
                client.append(tree_cpu([os.getpid()], exclude=[proc.pid]) - k)
            out[tail] = {"cold": first if i == 0 else None, "first": first, "warm": warm,
                         "server_cpu_s": statistics.median(cpu), "client_cpu_s": statistics.median(client),
                         "probe": visit(browser, base + tail, probe=True, maps=maps)}
            print(f"{script} {tail}: first {first:.2f} s, warm {[round(w, 2) for w in warm]}", file=sys.stderr, flush=True)
            if os.environ.get("BENCH_BROWSER_JSON"):  # what a long run measured so far
                Path(os.environ["BENCH_BROWSER_JSON"] + f".{Path(script).stem}.part").write_text(
                    json.dumps(out, default=str), encoding="utf-8")
        return out
    finally:
        stop(proc)


def dataset(tmp: Path) -> tuple[Path, str]:
    """(data folder, a label); the label names its rows."""
    given = os.environ.get("BENCH_BROWSER_DATA")
    if given:
        data = Path(given)
    else:
        gen = tmp / "synth"
        subprocess.run([sys.executable, "-m", "etl", "synth", "--rows", str(ROWS), "--out", str(gen)], cwd=ROOT,
                       check=True, capture_output=True, timeout=900)
        data = tmp / "data"
        build(data, ROOT / "data" / "sample", gen)
    import duckdb
    con = duckdb.connect(str(data / "warehouse.duckdb"), read_only=True)
    try:
        n = con.execute("SELECT count(*) FROM headcounts").fetchone()[0]
    finally:
        con.close()
    return data, f"{n:,} rows"


def newest_report(data: Path) -> str:
    """The newest report's moment as the URL's as_of: pages then show a fixed moment, so "warm"
    means the server's caches hold the queries (live mode keys them on the minute; the server-side
    half of issue 19 keys them on the warehouse version instead)."""
    import duckdb
    con = duckdb.connect(str(data / "warehouse.duckdb"), read_only=True)
    try:
        return con.execute("SELECT strftime(max(as_of), '%Y-%m-%dT%H:%M') FROM headcounts").fetchone()[0]
    finally:
        con.close()


def measure(repeats: int, pages: list[str] = PAGES) -> tuple[str, dict, dict]:
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="bench-browser-"))
    try:
        data, label = dataset(tmp)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            try:
                floor = pages_of(browser, FLOOR, data, tmp / "floor.log", ["/"], repeats)["/"]
                at = newest_report(data)
                app = pages_of(browser, "dashboard.py", data, tmp / "server.log",
                               [f"/{p}?lang=en&as_of={at}" for p in pages], repeats)
            finally:
                browser.close()
        return label, floor, app
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(repeats: int = 5) -> list[dict]:
    if not os.path.exists(CHROMIUM):
        return []  # nothing to measure without Debian's chromium; make bench says which ran
    label, floor, app = measure(repeats)
    rows = []
    for tail, r in app.items():
        name = tail.split("?")[0].strip("/")
        p = r["probe"]
        rows.append(row(f"browser {name}, warm visit", label, r["warm"], "one pydeck map, warm", floor["warm"],
                        n_runs=len(r["warm"]), ws_kb=round(p["ws"]["kb"], 1), fcp_s=round(p["fcp_s"], 3),
                        main_thread_s=round(p["main_thread"]["TaskDuration"], 3),
                        server_cpu_s=round(r["server_cpu_s"], 3), client_cpu_s=round(r["client_cpu_s"], 3),
                        floor_client_cpu_s=round(floor["client_cpu_s"], 3)))
        if r["cold"] is not None:
            rows.append(row(f"browser {name}, first render (cold server)", label, [r["cold"]],
                            "one pydeck map, cold", [floor["cold"]], n_runs=1))
    return rows


def breakdown(label: str, floor: dict, app: dict) -> str:
    """A markdown table: per page, where a warm visit's time and bytes went."""
    cols = [("one map", floor)] + [(t.split("?")[0].strip("/"), r) for t, r in app.items()]
    fw = statistics.median(floor["warm"])

    def http(r: dict, cat: str, key: str) -> float:
        return r["probe"]["http"].get(cat, {}).get(key, 0.0)

    cats = sorted({c for _, r in cols for c in r["probe"]["http"]})
    lines = [f"Warm visit breakdown ({label}); times in s from the document request, sizes in kB on the wire",
             "", "| | " + " | ".join(n for n, _ in cols) + " |", "|---" * (len(cols) + 1) + "|"]

    def add(name: str, fn: Any) -> None:
        lines.append(f"| {name} | " + " | ".join(fn(r) for _, r in cols) + " |")

    add("rendered, warm median (s)", lambda r: f"{statistics.median(r['warm']):.2f}")
    add("× one map", lambda r: f"{statistics.median(r['warm']) / fw:.2f}")
    add("CPU per warm visit: server / client (s)", lambda r: f"{r['server_cpu_s']:.2f} / {r['client_cpu_s']:.2f}")
    fc = floor["client_cpu_s"]
    add("client CPU × one map", lambda r: f"{r['client_cpu_s'] / fc:.2f}")
    add("first visit after start (s)", lambda r: f"{r['first']:.2f}")
    add("first contentful paint", lambda r: f"{r['probe']['fcp_s']:.2f}")
    for c in cats:
        add(f"{c}: n / kB / done", lambda r, c=c: f"{http(r, c, 'n'):.0f} / {http(r, c, 'kb'):.0f} / {http(r, c, 'done_s'):.2f}")
    add("websocket open", lambda r: f"{r['probe']['ws']['open_s'] or 0:.2f}")
    add("ws messages: n / kB", lambda r: f"{r['probe']['ws']['n']} / {r['probe']['ws']['kb']:.0f}")
    add("ws largest message kB", lambda r: f"{r['probe']['ws']['largest_kb']:.0f}")
    add("ws first / last message", lambda r: f"{r['probe']['ws']['first_s'] or 0:.2f} / {r['probe']['ws']['last_s'] or 0:.2f}")
    add("rendered (probed visit)", lambda r: f"{r['probe']['rendered_s']:.2f}")
    add("main thread: tasks / script / layout+style (s)",
        lambda r: "{:.2f} / {:.2f} / {:.2f}".format(r["probe"]["main_thread"]["TaskDuration"],
                                                  r["probe"]["main_thread"]["ScriptDuration"],
                                                  r["probe"]["main_thread"]["LayoutDuration"]
                                                  + r["probe"]["main_thread"]["RecalcStyleDuration"]))
    add("elements / DOM nodes", lambda r: f"{r['probe']['elements']} / {r['probe']['dom_nodes']:.0f}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    only = sys.argv[2].split(",") if len(sys.argv) > 2 else PAGES
    label, floor, app = measure(n, only)
    print(f"load average {os.getloadavg()[0]:.1f}")
    print(breakdown(label, floor, app))
    cold = next(iter(app.values()))["cold"]
    print(f"\nfirst render, cold server: {only[0]} {cold:.2f} s, one map {floor['cold']:.2f} s (× {cold / floor['cold']:.2f})")
    if os.environ.get("BENCH_BROWSER_JSON"):
        Path(os.environ["BENCH_BROWSER_JSON"]).write_text(json.dumps({"label": label, "floor": floor, "app": app},
                                                                     default=str), encoding="utf-8")
