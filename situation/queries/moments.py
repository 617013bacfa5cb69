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
from situation.queries.warehouse import NoWarehouse, Version, db_path, per_version, query, version


def _moments(name: str, v: Version) -> np.ndarray:
    def build(v: Version) -> np.ndarray:
        return query(sql(name), v=v)["m"].to_numpy(dtype="datetime64[us]")

    return per_version(name, build, v)


def _union(names: tuple[str, ...], v: Version | None) -> np.ndarray:
    """The moments of several sets in one sorted array (kept per version like each set)."""
    v = v or version()
    if v is None:
        raise NoWarehouse(str(db_path()))
    if len(names) == 1:
        return _moments(names[0], v)
    return per_version("+".join(names), lambda v: np.unique(np.concatenate([_moments(n, v) for n in names])), v)


def _newest_at_or_before(at: dt.datetime | None, *names: str) -> dt.datetime:
    t = utc_naive(at)
    moments = _union(names, None)
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


def evacuation(at: dt.datetime | None) -> dt.datetime:
    """The newest moment at or before `at` at which a headcount report, a movement or an
    evacuation group changes what evacuation_at(t), movements_at(t) and departures_at(t) say —
    or the movements board and the 72-hour plan, whose windows move with t: every query of the
    Evacuation page gives the same answer at `at` and at this moment."""
    return _newest_at_or_before(at, "moments_reports", "moments_evacuation")


def overview(at: dt.datetime | None) -> dt.datetime:
    """The same for the Overview's queries, which read headcounts, airspace and the evacuation
    operation together: the newest moment at or before `at` in all three sets."""
    return _newest_at_or_before(at, "moments_reports", "moments_airspace", "moments_evacuation")



def contact(at: dt.datetime | None) -> dt.datetime:
    """The newest moment at or before `at` at which contact_at(t) or hotline_open_at(t) can
    change (a report, a hotline period's end or its leaving the last 24 hours, a campaign)."""
    return _newest_at_or_before(at, "moments_reports", "moments_contact")
