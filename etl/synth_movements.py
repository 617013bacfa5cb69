"""Deterministic synthetic evacuation movements at scale, for benchmarks (`python -m etl synth
--movements N`): flights out of every covered country over one year ending on the reference day,
each reported as planned, confirmed, departed and arrived (one in ten planned then cancelled),
from the country's airports to Almaty or Astana. Same seed and row count → byte-identical file.
"""
from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

from config import reference_dir
from etl.synth import END, _missions

HEADER = ["reported_at", "mission", "flight", "mode", "from_country", "from_place", "to_place", "scheduled",
          "arrival", "status", "seats", "passengers", "elderly", "women", "children", "medical", "note"]


def _airports() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    with open(reference_dir() / "airports.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if r.get("iata"):
                out.setdefault(r["iso3"], []).append(r["iata"])
    return out


def write_movements(out: Path, rows: int, seed: int = 2026) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed + 15)
    airports = _airports()
    origins = [(m, c, airports.get(c) or [city]) for m, c, city in _missions() if c != "KAZ" and (airports.get(c) or city)]
    path = out / "synth_movements.csv"
    fmt = "%Y-%m-%d %H:%M"
    written, k = 0, 0
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        f.write("# SYNTHETIC DATA for benchmarks — python -m etl synth --movements\n")
        w.writerow(HEADER)
        while written < rows:
            mission, iso3, places = origins[k % len(origins)]
            dep = (END - dt.timedelta(minutes=rng.randint(3 * 24 * 60, 365 * 24 * 60))).replace(second=0)
            seats = rng.choice((150, 180, 240, 320))
            pax = rng.randint(seats // 2, seats)
            base = [mission, f"SYN-{k:07d}", "air", iso3, rng.choice(places), rng.choice(("ALA", "NQZ"))]
            steps = [(dep - dt.timedelta(days=2), "planned", "", ""), (dep - dt.timedelta(hours=16), "confirmed", "", "")]
            if rng.random() < 0.1:
                steps.append((dep - dt.timedelta(hours=3), "cancelled", "", ""))
            else:
                steps += [(dep + dt.timedelta(hours=1), "departed", pax, ""),
                          (dep + dt.timedelta(hours=6), "arrived", pax, (dep + dt.timedelta(hours=5)).strftime(fmt))]
            for reported, status, p, arrival in steps:
                if written >= rows:
                    break
                groups = [p // 12, p // 2, p // 5, p // 100] if p != "" else ["", "", "", ""]
                w.writerow([reported.strftime(fmt), *base, dep.strftime(fmt), arrival, status, seats, p, *groups, ""])
                written += 1
            k += 1
    return path
