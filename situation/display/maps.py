"""pydeck maps that work air-gapped: no basemap tiles, country polygons from data/reference/geo.

The map style is a blank MapLibre style served from static/ (Streamlit would otherwise fetch a
Carto basemap); SITROOM_BASEMAP opts in to an online style. Tooltips are built here, per row, in
the reader's language: pydeck's tooltip template can only substitute fields, not call t().
Streamlit HTML-escapes substituted fields, so each row carries plain text (tt_title, tt_body)
and the tooltip's `white-space: pre-line` turns the body's newlines into lines.
"""
from __future__ import annotations

import json
import math
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

import config
from situation.display.countries_i18n import country_name
from situation.display.formatting import fmt_count, fmt_datetime, fmt_int
from situation.display.geo import country_centroids, load_countries_geojson
from situation.display.palette import NEUTRAL, STATUS_COLORS, hex_to_rgb, status_color
from situation.i18n import t

BLANK_STYLE = "/app/static/blank_style.json"
VIEW = {"latitude": 29.0, "longitude": 50.0, "zoom": 3.6}
BUBBLE_M_PER_SQRT = 2500.0  # 3,500 citizens → ≈150 km radius; area grows with the count
TOOLTIP = {
    "html": "<b>{tt_title}</b><br/>{tt_body}",
    "style": {"whiteSpace": "pre-line", "fontSize": "16px", "backgroundColor": "#1A1A1A",
              "color": "#FFFFFF", "maxWidth": "420px"},
}
# Crossings report 'limited' where airspace says 'restricted': one colour for the same meaning.
CROSSING_STATUS = {"open": "open", "limited": "restricted", "closed": "closed"}

Names = Mapping[str, Mapping[str, Any]] | None


def map_style() -> str:
    return config.setting("SITROOM_BASEMAP") or BLANK_STYLE


def _lines(*pairs: tuple[str, str] | None) -> str:
    return "\n".join(f"{label}: {value}" for label, value in (p for p in pairs if p) if value)


def _clean(v: Any) -> Any:
    """NaN, NaT and pd.NA → None; lists and arrays (LIST columns) are kept as they are."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    return v


def records(df: pd.DataFrame | None) -> list[dict[str, Any]]:
    # A plain loop: DataFrame.astype(object).where(...) cost ~8 ms a call, a page run makes six.
    if df is None or df.empty:
        return []
    return [{k: _clean(v) for k, v in r.items()} for r in df.to_dict("records")]


class CompactDeck(pdk.Deck):
    """pydeck's to_json indents (Python's slow pure-Python encoder): ~130 ms and 1.4 MB for the
    region's polygons on every rerun. The same JSON without indent uses the C encoder."""

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


# Outlines thinned to points that move the line by more than this (≈3 km; 0.3 px at the maps'
# zoom 3.6, 1.4 px zoomed to 6): the browser decodes, parses and tessellates every point on every
# visit, and the region's polygons were most of a map's message (bench/bench_browser.py).
THIN_DEG = 0.03


