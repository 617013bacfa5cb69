"""The Evacuation page's figures, built once per warehouse version, moment, countries and
language and shared by every rerun and session (situation.display.page_cache): a warm rerun
used to redraw the cumulative chart and the groups chart every time (with their copies for the
export buttons, half the page's CPU in a profile). Both read the moment shown itself (the
chart's last point, its "now" line), so they are keyed on it; the queries under them stand
still in live mode (moments.evacuation)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import plotly.graph_objects as go

from situation.display import charts
from situation.display.evacuation_charts import operation_chart as _operation_chart
from situation.display.page_cache import memo, names
from situation.queries import evacuation as eq
from situation.queries import trends


def operation_chart(at: dt.datetime, countries: Sequence[str], lang: str, country: str | None) -> go.Figure:
    """Evacuated and remaining over the operation, for `country` or the whole selection (read-only)."""
    c = tuple(countries)
    return memo(("evop_chart", at, c, lang, country),
                lambda: _operation_chart(eq.series(at, c), lang, names(), country))


def evacuations_chart(at: dt.datetime, countries: Sequence[str], lang: str) -> go.Figure:
    """The groups already out, from the evacuation reports, up to `at` (read-only)."""
    c = tuple(countries)
    return memo(("evac_groups_chart", at, c, lang),
                lambda: charts.evacuations_chart(trends.evacuations(at, c), lang, names(), at=at))
