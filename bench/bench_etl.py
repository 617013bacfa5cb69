"""ETL load of 1,000,000 synthetic headcount rows vs DuckDB's own read_csv on the same file; and
a small daily file into that 1M-row warehouse vs an INSERT + CHECKPOINT of the same file there.

Both run in a fresh process each time (peak memory is the process's own). Ours is the real
command, `python -m etl load --quiet FILE`, into a new warehouse each run: hash, archive, detect,
stage, validate, insert, checks, checkpoint, atomic swap; its peak RSS is read from the kernel for
that process alone (getrusage of the one child). The floor is `CREATE TABLE AS SELECT * FROM
read_csv(file)` into a new DuckDB file on the same disk, run the same way.

Scale: `python -m bench.bench_etl REPEATS ROWS` (default 1,000,000). A 10M-row file takes a minute
to write: set BENCH_ETL_CORPUS=DIR to keep the generated files there and reuse them across runs
(`DIR/<rows>/synth_headcounts.csv`); BENCH_ETL_DAILY=0 skips the daily-load rows.

The daily load starts each run from the same state: the 1M warehouse after one earlier daily file
(so the previous version is there as the standby, as on any day after the first; see
etl/publish.py). It is measured twice: as published (the standby caught up) and with the standby
removed (the whole-file copy every load made before). Its floor creates a table from the same file
inside a copy of the 1M warehouse and checkpoints.
"""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, in_child, row

ROWS = 1_000_000


# Runs one command as its only child and prints that child's wall time, CPU seconds and peak RSS:
# the figures are of the measured process, not of the benchmark around it. CPU seconds are the
# figure a machine shared with other work inflates least (wall time waits for the cores).
MEASURE = """
import json, resource, subprocess, sys, time
t0 = time.perf_counter()
rc = subprocess.run(sys.argv[1:], check=False).returncode
dt = time.perf_counter() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": rc, "seconds": dt, "cpu_s": ru.ru_utime + ru.ru_stime, "peak_mib": ru.ru_maxrss / 1024}))
"""


def synth(dst: Path, rows: int = ROWS) -> Path:
    from etl.synth import write_synthetic

    keep = os.environ.get("BENCH_ETL_CORPUS")
    if keep:
        dst = Path(keep) / str(rows)
        done = dst / "synth_headcounts.csv"
        if done.exists() and (dst / "complete").exists():
            return done
        out = write_synthetic(dst, rows)[0]
        (dst / "complete").write_text("written by bench_etl\n")
        return out
    return write_synthetic(dst, rows)[0]


def measured(cmd: list[str], env: dict | None = None, timeout: float = 3600) -> dict:
    """Wall seconds and peak RSS of `cmd` run as a process of its own."""
    res = subprocess.run([sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True, env=env,
                         timeout=timeout, cwd=ROOT, check=False)
    out = json.loads(res.stdout.strip().splitlines()[-1])
    if out["rc"] != 0:
        raise RuntimeError(f"benchmark command failed ({out['rc']}): {' '.join(cmd)}\n{res.stderr[-2000:]}")
    return out


FLOOR = ("import duckdb, sys; con = duckdb.connect(sys.argv[1]); "
         "con.execute('CREATE TABLE t AS SELECT * FROM read_csv(?)', [sys.argv[2]]); con.close()")


def run(repeats: int = 3, rows: int = ROWS) -> list[dict]:
    tmp = Path(tempfile.mkdtemp(prefix="bench-etl-"))
    try:
        src = synth(tmp / "src", rows)
        ours, ours_mem, floor, floor_mem, ours_cpu, floor_cpu = [], [], [], [], [], []
        for i in range(repeats):
            db = tmp / f"floor{i}.duckdb"
            t0 = time.perf_counter()
            r = measured([sys.executable, "-c", FLOOR, str(db), str(src)])
            floor.append(r["seconds"])
            floor_mem.append(r["peak_mib"])
            floor_cpu.append(r["cpu_s"])
            db.unlink(missing_ok=True)
            data = tmp / f"data{i}"
            data.mkdir()
            env = dict(os.environ, SITROOM_DATA=str(data), SITROOM_DB=str(data / "warehouse.duckdb"))
            r = measured([sys.executable, "-m", "etl", "load", "--quiet", str(src)], env=env)
            loaded = _loaded(data / "warehouse.duckdb")
            if loaded != rows:
                raise RuntimeError(f"the load stored {loaded} rows of {rows}")
            ours.append(r["seconds"])
            ours_mem.append(r["peak_mib"])
            ours_cpu.append(r["cpu_s"])
            shutil.rmtree(data)
            print(f"run {i + 1}: floor {floor[-1]:.2f} s, {floor_cpu[-1]:.2f} CPU s ({floor_mem[-1]:.0f} MiB); "
                  f"ours {ours[-1]:.2f} s, {ours_cpu[-1]:.2f} CPU s ({ours_mem[-1]:.0f} MiB) "
                  f"[{time.perf_counter() - t0:.0f} s]", file=sys.stderr)
        size_mb = src.stat().st_size / 1e6
        out = [row("etl load (headcounts CSV)", f"{rows:,} rows, {size_mb:.0f} MB", ours,
                   "duckdb read_csv → table", floor, peak_mib=max(ours_mem), floor_peak_mib=max(floor_mem),
                   runs_s=[round(x, 2) for x in ours], floor_runs_s=[round(x, 2) for x in floor],
                   cpu_s=statistics.median(ours_cpu), floor_cpu_s=statistics.median(floor_cpu))]
        if os.environ.get("BENCH_ETL_DAILY", "1") == "0":
            return out
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


def _loaded(db: Path) -> int:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM headcounts").fetchone()[0]
    finally:
        con.close()


def _snapshot_rows() -> int:
    """Rows of one synthetic snapshot (every mission, country, place and category once)."""
    from etl.synth import CATEGORIES, _missions

    return len(_missions()) * 3 * len(CATEGORIES)


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(ROOT))
    for r in run(int(sys.argv[1]) if len(sys.argv) > 1 else 3, int(sys.argv[2]) if len(sys.argv) > 2 else ROWS):
        print(r)
