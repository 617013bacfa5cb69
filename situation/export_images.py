"""Charts and maps as images for briefings: one kept-alive kaleido server, figure → PNG/SVG bytes.

kaleido 1.x drives Debian's Chromium. A one-shot export starts a browser each time (≈3 s); a
server started once per process answers in ≈0.3–0.5 s. It is started lazily (a page that never
exports never starts Chromium) and stopped at exit. mathjax=False: otherwise a CDN script is
injected into the page, which an air-gapped machine cannot fetch.

Maps for exports are Plotly geo figures (no tiles): Plotly reads the world topojson from
static/ through pio.defaults.topojson, so nothing is fetched from Plotly's CDN.
"""
from __future__ import annotations

import atexit
import copy
import html
import logging
import os
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

import config
from situation.countries_i18n import country_name
from situation.fonts import EXPORT_FONT_FAMILY
from situation.formatting import fmt_count, fmt_datetime
from situation.i18n import t
from situation.palette import FONT, NEUTRAL, STATUS_COLORS, plotly_layout

log = logging.getLogger(__name__)

WIDTH, HEIGHT = 1600, 900  # briefing resolution (16:9, a projector's native shape)
FORMATS = {"png": "image/png", "svg": "image/svg+xml"}
CHROMIUM = "/usr/bin/chromium"
STATIC = config.ROOT / "static"

_lock = threading.Lock()
_started = False


def topojson_url() -> str:
    """file:// URL of the repo's static/ folder (world_50m.json …), with the trailing slash
    plotly.js expects."""
    return STATIC.resolve().as_uri() + "/"


def ensure_server() -> None:
    """Start the export server once per process (thread-safe); stopped at interpreter exit."""
    global _started
    if _started:
        return
    with _lock:
        if _started:
            return
        import kaleido
        import plotly.io as pio

        pio.defaults.topojson = topojson_url()
        path = os.environ.get("BROWSER_PATH") or (CHROMIUM if os.path.exists(CHROMIUM) else None)
        kwargs: dict[str, Any] = {"mathjax": False, "silence_warnings": True}
        if path:
            kwargs["path"] = path
        kaleido.start_sync_server(**kwargs)
        atexit.register(stop_server)
        _started = True


def stop_server() -> None:
    global _started
    with _lock:
        if not _started:
            return
        import kaleido

        try:
            kaleido.stop_sync_server(silence_warnings=True)
        finally:
            _started = False


@dataclass(frozen=True)
class Caption:
    """What an image put on a slide must say about itself, already translated and formatted."""
    scope: str    # the countries shown ("United Arab Emirates, Qatar" or "All countries")
    as_of: str    # the moment of the picture, Astana time with UTC beside it
    source: str   # where the figures come from
    marking: str  # the sensitivity marking (SITROOM_MARKING or the language's own)


def caption(lang: str, countries: Sequence[str], at: Any, names: Mapping[str, Any] | None = None,
            marking: str | None = None) -> Caption:
    """The caption of an exported chart for the page's filters."""
    nm = dict(names or {})
    scope = (", ".join(country_name(c, lang, nm) for c in countries) if countries
             else t("app.all_countries", lang))
    mark = marking if marking is not None else (
        config.setting("SITROOM_MARKING").strip() or t("briefing.marking_default", lang))
    return Caption(scope, t("export.as_of", lang, time=fmt_datetime(at, lang)), t("export.source_line", lang), mark)


def _wrap(text: str, width: int = 95) -> str:
    """Break a long title at a space (<br>): Plotly never wraps, and a clipped title on a slide
    is worse than two lines."""
    words, lines, line = text.split(" "), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    return "<br>".join([*lines, line]) if line else "<br>".join(lines)


