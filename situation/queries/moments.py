"""The moment a query needs, not the clock: a picture changes only when a report or an airspace
interval does.

headcounts_at(t) is the same for every t from one report moment up to the next, and airspace_at(t)
the same between two interval bounds. So the read queries take the newest such moment at or
before the moment asked for. In live mode ("now") that moment stands still until a load brings a
newer report, and the cache key — the warehouse version and this moment — stays put instead of
moving every minute and making every session recompute whole-history queries at once.
Display (the page's "as of", report ages) keeps the real moment; only the queries are keyed on
the snapped one.
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from situation.queries.common import sql, utc_naive
from situation.queries.warehouse import Version, per_version, query


def _moments(name: str) -> np.ndarray:
    def build(v: Version) -> np.ndarray:
        return query(sql(name), v=v)["m"].to_numpy(dtype="datetime64[us]")

    return per_version(name, build)


def _newest_at_or_before(at: dt.datetime | None, name: str) -> dt.datetime:
    t = utc_naive(at)
    moments = _moments(name)
    i = int(np.searchsorted(moments, np.datetime64(t, "us"), side="right"))
    if i == 0:
        return t  # before the first one: the picture is empty whatever t is
    return pd.Timestamp(moments[i - 1]).to_pydatetime()


def reports(at: dt.datetime | None) -> dt.datetime:
    """The newest headcount report moment at or before `at` (`at` itself before the first)."""
    return _newest_at_or_before(at, "moments_reports")


def airspace(at: dt.datetime | None) -> dt.datetime:
    """The newest airspace interval or NOTAM bound at or before `at`."""
    return _newest_at_or_before(at, "moments_airspace")
