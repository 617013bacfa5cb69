"""Server time of each page's script run (AppTest, in-process), on the sample and on 1,000,000
synthetic rows, cold and warm, against an empty Streamlit page measured in the same run.

cold = the first run after clearing the read side's caches (situation.queries.warehouse._cache and
st.cache_data); warm = the median of the runs after it. A run is what the server does for one
page view: dashboard.py (sidebar, filters) and then the page's script.
"""
from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.common import ROOT, apptest_navigation_only, row

ROWS = 1_000_000
EMPTY = ROOT / "bench" / "empty_page.py"
# The process's CPU seconds per warm run (all threads; AppTest runs the page in-process): the
# server's cost of one view, which a busy machine does not inflate the way it does wall time.
CPU: dict[str | None, float] = {}



def nav_pages() -> list[str]:
    """The pages dashboard.py puts in the navigation, in its order."""
    return re.findall(r'st\.Page\(\s*"([^"]+\.py)"', (ROOT / "dashboard.py").read_text(encoding="utf-8"))


def build(data: Path, *sources: Path) -> Path:
    env = dict(os.environ, SITROOM_DATA=str(data), SITROOM_DB=str(data / "warehouse.duckdb"), PYTHONPATH=str(ROOT))
    for src in sources:
        res = subprocess.run([sys.executable, "-m", "etl", "load", str(src)], cwd=ROOT, env=env, check=False,
                             capture_output=True, text=True, timeout=1800)
        if res.returncode != 0:
            raise RuntimeError(f"etl load {src} exited {res.returncode}: {res.stdout[-1500:]}{res.stderr[-1500:]}")
    return data / "warehouse.duckdb"


def headcounts(db: Path) -> int:
    """Rows in the warehouse's headcounts: says what the dataset really held."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM headcounts").fetchone()[0]
    finally:
        con.close()


def clear_caches() -> None:
    import streamlit as st

    from situation.queries import warehouse
    warehouse._cache.clear()
    st.cache_data.clear()


def timed(run: Callable[[], object]) -> float:
    t = time.perf_counter()
    run()
    return time.perf_counter() - t


def chart_bytes(at: object) -> tuple[int, int]:
    """Bytes of chart JSON the page sends: (Plotly specs, pydeck map specs)."""
    plotly = sum(len(e.proto.spec) for e in at.get("plotly_chart"))
    deck = sum(len(e.proto.json) for e in at.get("deck_gl_json_chart"))
    return plotly, deck


def goto(at: object, page: str) -> None:
    """Open a page registered with st.Page(callable): its script hash is the hash of its url path
    (pages/data_health.py is /data-health); AppTest.switch_page only finds pages by file."""
    from pathlib import Path

    from streamlit.util import calc_hash
    name = Path(page).stem
    at._page_hash = calc_hash({"data_health": "data-health"}.get(name, name))


def measure(make: Callable[[], object], page: str | None, repeats: int) -> tuple[float, list[float], tuple[int, int]]:
    """(cold, warm runs, chart bytes) of one page in a fresh AppTest; raises if the page shows an exception."""
    apptest_navigation_only()
    at = make()
    at.run()  # the default page: imports and the sidebar are loaded before timing
    if page is not None:
        goto(at, page)
    clear_caches()
    cold = timed(at.run)
    warm, cpu = [], []
    for _ in range(repeats):
        c = time.process_time()
        warm.append(timed(at.run))
        cpu.append(time.process_time() - c)
    CPU[page] = statistics.median(cpu)
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception[0].value}")
    return cold, warm, chart_bytes(at)


def run(repeats: int = 5) -> list[dict]:
    from streamlit.testing.v1 import AppTest
    tmp = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    try:
        sample = build(tmp / "sample", ROOT / "data" / "sample")
        # BENCH_PAGES_BIG: an already built large warehouse (saves the synthesis and load on a
        # shared machine when comparing before and after a change).
        big = Path(os.environ["BENCH_PAGES_BIG"]) if os.environ.get("BENCH_PAGES_BIG") else None
        if big is None:
            gen = tmp / "synth"
            subprocess.run([sys.executable, "-m", "etl", "synth", "--rows", str(ROWS), "--out", str(gen)], cwd=ROOT,
                           check=True, capture_output=True, timeout=900)
            big = build(tmp / "big", gen)
        datasets = [(f"sample ({headcounts(sample):,} rows)", sample), (f"synthetic ({headcounts(big):,} rows)", big)]
        only = os.environ.get("BENCH_PAGES_ONLY", "")  # e.g. "synthetic": one dataset
        datasets = [d for d in datasets if only in d[0]]

        def dashboard() -> AppTest:
            at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
            at.query_params["lang"] = "en"
            return at

        floor_cold, floor_warm, _ = measure(lambda: AppTest.from_file(str(EMPTY), default_timeout=60), None, repeats)
        rows = []
        for label, db in datasets:
            os.environ["SITROOM_DATA"], os.environ["SITROOM_DB"] = str(db.parent), str(db)
            for page in nav_pages():
                cold, warm, (plotly_b, deck_b) = measure(dashboard, page, repeats)
                name = Path(page).stem
                rows.append(row(f"page {name} warm", label, warm, "empty page (st.write), warm", floor_warm,
                                n_runs=len(warm), cpu_s=round(CPU[page], 3), plotly_kb=round(plotly_b / 1000, 1), map_kb=round(deck_b / 1000, 1)))
                rows.append(row(f"page {name} cold", label, [cold], "empty page (st.write), cold", [floor_cold],
                                n_runs=1))
        return rows
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    for r in run(int(sys.argv[1]) if len(sys.argv) > 1 else 5):
        print(f"{r['name']:<28} {r['dataset']:<24} {r['median_s']:.3f}  floor {r['floor_median_s']:.3f}"
              f"  ×{r['median_s'] / r['floor_median_s']:.0f}  cpu {r.get('cpu_s', '')}  plotly {r.get('plotly_kb', '')} KB  map {r.get('map_kb', '')} KB")
