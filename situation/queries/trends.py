"""Read queries behind the countries and evacuation pages: trends, vulnerable groups, missions,
airspace intervals, the sources behind the figures down to their rows, routes and evacuations.

Each function runs one parameterised SQL file (situation/queries/sql/countries_*.sql, evacuation_*.sql)
through situation.queries.warehouse.cached: aggregation happens in DuckDB, so a page gets a few hundred
or thousand rows back even from a warehouse of a million headcount rows.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from situation.queries import moments
from situation.queries.common import sql
from situation.queries.warehouse import cached

DIMS = ("country", "category", "city")
MAX_POINTS = 120  # more report moments than this → buckets of whole hours (value at the bucket's last report):
# about one point per 13 px of a wall screen's chart, and 12 lines × 3 charts stay within 300 KB
MAX_GROUPS = 12   # lines on one chart: the largest groups; the chart title says how many were left out
DEFAULT_TOP = 8


def _countries(countries: Sequence[str]) -> list[str]:
    return [str(c).upper() for c in countries]


def top_countries(at: dt.datetime | None, n: int = DEFAULT_TOP) -> list[str]:
    """The n countries with the most citizens as of `at` (the page's default selection)."""
    df = cached(sql("countries_top"), {"t": moments.reports(at), "n": int(n)})
    return df["country_iso3"].tolist()


def trend(at: dt.datetime | None, countries: Sequence[str], dim: str = "country",
          max_points: int = MAX_POINTS, max_groups: int = MAX_GROUPS) -> pd.DataFrame:
    """Citizens over time per group (country, category or city), headcounts_at at every point.

    Columns: moment, grp, country_iso3, label, citizens, approximate, as_of (the group's newest
    report at that point), files (the source files of that newest report), n_groups (groups
    before keeping the `max_groups` largest).
    """
    if dim not in DIMS:
        raise ValueError(f"dim must be one of {DIMS}: {dim!r}")
    return cached(sql("countries_trend"), {"t": moments.reports(at), "countries": _countries(countries),
                                           "dim": dim, "max_points": int(max_points),
                                           "max_groups": int(max_groups)})


def vulnerable(at: dt.datetime | None, countries: Sequence[str] = ()) -> pd.DataFrame:
    """Per country: citizens, elderly, women, children (NULL = not reported), as_of, files."""
    return cached(sql("countries_vulnerable"), {"t": moments.reports(at), "countries": _countries(countries)})


def missions(at: dt.datetime | None, countries: Sequence[str] = ()) -> pd.DataFrame:
    """Missions reporting on the countries, with their newest report as of `at`."""
    return cached(sql("countries_missions"), {"t": moments.reports(at), "countries": _countries(countries)})


def airspace_intervals(countries: Sequence[str] = ()) -> pd.DataFrame:
    """Country-level airspace status intervals (open/restricted/closed) with their NOTAMs."""
    return cached(sql("countries_airspace"), {"countries": _countries(countries)})


def sources_behind(at: dt.datetime | None, countries: Sequence[str] = ()) -> pd.DataFrame:
    """The files whose rows make up the picture as of `at`, newest load first."""
    return cached(sql("countries_sources"), {"t": moments.reports(at), "countries": _countries(countries)})


def source_rows(at: dt.datetime | None, countries: Sequence[str], source_ids: Sequence[int],
                limit: int = 500) -> pd.DataFrame:
    """Headcount rows of the given files (up to `limit` each), with line numbers and in_picture."""
    return cached(sql("countries_source_rows"), {
        "t": moments.reports(at), "countries": _countries(countries),
        "source_ids": [int(s) for s in source_ids], "limit": int(limit)})


def routes(countries: Sequence[str] = ()) -> pd.DataFrame:
    """Land routes (start city → crossing → onward airport) from or into the countries."""
    return cached(sql("evacuation_routes"), {"countries": _countries(countries)})


def crossings(countries: Sequence[str] = ()) -> pd.DataFrame:
    """Border crossings from or into the countries with their regime and permit rule."""
    return cached(sql("evacuation_crossings"), {"countries": _countries(countries)})


def evacuations(at: dt.datetime | None, countries: Sequence[str] = ()) -> pd.DataFrame:
    """Evacuated groups up to `at` with group number and running total per from-country."""
    return cached(sql("evacuation_done"), {"t": moments.evacuation(at), "countries": _countries(countries)})


def first_report() -> dt.datetime | None:
    """The first headcount moment in the warehouse (for the 'before the first report' message)."""
    df = cached(sql("countries_first_report"))  # a year-0 row is not the first report (see the file)
    v = df["first"].iloc[0] if len(df) else None
    return None if v is None or pd.isna(v) else pd.Timestamp(v).to_pydatetime()
