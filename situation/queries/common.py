"""Read queries: parameterised SQL (situation/queries/sql/) in, DataFrames out, cached on the warehouse version."""
from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import pandas as pd

from situation.queries.warehouse import cached

SQL = Path(__file__).resolve().parent / "sql"


@cache
def sql(name: str) -> str:
    return (SQL / f"{name}.sql").read_text(encoding="utf-8")


def utc_naive(t: dt.datetime | None) -> dt.datetime:
    """The warehouse stores naive UTC; convert an aware moment, default to now."""
    if t is None:
        return dt.datetime.now(dt.UTC).replace(tzinfo=None)
    if t.tzinfo is not None:
        return t.astimezone(dt.UTC).replace(tzinfo=None)
    return t




def countries_table() -> pd.DataFrame:
    return cached(sql("countries_reference"))




def data_extent() -> dict:
    """First and last report moments and whether everything loaded is sample data."""
    df = cached(sql("data_extent"))
    row = df.iloc[0]
    return {"first": None if pd.isna(row["first"]) else row["first"].to_pydatetime(),
            "last": None if pd.isna(row["last"]) else row["last"].to_pydatetime(),
            "sample_only": bool(row["sample_only"])}


def filter_countries() -> pd.DataFrame:
    """Countries offered in the filter: the region's, plus any country that has reports."""
    return cached(sql("filter_countries"))


def opening_moment() -> dt.datetime | None:
    """The moment the dashboard opens on: the embedded sample at its last report (it describes a
    past day), anything else live (None = now). The briefing CLI defaults to the same, so the
    documented command gives the pack of the screen a reader has just seen."""
    extent = data_extent()
    return extent["last"] if extent["sample_only"] and extent["last"] is not None else None
