"""Plotly figure builders shared by the pages and the briefing export: DataFrame (+ lang) → Figure.

No Streamlit here. Every text goes through t(), numbers and dates through situation.display.formatting,
colours through situation.display.palette. Every point's hover names its value, its as-of time (UTC) and
the source file it comes from, so each number on a chart is traceable. Time axes show numeric
day.month ticks, since Plotly's own month names are English only.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from situation.display.countries_i18n import country_name
from situation.display.formatting import NO_VALUE, fmt_count, fmt_datetime, fmt_int
from situation.display.palette import (
    CATEGORY_COLORS,
    FONT,
    GROUP_COLORS,
    STATUS_COLORS,
    country_color,
    plotly_layout,
)
from situation.i18n import t

GROUPS = ("elderly", "women", "children")
STATUSES = ("closed", "restricted", "open", "unknown")  # unknown: no data, hatched (never "open")
_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "cross", "x")


def files_text(files: Any) -> str:
    """A list of file names (DuckDB list → numpy array or list) as one short line."""
    if files is None or (not isinstance(files, str) and not hasattr(files, "__iter__")):
        return NO_VALUE
    names = [files] if isinstance(files, str) else [str(f) for f in files if f is not None]
    if not names:
        return NO_VALUE
    return ", ".join(names[:3]) + (f" (+{len(names) - 3})" if len(names) > 3 else "")


class _Times:
    """fmt_datetime memoised per value: a chart repeats the same few report moments many times."""

    def __init__(self, lang: str) -> None:
        self.lang, self.seen = lang, {}

    def __call__(self, ts: Any) -> str:
        key = None if ts is None or pd.isna(ts) else pd.Timestamp(ts)
        if key not in self.seen:
            self.seen[key] = fmt_datetime(key, self.lang) if key is not None else NO_VALUE
        return self.seen[key]


def _layout(lang: str, title: str, **overrides: Any) -> dict[str, Any]:
    """The shared wall-screen layout; title and dict overrides are merged into the base dicts,
    since plotly_layout's own update would replace them (and lose the font sizes)."""
    base = plotly_layout(lang)
    for key, value in {**overrides, "title": {"text": title}}.items():
        base[key] = {**base[key], **value} if isinstance(value, dict) and isinstance(base.get(key), dict) else value
    return base


def _axes(fig: go.Figure) -> go.Figure:
    """Axis ticks and titles at wall-screen sizes, set on the axes themselves so that a theme
    (Streamlit's own applies smaller tick fonts) cannot shrink them."""
    for update in (fig.update_xaxes, fig.update_yaxes):
        update(tickfont={"size": FONT["small"]}, title_font={"size": FONT["axis"]})
    return fig


def _time_axis(fig: go.Figure, lang: str, moments: Iterable[Any]) -> None:
    ts = pd.to_datetime(pd.Series(list(moments)), errors="coerce").dropna()
    span = (ts.max() - ts.min()) if len(ts) else pd.Timedelta(0)
    short = span < pd.Timedelta(days=2)
    fig.update_xaxes(type="date", tickformat="%d.%m %H:%M" if short else "%d.%m",
                     title={"text": t("chart.time_utc", lang)}, hoverformat="%d.%m.%Y %H:%M")
    if not short and span <= pd.Timedelta(days=20):
        # Plotly would put ticks every 12 h: with a day-only label each date would show twice.
        fig.update_xaxes(dtick=86_400_000, tick0=ts.min().normalize())


def _label(dim: str, row_grp: str, label: str, iso3: str, lang: str, names: Mapping | None,
           many_countries: bool) -> str:
    if dim == "country":
        return country_name(iso3, lang, names)
    if dim == "category":
        return t(f"category.{label}", lang)
    city = label or t("chart.whole_country", lang)
    return f"{city} ({country_name(iso3, lang, names, short=True)})" if many_countries else city


