"""The overview's map as a Plotly geo figure, for slides and image exports: countries filled by
airspace status, citizens as bubbles, land crossings as diamonds. No tiles: Plotly draws the
region from the topojson kaleido is pointed at (situation/briefing/images.py serves it locally).
No Streamlit here; the Overview page's export button and the briefing pack share this figure.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from situation.display.countries_i18n import country_name
from situation.display.fonts import EXPORT_FONT_FAMILY
from situation.display.formatting import fmt_count, fmt_datetime
from situation.display.maps import records
from situation.display.palette import FONT, NEUTRAL, STATUS_COLORS, plotly_layout
from situation.i18n import t

# Crossings report 'limited' where airspace says 'restricted': one colour for one meaning.
_CROSSING = {"open": "open", "limited": "restricted", "closed": "closed"}
_VIEW = {"lon": [22.0, 72.0], "lat": [12.0, 43.5]}  # the Gulf, Iran, the Levant, the Caucasus
BUBBLE_MAX_PX = 70.0
# Neighbours whose labels collide when all sit above their bubble (Bahrain, Qatar and the UAE
# within 4°; Israel, Jordan and Lebanon within 2°): each is pushed to its own side.
LABEL_POS = {"BHR": "top left", "QAT": "top right", "ARE": "middle right", "KWT": "top center",
             "ISR": "middle left", "JOR": "middle right", "LBN": "top left", "OMN": "bottom center"}


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
    air = records(airspace)
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
    unknown = [r for r in air if (r.get("status") or "unknown") == "unknown" and r.get("lat") is not None
               and not pd.isna(r.get("lat"))]
    if unknown:  # grey alone could pass for land: unknown airspace also carries a "?"
        fig.add_trace(go.Scattergeo(
            lat=[r["lat"] for r in unknown], lon=[r["lon"] for r in unknown], mode="text", text=["?"] * len(unknown),
            showlegend=False, hoverinfo="skip",
            textfont={"size": FONT["title"], "color": NEUTRAL["text"], "family": EXPORT_FONT_FAMILY}))
    people = [r for r in records(snapshot) if r.get("citizens") and r.get("lat") is not None]
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
    xs = [r for r in records(crossings) if r.get("lat") is not None]
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
