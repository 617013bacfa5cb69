"""Deterministic synthetic hotline periods and alert campaigns at scale, for the contact benchmark.

Every mission's covered countries get two channels and every topic, in 12-hour periods going
back from the reference day until the requested row count is reached; each row follows a queue
(resolved never above received plus what was open before), so the whole file loads clean. A
campaign goes to every country once a week. Same seed and row count → byte-identical files.
"""
from __future__ import annotations

import csv
import datetime as dt
import math
import random
from pathlib import Path

from etl.synth import END, _missions

HOTLINE_HEADER = ["period_start", "period_end", "mission", "country", "channel", "topic", "received", "resolved",
                  "open_at_end", "oldest_open_hours", "note"]
ALERT_HEADER = ["campaign", "sent_at", "channel", "country", "language", "message", "targeted", "delivered",
                "opened", "note"]
TOPICS = ["leave", "medical", "documents", "money", "housing", "information", "other"]
CHANNELS = ["phone", "whatsapp"]
STEP = dt.timedelta(hours=12)


def write_synthetic_contact(out: Path, rows: int, seed: int = 2026) -> list[Path]:
    """hotline periods (≈ `rows` rows) and weekly alert campaigns over the same span."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    lines = sorted({(m, c) for m, c, _city in _missions() if m != "BULLETIN"})
    per_period = len(lines) * len(CHANNELS) * len(TOPICS)
    periods = max(1, math.ceil(rows / per_period))
    start = END - STEP * periods
    queue: dict[tuple, int] = {}
    hot = out / "synth_hotline.csv"
    written = 0
    with open(hot, "w", encoding="utf-8", newline="") as f:
        f.write("# SYNTHETIC DATA for benchmarks — etl.synth_contact\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HOTLINE_HEADER)
        for p in range(periods):
            a, b = start + STEP * p, start + STEP * (p + 1)
            for m, c in lines:
                for ch in CHANNELS:
                    for topic in TOPICS:
                        if written >= rows:
                            break
                        key = (m, c, ch, topic)
                        before = queue.get(key, 0)
                        received = rng.randint(0, 40)
                        resolved = rng.randint(0, before + received)
                        queue[key] = before + received - resolved
                        oldest = str(rng.randint(1, 48)) if queue[key] else ""
                        w.writerow([f"{a:%Y-%m-%d %H:%M}", f"{b:%Y-%m-%d %H:%M}", m, c, ch, topic, received, resolved,
                                    queue[key], oldest, ""])
                        written += 1
    alerts = out / "synth_alerts.csv"
    countries = sorted({c for _m, c in lines})
    with open(alerts, "w", encoding="utf-8", newline="") as f:
        f.write("# SYNTHETIC DATA for benchmarks — etl.synth_contact\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(ALERT_HEADER)
        week, n = start, 0
        while week <= END:
            n += 1
            for c in countries:
                for lang in ("kk", "ru"):
                    targeted = rng.randint(50, 4000)
                    delivered = rng.randint(targeted * 8 // 10, targeted)
                    w.writerow([f"SYNTH-{n:03d}", f"{week:%Y-%m-%d %H:%M}", "kaspi", c, lang,
                                f"synthetic message {n} ({lang})", targeted, delivered, delivered // 2, ""])
            week += dt.timedelta(days=7)
    return [hot, alerts]
