"""Airspace chart and map builders: DataFrames in, a Plotly timeline or a pydeck map out.

No Streamlit here (the briefing export and tests use the same builders). Every visible string
goes through t(); colours come from situation.display.palette; the moment and the sources are on hover.
"""
from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from situation.display.countries_i18n import country_name, sort_countries
from situation.display.formatting import fmt_datetime, month_names
from situation.display.maps import TOOLTIP, CompactDeck, light_features
from situation.display.palette import FONT, NEUTRAL, STATUS_COLORS, hex_to_rgb, plotly_layout
from situation.i18n import FALLBACK_LANG, N_, catalog, t

STATUSES = ("closed", "restricted", "open", "unknown")
# Unknown is hatched as well as grey, so it never reads as a faded status on a projector or in
# greyscale print: no data is not "open".
UNKNOWN_PATTERN = {"shape": "/", "fgcolor": "#FFFFFF", "size": 8, "solidity": 0.35}
# Past an EST end and not yet replaced: the same status colour, dotted, so the doubt is visible.
OVERRUN_PATTERN = {"shape": ".", "fgcolor": "#FFFFFF", "size": 7, "solidity": 0.3}
EXCERPT = 90       # characters of item E) on hover: enough to recognise the NOTAM
BLANK_STYLE = "/app/static/blank_style.json"  # served by Streamlit from static/: no basemap host


def _e(s: Any) -> str:
    return html.escape(str(s), quote=False)


def _list(x: Any) -> list:
    """A list column cell (numpy array from DuckDB, list, None or NaN) as a plain list."""
    if x is None or (isinstance(x, float) and pd.isna(x)):
        return []
    return list(x)


def _excerpt(text: Any, n: int = EXCERPT) -> str:
    s = " ".join(str(text or "").split())
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


def key_or(key: str, fallback: str, lang: str) -> str:
    """t(key), or `fallback` when no catalog knows the key: a rule or status added to the ETL
    later shows as its id, not as a raw "airspace.rule.…" key."""
    return t(key, lang) if key in catalog(FALLBACK_LANG) else fallback


def rule_text(rule: Any, lang: str) -> str:
    """The rule behind a status in words (rule ids from etl/airspace/rules.py and the timeline;
    several NOTAMs behind one interval give "a,b", shown as each rule's words joined by "; ")."""
    if rule is None or pd.isna(rule) or not str(rule):
        rule = "no_interval"
    return "; ".join(key_or(N_(f"airspace.rule.{r}"), r, lang) for r in str(rule).split(",") if r)


def notam_effect(status: Any, lang: str) -> str:
    """What one NOTAM does (notams.status: closed, restricted, open, aerodrome_closed, …) in words."""
    return key_or(N_(f"notam.status.{status}"), str(status), lang)


