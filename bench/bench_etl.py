"""ETL load of 1,000,000 synthetic headcount rows vs DuckDB's own read_csv on the same file; and
a small daily file into that 1M-row warehouse vs an INSERT + CHECKPOINT of the same file there.

Both run in a fresh process each time (peak memory is the process's own). Ours is the whole
product path: hash, archive, detect, stage, validate, insert, checks, checkpoint, atomic swap,
into a new warehouse each run. The floor is `CREATE TABLE AS SELECT * FROM read_csv(file)` into
a new DuckDB file on the same disk.

The daily load starts each run from the same state: the 1M warehouse after one earlier daily file
(so the previous version is there as the standby, as on any day after the first; see
etl/publish.py). It is measured twice: as published (the standby caught up) and with the standby
removed (the whole-file copy every load made before). Its floor creates a table from the same file
inside a copy of the 1M warehouse and checkpoints.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from bench.common import ROOT, in_child, row

ROWS = 1_000_000


def synth(dst: Path, rows: int = ROWS) -> Path:
    from etl.synth import write_synthetic

    return write_synthetic(dst, rows)[0]


def run(repeats: int = 3, rows: int = ROWS) -> list[dict]:
    tmp = Path(tempfile.mkdtemp(prefix="bench-etl-"))
    try:
        src = synth(tmp / "src", rows)
        ours, ours_mem, floor, floor_mem = [], [], [], []
        for i in range(repeats):
            db = tmp / f"floor{i}.duckdb"
            r = in_child("import duckdb",
                         f"con = duckdb.connect({str(db)!r}); "
                         f"con.execute(\"CREATE TABLE t AS SELECT * FROM read_csv('{src}')\"); con.close()")
            floor.append(r["seconds"])
            floor_mem.append(r["peak_mib"])
            data = tmp / f"data{i}"
            data.mkdir()
            env = dict(os.environ, SITROOM_DATA=str(data), SITROOM_DB=str(data / "warehouse.duckdb"))
            r = in_child("from pathlib import Path; from etl.load import load_paths",
                         f"rep = load_paths([Path({str(src)!r})], Path({str(data)!r}), Path({str(data / 'warehouse.duckdb')!r})); "
                         "assert rep.exit_code == 0 and rep.outcomes[0].rows_loaded == " + str(rows) + ", rep",
                         env=env)
            ours.append(r["seconds"])
            ours_mem.append(r["peak_mib"])
            shutil.rmtree(data)
            db.unlink(missing_ok=True)
        size_mb = src.stat().st_size / 1e6
        out = [row("etl load (headcounts CSV)", f"{rows:,} rows, {size_mb:.0f} MB", ours,
                   "duckdb read_csv → table", floor, peak_mib=max(ours_mem), floor_peak_mib=max(floor_mem))]
        return out + daily(tmp, src, repeats, rows)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def daily(tmp: Path, src: Path, repeats: int, rows: int) -> list[dict]:
    """A one-snapshot daily file into the warehouse of `src` (see the module's docstring)."""
    from etl.synth import write_synthetic

    base = tmp / "daily_base"
    db = base / "warehouse.duckdb"
    env = dict(os.environ, SITROOM_DATA=str(base), SITROOM_DB=str(db))
    per_day = _snapshot_rows()
    day1 = write_synthetic(tmp / "day1", per_day, seed=1)[0]
    day2 = write_synthetic(tmp / "day2", per_day, seed=2)[0]
    for f in (src, day1):
        in_child("from pathlib import Path; from etl.load import load_paths",
                 f"assert load_paths([Path({str(f)!r})], Path({str(base)!r}), Path({str(db)!r})).published", env=env)
    results: dict[str, list[float]] = {"standby": [], "copy": []}
    floor: list[float] = []
    for _ in range(repeats):
        for mode, runs in results.items():
            run_dir = tmp / f"daily_{mode}"
            shutil.rmtree(run_dir, ignore_errors=True)
            shutil.copytree(base, run_dir)
            if mode == "copy":
                (run_dir / "warehouse.duckdb.standby").unlink()
            rdb = run_dir / "warehouse.duckdb"
            r = in_child("from pathlib import Path; from etl.load import load_paths",
                         f"rep = load_paths([Path({str(day2)!r})], Path({str(run_dir)!r}), Path({str(rdb)!r})); "
                         f"assert rep.published and rep.built_from == {mode!r}, rep",
                         env=dict(env, SITROOM_DATA=str(run_dir), SITROOM_DB=str(rdb)))
            runs.append(r["seconds"])
        fdb = tmp / "floor_daily.duckdb"
        shutil.copyfile(db, fdb)
        r = in_child("import duckdb",
                     f"con = duckdb.connect({str(fdb)!r}); "
                     f"con.execute(\"CREATE TABLE daily AS SELECT * FROM read_csv('{day2}')\"); "
                     "con.execute('CHECKPOINT'); con.close()")
        floor.append(r["seconds"])
    label = f"{per_day:,} rows into {rows:,}"
    return [row("etl daily load, standby caught up", label, results["standby"], "INSERT + CHECKPOINT in the 1M file",
                floor),
            row("etl daily load, whole-file copy (as before)", label, results["copy"],
                "INSERT + CHECKPOINT in the 1M file", floor)]


def _snapshot_rows() -> int:
    """Rows of one synthetic snapshot (every mission, country, place and category once)."""
    from etl.synth import CATEGORIES, _missions

    return len(_missions()) * 3 * len(CATEGORIES)


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(ROOT))
    for r in run(int(sys.argv[1]) if len(sys.argv) > 1 else 3, int(sys.argv[2]) if len(sys.argv) > 2 else ROWS):
        print(r)
