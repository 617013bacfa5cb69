"""ETL load of 1,000,000 synthetic headcount rows vs DuckDB's own read_csv on the same file.

Both run in a fresh process each time (peak memory is the process's own). Ours is the whole
product path: hash, archive, detect, stage, validate, insert, checks, checkpoint, atomic swap,
into a new warehouse each run. The floor is `CREATE TABLE AS SELECT * FROM read_csv(file)` into
a new DuckDB file on the same disk.
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
        return [row("etl load (headcounts CSV)", f"{rows:,} rows, {size_mb:.0f} MB", ours,
                    "duckdb read_csv → table", floor, peak_mib=max(ours_mem), floor_peak_mib=max(floor_mem))]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(ROOT))
    for r in run(int(sys.argv[1]) if len(sys.argv) > 1 else 3):
        print(r)
