"""Deterministic synthetic mission reports at scale, for benchmarks and load tests.

Every mission reports every covered country, in three locations and all categories, at evenly
spaced moments over one year ending on the reference day, until the requested row count is
reached. Same seed and row count → byte-identical file.
"""
from __future__ import annotations

import csv
import datetime as dt
import math
import random
from pathlib import Path

from config import reference_dir

HEADER = ["as_of", "mission", "country", "city", "category", "citizens", "approximate", "elderly", "women",
          "children", "housed", "contacted", "casualties", "note"]
CATEGORIES = ["tourist", "pilgrim", "transit", "resident", "official", "student", "other"]
END = dt.datetime(2026, 3, 4, 12, 0)


def _missions() -> list[tuple[str, str, str]]:
    """(mission_id, iso3, city) for every country each mission covers."""
    out = []
    with open(reference_dir() / "missions.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            for iso3 in (row.get("covers") or row["iso3"]).split():
                out.append((row["mission_id"], iso3, row["city"] if iso3 == row["iso3"] else ""))
    return out


def write_synthetic(out: Path, rows: int, seed: int = 2026) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    units = [(m, c, city or f"{c}-city", loc) for m, c, city in _missions() for loc in range(3)]
    per_snapshot = len(units) * len(CATEGORIES)
    snapshots = max(1, math.ceil(rows / per_snapshot))
    step = dt.timedelta(days=365) / snapshots
    base = {(m, c, loc, cat): rng.randint(0, 400) for m, c, _, loc in units for cat in CATEGORIES}
    path = out / "synth_headcounts.csv"
    written = 0
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        f.write("# SYNTHETIC DATA for benchmarks — python -m etl synth\n")
        w.writerow(HEADER)
        for s in range(snapshots):
            as_of = (END - step * (snapshots - 1 - s)).replace(microsecond=0).isoformat(sep=" ")
            for m, c, city, loc in units:
                place = city if loc == 0 else f"{city} {loc}"
                for cat in CATEGORIES:
                    if written >= rows:
                        return [path]
                    key = (m, c, loc, cat)
                    base[key] = max(0, base[key] + rng.randint(-5, 6))
                    n = base[key]
                    # A few counts written the way missions write them, so parsing is exercised.
                    text = f"~{n:,}".replace(",", " ") if rng.random() < 0.03 else str(n)
                    w.writerow([as_of, m, c, place, cat, text, "", n // 8, n // 2, n // 5, n * 3 // 4, n * 9 // 10, 0, ""])
                    written += 1
    return [path]
