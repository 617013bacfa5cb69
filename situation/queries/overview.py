"""Queries behind the overview page: SQL files situation/queries/sql/overview_*.sql in, DataFrames out.

Every read goes through warehouse.cached (memoised on the warehouse version), so a warm rerun of
the page costs dictionary look-ups, not queries. Live mode moves f.at() every second; the
moment is cut to the minute for the cache key, or nothing would ever be a hit.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from situation.queries.common import sql, utc_naive
from situation.queries.warehouse import cached

Countries = list[str] | tuple[str, ...]


def moment(at: dt.datetime | None, live: bool = False) -> dt.datetime:
    """The moment queries run for: naive UTC; a live moment cut to the minute (cache key)."""
    t = utc_naive(at)
    return t.replace(second=0, microsecond=0) if live else t


def indicators(at: dt.datetime, countries: Countries = ()) -> pd.DataFrame:
    """Headline figures, indexed by state: 'now', 'prev' (missions' previous reports), 'day' (-24 h)."""
    df = cached(sql("overview_indicators"), {"t": at, "countries": list(countries)})
    return df.set_index("state")


def countries_now(at: dt.datetime, countries: Countries = ()) -> pd.DataFrame:
    """Per country with reports at `at`: figures, shares, airspace, open land routes, sources."""
    return cached(sql("overview_countries"), {"t": at, "countries": list(countries)})


def airspace(at: dt.datetime) -> pd.DataFrame:
    """Airspace status at `at` of every country of the region (the map's polygons)."""
    return cached(sql("overview_airspace"), {"t": at})


def places(countries: Countries = ()) -> pd.DataFrame:
    """Missions, crossings, routes and onward airports (column kind) for the map."""
    return cached(sql("overview_places"), {"countries": list(countries)})


def changes(since: dt.datetime, at: dt.datetime, countries: Countries = ()) -> pd.DataFrame:
    """Reports, airspace status changes and evacuations in (since, at], newest first."""
    return cached(sql("overview_changes"), {"since": since, "t": at, "countries": list(countries)})


def freshness(at: dt.datetime, countries: Countries = ()) -> pd.DataFrame:
    """Each reporting mission's newest report at `at` and its age in hours, oldest first."""
    return cached(sql("overview_freshness"), {"t": at, "countries": list(countries)})