def trend_chart(df: pd.DataFrame, lang: str, dim: str = "country", names: Mapping | None = None,
                max_lines: int = 12) -> go.Figure:
    """Citizens over time (from trends.trend): lines per country/city, stacked areas per category.

    A step shape ('hv'): a figure holds until the next report changes it. Cities beyond
    `max_lines` (the smallest at the last point) are left out and said so in the title.
    """
    fig = go.Figure()
    as_of = t("chart.as_of", lang)
    many = df["country_iso3"].nunique() > 1 if len(df) else False
    last = df.sort_values("moment").groupby("grp")["citizens"].last().sort_values(ascending=False)
    keep = list(last.index[:max_lines])
    city_no: dict[str, int] = {}
    for grp in keep:
        g = df[df["grp"] == grp]
        iso3, label = str(g["country_iso3"].iloc[0]), str(g["label"].iloc[0])
        name = _label(dim, grp, label, iso3, lang, names, many)
        # The name once per trace and only value and as-of per point: the files behind a point
        # are shown on demand (trend_point, when the point is clicked), not sent with every point.
        # Bytes per point matter (a trend has ~1 000 points and kk/ru text is sent \u-escaped):
        # the number is formatted by Plotly (layout.separators follow the language), "about" is
        # said once per trace when every point of it is an estimate, and the time is numeric.
        approx = g["approximate"].fillna(False).astype(bool)
        when = [_hover_time(ts) for ts in g["as_of"]]
        if approx.all() or not approx.any():
            value = t("approx.about", lang, n="%{y:,}") if approx.all() else "%{y:,}"
            counts = None
        else:
            value, counts = "%{text}", [fmt_count(n, a, lang) for n, a in zip(g["citizens"], approx)]
        style: dict[str, Any] = {"shape": "hv", "width": 3}
        kw: dict[str, Any] = {}
        if dim == "category":
            # Thin edges: a stacked area is read by its bands, a thick top line would hide the thin ones.
            style.update(color=CATEGORY_COLORS.get(label, STATUS_COLORS["unknown"]), width=1)
            kw = {"stackgroup": "one", "fillcolor": style["color"]}
        else:
            style["color"] = country_color(iso3)
            if dim == "city":
                i = city_no[iso3] = city_no.get(iso3, -1) + 1
                style["dash"] = _DASHES[i % len(_DASHES)]
                kw = {"marker": {"symbol": _SYMBOLS[i % len(_SYMBOLS)], "size": 8}}
        # x as epoch milliseconds (a date axis reads them as UTC): sent as a packed array, not as
        # one ISO string per point.
        x = pd.to_datetime(g["moment"]).to_numpy(dtype="datetime64[ms]").astype("int64")
        fig.add_trace(go.Scatter(x=x, y=g["citizens"], name=name, line=style, meta=grp,
                                 mode="lines" if dim == "category" else "lines+markers",
                                 text=counts, hovertext=when,
                                 hovertemplate=f"<b>%{{fullData.name}}</b>: {value}<br>{as_of}: %{{hovertext}} UTC"
                                               "<extra></extra>",
                                 **kw))
    title = t(f"chart.trend_{dim}", lang)
    total = int(df["n_groups"].max()) if "n_groups" in df and len(df) else len(last)  # before SQL's cut
    if max(total, len(last)) > len(keep):
        title += " — " + t("chart.top_n", lang, n=fmt_int(len(keep), lang),
                           total=fmt_int(max(total, len(last)), lang))
    fig.update_layout(**_layout(lang, title, height=460, hovermode="closest",
                                      legend={"orientation": "h", "y": -0.2}))
    fig.update_yaxes(title={"text": t("chart.citizens", lang)}, rangemode="tozero")
    _time_axis(fig, lang, df["moment"] if len(df) else [])
    return _axes(fig)


def _hover_time(ts: Any) -> str:
    """A report moment on a trend point's hover: numeric, as the axes are (UTC said once)."""
    return NO_VALUE if ts is None or pd.isna(ts) else pd.Timestamp(ts).strftime("%d.%m.%Y %H:%M")


