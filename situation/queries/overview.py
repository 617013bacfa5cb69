"""Queries behind the overview page: SQL files situation/queries/sql/overview_*.sql in, DataFrames out.

Every read goes through warehouse.cached (memoised on the warehouse version), so a warm rerun of
the page costs dictionary look-ups, not queries. The queries run for the newest moment at or
before the one shown at which their answer can change (moments.overview: a report, an airspace
bound, a movement or evacuation event), not for the clock: in live mode a minute passing keeps
the cache key, and no whole-history query runs again until a load brings something new. The
few figures that do move with the clock (a report's age) are worked out here from the real
moment after the cached query.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from situation.queries import moments as snap
from situation.queries.common import sql, utc_naive
from situation.queries.warehouse import cached

Countries = list[str] | tuple[str, ...]


def moment(at: dt.datetime | None, live: bool = False) -> dt.datetime:
    """The moment queries run for: naive UTC; a live moment cut to the minute (cache key)."""
    t = utc_naive(at)
    return t.replace(second=0, microsecond=0) if live else t


def indicators(at: dt.datetime, countries: Countries = ()) -> pd.DataFrame:
    """Headline figures, indexed by state: 'now', 'prev' (missions' previous reports), 'day' (-24 h)."""
    day = at - dt.timedelta(hours=24)
    df = cached(sql("overview_indicators"), {"t": snap.overview(at), "day": snap.overview(day),
                                             "countries": list(countries)}).set_index("state")
    df["moment"] = df["moment"].astype("datetime64[us]")
    df.loc["now", "moment"], df.loc["day", "moment"] = at, day  # the moments shown, not the snapped ones
    return df


def countries_now(at: dt.datetime, countries: Countries = ()) -> pd.DataFrame:
    """Per country with reports at `at`: figures, shares, airspace, open land routes, sources."""
    df = cached(sql("overview_countries"), {"t": snap.overview(at), "countries": list(countries)})
    df["report_age_hours"] = _age_hours(df["as_of"], at)
    return df


def airspace(at: dt.datetime) -> pd.DataFrame:
    """Airspace status at `at` of every country of the region (the map's polygons)."""
    return cached(sql("overview_airspace"), {"t": snap.airspace(at)})


def places(countries: Countries = ()) -> pd.DataFrame:
    """Missions, crossings, routes and onward airports (column kind) for the map."""
    return cached(sql("overview_places"), {"countries": list(countries)})


def changes(since: dt.datetime, at: dt.datetime, countries: Countries = ()) -> pd.DataFrame:
    """Reports, airspace status changes and evacuations in (since, at], newest first."""
    return cached(sql("overview_changes"), {"since": snap.overview(since), "t": snap.overview(at),
                                            "countries": list(countries)})


def freshness(at: dt.datetime, countries: Countries = ()) -> pd.DataFrame:
    """Each reporting mission's newest report at `at` and its age in hours, oldest first."""
    df = cached(sql("overview_freshness"), {"t": snap.overview(at), "countries": list(countries)})
    # The order (oldest report first) does not depend on the moment: every age moves with it.
    df["age_hours"] = _age_hours(df["last_report"], at)
    return df


def _age_hours(reported: pd.Series, at: dt.datetime) -> pd.Series:
    """Hours from each report to `at` as the SQL's date_diff('minute', …) / 60 counts them:
    whole minute boundaries crossed (report times carry no seconds in practice; this is exact
    either way)."""
    minutes = (pd.Timestamp(at).floor("min") - pd.to_datetime(reported).dt.floor("min")) // pd.Timedelta(minutes=1)
    return (minutes / 60.0).astype("float64")

