"""Plotly figures of the evacuation operation (page and briefing pack): cumulative evacuated
against remaining, and the forecast's remaining people day by day. No Streamlit here."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from situation.display.charts import _layout
from situation.display.countries_i18n import country_name
from situation.display.formatting import fmt_datetime, fmt_int
from situation.display.palette import FONT, country_color
from situation.i18n import t
from situation.queries.forecast import Forecast

EVACUATED_COLOR = "#2E7D32"
REMAINING_COLOR = "#E69F00"


def _plain_layout(lang: str, title: str, height: int, short_time: bool) -> dict:
    """The wall-screen layout as a plain dict, without Plotly's named template (its validation
    alone costs ~60 ms a figure): white background and grid set directly, fonts as everywhere."""
    layout = _layout(lang, title, height=height, legend={"orientation": "h", "y": -0.22})
    layout.pop("template", None)
    grid = {"gridcolor": "#EBF0F8", "zerolinecolor": "#EBF0F8", "tickfont": {"size": FONT["small"]},
            "title_font": {"size": FONT["axis"]}}
    layout.update(plot_bgcolor="white", paper_bgcolor="white",
                  xaxis={**grid, "type": "date", "tickformat": "%d.%m %H:%M" if short_time else "%d.%m",
                         "title": {"text": t("chart.time_utc", lang)}, "hoverformat": "%d.%m.%Y %H:%M"},
                  yaxis={**grid, "title": {"text": t("chart.people", lang)}, "rangemode": "tozero"})
    return layout


def operation_chart(series: pd.DataFrame, lang: str, names: Mapping | None = None,
                    country: str | None = None) -> go.Figure:
    """Stacked area over time: people evacuated (below) and still wanting to leave (above), for
    one country or summed over the selection. Each point is one evacuation_at moment."""
    df = series if country is None else series[series["country_iso3"] == country]
    agg = df.groupby("t", as_index=False).agg(evacuated=("evacuated", "sum"),
                                              remaining=("remaining", lambda s: s.sum(min_count=1)))
    title = t("evop.chart.operation", lang,
              where=country_name(country, lang, names) if country else t("evop.chart.all", lang))
    moments = [pd.Timestamp(m).to_pydatetime() for m in agg["t"]]
    xs = [m.isoformat(sep=" ") for m in moments]
    traces = []
    for col, colour, key in (("evacuated", EVACUATED_COLOR, "evop.evacuated"),
                             ("remaining", REMAINING_COLOR, "evop.remaining")):
        values = [0 if pd.isna(v) else int(v) for v in agg[col]]
        hover = [f"<b>{t(key, lang)}</b>: {fmt_int(v, lang)}<br>{t('chart.as_of', lang)}: {fmt_datetime(m, lang)}"
                 "<br>evacuation_at" for v, m in zip(values, moments)]
        traces.append({"type": "scatter", "x": xs, "y": values, "name": t(key, lang), "stackgroup": "one",
                       "mode": "lines", "line": {"width": 2, "color": colour}, "fillcolor": colour,
                       "hovertext": hover, "hovertemplate": "%{hovertext}<extra></extra>"})
    short = len(moments) > 1 and (moments[-1] - moments[0]) < dt.timedelta(days=2)
    layout = _plain_layout(lang, title, 440, short)
    if moments:
        done, left = traces[0]["y"][-1], traces[1]["y"][-1]
        layout["annotations"] = [
            {"x": xs[-1], "y": y, "text": fmt_int(v, lang), "showarrow": False, "xanchor": "right",
             "yanchor": "bottom", "font": {"size": 20}} for v, y in ((done, done), (left, done + left))]
    return go.Figure(data=traces, layout=layout)


def forecast_chart(fc: Forecast, lang: str, names: Mapping | None = None) -> go.Figure:
    """People still to bring home at the end of each day, one line per country.

    Redrawn on every slider change, so it is built in one go from plain dicts and without
    Plotly's named template (whose validation alone takes ~60 ms): the white background and
    grid are set directly, looking the same as the other charts."""
    # A country that never clears would stretch the axis over the whole horizon: show the days
    # up to a little after the last one that does clear (at least a week, at most two months).
    cleared = [c.days for c in fc.countries if c.days is not None]
    limit = fc.start + dt.timedelta(days=min(60, max(7, (max(cleared) if cleared else 0) + 2)))
    first = last = fc.start
    day_end = dt.time(23, 59)
    traces = []
    for c in fc.countries:
        if not c.series:
            continue
        xs = [fc.start] + [dt.datetime.combine(d, day_end) for d, _ in c.series]
        ys = [c.remaining] + [n for _, n in c.series]
        if c.clear_at is not None:
            xs[-1], ys[-1] = c.clear_at, 0
        keep = [i for i, x in enumerate(xs) if x <= limit]
        # ISO text, not datetime objects: Plotly deep-copies the data, and strings copy for free.
        xs, ys = [xs[i].isoformat(sep=" ") for i in keep], [int(ys[i]) for i in keep]
        if keep:
            last = max(last, dt.datetime.fromisoformat(xs[-1]))
        name = country_name(c.iso3, lang, names, short=True)
        traces.append({"type": "scatter", "x": xs, "y": ys, "name": name, "mode": "lines",
                       "line": {"width": 4, "color": country_color(c.iso3)},
                       "hovertemplate": f"<b>{name}</b>: %{{y:,.0f}}<br>%{{x|%d.%m.%Y}}<extra></extra>"})
    layout = _plain_layout(lang, t("evop.chart.forecast", lang), 400, (last - first) < dt.timedelta(days=2))
    return go.Figure(data=traces, layout=layout)