def trend_point(df: pd.DataFrame, fig: go.Figure, curve: int, index: int) -> pd.Series | None:
    """The trend row (with its `files`) behind point `index` of trace `curve` of trend_chart's
    figure: the provenance of one point, looked up when it is clicked."""
    if not 0 <= curve < len(fig.data):
        return None
    g = df[df["grp"] == fig.data[curve].meta]
    return g.iloc[index] if 0 <= index < len(g) else None


def vulnerable_bar(df: pd.DataFrame, lang: str, names: Mapping | None = None) -> go.Figure:
    """Elderly, women and children per country (from trends.vulnerable), grouped bars."""
    fig = go.Figure()
    times = _Times(lang)
    # Short forms (БАӘ, КСА, UAE) keep the axis labels horizontal and whole on a wall screen.
    labels = [country_name(c, lang, names, short=True) for c in df["country_iso3"]]
    for grp in GROUPS:
        gname = t(f"group.{grp}", lang)
        hover = [f"<b>{c}</b> — {gname}: {fmt_int(v, lang)}<br>{t('chart.as_of', lang)}: {times(ts)}"
                 f"<br>{t('chart.source', lang)}: {files_text(fs)}"
                 for c, v, ts, fs in zip(labels, df[grp], df["as_of"], df["files"])]
        fig.add_trace(go.Bar(x=labels, y=df[grp], name=gname, marker_color=GROUP_COLORS[grp],
                             hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
                             text=[fmt_int(v, lang) if pd.notna(v) else "" for v in df[grp]],
                             textposition="outside", textfont={"size": 16}))
    fig.update_traces(cliponaxis=False)
    fig.update_layout(**_layout(lang, t("chart.vulnerable", lang), barmode="group",
                                uniformtext={"minsize": FONT["small"], "mode": "show"},
                                      height=420, legend={"orientation": "h", "y": -0.2}))
    fig.update_yaxes(title={"text": t("chart.people", lang)}, rangemode="tozero")
    return _axes(fig)


def airspace_gantt(df: pd.DataFrame, lang: str, names: Mapping | None = None,
                   at: dt.datetime | None = None, until: dt.datetime | None = None) -> go.Figure:
    """Airspace status intervals per country (airspace level='country') as horizontal bars.

    Open-ended intervals run to `until` (default a day past the later of `at` and the last
    start). A dashed line marks the moment the page shows. NOTAM ids and the file on hover.
    """
    fig = go.Figure()
    times = _Times(lang)
    starts = pd.to_datetime(df["valid_from"]) if len(df) else pd.Series(dtype="datetime64[ns]")
    horizon = pd.Timestamp(until) if until else max([s for s in [starts.max() if len(starts) else None,
                                                                 pd.Timestamp(at) if at else None]
                                                     if s is not None and pd.notna(s)],
                                                    default=pd.Timestamp.now()) + pd.Timedelta(days=1)
    ends = pd.to_datetime(df["valid_to"]).fillna(horizon) if len(df) else starts
    rows = df.assign(_start=starts, _end=ends, _name=[country_name(c, lang, names) for c in df["country_iso3"]])
    for status in STATUSES:
        g = rows[rows["status"] == status]
        if g.empty:
            continue
        hover = [f"<b>{n}</b>: {t(f'status.{status}', lang)}<br>{t('chart.interval_from', lang)}: {times(s)}"
                 f"<br>{t('chart.interval_to', lang)}: {times(e) if pd.notna(e) else t('chart.open_ended', lang)}"
                 f"{' (' + t('chart.estimated', lang) + ')' if est else ''}"
                 f"<br>NOTAM: {files_text(ids) if len(ids) else NO_VALUE}"
                 f"<br>{t('chart.source', lang)}: {f if isinstance(f, str) else NO_VALUE}"
                 for n, s, e, est, ids, f in zip(g["_name"], g["valid_from"], g["valid_to"],
                                                 g["estimated_end"], g["notam_ids"], g["file"])]
        fig.add_trace(go.Bar(y=g["_name"], base=g["_start"], orientation="h",
                             x=(g["_end"] - g["_start"]).dt.total_seconds() * 1000,
                             name=t(f"status.{status}", lang), marker_color=STATUS_COLORS[status],
                             marker_pattern_shape="/" if status == "unknown" else "",
                             hovertext=hover, hovertemplate="%{hovertext}<extra></extra>"))
    if at is not None:
        fig.add_vline(x=pd.Timestamp(at), line={"dash": "dash", "color": "#1A1A1A", "width": 2})
    fig.update_layout(**_layout(lang, t("chart.airspace", lang), barmode="overlay",
                                      height=max(260, 90 + 48 * max(1, rows["_name"].nunique())),
                                      legend={"orientation": "h", "y": -0.25}))
    fig.update_yaxes(autorange="reversed")
    _time_axis(fig, lang, list(rows["_start"]) + list(rows["_end"]))
    return _axes(fig)


