"""The evacuation operation at scale: evacuation_at(t) straight on the warehouse, the Evacuation
page's script (AppTest, cold and warm) and the what-if forecast's recomputation, on 1,000,000
synthetic headcount rows and 100,000 movement rows (`python -m etl synth --movements`).

Goals (issue 15): warm page ≤ 200 ms; forecast recomputation on a slider change ≤ 50 ms.
Floors, same run: headcounts_at(t) summed per country (what evacuation_at builds on) for the
macro; the empty Streamlit page for the page; for the forecast, none (a pure function).
The synthetic headcounts carry no want_to_leave, so the bench's own copy gets one (half the
citizens) before timing, or `remaining` and the forecast would have nothing to do.
"""
from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench.common import (
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
MOVEMENTS = 100_000
AT = dt.datetime(2026, 3, 1, 12, 0)  # inside the synthetic year, with flights before and after


def _timed(fn, repeats: int) -> list[float]:
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def run(repeats: int = 5) -> list[dict]:
    import duckdb

    tmp = Path(tempfile.mkdtemp(prefix="bench-evac-"))
    try:
        gen = synth(tmp / "synth", ROWS, MOVEMENTS)
        db = build(tmp / "big", gen)
        con = duckdb.connect(str(db))
        con.execute("UPDATE headcounts SET want_to_leave = count // 2, medical = count // 100")
        n_moves = con.execute("SELECT count(*) FROM movements").fetchone()[0]
        con.execute("CHECKPOINT")
        con.close()
        label = f"synthetic ({headcounts(db):,} headcount rows, {n_moves:,} movement rows)"
        use_warehouse(db)

        from situation.queries import warehouse
        from situation.queries.common import sql

        op_sql = sql("evacuation_operation")
        macro = _timed(lambda: warehouse.query(op_sql, {"t": AT, "countries": []}), repeats + 1)
        floor = _timed(lambda: warehouse.query(
            "SELECT country_iso3, sum(count) FROM headcounts_at($t) GROUP BY 1", {"t": AT}), repeats + 1)
        rows = [row("evacuation_at(t), per country", label, macro[1:], "headcounts_at(t) per country", floor[1:],
                    first_s=round(macro[0], 3))]

        floor_cold, floor_warm, _ = measure(empty_page, None, repeats)
        cold, warm, _ = measure(dashboard(AT.strftime("%Y-%m-%dT%H:%M")), "pages/evacuation.py", repeats)
        rows.append(row("page evacuation warm", label, warm, "empty page (st.write), warm", floor_warm,
                        n_runs=len(warm), goal="≤ 0.200 s"))
        rows.append(row("page evacuation cold", label, [cold], "empty page (st.write), cold", [floor_cold], n_runs=1))

        # A slider change: the fragment re-projects every country and redraws the chart and table.
        from situation.display.evacuation import assumptions, default_plans, forecast_table
        from situation.display.evacuation_charts import forecast_chart
        from situation.queries import evacuation as eq
        from situation.queries import overview as oq
        from situation.queries.forecast import project

        clear_caches()
        plans = default_plans(eq.operation(AT), eq.plan(AT), oq.airspace(AT), AT)

        def slider_change() -> None:
            fc = project(plans, AT)
            forecast_chart(fc, "en")
            forecast_table(fc, "en")
            assumptions(plans, "en")

        rows.append(row("forecast recompute (project + chart + table)", f"{len(plans)} countries",
                        _timed(slider_change, repeats * 4), goal="≤ 0.050 s"))
        rows.append(row("forecast project() alone", f"{len(plans)} countries",
                        _timed(lambda: project(plans, AT), repeats * 4)))
        return rows
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    for r in run(int(sys.argv[1]) if len(sys.argv) > 1 else 5):
        floor = f"  floor {r['floor_median_s']:.3f}" if r.get("floor_median_s") else ""
        print(f"{r['name']:<46} {r['dataset']:<60} median {r['median_s']:.3f} s{floor}")
