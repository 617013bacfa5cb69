"""Citizen contact at scale: the contract contact_at(t) and the pages that use it (contact,
overview) on 1,000,000 synthetic headcount rows plus 100,000 synthetic hotline periods.

- contact_at(t): a read-only DuckDB connection on the warehouse; cold = the first query on a
  fresh connection, warm = the median of the repeats. Floor: headcounts_at(t) summed per country,
  the part of contact_at it reuses (contact_at cannot be faster than the picture it divides by).
- pages: AppTest script runs as in bench_pages (cold after clearing the read side's caches, warm
  the median after), against an empty page measured in the same run. Goal: warm ≤ 200 ms.
"""
from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, build, dashboard, empty_page, headcounts, measure, row, synth, use_warehouse

ROWS = 1_000_000
HOTLINE_ROWS = 100_000
AT = dt.datetime(2026, 3, 4, 12, 0)
PAGES = ("pages/contact.py", "pages/overview.py")


def _query_times(db: Path, sql: str, repeats: int) -> tuple[float, list[float]]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        con.execute("SET TimeZone = 'UTC'")
        t0 = time.perf_counter()
        con.execute(sql, [AT]).fetchall()
        cold = time.perf_counter() - t0
        warm = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            con.execute(sql, [AT]).fetchall()
            warm.append(time.perf_counter() - t0)
        return cold, warm
    finally:
        con.close()


def run(repeats: int = 5) -> list[dict]:
    from etl.synth_contact import write_synthetic_contact

    tmp = Path(tempfile.mkdtemp(prefix="bench-contact-"))
    try:
        gen = synth(tmp / "synth", ROWS)
        contact = tmp / "contact"
        write_synthetic_contact(contact, HOTLINE_ROWS)
        t0 = time.perf_counter()
        db = build(tmp / "big", gen)
        t_load = time.perf_counter()
        build(tmp / "big", contact)
        load_contact = time.perf_counter() - t_load
        import duckdb

        con = duckdb.connect(str(db), read_only=True)
        n_hot = con.execute("SELECT count(*) FROM hotline_periods").fetchone()[0]
        con.close()
        label = f"synthetic ({headcounts(db):,} headcount rows, {n_hot:,} hotline periods)"
        rows = [row("etl load, hotline periods (stage, validate incl. overlaps, insert, checks, publish)", label,
                    [load_contact], n_runs=1, build_total_s=round(time.perf_counter() - t0, 2))]

        cold, warm = _query_times(db, "SELECT * FROM contact_at(?::TIMESTAMP)", repeats)
        f_cold, f_warm = _query_times(
            db, "SELECT country_iso3, sum(count) FROM headcounts_at(?::TIMESTAMP) GROUP BY ALL", repeats)
        rows.append(row("contact_at(t) warm", label, warm, "headcounts_at(t) per country, warm", f_warm,
                        n_runs=len(warm)))
        rows.append(row("contact_at(t) cold (new connection)", label, [cold], "headcounts_at(t) per country, cold",
                        [f_cold], n_runs=1))

        floor_cold, floor_warm, _ = measure(empty_page, None, repeats)
        use_warehouse(db)
        for page in PAGES:
            p_cold, p_warm, _ = measure(dashboard(AT.strftime("%Y-%m-%dT%H:%M")), page, repeats)
            name = Path(page).stem
            rows.append(row(f"page {name} warm", label, p_warm, "empty page (st.write), warm", floor_warm,
                            n_runs=len(p_warm)))
            rows.append(row(f"page {name} cold", label, [p_cold], "empty page (st.write), cold", [floor_cold],
                            n_runs=1))
        return rows
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    for r in run(int(sys.argv[1]) if len(sys.argv) > 1 else 5):
        floor = f"  floor {r['floor_median_s']:.3f}" if r.get("floor_median_s") else ""
        print(f"{r['name']:<40} {r['median_s']:.3f} s (min {r['min_s']:.3f}, max {r['max_s']:.3f}){floor}  — {r['dataset']}")
