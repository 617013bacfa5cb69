"""Helpers shared by the benchmarks: timing a snippet in a fresh process, with its peak memory."""
from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

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
