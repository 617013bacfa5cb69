"""Benchmark: parse + load 100,000 generated NOTAMs into a real DuckDB file via the notams kind.

    python bench/bench_notams.py [repeats]

Prints `name  median_s  min_s  max_s  notams_per_s`. `run(repeats)` returns rows for `make bench`
({name, median_s, min_s, max_s, floor_name, floor_median_s}); the floor is reading the same
text file line by line, the least any parser can cost.
"""
from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from etl.kinds.notams import KIND

N = 100_000
FIRS = ("OIIX", "ORBB", "OJAC", "LLLL", "OMAE", "OBBB", "OKAC", "OTDF", "OEJD", "OSTT", "OLBB", "UBBA")
TEXTS = (
    "{name} FIR CLSD FOR ALL CIVIL FLIGHTS DUE TO SECURITY SITUATION.\nSTATE AND SAR FLIGHTS EXEMPTED.",
    "AD CLSD TO ALL TFC.",
    "DANGER AREA {fir}D{n} ACT.",
    "ATS RTE UL{n} BTN DAVDA AND KIREX CLSD.",
    "ALL TRAFFIC ENTERING {name} FIR SHALL CONTACT ACC NOT LESS THAN 5 MINUTES PRIOR\nTO ENTERING THE FIR.",
)
# Schema of the notams kind, plus the minimal tables it touches that other engineers own.
MINIMAL = """
CREATE TABLE sources (source_id INTEGER PRIMARY KEY, path VARCHAR, kind VARCHAR);
CREATE TABLE rejects (source_id INTEGER, line INTEGER, col VARCHAR, code VARCHAR, reason VARCHAR, raw VARCHAR);
"""


def generate(path: Path, n: int = N, seed: int = 20260304) -> None:
    """n NOTAMs in ICAO format, deterministic; one in ten a NOTAMR of an earlier one."""
    rnd = random.Random(seed)
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            fir = FIRS[i % len(FIRS)]
            series, num, yy = "ABCDEFGHJK"[i // 9999 % 10], i % 9999 + 1, 26
            head = f"{series}{num:04d}/{yy} NOTAMN"
            if i % 10 == 9:
                head = f"{series}{num:04d}/{yy} NOTAMR {series}{num - 1:04d}/{yy}"
            d, h = 1 + rnd.randrange(28), rnd.randrange(24)
            text = TEXTS[rnd.randrange(len(TEXTS))].format(name=fir, fir=fir, n=i % 999)
            f.write(f"{head}\nQ) {fir}/QAFXX/IV/NBO/E/000/999/3220N05324E{rnd.randrange(5, 999):03d}\n"
                    f"A) {fir} B) 2603{d:02d}{h:02d}00 C) 2604{d:02d}{h:02d}00{' EST' if i % 3 else ''}\n"
                    f"E) {text}\nF) SFC G) UNL\n\n")


def _schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(MINIMAL)
    for name in ("50_notams.sql", "51_notam_sources.sql"):
        con.execute((ROOT / "etl" / "sql" / "schema" / name).read_text(encoding="utf-8"))


def _once(src: Path, tmp: Path, k: int) -> float:
    db = tmp / f"bench{k}.duckdb"
    con = duckdb.connect(str(db))
    _schema(con)
    con.execute("INSERT INTO sources VALUES (1, ?, 'notams')", [str(src)])
    t = time.perf_counter()
    con.begin()
    res = KIND.load(con, src, 1)
    con.commit()
    dt = time.perf_counter() - t
    con.close()
    db.unlink()
    assert res.rows_loaded == N and res.rows_rejected == 0, res
    return dt


def _floor(src: Path) -> float:
    t = time.perf_counter()
    with open(src, encoding="utf-8") as f:
        for _ in f:
            pass
    return time.perf_counter() - t


def run(repeats: int = 3) -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="bench-notams-") as d:
        tmp = Path(d)
        src = tmp / "notams.txt"
        generate(src)
        times = [_once(src, tmp, k) for k in range(max(repeats, 1))]
        floors = [_floor(src) for _ in range(max(repeats, 1))]
    return [{"name": "notams_parse_load", "median_s": statistics.median(times), "min_s": min(times),
             "max_s": max(times), "floor_name": "read_lines", "floor_median_s": statistics.median(floors)}]


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    for r in run(repeats):
        print(f"{r['name']}  {r['median_s']:.3f}  {r['min_s']:.3f}  {r['max_s']:.3f}  {N / r['median_s']:.0f}")
        print(f"{r['floor_name']}  {r['floor_median_s']:.3f}")


if __name__ == "__main__":
    main()
