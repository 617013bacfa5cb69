"""Queries behind the citizen-contact page, its overview indicators and its briefing slide.

Every figure at a moment comes from the warehouse's contract macros contact_at(t) and
hotline_open_at(t) (etl/sql/schema/70–71); nothing here re-derives "what is open at t". The SQL
lives in situation/sql/contact_*.sql; results are cached on the warehouse version.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from situation.queries import sql, utc_naive
from situation.warehouse import cached

TOPICS = ("leave", "medical", "documents", "money", "housing", "information", "other")
CHANNELS = ("phone", "whatsapp", "telegram", "email", "walk-in", "other")
TOPIC_DAYS = 14  # the topic chart's window: the crisis's first fortnight fits, bars stay readable


def _countries(countries: Sequence[str]) -> list[str]:
    return [str(c).upper() for c in countries]


def by_country(at: dt.datetime | None, countries: Sequence[str] = ()) -> pd.DataFrame:
    """contact_at(at) for the chosen countries: one row per country."""
    return cached(sql("contact_by_country"), {"t": utc_naive(at), "countries": _countries(countries)})


def totals(at: dt.datetime | None, countries: Sequence[str] = ()) -> pd.DataFrame:
    """The indicators summed over the chosen countries, indexed by state 'now' and 'day' (−24 h)."""
    df = cached(sql("contact_totals"), {"t": utc_naive(at), "countries": _countries(countries)})
    return df.set_index("state")


def topics(at: dt.datetime | None, countries: Sequence[str] = (), days: int = TOPIC_DAYS) -> pd.DataFrame:
    """Requests received per day and topic over the `days` days up to `at`."""
    return cached(sql("contact_topics"), {"t": utc_naive(at), "countries": _countries(countries),
                                          "days": int(days)})


def open_by_mission(at: dt.datetime | None, countries: Sequence[str] = ()) -> pd.DataFrame:
    """Requests waiting at `at` per mission, with channels, the longest wait and the files."""
    return cached(sql("contact_open_by_mission"), {"t": utc_naive(at), "countries": _countries(countries)})


def alerts(at: dt.datetime | None, countries: Sequence[str] = ()) -> pd.DataFrame:
    """Alert campaign rows sent by `at` (one per campaign, country and language), newest first."""
    return cached(sql("contact_alerts"), {"t": utc_naive(at), "countries": _countries(countries)})
