"""Helpers shared by the benchmarks: timing a snippet in a fresh process, building warehouses,
and timing a page's script run in AppTest (the harness bench_pages, bench_contact and
bench_evacuation share)."""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EMPTY = ROOT / "bench" / "empty_page.py"

# The child times only the work (not interpreter start-up) and reports its own peak RSS.
CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
{setup}
t0 = time.perf_counter()
{work}
dt = time.perf_counter() - t0
print(json.dumps({{"seconds": dt, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def in_child(setup: str, work: str, env: dict | None = None, timeout: float = 900) -> dict:
    code = CHILD.format(root=str(ROOT), setup=setup, work=work)
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=timeout, cwd=ROOT,
                         check=False)
    if res.returncode != 0:
        raise RuntimeError(f"benchmark child failed: {res.stderr[-2000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def row(name: str, dataset: str, runs: list[float], floor_name: str = "", floor_runs: list[float] | None = None,
        **extra) -> dict:
    out = {"name": name, "dataset": dataset, "median_s": statistics.median(runs), "min_s": min(runs),
           "max_s": max(runs), "floor_name": floor_name,
           "floor_median_s": statistics.median(floor_runs) if floor_runs else None}
    out.update(extra)
    return out


# --- warehouses ------------------------------------------------------------------------------

def synth(out: Path, rows: int, movements: int = 0) -> Path:
    """`python -m etl synth` into `out` (deterministic synthetic reports)."""
    cmd = [sys.executable, "-m", "etl", "synth", "--rows", str(rows), "--out", str(out)]
    if movements:
        cmd += ["--movements", str(movements)]
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, timeout=3600)
    return out


def build(data: Path, *sources: Path) -> Path:
    """Load `sources` with the ETL into a warehouse under `data`; returns the warehouse file."""
    env = dict(os.environ, SITROOM_DATA=str(data), SITROOM_DB=str(data / "warehouse.duckdb"), PYTHONPATH=str(ROOT))
    for src in sources:
        res = subprocess.run([sys.executable, "-m", "etl", "load", str(src)], cwd=ROOT, env=env, check=False,
                             capture_output=True, text=True, timeout=3600)
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


def use_warehouse(db: Path) -> None:
    """Point this process's read side (and the pages run in it) at `db`."""
    os.environ["SITROOM_DATA"], os.environ["SITROOM_DB"] = str(db.parent), str(db)


# --- page script runs in AppTest ---------------------------------------------------------------

def clear_caches() -> None:
    """Forget every cached query, figure and per-version memo: the next run is cold."""
    import streamlit as st

    from situation.queries import warehouse
    warehouse._cache.clear()
    warehouse._memo.clear()
    st.cache_data.clear()
    st.cache_resource.clear()


def timed(run: Callable[[], object]) -> float:
    t = time.perf_counter()
    run()
    return time.perf_counter() - t


def chart_bytes(at: object) -> tuple[int, int]:
    """Bytes of chart JSON the page sends: (Plotly specs, pydeck map specs)."""
    plotly = sum(len(e.proto.spec) for e in at.get("plotly_chart"))
    deck = sum(len(e.proto.json) for e in at.get("deck_gl_json_chart"))
    return plotly, deck


def dashboard(as_of: str | None = None, lang: str = "en") -> Callable[[], object]:
    """A factory of fresh AppTests of the whole app (dashboard.py), at `as_of` or live."""
    def make() -> object:
        from streamlit.testing.v1 import AppTest

        # A cold run on 10M rows on a busy machine can take minutes: BENCH_PAGES_TIMEOUT to allow it.
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=float(os.environ.get("BENCH_PAGES_TIMEOUT", 300)))
        at.query_params["lang"] = lang
        if as_of:
            at.query_params["as_of"] = as_of
        return at
    return make


def empty_page() -> object:
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(str(EMPTY), default_timeout=60)


class PageRuns:
    """One page measured in a fresh AppTest: cold run, warm runs, CPU per warm view, chart bytes."""

    def __init__(self, cold: float, warm: list[float], cpu_per_view: float, plotly_bytes: int, deck_bytes: int):
        self.cold, self.warm, self.cpu_per_view = cold, warm, cpu_per_view
        self.plotly_bytes, self.deck_bytes = plotly_bytes, deck_bytes

    def __iter__(self):  # (cold, warm, (plotly, deck)): how the benches unpacked measure() before
        return iter((self.cold, self.warm, (self.plotly_bytes, self.deck_bytes)))


def share_script_cache() -> None:
    """Compile each page script once per process, as the server does: a Streamlit server keeps one
    ScriptCache for all sessions, but AppTest makes a new one for every run, so each run would
    re-read, AST-rewrite (magic) and compile dashboard.py and the page (~20–50 ms of CPU that no
    real view costs)."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    if local_script_runner.ScriptCache is ScriptCache:  # not yet replaced in this process
        shared = ScriptCache()
        local_script_runner.ScriptCache = app_test.ScriptCache = lambda: shared  # the page's, the entry script's


def measure(make: Callable[[], object], page: str | None, repeats: int, views: int = 0) -> PageRuns:
    """A page's cold run (after clearing the caches) and `repeats` warm runs in a fresh AppTest,
    then `views` more warm runs whose process CPU (all threads: AppTest runs the script in this
    process) divided by their number is the server's CPU per view. Raises on a page exception.
    A run is what the server does for one view: dashboard.py (sidebar, filters), then the page."""
    share_script_cache()
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
    if views:
        c = time.process_time()
        for _ in range(views):
            at.run()
        per_view = (time.process_time() - c) / views
    else:
        per_view = statistics.median(cpu)
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception[0].value}")
    plotly, deck = chart_bytes(at)
    return PageRuns(cold, warm, per_view, plotly, deck)


def goto(at: object, page: str) -> None:
    """Open a page registered with st.Page(callable): its script hash is the hash of its url path
    (pages/data_health.py is /data-health); AppTest.switch_page only finds pages by file."""
    from streamlit.util import calc_hash

    name = Path(page).stem
    at._page_hash = calc_hash({"data_health": "data-health"}.get(name, name))


def apptest_navigation_only() -> None:
    """Let AppTest run dashboard.py's st.navigation, not Streamlit's old pages/ mode.

    AppTest resets PagesManager's old-mode flag before every run, and with the pages/ folder beside
    dashboard.py that mode would run pages/<name>.py as scripts (they draw nothing): the reset is
    taken onto a subclass so the flag Streamlit reads stays off, as in a real server after
    pages/__init__.py is imported (tests/conftest.py does the same for the tests)."""
    import streamlit.testing.v1.app_test as app_test
    from streamlit.runtime.pages_manager import PagesManager

    import pages  # noqa: F401  (turns the old mode off)

    if app_test.PagesManager is PagesManager:
        app_test.PagesManager = type("NavigationOnly", (PagesManager,), {})
