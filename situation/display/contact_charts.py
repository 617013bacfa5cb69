"""Figures of the citizen-contact page and slide: requests by topic over time, requests waiting
per mission, the alert campaigns on a timeline. DataFrames from situation.queries.contact in,
Plotly figures out; no Streamlit. Texts through t(), numbers through situation.display.formatting, and
every bar or point names its source on hover."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from situation.display.charts import _axes, _layout, _time_axis, _Times, files_text
from situation.display.countries_i18n import country_name
from situation.display.formatting import NO_VALUE, fmt_date, fmt_int, fmt_number, fmt_pct
from situation.display.palette import FONT, NEUTRAL, STATUS_COLORS
from situation.i18n import t

# Leaving first and in the strongest colour: it is what leadership watches; "other" grey.
TOPIC_COLORS: dict[str, str] = {
    "leave": "#C0392B", "medical": "#E69F00", "documents": "#0072B2", "money": "#009E73",
    "housing": "#CC79A7", "information": "#56B4E9", "other": STATUS_COLORS["unknown"],
}
CHANNEL_SYMBOLS = {"kaspi": "circle", "sms": "square", "email": "diamond", "other": "triangle-up"}


def _wrap(text: str, width: int = 60) -> str:
    """Hover text wrapped on words (Plotly does not wrap), at most six lines."""
    words, lines, cur = str(text or "").split(), [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}".strip()
    lines.append(cur)
    return "<br>".join(lines[:6]) + (" …" if len(lines) > 6 else "")


def topics_chart(df: pd.DataFrame, lang: str) -> go.Figure:
    """Requests received per day, stacked by topic (from contact_queries.topics)."""
    from situation.queries.contact import TOPICS

    fig = go.Figure()
    days = sorted(pd.to_datetime(df["day"]).unique()) if len(df) else []
    for topic in TOPICS:
        g = df[df["topic"] == topic]
        if g.empty:
            continue
        name = t(f"contact.topic.{topic}", lang)
        hover = [f"<b>{name}</b> — {fmt_date(d, lang)}<br>{t('contact.received', lang)}: {fmt_int(r, lang)}"
                 f"<br>{t('contact.resolved', lang)}: {fmt_int(s, lang)}"
                 f"<br>{t('contact.missions_reporting', lang)}: {fmt_int(m, lang)}"
                 for d, r, s, m in zip(g["day"], g["received"], g["resolved"], g["missions"], strict=True)]
        fig.add_trace(go.Bar(x=g["day"], y=g["received"], name=name, marker_color=TOPIC_COLORS[topic],
                             hovertext=hover, hovertemplate="%{hovertext}<extra></extra>"))
    fig.update_layout(**_layout(lang, t("contact.chart_topics", lang), barmode="stack", height=440,
                                legend={"orientation": "h", "y": -0.2}))
    fig.update_yaxes(title={"text": t("contact.requests", lang)}, rangemode="tozero")
    _time_axis(fig, lang, days)
    fig.update_xaxes(title={"text": t("contact.day_utc", lang)})
    return _axes(fig)


def _mission_name(r: Mapping[str, Any], lang: str) -> str:
    name = r.get(f"name_{lang}") or r.get("name_en")
    return str(name) if isinstance(name, str) and name else str(r["mission_id"])


def open_by_mission_chart(df: pd.DataFrame, lang: str) -> go.Figure:
    """Requests waiting per mission, largest on top; hover: channels, longest wait, as of, file."""
    times = _Times(lang)
    rows = df.to_dict("records")
    labels = [_mission_name(r, lang) for r in rows]
    hover = [f"<b>{lab}</b>: {fmt_int(r['requests_open'], lang)}"
             f"<br>{t('contact.channels', lang)}: {channel_names(str(r['channels']).split(', '), lang)}"
             f"<br>{t('contact.oldest', lang)}: {hours_text(r['oldest_open_hours'], lang)}"
             f"<br>{t('chart.as_of', lang)}: {times(r['as_of'])}<br>{t('chart.source', lang)}: {files_text(r['files'])}"
             for lab, r in zip(labels, rows, strict=True)]
    fig = go.Figure(go.Bar(y=labels, x=[int(v) for v in df["requests_open"]], orientation="h", marker_color=NEUTRAL["citizens"],
                           text=[fmt_int(v, lang) for v in df["requests_open"]], textposition="outside",
                           textfont={"size": FONT["base"]}, cliponaxis=False,
                           hovertext=hover, hovertemplate="%{hovertext}<extra></extra>"))
    top = float(df["requests_open"].max()) if len(df) else 1.0
    fig.update_layout(**_layout(lang, t("contact.chart_open_missions", lang), showlegend=False,
                                height=max(260, 90 + 44 * len(rows)), margin={"l": 20}))
    fig.update_xaxes(title={"text": t("contact.requests_waiting", lang)}, range=[0, top * 1.15 + 1])
    fig.update_yaxes(autorange="reversed", automargin=True)
    return _axes(fig)


def channel_names(codes: list[str], lang: str) -> str:
    """'Phone, WhatsApp' in the language (keys cannot hold the '-' of 'walk-in')."""
    return ", ".join(t(f"contact.channel.{c.replace('-', '_')}", lang) for c in codes)


def hours_text(h: Any, lang: str) -> str:
    """'28 h' in the language; — when not reported."""
    if h is None or pd.isna(h):
        return NO_VALUE
    return t("contact.hours", lang, n=fmt_number(h, lang, digits=0))


def campaigns(df: pd.DataFrame) -> pd.DataFrame:
    """Alert rows (contact_queries.alerts) folded to one row per campaign, newest first:
    sent_at (the first send), channel(s), countries, targeted/delivered/opened summed, messages
    as {language: text}."""
    if df.empty:
        return pd.DataFrame(columns=["campaign", "sent_at", "channels", "countries", "targeted", "delivered",
                                     "opened", "messages", "files"])
    out = []
    for name, g in df.groupby("campaign", sort=False):
        msgs: dict[str, str] = {}
        for lang, text in zip(g["language"], g["message"], strict=True):
            msgs.setdefault(str(lang), str(text))
        out.append({"campaign": name, "sent_at": g["sent_at"].min(), "channels": sorted(set(g["channel"])),
                    "countries": list(dict.fromkeys(g["country_iso3"])), "targeted": int(g["targeted"].sum()),
                    "delivered": int(g["delivered"].sum()),
                    "opened": int(g["opened"].sum()) if g["opened"].notna().any() else None,
                    "messages": msgs, "files": sorted(set(g["file"].dropna()))})
    return pd.DataFrame(out).sort_values("sent_at", ascending=False, kind="stable").reset_index(drop=True)


def alerts_timeline(camps: pd.DataFrame, lang: str, names: Mapping | None = None) -> go.Figure:
    """One marker per campaign at the moment it was sent, sized by phones reached; hover shows
    the audience, the delivery and the message in each language it was sent in."""
    times = _Times(lang)
    fig = go.Figure()
    rows = camps.sort_values("sent_at").to_dict("records")
    biggest = max([r["delivered"] for r in rows] or [1]) or 1
    first, last = (pd.Timestamp(rows[0]["sent_at"]), pd.Timestamp(rows[-1]["sent_at"])) if rows else (None, None)
    span = (last - first) if rows else pd.Timedelta(0)
    pad = max(pd.Timedelta(hours=6), span * 0.08)
    right_third = first + span * 0.66 if rows else None
    for r in rows:
        where = ", ".join(country_name(c, lang, names, short=True) for c in r["countries"])
        share = fmt_pct(r["delivered"] / r["targeted"], lang) if r["targeted"] else NO_VALUE
        texts = "<br>".join(f"<i>[{code}]</i> {_wrap(text)}" for code, text in r["messages"].items())
        hover = (f"<b>{r['campaign']}</b> — {times(r['sent_at'])}<br>{t('contact.audience', lang)}: {where}"
                 f"<br>{t('contact.delivered_of', lang, delivered=fmt_int(r['delivered'], lang), targeted=fmt_int(r['targeted'], lang), share=share)}"
                 f"<br>{texts}<br>{t('chart.source', lang)}: {files_text(r['files'])}")
        channel = r["channels"][0] if r["channels"] else "other"
        fig.add_trace(go.Scatter(
            x=[r["sent_at"]], y=[r["campaign"]], mode="markers+text", showlegend=False,
            marker={"size": 18 + 30 * (r["delivered"] / biggest) ** 0.5, "color": "#0072B2",
                    "symbol": CHANNEL_SYMBOLS.get(channel, "circle"), "line": {"width": 1, "color": "#FFFFFF"}},
            # the audience beside the marker, on the side with room for it
            text=[where], textposition="middle left" if len(rows) > 1 and pd.Timestamp(r["sent_at"]) > right_third
            else "middle right", textfont={"size": FONT["small"]},
            hovertext=[hover], hovertemplate="%{hovertext}<extra></extra>"))
    fig.update_layout(**_layout(lang, t("contact.chart_alerts", lang), height=max(260, 120 + 70 * len(rows)),
                                margin={"l": 20, "r": 30}))
    fig.update_yaxes(automargin=True, autorange="reversed", type="category")
    _time_axis(fig, lang, [r["sent_at"] for r in rows])
    if rows:  # room on both sides for the markers and their labels
        fig.update_xaxes(range=[first - pad, last + pad * (1 if len(rows) > 1 else 8)])
    return _axes(fig)