def _stamp(fig: go.Figure, cap: Caption) -> None:
    """Header of an exported chart: its title, then the countries and the moment, then the source;
    the marking at the top right. All in the top margin, so nothing of the chart's own (a legend
    below the plot, an axis title) can cover it."""
    title = (fig.layout.title.text or "") if fig.layout.title else ""
    head = _wrap(html.escape(title.replace("<br>", " "), quote=False)) if title else ""
    sub = html.escape(f"{cap.scope} · {cap.as_of}", quote=False) + "<br>" + html.escape(cap.source, quote=False)
    lines = head.count("<br>") + 1 if head else 0
    top = 24 + 34 * lines + 2 * 24 + 16  # title lines, two subtitle lines, a gap above the plot
    fig.update_layout(
        title={"text": head or " ", "x": 0.01, "xanchor": "left", "xref": "container",
               "y": 1 - 16 / HEIGHT, "yref": "container", "yanchor": "top",
               "subtitle": {"text": sub, "font": {"size": FONT["small"], "color": NEUTRAL["text"]}}},
        margin={"t": max(top, (fig.layout.margin.t or 0))})
    fig.add_annotation(text=f"<b>{html.escape(cap.marking, quote=False)}</b>", xref="paper", yref="paper",
                       x=1, xanchor="right", y=1, yanchor="bottom", yshift=top - 44, showarrow=False,
                       font={"size": FONT["small"], "color": NEUTRAL["text"], "family": EXPORT_FONT_FAMILY})


def for_export(fig: go.Figure, cap: Caption | None = None) -> go.Figure:
    """A copy with the export font family on every text (Chromium resolves it by name), so a
    chart built for the screen is never changed by exporting it; with `cap`, the copy carries
    its title, filters, moment, source and marking, ready to put on a slide unedited."""
    out = go.Figure(fig)
    out.update_layout(font_family=EXPORT_FONT_FAMILY, hoverlabel_font_family=EXPORT_FONT_FAMILY)
    if cap is not None:
        _stamp(out, cap)
    if out.layout.title and out.layout.title.font:
        out.layout.title.font.family = EXPORT_FONT_FAMILY
    return out


