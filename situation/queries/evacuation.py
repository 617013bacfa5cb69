"""Read queries of the evacuation operation: the contract macros evacuation_at / movements_at,
filtered by the shared country filter and cached on the warehouse version (situation/queries/sql/evacuation_*.sql).

Each query runs for moments.evacuation(at), the newest moment at or before `at` at which its
answer can change, not for `at` itself: in live mode the cache key then stands still between
two reports or movement events instead of moving with the clock every minute."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from situation.queries import moments as snap
from situation.queries.common import sql, utc_naive
from situation.queries.warehouse import cached, version

BOARD_HOURS = 72
SERIES_POINTS = 14  # at most this many moments on the cumulative chart: each is one evacuation_at


def _c(countries: Sequence[str]) -> list[str]:
    return sorted(countries or [])


def operation(at: dt.datetime | None, countries: Sequence[str] = ()) -> pd.DataFrame:
    """evacuation_at(at) per country (present, want_to_leave, evacuated, remaining, seats, next, days)."""
    return cached(sql("evacuation_operation"), {"t": snap.evacuation(at), "countries": _c(countries)})


def board(at: dt.datetime | None, countries: Sequence[str] = (), hours: int = BOARD_HOURS) -> pd.DataFrame:
    """Movements as known at `at`, scheduled within `hours` before or after it."""
    # The snapped moments know the board's window of BOARD_HOURS; another window reads at `at`.
    t = snap.evacuation(at) if hours == BOARD_HOURS else utc_naive(at)
    return cached(sql("evacuation_board"), {"t": t, "countries": _c(countries), "hours": int(hours)})


def groups(at: dt.datetime | None, countries: Sequence[str] = ()) -> pd.DataFrame:
    """Priority groups per country: left (headcounts) and gone (departed movements)."""
    return cached(sql("evacuation_groups"), {"t": snap.evacuation(at), "countries": _c(countries)})


def plan(at: dt.datetime | None, countries: Sequence[str] = ()) -> pd.DataFrame:
    """Per origin country: flights and seats per flight planned in the next 72 h, and land seats."""
    return cached(sql("evacuation_plan"), {"t": snap.evacuation(at), "countries": _c(countries)})


def land_plan(at: dt.datetime | None, countries: Sequence[str] = ()) -> pd.DataFrame:
    return cached(sql("evacuation_land_plan"), {"t": snap.evacuation(at), "countries": _c(countries)})


def moments(at: dt.datetime, first: dt.datetime | None, points: int = SERIES_POINTS) -> list[dt.datetime]:
    """Day ends from the first departure's day up to `at` (thinned to `points`), then `at` itself."""
    if first is None or first > at:
        return [at]
    day = dt.datetime.combine(first.date(), dt.time(23, 59))
    ends = []
    while day < at:
        ends.append(day)
        day += dt.timedelta(days=1)
    step = max(1, -(-len(ends) // max(1, points - 1)))
    return ends[::-1][::step][::-1] + [at]


_series_memo: dict[tuple, pd.DataFrame] = {}


def series(at: dt.datetime | None, countries: Sequence[str] = ()) -> pd.DataFrame:
    """evacuated and remaining per country at each moment of the operation (one cached
    evacuation_at per moment: the page reuses the contract instead of re-deriving it). The
    assembled frame is kept per warehouse version too, so a warm page does not rebuild it."""
    at = utc_naive(at)
    key = (version(), at, tuple(_c(countries)))
    if key in _series_memo:
        return _series_memo[key].copy()
    out = _series(at, countries)
    if len(_series_memo) > 64:
        _series_memo.clear()
    _series_memo[key] = out
    return out.copy()


def _series(at: dt.datetime, countries: Sequence[str]) -> pd.DataFrame:
    first = cached(sql("evacuation_span"))["first_departure"].iloc[0]
    first = None if pd.isna(first) else pd.Timestamp(first).to_pydatetime()
    frames = []
    for m in moments(at, first):
        df = operation(m, countries)[["country_iso3", "evacuated", "remaining"]]
        frames.append(df.assign(t=m))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["t", "country_iso3"])
