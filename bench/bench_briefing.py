"""Briefing pack build time (PPTX and PDF) on the sample and on a 1,000,000-row warehouse, and the
export time of each chart against the floor of one fig.to_image of an empty figure.

Each dataset is measured in one fresh process: the export server is started once (as in the
dashboard), then every build starts with an empty query cache, so "warm" means a running
Chromium, not cached answers. The first build of the process (Chromium start included) is
reported as the cold figure.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import ROOT, row

ROWS = 1_000_000
AS_OF = "2026-03-04T18:00"

CHILD = r"""
import json, sys, time
sys.path.insert(0, {root!r})
from situation.briefing import pack as briefing
from situation.briefing import content as briefing_content
from situation.briefing import images as export_images
from situation.queries import warehouse
from situation.queries.filters import Filters, parse_as_of

f = Filters("kk", (), parse_as_of({as_of!r}))
out = {{"builds": {{}}, "charts": {{}}}}
t0 = time.perf_counter()
briefing.build(f, "pptx")  # cold: starts Chromium, first queries
out["cold_s"] = time.perf_counter() - t0
for fmt in ("pptx", "pdf"):
    runs = []
    for _ in range({repeats}):
        warehouse._cache.clear()
        t0 = time.perf_counter()
        briefing.build(f, fmt)
        runs.append(time.perf_counter() - t0)
    out["builds"][fmt] = runs
pack = briefing_content.gather(f)
for s in pack.slides:
    if s.kind == "figure":
        runs = []
        for _ in range({repeats}):
            t0 = time.perf_counter()
            export_images.to_image(s.payload["figure"], "png")
            runs.append(time.perf_counter() - t0)
        out["charts"][s.payload["name"]] = runs
floor = []
for _ in range({repeats}):
    t0 = time.perf_counter()
    export_images.to_image(export_images.empty_figure(), "png")
    floor.append(time.perf_counter() - t0)
out["floor"] = floor
print(json.dumps(out))
"""


def _measure(db: Path, repeats: int) -> dict:
    env = dict(os.environ, SITROOM_DB=str(db), SITROOM_DATA=str(db.parent))
    code = CHILD.format(root=str(ROOT), as_of=AS_OF, repeats=repeats)
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         cwd=ROOT, timeout=1800, check=False)
    if res.returncode != 0:
        raise RuntimeError(f"briefing benchmark child failed: {res.stderr[-2000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def _etl(data: Path, *args: str) -> None:
    env = dict(os.environ, SITROOM_DATA=str(data), SITROOM_DB=str(data / "warehouse.duckdb"))
    res = subprocess.run([sys.executable, "-m", "etl", *args], capture_output=True, text=True, env=env,
                         cwd=ROOT, timeout=3600, check=False)
    if res.returncode not in (0, 1):  # 1: some synthetic rows rejected on purpose is still a warehouse
        raise RuntimeError(f"etl {' '.join(args)} failed: {res.stderr[-2000:]}")


def _rows(m: dict, dataset: str) -> list[dict]:
    floor = m["floor"]
    out = [row(f"briefing pack {fmt.upper()} (warm server)", dataset, runs, "one to_image of an empty figure",
               floor, cold_first_build_s=round(m["cold_s"], 2), goal_s=10.0)
           for fmt, runs in m["builds"].items()]
    out += [row(f"chart export PNG: {name}", dataset, runs, "one to_image of an empty figure", floor)
            for name, runs in m["charts"].items()]
    return out


def run(repeats: int = 3, rows: int = ROWS) -> list[dict]:
    tmp = Path(tempfile.mkdtemp(prefix="bench-briefing-"))
    try:
        sample = tmp / "sample"
        sample.mkdir()
        _etl(sample, "load", str(ROOT / "data" / "sample"))
        out = _rows(_measure(sample / "warehouse.duckdb", repeats), "sample (reference day)")
        big = tmp / "big"
        big.mkdir()
        _etl(big, "synth", "--rows", str(rows), "--out", str(tmp / "synth"))
        _etl(big, "load", str(tmp / "synth"))
        shutil.rmtree(tmp / "synth", ignore_errors=True)
        out += _rows(_measure(big / "warehouse.duckdb", repeats), f"{rows:,} headcount rows")
        return out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    for r in run(int(sys.argv[1]) if len(sys.argv) > 1 else 3):
        print(r)