def to_image(fig: go.Figure, fmt: str = "png", width: int = WIDTH, height: int = HEIGHT,
             cap: Caption | None = None) -> bytes:
    """The figure as PNG or SVG bytes at briefing resolution (captioned when `cap` is given)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown image format {fmt!r} (png or svg)")
    import warnings

    ensure_server()
    with warnings.catch_warnings():
        # plotly warns that kaleido options are ignored when a server runs: that is the point.
        warnings.simplefilter("ignore", UserWarning)
        return for_export(fig, cap).to_image(format=fmt, width=width, height=height)


# --- the export map ------------------------------------------------------------------------------
# Crossings report 'limited' where airspace says 'restricted': one colour for one meaning.
_CROSSING = {"open": "open", "limited": "restricted", "closed": "closed"}
_VIEW = {"lon": [22.0, 72.0], "lat": [12.0, 43.5]}  # the Gulf, Iran, the Levant, the Caucasus
BUBBLE_MAX_PX = 70.0
# Neighbours whose labels collide when all sit above their bubble (Bahrain, Qatar and the UAE
# within 4°; Israel, Jordan and Lebanon within 2°): each is pushed to its own side.
LABEL_POS = {"BHR": "top left", "QAT": "top right", "ARE": "middle right", "KWT": "top center",
             "ISR": "middle left", "JOR": "middle right", "LBN": "top left", "OMN": "bottom center"}


def _records(df: pd.DataFrame | None) -> list[dict[str, Any]]:
    if df is None or df.empty:
        return []
    return df.astype(object).where(df.notna(), None).to_dict("records")


def map_figure(snapshot: pd.DataFrame, airspace: pd.DataFrame, crossings: pd.DataFrame | None,
               lang: str, names: Mapping[str, Any] | None = None,
               at: Any = None) -> go.Figure:
    """The briefing map: countries filled by airspace status, citizens as bubbles (area ∝ count,
    labelled with the figure), land crossings as diamonds coloured by their regime.

    snapshot: overview_countries.sql rows (country_iso3, citizens, approximate, lat, lon);
    airspace: overview_airspace.sql rows (country_iso3, status); crossings: overview_places.sql
    rows of kind 'crossing'.
    """
    nm = dict(names or {})
    fig = go.Figure()
    air = _records(airspace)
    for status in ("closed", "restricted", "open", "unknown"):
        part = [r for r in air if (r.get("status") or "unknown") == status]
        if not part:
            continue
        colour = STATUS_COLORS[status]
        fig.add_trace(go.Choropleth(
            locations=[r["country_iso3"] for r in part], z=[1] * len(part), locationmode="ISO-3",
            colorscale=[[0, colour], [1, colour]], showscale=False, name=t(f"status.{status}", lang),
            showlegend=True, marker={"line": {"color": NEUTRAL["outline"], "width": 1}},
            text=[country_name(r["country_iso3"], lang, nm) for r in part], hoverinfo="text"))
    people = [r for r in _records(snapshot) if r.get("citizens") and r.get("lat") is not None]
    if people:
        top = max(float(r["citizens"]) for r in people)
        fig.add_trace(go.Scattergeo(
            lat=[r["lat"] for r in people], lon=[r["lon"] for r in people], mode="markers+text",
            name=t("export.map_citizens", lang),
            marker={"size": [max(12.0, BUBBLE_MAX_PX * (float(r["citizens"]) / top) ** 0.5) for r in people],
                    "color": NEUTRAL["citizens"], "opacity": 0.75,
                    "line": {"color": NEUTRAL["outline"], "width": 2}},
            text=[f"{country_name(r['country_iso3'], lang, nm, short=True)}: "
                  f"{fmt_count(r['citizens'], bool(r.get('approximate')), lang)}" for r in people],
            textposition=[LABEL_POS.get(r["country_iso3"], "top center") for r in people],
            textfont={"size": FONT["base"], "color": NEUTRAL["text"], "family": EXPORT_FONT_FAMILY}))
    xs = [r for r in _records(crossings) if r.get("lat") is not None]
    if xs:
        fig.add_trace(go.Scattergeo(
            lat=[r["lat"] for r in xs], lon=[r["lon"] for r in xs], mode="markers",
            name=t("export.map_crossings", lang),
            marker={"symbol": "diamond", "size": 16, "line": {"color": NEUTRAL["text"], "width": 1.5},
                    "color": [STATUS_COLORS[_CROSSING.get(str(r.get("status")), "unknown")] for r in xs]},
            text=[r.get(f"name_{lang}") or r.get("name_en") or r.get("id") for r in xs], hoverinfo="text"))
    title = t("export.map_title", lang, time=fmt_datetime(at, lang)) if at is not None \
        else t("export.map_title_now", lang)
    fig.update_layout(**plotly_layout(
        lang, title={"text": title, "font": {"size": FONT["title"]}, "x": 0.01, "xanchor": "left"},
        legend={"orientation": "v", "x": 0.99, "xanchor": "right", "y": 0.98, "yanchor": "top",
                "bgcolor": "rgba(255,255,255,0.85)", "font": {"size": FONT["legend"]}},
        margin={"l": 10, "r": 10, "t": 60, "b": 10}, font={"family": EXPORT_FONT_FAMILY, "size": FONT["base"]}))
    fig.update_geos(
        resolution=50, projection_type="mercator", showcountries=True, countrycolor=NEUTRAL["land_line"],
        showland=True, landcolor=NEUTRAL["land"], showocean=True, oceancolor=NEUTRAL["background"],
        showlakes=False, showframe=False, showcoastlines=True, coastlinecolor=NEUTRAL["land_line"],
        lonaxis_range=_VIEW["lon"], lataxis_range=_VIEW["lat"])
    return fig


def empty_figure() -> go.Figure:
    """The floor of an export's cost: an empty figure (benchmarks)."""
    return copy.deepcopy(go.Figure())
