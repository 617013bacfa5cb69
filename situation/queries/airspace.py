"""Read side of the airspace page: status per country and FIR at a moment, the intervals behind
the timeline, NOTAMs in force (with search) and NOTAMs of FIRs not in the reference list.

Every function takes the moment as naive UTC and the country filter as ISO3 codes (empty = all),
runs one parameterised SQL file (situation/queries/sql/airspace_*.sql) through warehouse.cached and
returns a DataFrame; nothing here formats or translates.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from situation.queries import moments
from situation.queries.common import sql, utc_naive
from situation.queries.warehouse import cached

# The war's first closures came on 2026-02-28; the timeline starts a few days earlier so the
# "before" state is visible. A later moment slides the window along (see timeline_window).
TIMELINE_FIRST_DAY = dt.datetime(2026, 2, 25)
TIMELINE_MAX_DAYS = 21   # wider and the bars of a wall screen become slivers
TIMELINE_AHEAD_DAYS = 3  # announced ends (often "EST") a few days past the moment


def _countries(countries: Sequence[str]) -> list[str]:
    return [str(c) for c in countries]


def status_at(at: dt.datetime | None, countries: Sequence[str] = ()) -> pd.DataFrame:
    """One row per country: status, since, until, estimated, notam_ids, manual, rule, source_file,
    manual_note / manual_source (status-sheet entries), in_region."""
    return cached(sql("airspace_status_at"), {"t": moments.airspace(at), "countries": _countries(countries)})


def fir_status_at(at: dt.datetime | None, countries: Sequence[str] = ()) -> pd.DataFrame:
    """One row per reference FIR: name, countries (ISO3 list), status, since, until, estimated, rule."""
    return cached(sql("airspace_fir_at"), {"t": moments.airspace(at), "countries": _countries(countries)})


def timeline_window(at: dt.datetime | None) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of the timeline for moment `at`: from 2026-02-25 (or three weeks back, once
    the war is older than that) to three days after the moment, in whole days."""
    at = utc_naive(at)
    end = (at + dt.timedelta(days=TIMELINE_AHEAD_DAYS)).replace(hour=0, minute=0, second=0, microsecond=0)
    end += dt.timedelta(days=1)
    start = max(TIMELINE_FIRST_DAY, end - dt.timedelta(days=TIMELINE_MAX_DAYS))
    return start, max(end, start + dt.timedelta(days=1))


def intervals(start: dt.datetime, end: dt.datetime, countries: Sequence[str] = ()) -> pd.DataFrame:
    """Country-level intervals overlapping [start, end): status, valid_from, valid_to (NaT = open
    end), estimated_end, rule, manual, source_file and the NOTAMs behind each as parallel lists
    notam_list / rule_list / text_list."""
    return cached(sql("airspace_intervals"),
                  {"start": start, "end": end, "countries": _countries(countries)})


def notams_at(at: dt.datetime | None, q: str = "", countries: Sequence[str] = ()) -> pd.DataFrame:
    """NOTAMs in force at `at`, closures first; `q` searches id, FIR and text (case-insensitive)."""
    return cached(sql("airspace_notams_at"),
                  {"t": moments.airspace(at), "q": (q or "").strip(), "countries": _countries(countries)})


def stale_hours() -> int:
    """SITROOM_AIRSPACE_STALE_HOURS: past this without a NOTAM or sheet row a FIR is unknown."""
    from config import setting

    try:
        return max(int(float(setting("SITROOM_AIRSPACE_STALE_HOURS"))), 1)
    except ValueError:
        return 168


def feeds_at(at: dt.datetime | None, countries: Sequence[str] = ()) -> pd.DataFrame:
    """Feed coverage per reference FIR at `at`: fir, name, countries, status, rule, last_notam,
    last_notam_id, notams, notam_age_hours, last_sheet, stale_at (unknown since; NaT = never
    heard of), no_feed — FIRs without a feed first."""
    return cached(sql("airspace_feeds_at"), {"t": utc_naive(at), "stale_hours": stale_hours(),
                                              "countries": _countries(countries)})


def unknown_firs(at: dt.datetime | None) -> pd.DataFrame:
    """FIRs named by NOTAMs but missing from the reference list: fir, notams, notam_ids,
    first_from, in_force (at `at`), files."""
    return cached(sql("airspace_unknown_firs"), {"t": moments.airspace(at)})