def _thin(points: list, tol: float) -> list:
    """Douglas–Peucker: the points a line cannot lose without moving more than tol (degrees)."""
    if len(points) < 5:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    todo = [(0, len(points) - 1)]
    while todo:
        a, b = todo.pop()
        (ax, ay), (bx, by) = points[a], points[b]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        far, at = 0.0, -1
        for i in range(a + 1, b):
            px, py = points[i]
            # distance to the chord; to the point itself when the chord is closed (a ring's ends)
            d = abs(dy * (px - ax) - dx * (py - ay)) / norm if norm else math.hypot(px - ax, py - ay)
            if d > far:
                far, at = d, i
        if far > tol:
            keep[at] = True
            todo += [(a, at), (at, b)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _round_ring(ring: list, nd: int, tol: float = THIN_DEG) -> list:
    out: list = []
    for x, y, *_ in ring:
        p = [round(x, nd), round(y, nd)]
        if not out or out[-1] != p:
            out.append(p)
    return _thin(out, tol)


def _light(g: Mapping[str, Any], nd: int = 2, tol: float = THIN_DEG) -> dict[str, Any]:
    if g["type"] == "Polygon":
        coords = [r for r in (_round_ring(r, nd, tol) for r in g["coordinates"]) if len(r) >= 4]
    elif g["type"] == "MultiPolygon":
        coords = [[r for r in (_round_ring(r, nd, tol) for r in poly) if len(r) >= 4] for poly in g["coordinates"]]
        coords = [poly for poly in coords if poly]
    else:
        coords = g["coordinates"]
    return {"type": g["type"], "coordinates": coords}


_LIGHT: dict[int, tuple[Mapping[str, Any], list[tuple[dict[str, Any], dict[str, Any]]]]] = {}


def light_features(collection: Mapping[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(feature, its geometry cut to 0.01°) per feature of a FeatureCollection, computed once per
    collection object (geo.py's are read once per process). Callers copy the properties they
    change and share the geometry: copying and sending full-precision outlines on every rerun
    cost the airspace map 1.7 MB and a deep copy per view."""
    held = _LIGHT.get(id(collection))
    if held is None or held[0] is not collection:
        held = (collection, [(f, _light(f["geometry"])) for f in collection["features"]])
        if len(_LIGHT) > 8:
            _LIGHT.clear()
        _LIGHT[id(collection)] = held  # the collection is kept, so its id cannot be reused
    return held[1]


@lru_cache(maxsize=1)
def _light_geometry() -> tuple[tuple[str, dict[str, Any]], ...]:
    """(iso3, geometry) with coordinates cut to 0.01° (≈1 km, far below a pixel at the region's
    zoom), repeated points dropped and outlines thinned (THIN_DEG): a smaller message to the
    browser on every rerun."""
    return tuple((feat["properties"]["iso3"], _light(feat["geometry"])) for feat in load_countries_geojson()["features"])


def _name(row: Mapping[str, Any], lang: str) -> str:
    return row.get(f"name_{lang}") or row.get("name_en") or row.get("id") or ""


def country_features(airspace: pd.DataFrame, lang: str, names: Names = None,
                     countries: tuple[str, ...] = ()) -> dict[str, Any]:
    """The region's polygons coloured by airspace status at the moment shown.

    Countries outside the chosen ones are faded, countries without a status stay neutral land.
    A new FeatureCollection is built; the cached GeoJSON is never modified.
    """
    by_iso = {r["country_iso3"]: r for r in records(airspace)}
    features = []
    for iso, geometry in _light_geometry():
        row = by_iso.get(iso)
        title = country_name(iso, lang, dict(names or {}))
        if row is None:
            fill, body = hex_to_rgb(NEUTRAL["land"], 255), ""
        else:
            status = str(row.get("status") or "unknown")
            alpha = 70 if countries and iso not in countries else 170
            fill = hex_to_rgb(status_color(status), alpha)
            body = _lines((t("map.airspace", lang), t(f"status.{status}", lang) if status in STATUS_COLORS else status),
                          (t("map.since", lang), fmt_datetime(row.get("since"), lang) if row.get("since") else ""),
                          (t("map.until", lang), fmt_datetime(row.get("until"), lang) if row.get("until") else ""),
                          (t("table.source", lang), row.get("source") or t("map.no_restriction_source", lang)))
        features.append({"type": "Feature", "geometry": geometry,
                         "properties": {"iso3": iso, "fill": fill, "tt_title": title, "tt_body": body}})
    return {"type": "FeatureCollection", "features": features}


def unknown_marks(airspace: pd.DataFrame) -> list[dict[str, Any]]:
    """A "?" at the centre of every country whose airspace is unknown (needs lat, lon columns)."""
    out = []
    for r in records(airspace):
        lat, lon = r.get("lat"), r.get("lon")
        if (r.get("status") or "unknown") == "unknown" and lat is not None and lon is not None \
                and not pd.isna(lat) and not pd.isna(lon):
            out.append({"position": [float(lon), float(lat)], "text": "?", "iso3": r["country_iso3"]})
    return out


def bubble_radius(n: Any) -> float:
    """Metres, so the bubble's AREA is proportional to the count (radius ∝ √count)."""
    try:
        return BUBBLE_M_PER_SQRT * math.sqrt(max(float(n), 0.0))
    except (TypeError, ValueError):
        return 0.0


def citizen_rows(snapshot: pd.DataFrame, lang: str, names: Names = None) -> list[dict[str, Any]]:
    rows = []
    centroids = country_centroids()
    for r in records(snapshot):
        if r.get("lat") is None or r.get("lon") is None:  # a country the warehouse has no point for
            r["lat"], r["lon"] = centroids.get(r["country_iso3"], (None, None))
        if r["lat"] is None:
            continue
        count = fmt_count(r.get("citizens"), bool(r.get("approximate")), lang)
        sources = r.get("sources")
        rows.append({
            "position": [r["lon"], r["lat"]], "radius": bubble_radius(r.get("citizens")),
            "label": fmt_int(r.get("citizens"), lang).replace("\u00a0", " "),
            "tt_title": country_name(r["country_iso3"], lang, dict(names or {})),
            "tt_body": _lines((t("table.citizens", lang), count),
                              (t("table.as_of", lang), fmt_datetime(r.get("as_of"), lang)),
                              (t("table.source", lang), ", ".join(sources) if sources is not None else "")),
        })
    return rows


def place_rows(df: pd.DataFrame | None, kind: str, lang: str, names: Names = None) -> list[dict[str, Any]]:
    """Missions, crossings, routes or airports (rows of overview_places.sql) with tooltips."""
    out = []
    for r in records(df):
        row: dict[str, Any] = {"position": [r["lon"], r["lat"]], "tt_title": _name(r, lang)}
        status = CROSSING_STATUS.get(str(r.get("status") or ""), "unknown")
        status_text = t(f"map.crossing.{r.get('status')}", lang) if r.get("status") in CROSSING_STATUS else ""
        if kind == "mission":
            row["tt_body"] = _lines((t("map.city", lang), r.get("detail") or ""))
        elif kind == "crossing":
            permit = t("map.permit_yes", lang) if r.get("permit_required") else t("map.permit_no", lang)
            row["color"] = hex_to_rgb(status_color(status), 255)
            row["tt_body"] = _lines((t("table.status", lang), status_text), (t("map.permit", lang), permit),
                                    (t("map.to", lang), country_name(r.get("to_iso3") or "", lang, dict(names or {}))),
                                    (t("table.source", lang), r.get("source") or ""))
        elif kind == "route":
            row["path"] = [[r["lon"], r["lat"]], [r["lon2"], r["lat2"]], [r["lon3"], r["lat3"]]]
            row["color"] = hex_to_rgb(status_color(status), 230)
            row["tt_body"] = _lines((t("map.crossing_status", lang), status_text),
                                    (t("map.onward_airport", lang), r.get("detail") or ""),
                                    (t("table.source", lang), r.get("source") or ""))
        elif kind == "airport":
            row["tt_body"] = _lines((t("map.city", lang), r.get("detail") or ""), ("ICAO", r.get("id") or ""))
        out.append(row)
    return out


def overview_deck(snapshot: pd.DataFrame, airspace: pd.DataFrame, missions: pd.DataFrame | None,
                  crossings: pd.DataFrame | None, routes: pd.DataFrame | None,
                  airports: pd.DataFrame | None, lang: str, names: Names = None,
                  countries: tuple[str, ...] = ()) -> pdk.Deck:
    """The overview map: airspace by country, citizens as bubbles, missions, exits by land."""
    white = hex_to_rgb(NEUTRAL["outline"], 255)
    citizens = citizen_rows(snapshot, lang, names)
    layers = [
        pdk.Layer("GeoJsonLayer", id="countries", data=country_features(airspace, lang, names, countries),
                  get_fill_color="properties.fill", get_line_color=hex_to_rgb(NEUTRAL["land_line"], 255),
                  line_width_min_pixels=1, stroked=True, filled=True, pickable=True),
        pdk.Layer("PathLayer", id="routes", data=place_rows(routes, "route", lang, names),
                  get_path="path", get_color="color", width_min_pixels=3, width_units="'pixels'",
                  get_width=3, pickable=True, joint_rounded=True, cap_rounded=True),
        pdk.Layer("ScatterplotLayer", id="citizens", data=citizens,
                  get_position="position", get_radius="radius", radius_min_pixels=6,
                  get_fill_color=hex_to_rgb(NEUTRAL["citizens"], 150), get_line_color=white,
                  stroked=True, line_width_min_pixels=1.5, pickable=True),
        pdk.Layer("ScatterplotLayer", id="crossings", data=place_rows(crossings, "crossing", lang, names),
                  get_position="position", get_radius=9000, radius_min_pixels=7, get_fill_color="color",
                  get_line_color=hex_to_rgb(NEUTRAL["text"], 255), stroked=True,
                  line_width_min_pixels=1.5, pickable=True),
        pdk.Layer("ScatterplotLayer", id="airports", data=place_rows(airports, "airport", lang, names),
                  get_position="position", get_radius=8000, radius_min_pixels=6, get_fill_color=white,
                  get_line_color=hex_to_rgb(NEUTRAL["airport"], 255), stroked=True,
                  line_width_min_pixels=2.5, pickable=True),
        pdk.Layer("ScatterplotLayer", id="missions", data=place_rows(missions, "mission", lang, names),
                  get_position="position", get_radius=5000, radius_min_pixels=3.5,
                  get_fill_color=hex_to_rgb(NEUTRAL["mission"], 255), pickable=True),
        # Unknown airspace is grey AND marked "?": grey alone could pass for plain land or "calm".
        pdk.Layer("TextLayer", id="unknown_marks", data=unknown_marks(airspace),
                  get_position="position", get_text="text", get_size=26, size_units="'pixels'",
                  get_pixel_offset=[26, -26],  # beside a citizens bubble's figure, not over it
                  get_color=hex_to_rgb(NEUTRAL["text"], 255), get_text_anchor="'middle'",
                  get_alignment_baseline="'center'", font_weight=700, outline_width=3,
                  outline_color=white, font_settings={"sdf": True}, pickable=False,
                  font_family="'Noto Sans, DejaVu Sans, Arial, sans-serif'"),
        pdk.Layer("TextLayer", id="citizen_labels", data=citizens,
                  get_position="position", get_text="label", get_size=17, size_units="'pixels'",
                  get_color=hex_to_rgb(NEUTRAL["text"], 255), get_text_anchor="'middle'",
                  get_alignment_baseline="'center'", font_weight=700, outline_width=3,
                  outline_color=white, font_settings={"sdf": True}, character_set="'auto'",
                  font_family="'Noto Sans, DejaVu Sans, Arial, sans-serif'",
                  pickable=False),
    ]
    return CompactDeck(layers=layers, initial_view_state=pdk.ViewState(**VIEW), map_style=map_style(),
                    tooltip=TOOLTIP)
