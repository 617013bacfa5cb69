"""Queries behind the citizen-contact page, its overview indicators and its briefing slide.

Every figure at a moment comes from the warehouse's contract macros contact_at(t) and
hotline_open_at(t) (etl/sql/schema/70–71); nothing here re-derives "what is open at t". The SQL
lives in situation/queries/sql/contact_*.sql; results are cached on the warehouse version.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from situation.queries import moments
from situation.queries.common import sql, utc_naive
from situation.queries.warehouse import cached

TOPICS = ("leave", "medical", "documents", "money", "housing", "information", "other")
CHANNELS = ("phone", "whatsapp", "telegram", "email", "walk-in", "other")
TOPIC_DAYS = 14  # the topic chart's window: the crisis's first fortnight fits, bars stay readable


def _countries(countries: Sequence[str]) -> list[str]:
    return [str(c).upper() for c in countries]


def by_country(at: dt.datetime | None, countries: Sequence[str] = ()) -> pd.DataFrame:
    """contact_at(at) for the chosen countries: one row per country."""
    # For the newest moment the answer can change at, not the clock (moments.contact): a live
    # page does not rerun this whole-history query every minute.
    return cached(sql("contact_by_country"), {"t": moments.contact(at), "countries": _countries(countries)})


def totals(at: dt.datetime | None, countries: Sequence[str] = ()) -> pd.DataFrame:
    """The indicators summed over the chosen countries from contact_at (by_country), indexed by
    state: 'now', and 'day' holding only the requests waiting 24 hours before.

    The reach is the latest alerts' deliveries over the citizens of all chosen countries: a
    country no alert reached counts as not reached."""
    t = utc_naive(at)
    df = by_country(t, countries)
    present = int(df["present"].sum())
    delivered = df["alert_delivered"].dropna()
    now = {
        "requests_open": int(df["requests_open"].sum()), "requests_24h": int(df["requests_24h"].sum()),
        "resolved_24h": int(df["resolved_24h"].sum()),
        "oldest_open_hours": df["oldest_open_hours"].max() if df["oldest_open_hours"].notna().any() else None,
        "last_alert_at": df["last_alert_at"].max() if df["last_alert_at"].notna().any() else None,
        "alert_delivered": int(delivered.sum()) if len(delivered) else None, "present": present,
        "alert_reach": float(delivered.sum()) / present if present and len(delivered) else None,
        "countries_alerted": int(df["last_alert_at"].notna().sum()),
    }
    before = cached(sql("contact_waiting"), {"t": moments.contact(t - dt.timedelta(hours=24)),
                                             "countries": _countries(countries)})
    day = {k: None for k in now} | {"requests_open": int(before["requests_open"].iloc[0])}
    return pd.DataFrame([now, day], index=pd.Index(["now", "day"], name="state"))


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
