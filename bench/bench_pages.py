"""What each page costs the server, on the sample and on synthetic warehouses (1,000,000 rows;
10,000,000 with BENCH_PAGES_HUGE), against an empty Streamlit page measured in the same run.

Per page (AppTest, in-process; the harness is bench/common.py):
- cold = the first run after clearing the read side's caches; warm = the median of the runs after;
- CPU s/view = the process's CPU seconds over BENCH_PAGES_VIEWS (default 20) more warm runs ÷
  their number: the server's cost of one view, which a busy machine does not inflate the way
  it inflates wall time;
- chart JSON = bytes of Plotly and pydeck specs the page sends (goal ≤ 300 KB per page).
A run is what the server does for one page view: dashboard.py (sidebar, filters), then the page.

With BENCH_PAGES_SESSIONS=N (and Debian's Chromium): a real `streamlit run dashboard.py` on the
large warehouse, N Chromium sessions on the Overview, the server's resident memory once all are
rendered (goal ≤ 500 MiB for 10 sessions at 1M rows) and its CPU per view over a reload of each
session (a reload is a new session's full first view; client work is in the browser's processes).

Environment: BENCH_PAGES_BIG / BENCH_PAGES_HUGE = an already built warehouse file (saves the
synthesis and load on a shared machine); BENCH_PAGES_ONLY = a substring of the dataset label;
BENCH_PAGES_PAGES = comma-separated page stems (e.g. "overview,evacuation");
BENCH_PAGES_AS_OF = the moment shown (e.g. 2026-03-01T12:00; default: live, "now").
"""
from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench.common import (  # noqa: F401  (build, clear_caches, headcounts, measure: bench_browser and others import them from here)
    EMPTY,
    ROOT,
    build,
    clear_caches,
    dashboard,
    empty_page,
    headcounts,
    measure,
    row,
    synth,
    use_warehouse,
)

ROWS = 1_000_000
VIEWS = int(os.environ.get("BENCH_PAGES_VIEWS", "20"))


def nav_pages() -> list[str]:
    """The pages dashboard.py puts in the navigation, in its order."""
    names = re.findall(r"st\.Page\(\s*(\w+)\.page\b", (ROOT / "dashboard.py").read_text(encoding="utf-8"))
    return [f"pages/{n}.py" for n in names]


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds of process `pid` (all its threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def sessions(db: Path, n: int, tail: str) -> dict:
    """A real server on `db` with `n` browser sessions on the Overview: RSS and CPU per view."""
    from playwright.sync_api import sync_playwright

    from bench.bench_browser import ARGS, CHROMIUM, DONE_JS, WATCH_JS, start_server, stop

    log = Path(tempfile.mkdtemp(prefix="bench-sessions-")) / "server.log"
    proc, base = start_server("dashboard.py", db.parent, log)
    try:
        rss_idle = _rss_mib(proc.pid)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            try:
                pages = []
                for i in range(n):
                    ctx = browser.new_context(viewport={"width": 1600, "height": 1000})
                    ctx.add_init_script(WATCH_JS)
                    page = ctx.new_page()
                    page.goto(base + tail, wait_until="commit", timeout=600_000)
                    pages.append(page)
                    if i == 0:  # the first session pays for the cold queries; the others open together
                        page.wait_for_function(DONE_JS, timeout=900_000)
                for page in pages:
                    page.wait_for_function(DONE_JS, timeout=900_000)
                    if page.locator('[data-testid="stException"]').count():
                        raise RuntimeError("exception on the page")
                time.sleep(1)
                rss_sessions = _rss_mib(proc.pid)
                cpu0, t0 = _cpu_s(proc.pid), time.perf_counter()
                for page in pages:  # one after another: each view's cost, not a queue
                    page.reload(wait_until="commit", timeout=600_000)
                    page.wait_for_function(DONE_JS, timeout=900_000)
                cpu = (_cpu_s(proc.pid) - cpu0) / n
                took = (time.perf_counter() - t0) / n
                rss_after = _rss_mib(proc.pid)
            finally:
                browser.close()
        return {"rss_idle_mib": round(rss_idle), "rss_sessions_mib": round(rss_sessions),
                "rss_after_reloads_mib": round(rss_after), "cpu_s_per_view": round(cpu, 3), "wall_s_per_view": took}
    finally:
        stop(proc)
        shutil.rmtree(log.parent, ignore_errors=True)


def run(repeats: int = 5) -> list[dict]:
    tmp = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    try:
        only = os.environ.get("BENCH_PAGES_ONLY", "")  # e.g. "synthetic": one dataset
        datasets = []
        if not only or only in "sample":
            sample = build(tmp / "sample", ROOT / "data" / "sample")
            datasets.append((f"sample ({headcounts(sample):,} rows)", sample))
        big = Path(os.environ["BENCH_PAGES_BIG"]) if os.environ.get("BENCH_PAGES_BIG") else None
        if big is None and (not only or only in "synthetic"):
            big = build(tmp / "big", synth(tmp / "synth", ROWS))
        if big is not None:
            datasets.append((f"synthetic ({headcounts(big):,} rows)", big))
        if os.environ.get("BENCH_PAGES_HUGE"):
            huge = Path(os.environ["BENCH_PAGES_HUGE"])
            datasets.append((f"synthetic ({headcounts(huge):,} rows)", huge))
        datasets = [d for d in datasets if only in d[0]]
        as_of = os.environ.get("BENCH_PAGES_AS_OF") or None
        wanted = [p for p in os.environ.get("BENCH_PAGES_PAGES", "").split(",") if p]
        pages = [p for p in nav_pages() if not wanted or Path(p).stem in wanted]

        floor = measure(empty_page, None, repeats)
        rows = []
        for label, db in datasets:
            use_warehouse(db)
            for page in pages:
                m = measure(dashboard(as_of), page, repeats, views=VIEWS)
                name = Path(page).stem
                rows.append(row(f"page {name} warm", label, m.warm, "empty page (st.write), warm", floor.warm,
                                n_runs=len(m.warm), as_of=as_of or "live", cpu_s_per_view=round(m.cpu_per_view, 3),
                                views=VIEWS, plotly_kb=round(m.plotly_bytes / 1000, 1),
                                map_kb=round(m.deck_bytes / 1000, 1)))
                rows.append(row(f"page {name} cold", label, [m.cold], "empty page (st.write), cold", [floor.cold],
                                n_runs=1))
        n = int(os.environ.get("BENCH_PAGES_SESSIONS", "0"))
        if n and big is not None and os.path.exists("/usr/bin/chromium"):
            tail = "/?lang=en" + (f"&as_of={as_of}" if as_of else "")
            s = sessions(big, n, tail)
            rows.append(row(f"server, {n} browser sessions on the overview", f"synthetic ({headcounts(big):,} rows)",
                            [s.pop("wall_s_per_view")], **s))
        return rows
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    for r in run(int(sys.argv[1]) if len(sys.argv) > 1 else 5):
        if r["name"].startswith("server"):
            print(f"{r['name']:<28} {r['dataset']:<24} {r}")
            continue
        print(f"{r['name']:<28} {r['dataset']:<24} {r['median_s']:.3f}  floor {r['floor_median_s']:.3f}"
              f"  ×{r['median_s'] / r['floor_median_s']:.0f}  cpu/view {r.get('cpu_s_per_view', '')}"
              f"  plotly {r.get('plotly_kb', '')} KB  map {r.get('map_kb', '')} KB")
