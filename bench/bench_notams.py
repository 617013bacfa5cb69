"""Benchmark: parse + classify (and load) REAL NOTAMs, replicated to 100,000 with distinct ids.

    .venv/bin/python -m bench.bench_notams [repeats]

Generated NOTAMs are about three times cheaper to parse than real ones (short E) lines, no
relay noise, no multi-part messages), so the text is the real corpus in ../shared/notams (beside
the repository, never copied into it): every block that parses, its header rewritten to a
fresh id (series, number, year) so that 100,000 copies are 100,000 distinct NOTAMs. The NOTAMR
and NOTAMC references are rewritten to the previous id of the same copy, so replacement chains
stay in the data. The file is written to a temporary folder and removed afterwards.

Rows for `python -m bench` ({name, dataset, median_s, min_s, max_s, floor_name, floor_median_s,
notams_per_s}):
- notams_parse_classify: TextParser over the file + etl.airspace.rules.classify of each NOTAM,
  in memory — the goal is ≥ 20,000 NOTAMs/s;
- notams_parse_classify_uncached: the same with classify_uncached, i.e. without classify's
  memory of texts already seen (the copies repeat their texts far more than a real feed does);
- notams_load_derive: the notams kind's load (columnar insert into a real DuckDB file) and
  derive (classification, replacement chains, schedules, intervals, unknown where stale).
The floor is reading the same file line by line. No corpus → no rows (the runner says skipped).
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from etl.airspace import rules as airspace_rules
from etl.airspace.notam import HEADER_RE, Notam, NotamError, TextParser, parse_icao
from etl.airspace.rules import classify, classify_uncached
from etl.kinds.notams import KIND

N = 100_000
CORPUS = ROOT.parent / "shared" / "notams"
SERIES = "ABCDEFGHJKLMNPQRSTUVWXYZ"


def corpus_blocks() -> list[str]:
    """Every block of the real corpus that parses as an ICAO NOTAM (text after its header)."""
    out: list[str] = []
    for path in sorted(CORPUS.glob("*.txt")):
        with open(path, encoding="utf-8", errors="replace") as f:
            for _, text, is_notam in TextParser().blocks(f):
                if not is_notam:
                    continue
                try:
                    parse_icao(text)
                except NotamError:
                    continue
                out.append(text)
    return out


def replicate(blocks: list[str], path: Path, n: int = N) -> None:
    """n NOTAMs cycling over the real blocks, each with a distinct header id."""
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            text = blocks[i % len(blocks)]
            h = HEADER_RE.match(text)
            series, num, yy = SERIES[i // 9999 % len(SERIES)], i % 9999 + 1, 20 + i // (9999 * len(SERIES))
            head = f"{series}{num:04d}/{yy:02d} NOTAM{h[4]}"
            if h[4] in "RC":
                head += f" {series}{max(num - 1, 1):04d}/{yy:02d}"
            f.write(head + text[h.end():] + "\n\n")


def _parse_classify(src: Path, classify=classify) -> tuple[float, int, float]:
    """(wall seconds, NOTAMs, CPU seconds of this process): on a machine shared with other work
    the CPU time is the figure that compares across runs. Each run starts with classify()'s
    memory empty."""
    airspace_rules._CACHE.clear()
    t, c = time.perf_counter(), time.process_time()
    n = 0
    with open(src, encoding="utf-8") as f:
        for r in TextParser().parse(f):
            if isinstance(r, Notam):
                classify(r)
                n += 1
    return time.perf_counter() - t, n, time.process_time() - c


def _load_derive(src: Path, tmp: Path, k: int) -> float:
    from etl.warehouse import create_schema, load_reference

    db = tmp / f"bench{k}.duckdb"
    con = duckdb.connect(str(db))
    con.execute("SET TimeZone = 'UTC'")
    create_schema(con)
    load_reference(con, ROOT / "data" / "reference")
    con.execute("INSERT INTO sources (source_id, path, original_name, sha256, kind, loaded_at) "
                "VALUES (1, ?, 'bench.txt', 'bench', 'notams', now())", [str(src)])
    t = time.perf_counter()
    con.begin()
    res = KIND.load(con, src, 1)
    KIND.derive(con)
    con.commit()
    dt = time.perf_counter() - t
    con.close()
    db.unlink()
    assert res.rows_loaded == N, res
    return dt


def _floor(src: Path) -> float:
    t = time.perf_counter()
    with open(src, encoding="utf-8") as f:
        for _ in f:
            pass
    return time.perf_counter() - t


def run(repeats: int = 3) -> list[dict]:
    if not CORPUS.is_dir():
        return []
    blocks = corpus_blocks()
    with tempfile.TemporaryDirectory(prefix="bench-notams-") as d:
        tmp = Path(d)
        src = tmp / "notams.txt"
        replicate(blocks, src)
        size = src.stat().st_size
        reps = max(repeats, 1)
        pc = [_parse_classify(src) for _ in range(reps)]
        assert all(n == N for _, n, _ in pc), [n for _, n, _ in pc]
        times = [t for t, _, _ in pc]
        cpu = [c for _, _, c in pc]
        # The copies repeat 1,785 texts, so classify()'s memory answers almost every NOTAM here,
        # far more than on a real feed (a fifth of the corpus repeats): the row without it is
        # the honest figure for new text.
        pu = [_parse_classify(src, classify_uncached) for _ in range(reps)]
        times_u = [t for t, _, _ in pu]
        cpu_u = [c for _, _, c in pu]
        loads = [_load_derive(src, tmp, k) for k in range(reps)]
        floors = [_floor(src) for _ in range(reps)]
    dataset = f"{N:,} real NOTAMs ({len(blocks)} distinct corpus texts, {size / 1e6:.0f} MB)"
    floor = statistics.median(floors)
    return [{"name": "notams_parse_classify", "dataset": dataset, "median_s": statistics.median(times),
             "min_s": min(times), "max_s": max(times), "floor_name": "read_lines", "floor_median_s": floor,
             "notams_per_s": round(N / statistics.median(times)), "cpu_median_s": statistics.median(cpu),
             "notams_per_cpu_s": round(N / statistics.median(cpu))},
            {"name": "notams_parse_classify_uncached", "dataset": dataset, "median_s": statistics.median(times_u),
             "min_s": min(times_u), "max_s": max(times_u), "floor_name": "read_lines", "floor_median_s": floor,
             "notams_per_s": round(N / statistics.median(times_u)), "cpu_median_s": statistics.median(cpu_u),
             "notams_per_cpu_s": round(N / statistics.median(cpu_u))},
            {"name": "notams_load_derive", "dataset": dataset, "median_s": statistics.median(loads),
             "min_s": min(loads), "max_s": max(loads), "floor_name": "read_lines", "floor_median_s": floor,
             "notams_per_s": round(N / statistics.median(loads))}]


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    rows = run(repeats)
    if not rows:
        print(f"skipped: {CORPUS} is not here")
    for r in rows:
        cpu = f"  CPU {r['cpu_median_s']:.3f} s = {r['notams_per_cpu_s']} NOTAMs/CPU-s" if "cpu_median_s" in r else ""
        print(f"{r['name']}  {r['median_s']:.3f}  {r['min_s']:.3f}  {r['max_s']:.3f}  {r['notams_per_s']} NOTAMs/s{cpu}"
              f"  (floor {r['floor_name']} {r['floor_median_s']:.3f})  {r['dataset']}")


if __name__ == "__main__":
    main()