def _ago(then: Any, now: Any, lang: str) -> str:
    """"45 min" / "3 h" / "2 d" between two moments, in the language."""
    mins = max(0, int((pd.Timestamp(now) - pd.Timestamp(then)).total_seconds() // 60))
    if mins < 120:
        return t("airspace.age_minutes", lang, n=mins)
    if mins < 72 * 60:
        return t("airspace.age_hours", lang, n=mins // 60)
    return t("airspace.age_days", lang, n=mins // 1440)


def age_text(then: Any, now: Any, lang: str) -> str:
    """How long ago `then` was at `now`: "45 min", "3 h", "2 d"."""
    return _ago(then, now, lang)


def until_text(until: Any, estimated: Any, lang: str, overrun_since: Any = None, at: Any = None) -> str:
    """"5 Mar 2026, 20:00 UTC (estimated)" / "no end announced" / for an EST end that passed with
    no replacement yet: "estimated end 12 Apr 08:30 passed 45 min ago — in force until replaced"."""
    if overrun_since is not None and not pd.isna(overrun_since) and at is not None:
        return t("airspace.overrun", lang, time=fmt_datetime(overrun_since, lang), ago=_ago(overrun_since, at, lang))
    if until is None or pd.isna(until):
        return t("airspace.no_end", lang)
    s = fmt_datetime(until, lang)
    return t("airspace.estimated_suffix", lang, time=s) if bool(estimated) else s


def _day_ticks(start: dt.datetime, end: dt.datetime, lang: str) -> tuple[list[dt.datetime], list[str]]:
    """Tick at each midnight (every other one past two weeks) labelled "4 нау." in the language:
    Plotly's own month names are English."""
    months = month_names(lang, "abbreviated")
    days = max(1, (end - start).days)
    step = 1 if days <= 14 else 2
    vals = [start + dt.timedelta(days=i) for i in range(0, days + 1, step)]
    return vals, [f"{v.day} {months[v.month - 1]}" for v in vals]


def _bar_hover(r: Mapping[str, Any], country: str, at_text: str, lang: str) -> str:
    status = t(f"status.{r['status']}", lang)
    over = r.get("overrun_since")
    lines = [f"<b>{_e(country)}</b> — {_e(status)}",
             f"{_e(t('airspace.since', lang))}: {_e(fmt_datetime(r['valid_from'], lang))}",
             f"{_e(t('airspace.until', lang))}: {_e(until_text(r['valid_to'], r['estimated_end'], lang))}",
             *([_e(t("airspace.overrun_bar", lang, time=fmt_datetime(over, lang)))]
               if over is not None and not pd.isna(over) else []),
             f"{_e(t('airspace.rule_label', lang))}: {_e(rule_text(r['rule'], lang))}"]
    for nid, rule, text in zip(_list(r.get("notam_list")), _list(r.get("rule_list")),
                               _list(r.get("text_list"))):
        lines.append(f"NOTAM {_e(nid)} · {_e(rule_text(rule, lang))}<br>  E) {_e(_excerpt(text))}")
    if bool(r.get("manual")):
        lines.append(_e(t("airspace.manual_entry", lang)))
    src = r.get("source_file")
    lines.append(_e(t("airspace.hover_source", lang, source=src if isinstance(src, str) and src else "—",
                      time=at_text)))
    return "<br>".join(lines)


def timeline_figure(iv: pd.DataFrame, at: dt.datetime, start: dt.datetime, end: dt.datetime,
                    lang: str, names: Mapping[str, Any] | None = None) -> go.Figure:
    """Gantt of open / restricted / closed per country over [start, end): rows are countries in the
    language's alphabetical order, one trace per status (palette colours), a hollow diamond at an
    estimated end, a ▶ where no end is announced, a vertical line at the moment `at`."""
    at_text = fmt_datetime(at, lang)
    label = {c: country_name(c, lang, names) for c in iv["country_iso3"].unique()} if len(iv) else {}
    order = [label[c] for c in sort_countries(label, lang, names)]
    fig = go.Figure()
    df = iv.copy()
    if len(df):
        df["x0"] = df["valid_from"].clip(lower=pd.Timestamp(start))
        df["x1"] = df["valid_to"].fillna(pd.Timestamp(end)).clip(upper=pd.Timestamp(end))
        df = df[df["x1"] > df["x0"]]
    over = df["overrun_since"].notna() if len(df) and "overrun_since" in df else pd.Series(False, index=df.index)
    for status, overrun in ((s, o) for s in STATUSES for o in (False, True)):
        part = df[(df["status"] == status) & (over == overrun)] if len(df) else df
        if part.empty:
            continue
        rows = part.to_dict("records")
        pattern = UNKNOWN_PATTERN if status == "unknown" else OVERRUN_PATTERN if overrun else None
        fig.add_trace(go.Bar(
            name=t(f"status.{status}", lang) + (" — " + t("airspace.legend_overrun", lang) if overrun else ""),
            legendgroup=f"{status}{'_over' if overrun else ''}", orientation="h",
            y=[label[r["country_iso3"]] for r in rows],
            base=[r["x0"] for r in rows],
            x=[(r["x1"] - r["x0"]).total_seconds() * 1000 for r in rows],  # ms on a date axis
            marker={"color": STATUS_COLORS[status], "line": {"color": NEUTRAL["outline"], "width": 1},
                    **({"pattern": pattern} if pattern else {})},
            customdata=[_bar_hover(r, label[r["country_iso3"]], at_text, lang) for r in rows],
            hovertemplate="%{customdata}<extra></extra>",
        ))
    open_end = df[df["valid_to"].isna() & ~df["status"].isin(["open", "unknown"])] if len(df) else df
    if len(open_end):
        fig.add_trace(go.Scatter(
            name=t("airspace.legend_no_end", lang), mode="markers", hoverinfo="skip",
            x=[pd.Timestamp(end)] * len(open_end), y=[label[c] for c in open_end["country_iso3"]],
            marker={"symbol": "triangle-right", "size": 16, "color": NEUTRAL["text"]}, cliponaxis=False))
    est = df[df["estimated_end"].astype(bool) & df["valid_to"].notna()] if len(df) else df
    est = est[est["valid_to"] <= pd.Timestamp(end)] if len(est) else est
    if len(est):
        # A hollow diamond where the announced end is only an estimate (C) ... EST): the bar stays
        # one solid colour, readable from across the room, and the doubt sits where it belongs.
        fig.add_trace(go.Scatter(
            name=t("airspace.legend_estimated", lang), mode="markers", x=list(est["valid_to"]),
            y=[label[c] for c in est["country_iso3"]], cliponaxis=False,
            marker={"symbol": "diamond-open", "size": 16, "color": NEUTRAL["text"], "line": {"width": 2.5}},
            customdata=[until_text(u, True, lang) for u in est["valid_to"]],
            hovertemplate="%{customdata}<extra></extra>"))
    ticks, ticktext = _day_ticks(start, end, lang)
    fig.add_shape(type="line", xref="x", yref="paper", x0=at, x1=at, y0=0, y1=1,
                  line={"color": NEUTRAL["text"], "width": 2, "dash": "dash"})
    fig.add_annotation(x=at, y=1, xref="x", yref="paper", yanchor="bottom", showarrow=False,
                       text=_e(t("airspace.now_line", lang, time=at_text)), font={"size": FONT["small"]})
    fig.update_layout(**plotly_layout(
        lang, barmode="overlay", height=max(320, 120 + 46 * len(order)), bargap=0.25,
        title={"text": t("airspace.timeline_title", lang), "font": {"size": FONT["title"]}},
        legend={"orientation": "h", "yanchor": "top", "y": -0.08, "x": 0, "font": {"size": FONT["legend"]}},
        margin={"l": 10, "r": 30, "t": 90, "b": 60}))
    fig.update_xaxes(type="date", range=[start, end], tickvals=ticks, ticktext=ticktext,
                     title={"text": t("airspace.axis_time", lang)}, showgrid=True)
    fig.update_yaxes(categoryorder="array", categoryarray=order, autorange="reversed", title=None,
                     automargin=True)
    return fig


# --- map ---------------------------------------------------------------------------------------

def _status_tooltip(r: Mapping[str, Any], name: str, firs: Sequence[Mapping[str, Any]], at_text: str,
                    lang: str, at: Any = None) -> tuple[str, str]:
    """(title, body) as plain text: Streamlit HTML-escapes the fields a pydeck tooltip substitutes
    (a country named "<b>Egypt</b>" shows as written), so no markup travels in them; the
    tooltip's pre-line style turns the body's newlines into lines (maps.TOOLTIP)."""
    title = f"{name}: {t('status.' + r['status'], lang)}"
    lines: list[str] = []
    if r.get("since") is not None and not pd.isna(r.get("since")):
        lines.append(f"{t('airspace.since', lang)}: {fmt_datetime(r['since'], lang)}")
        lines.append(f"{t('airspace.until', lang)}: "
                     f"{until_text(r.get('until'), r.get('estimated'), lang, r.get('overrun_since'), at)}")
    if r["status"] == "unknown":
        lines.append(t("airspace.unknown_hint", lang))
    lines.append(f"{t('airspace.rule_label', lang)}: {rule_text(r.get('rule'), lang)}")
    ids = _list(r.get("notam_ids"))
    if ids:
        lines.append("NOTAM: " + ", ".join(ids))
    if bool(r.get("manual")):
        note = r.get("manual_note")
        lines.append(t("airspace.manual_entry", lang) + (f": {note}" if isinstance(note, str) and note else ""))
    for f in firs:
        lines.append(f"FIR {f['fir']}: {t('status.' + f['status'], lang)}")
    src = r.get("source_file")
    lines.append(t("airspace.hover_source", lang, source=src if isinstance(src, str) and src else "—", time=at_text))
    return title, "\n".join(lines)


def _centroid(geom: Mapping[str, Any]) -> tuple[float, float] | None:
    """Mean vertex of the polygon with most vertices: good enough to place a FIR's label."""
    polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    ring = max((p[0] for p in polys if p), key=len, default=None)
    if not ring:
        return None
    return sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)


def airspace_deck(status: pd.DataFrame, firs: pd.DataFrame, countries_geo: Mapping[str, Any],
                  firs_geo: Mapping[str, Any], at: dt.datetime, lang: str,
                  names: Mapping[str, Any] | None = None, selected: Sequence[str] = ()) -> Any:
    """pydeck map: countries filled by status at `at` (palette colours; outside the filter pale),
    FIR outlines coloured by the FIR's own status with their codes, tooltips in the language.
    No basemap: the blank style is served locally, so nothing leaves the machine."""
    import pydeck as pdk

    at_text = fmt_datetime(at, lang)
    by_iso = {r["country_iso3"]: r for r in status.to_dict("records")}
    fir_rows = firs.to_dict("records")
    firs_of: dict[str, list[dict]] = {}
    for f in fir_rows:
        for iso in _list(f["countries"]):
            firs_of.setdefault(iso, []).append(f)
    # geo.py's dicts are shared by every session: new features with copied properties around the
    # shared (lightened) geometry.
    cgeo = {"type": "FeatureCollection", "features": [
        {**f, "properties": dict(f["properties"]), "geometry": g} for f, g in light_features(countries_geo)]}
    unknown_marks: list[dict] = []  # a "?" on each unknown country: grey alone could pass for land
    for feat in cgeo["features"]:
        iso = feat["properties"]["iso3"]
        r = by_iso.get(iso)
        name = country_name(iso, lang, names)
        if r is None:  # outside the country filter, or no row: context only
            feat["properties"].update(fill=hex_to_rgb(NEUTRAL["land"], 255), tt_title=name, tt_body="")
            continue
        alpha = 90 if selected and iso not in selected else 210
        feat["properties"].update(fill=hex_to_rgb(STATUS_COLORS.get(r["status"], STATUS_COLORS["unknown"]), alpha),
                                  **dict(zip(("tt_title", "tt_body"),
                                             _status_tooltip(r, name, firs_of.get(iso, []), at_text, lang, at),
                                             strict=True)))
        if r["status"] == "unknown" and (c := _centroid(feat["geometry"])):
            unknown_marks.append({"position": list(c), "text": "?", "iso3": iso})
    fir_status = {f["fir"]: f["status"] for f in fir_rows}
    fgeo = {"type": "FeatureCollection", "features": [
        {**f, "properties": dict(f["properties"]), "geometry": g} for f, g in light_features(firs_geo)]}
    labels = []
    for feat in fgeo["features"]:
        code = feat["properties"]["fir"]
        st = fir_status.get(code)
        feat["properties"]["line"] = hex_to_rgb(STATUS_COLORS.get(st, NEUTRAL["land_line"]) if st else NEUTRAL["land_line"], 255)
        c = _centroid(feat["geometry"])
        if st and c:
            labels.append({"fir": code, "position": list(c)})
    layers = [
        pdk.Layer("GeoJsonLayer", cgeo, id="countries", pickable=True, stroked=True, filled=True,
                  get_fill_color="properties.fill", get_line_color=hex_to_rgb(NEUTRAL["outline"]),
                  line_width_min_pixels=1),
        pdk.Layer("GeoJsonLayer", fgeo, id="firs", pickable=False, stroked=True, filled=False,
                  get_line_color="properties.line", line_width_min_pixels=2),
        # String literals are quoted: pydeck reads a bare string as a JavaScript accessor.
        pdk.Layer("TextLayer", unknown_marks, id="unknown_marks", get_position="position", get_text="text",
                  get_size=34, size_units="'pixels'", get_color=hex_to_rgb(NEUTRAL["text"]),
                  get_text_anchor="'middle'", get_alignment_baseline="'center'", font_weight=700,
                  outline_width=4, outline_color=hex_to_rgb(NEUTRAL["outline"], 255), font_settings={"sdf": True},
                  font_family="'Noto Sans, DejaVu Sans, Arial, sans-serif'"),
        pdk.Layer("TextLayer", labels, id="fir_labels", get_position="position", get_text="fir",
                  get_size=13, size_units="'pixels'", get_color=hex_to_rgb(NEUTRAL["text"]),
                  font_family="'Noto Sans, DejaVu Sans, Arial, sans-serif'"),
    ]
    view = pdk.ViewState(latitude=29.5, longitude=47.5, zoom=3.3)
    return CompactDeck(layers=layers, initial_view_state=view, map_style=BLANK_STYLE,
                    tooltip=TOOLTIP | {"style": TOOLTIP["style"] | {"fontSize": f"{FONT['hover']}px", "maxWidth": "480px"}})