def evacuations_chart(df: pd.DataFrame, lang: str, names: Mapping | None = None,
                      at: dt.datetime | None = None) -> go.Figure:
    """People evacuated, cumulative over time per from-country (from trends.evacuations).

    With `at`, each line runs on (dotted) to that moment: the total still stands then.
    """
    fig = go.Figure()
    times = _Times(lang)
    via_col = f"via_{lang}"
    for iso3, g in df.groupby("from_iso3", sort=False):
        name = country_name(str(iso3), lang, names)
        hover = [f"<b>{t('chart.group_no', lang, n=fmt_int(no, lang))}</b> — {fmt_int(p, lang)} {t('unit.people', lang)}"
                 f"<br>{t('chart.total', lang)}: {fmt_int(c, lang)}<br>{t('chart.as_of', lang)}: {times(d)}"
                 f"<br>{t('chart.route', lang)}: {city or name} → {country_name(str(to), lang, names)}"
                 f"<br>{t('chart.via', lang)}: {v if isinstance(v, str) else via}"
                 f"<br>{t('chart.note', lang)}: {note if isinstance(note, str) else NO_VALUE}"
                 f"<br>{t('chart.source', lang)}: {f}, {t('chart.line', lang)} {ln}"
                 for no, p, c, d, city, to, v, via, note, f, ln in zip(
                     g["group_no"], g["people"], g["cumulative"], g["date"], g["from_city"], g["to_iso3"],
                     g.get(via_col, g["via"]), g["via"], g["note"], g["file"], g["line"])]
        fig.add_trace(go.Scatter(x=g["date"], y=g["cumulative"], name=name, mode="lines+markers+text",
                                 line={"shape": "hv", "width": 4, "color": country_color(str(iso3))},
                                 marker={"size": 14}, text=[fmt_int(c, lang) for c in g["cumulative"]],
                                 textposition="top left", textfont={"size": 18},
                                 hovertext=hover, hovertemplate="%{hovertext}<extra></extra>"))
        if at is not None and pd.Timestamp(at) > pd.Timestamp(g["date"].iloc[-1]):
            fig.add_trace(go.Scatter(x=[g["date"].iloc[-1], at], y=[g["cumulative"].iloc[-1]] * 2, mode="lines",
                                     line={"width": 3, "dash": "dot", "color": country_color(str(iso3))},
                                     hoverinfo="skip", showlegend=False))
    fig.update_layout(**_layout(lang, t("chart.evacuated", lang), height=420,
                                      legend={"orientation": "h", "y": -0.2}))
    top = float(df["cumulative"].max()) if len(df) else 1.0
    # Headroom so the running total printed above the last point is not cut off.
    fig.update_yaxes(title={"text": t("chart.people", lang)}, range=[0, top * 1.2 + 1])
    _time_axis(fig, lang, list(df["date"]) + ([pd.Timestamp(at)] if at is not None and len(df) else []))
    return _axes(fig)
