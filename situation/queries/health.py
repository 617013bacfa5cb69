"""Read side of the data-health page: can the picture be trusted?

Per mission freshness at a moment, the rejected rows with their reasons, the load history and
the warehouse's own figures. Queries are parameterised SQL files (situation/queries/sql/health_*.sql)
run through warehouse.cached; only reject_reason and kind_label translate (row values to words).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pandas as pd

import config
from situation.i18n import FALLBACK_LANG, N_, catalog, t
from situation.queries.common import sql, utc_naive
from situation.queries.warehouse import cached, version

REJECTS_SHOWN = 2000  # a bad 50 MB NOTAM file can reject thousands of items; the count is shown apart


def stale_hours() -> float:
    """SITROOM_STALE_HOURS as a number; a value that is not one falls back to the default 24."""
    try:
        return max(0.0, float(config.setting("SITROOM_STALE_HOURS")))
    except ValueError:
        return 24.0


def freshness(at: dt.datetime | None, countries: Sequence[str] = ()) -> pd.DataFrame:
    """One row per mission (covering one of `countries`, or all): last_report, age at `at`,
    rows_last, rows_total, reports, files, stale; never-reporting missions have last_report NaT."""
    return cached(sql("health_freshness"), {
        "t": utc_naive(at), "countries": [str(c) for c in countries], "stale_hours": stale_hours()})


def reject_files() -> pd.DataFrame:
    """Files with rejected rows: file, rejects (count), loaded_at."""
    return cached(sql("health_reject_files"))


def rejects(files: Sequence[str] = (), limit: int = REJECTS_SHOWN) -> pd.DataFrame:
    """Rejected rows (of `files`, or all): file, kind, loaded_at, line, col, code, reason, raw."""
    return cached(sql("health_rejects"), {"files": [str(f) for f in files], "limit": int(limit)})


def sources() -> pd.DataFrame:
    """The load history, newest first: file, kind, loaded_at, rows_loaded, rows_rejected,
    is_sample, uploaded_by, note."""
    return cached(sql("health_sources"))


def figures() -> dict:
    """Counts of the warehouse (sources, rows_loaded, rejects, unusable, last_load, headcounts,
    notams) and version_time: when the warehouse file was last published (its mtime, UTC)."""
    row = cached(sql("health_figures")).iloc[0].to_dict()
    v = version()
    row["version_time"] = (None if v is None else
                           dt.datetime.fromtimestamp(v.mtime_ns / 1e9, dt.UTC).replace(tzinfo=None, microsecond=0))
    return row


def loads_over_time(src: pd.DataFrame) -> pd.DataFrame:
    """Rows loaded and rejected per hour and kind, from the load history (for the small chart)."""
    if src.empty:
        return pd.DataFrame(columns=["hour", "kind", "rows_loaded", "rows_rejected", "files"])
    df = src.assign(hour=pd.to_datetime(src["loaded_at"]).dt.floor("h"))
    out = (df.groupby(["hour", "kind"], as_index=False)
             .agg(rows_loaded=("rows_loaded", "sum"), rows_rejected=("rows_rejected", "sum"),
                  files=("file", "count")))
    return out.sort_values(["hour", "kind"]).reset_index(drop=True)


def reject_reason(code: Any, reason: Any, lang: str) -> str:
    """A reject's code as a sentence in the language (keys reject.<code>); a code no catalog knows
    yet falls back to the English reason stored with the row."""
    key = N_(f"reject.{code}")
    if key in catalog(FALLBACK_LANG):
        return t(key, lang)
    return str(reason) if reason is not None and not pd.isna(reason) else str(code)


def kind_label(kind: Any, lang: str) -> str:
    """sources.kind (headcounts, notams, …, unusable) in words; an unknown kind as itself."""
    key = N_(f"health.kind.{kind}")
    return t(key, lang) if key in catalog(FALLBACK_LANG) else str(kind)
