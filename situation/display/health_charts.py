"""Data-health chart builder: rows loaded and rejected over time (no Streamlit here)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from situation.display.formatting import fmt_datetime, fmt_int
from situation.display.palette import FONT, NEUTRAL, STATUS_COLORS, plotly_layout
from situation.i18n import t


def loads_figure(per_hour: pd.DataFrame, lang: str) -> go.Figure:
    """Stacked bars per load hour: rows loaded (blue) and rows rejected (vermillion), summed over
    kinds; hover names the hour (UTC), the counts and the number of files behind them."""
    g = (per_hour.groupby("hour", as_index=False)
                 .agg(rows_loaded=("rows_loaded", "sum"), rows_rejected=("rows_rejected", "sum"),
                      files=("files", "sum"))) if len(per_hour) else per_hour
    fig = go.Figure()
    hover = ["<br>".join((t("health.loads_hover_time", lang, time=fmt_datetime(h, lang)),
                          f"{t('health.rows_loaded', lang)}: {fmt_int(lo, lang)}",
                          f"{t('health.rows_rejected', lang)}: {fmt_int(rj, lang)}",
                          f"{t('health.files', lang)}: {fmt_int(n, lang)}"))
             for h, lo, rj, n in zip(g["hour"], g["rows_loaded"], g["rows_rejected"], g["files"])]
    for col, key, color in (("rows_loaded", "health.rows_loaded", NEUTRAL["citizens"]),
                            ("rows_rejected", "health.rows_rejected", STATUS_COLORS["closed"])):
        fig.add_trace(go.Bar(name=t(key, lang), x=list(g["hour"]), y=list(g[col]), marker_color=color,
                             customdata=hover, hovertemplate="%{customdata}<extra></extra>"))
    # Ticks as our own text: Plotly's month names are English (docs/i18n.md).
    ticks = list(g["hour"])[:: max(1, len(g) // 6)]
    fig.update_xaxes(type="date", tickvals=ticks, ticktext=[fmt_datetime(x, lang) for x in ticks],
                     title={"text": t("health.axis_load_time", lang)})
    fig.update_yaxes(title={"text": t("health.axis_rows", lang)}, rangemode="tozero")
    fig.update_layout(**plotly_layout(
        lang, barmode="stack", height=340,
        title={"text": t("health.loads_chart_title", lang), "font": {"size": FONT["title"]}},
        legend={"orientation": "h", "y": -0.3, "x": 0}))
    return fig
