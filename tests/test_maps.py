"""Map builders (situation/display/maps.py), geometry loaders and the shared palette, on small frames."""
from __future__ import annotations

import datetime as dt
import itertools
import json
import math

import pandas as pd
import pytest

from situation.display import geo, maps, palette
from situation.display.formatting import plain_spaces

AT = dt.datetime(2026, 3, 4, 9, 0)
NAMES = {"ARE": {"name_en": "United Arab Emirates", "name_ru": "Объединённые Арабские Эмираты",
                 "name_kk": "Біріккен Араб Әмірліктері"},
         "IRN": {"name_en": "Iran", "name_ru": "Иран", "name_kk": "Иран"},
         "ARM": {"name_en": "Armenia", "name_ru": "Армения", "name_kk": "Армения"}}


def snapshot() -> pd.DataFrame:
    return pd.DataFrame({
        "country_iso3": ["ARE", "IRN"], "citizens": [3500, 82], "approximate": [True, False],
        "as_of": [AT, AT + dt.timedelta(hours=2)], "lat": [23.9, None], "lon": [54.3, None],
        "sources": [["headcounts_2026-03-04.csv"], ["headcounts_2026-03-04.csv"]]})


def airspace() -> pd.DataFrame:
    return pd.DataFrame({
        "country_iso3": ["ARE", "IRN", "ARM", "SAU"], "status": ["closed", "closed", "open", "restricted"],
        "since": [dt.datetime(2026, 2, 28, 10, 30), dt.datetime(2026, 2, 28, 6, 15), None, None],
        "until": [None] * 4,
        "source": ["notams_middle_east_2026-03-04.txt", "notams_middle_east_2026-03-04.txt", None, "sheet.csv"]})


def places(kind: str) -> pd.DataFrame:
    base = {"name_en": "x", "name_ru": "x", "name_kk": "x", "detail": "Yerevan (EVN)", "source": "bulletin",
            "to_iso3": "ARM", "permit_required": False, "lat2": 38.87, "lon2": 46.18, "lat3": 40.15, "lon3": 44.4}
    rows = {
        "mission": [{"id": "KZ-EMB-THR", "name_en": "Embassy in Iran", "lat": 35.76, "lon": 51.42, "status": None}],
        "crossing": [{"id": "NORDOOZ-AGARAK", "name_en": "Nordooz–Agarak", "lat": 38.87, "lon": 46.18, "status": "open"},
                     {"id": "JULFA", "name_en": "Julfa", "lat": 38.95, "lon": 45.63, "status": "limited",
                      "permit_required": True}],
        "route": [{"id": "THR-NORDOOZ-EVN", "name_en": "Tehran → Nordooz–Agarak → Yerevan",
                   "lat": 35.69, "lon": 51.39, "status": "open"}],
        "airport": [{"id": "UDYZ", "name_en": "Zvartnots", "lat": 40.15, "lon": 44.4, "status": None}],
    }[kind]
    return pd.DataFrame([{**base, **r} for r in rows])


def deck(lang: str = "en", **kw):
    return maps.overview_deck(snapshot(), airspace(), places("mission"), places("crossing"), places("route"),
                              places("airport"), lang, NAMES, **kw)


def layers(d) -> dict[str, dict]:
    return {layer["id"]: layer for layer in json.loads(d.to_json())["layers"]}


def test_layers_and_offline_style():
    d = deck()
    spec = json.loads(d.to_json())
    assert set(layers(d)) == {"countries", "routes", "citizens", "crossings", "airports", "missions",
                              "unknown_marks", "citizen_labels"}
    assert spec["mapStyle"] == "/app/static/blank_style.json"
    assert spec["initialViewState"] == {"latitude": 29.0, "longitude": 50.0, "zoom": 3.6}
    assert "http" not in d.to_json()  # no tile server, no CDN, nothing outside


def test_online_basemap_is_opt_in(monkeypatch):
    monkeypatch.setenv("SITROOM_BASEMAP", "https://tiles.example.org/style.json")
    assert json.loads(deck().to_json())["mapStyle"] == "https://tiles.example.org/style.json"


def test_literal_units_are_not_accessors():
    by_id = layers(deck())
    assert by_id["routes"]["widthUnits"] == "pixels"
    assert by_id["citizen_labels"]["sizeUnits"] == "pixels"
    assert by_id["citizen_labels"]["characterSet"] == "auto"


def test_countries_coloured_by_status_from_the_palette():
    feats = {f["properties"]["iso3"]: f["properties"] for f in layers(deck())["countries"]["data"]["features"]}
    assert feats["ARE"]["fill"][:3] == palette.hex_to_rgb(palette.STATUS_COLORS["closed"])
    assert feats["ARM"]["fill"][:3] == palette.hex_to_rgb(palette.STATUS_COLORS["open"])
    assert feats["SAU"]["fill"][:3] == palette.hex_to_rgb(palette.STATUS_COLORS["restricted"])
    assert feats["CHN"]["fill"][:3] == palette.hex_to_rgb(palette.NEUTRAL["land"])  # no status: plain land
    assert "notams_middle_east_2026-03-04.txt" in feats["ARE"]["tt_body"]


def test_unknown_airspace_is_grey_and_marked():
    air = pd.concat([airspace(), pd.DataFrame({"country_iso3": ["KWT"], "status": ["unknown"], "since": [None],
                                               "until": [None], "source": [None], "lat": [29.3], "lon": [47.5]})])
    d = maps.overview_deck(snapshot(), air, None, None, None, None, "en", NAMES)
    feats = {f["properties"]["iso3"]: f["properties"] for f in layers(d)["countries"]["data"]["features"]}
    assert feats["KWT"]["fill"][:3] == palette.hex_to_rgb(palette.STATUS_COLORS["unknown"])
    assert "Unknown" in feats["KWT"]["tt_body"]
    assert layers(d)["unknown_marks"]["data"] == [{"position": [47.5, 29.3], "text": "?", "iso3": "KWT"}]


def test_unchosen_countries_are_faded():
    feats = {f["properties"]["iso3"]: f["properties"]
             for f in layers(deck(countries=("ARE",)))["countries"]["data"]["features"]}
    assert feats["ARE"]["fill"][3] > feats["IRN"]["fill"][3]


def test_bubble_area_grows_with_the_count():
    assert maps.bubble_radius(400) == pytest.approx(2 * maps.bubble_radius(100))
    assert maps.bubble_radius(None) == 0.0 and maps.bubble_radius(-5) == 0.0
    rows = layers(deck())["citizens"]["data"]
    assert rows[0]["radius"] / rows[1]["radius"] == pytest.approx(math.sqrt(3500 / 82))


def test_bubble_without_a_point_uses_the_reference_centroid():
    iran = layers(deck())["citizens"]["data"][1]
    lat, lon = geo.country_centroids()["IRN"]
    assert iran["position"] == [lon, lat]


@pytest.mark.parametrize(("lang", "title", "parts"), [
    ("en", "United Arab Emirates", ["about 3,500", "Mar 4, 2026, 14:00 UTC+5 (09:00 UTC)", "headcounts_2026-03-04.csv"]),
    ("ru", "Объединённые Арабские Эмираты", ["около 3 500", "4 марта 2026, 14:00 UTC+5 (09:00 UTC)", "Источник"]),
    ("kk", "Біріккен Араб Әмірліктері", ["шамамен 3 500", "4 наурыз 2026, 14:00 UTC+5 (09:00 UTC)", "Дереккөз"]),
])
def test_citizen_tooltip_has_figure_as_of_and_source(lang, title, parts):
    uae = layers(deck(lang))["citizens"]["data"][0]
    assert uae["tt_title"] == title
    for p in parts:
        assert p in plain_spaces(uae["tt_body"])


def test_crossings_and_routes_coloured_by_status():
    by_id = layers(deck())
    open_, limited = by_id["crossings"]["data"]
    assert open_["color"][:3] == palette.hex_to_rgb(palette.STATUS_COLORS["open"])
    assert limited["color"][:3] == palette.hex_to_rgb(palette.STATUS_COLORS["restricted"])
    assert "Limited regime" in limited["tt_body"] and "required" in limited["tt_body"]
    route = by_id["routes"]["data"][0]
    assert route["path"] == [[51.39, 35.69], [46.18, 38.87], [44.4, 40.15]]  # start → crossing → airport


def test_tooltip_template_only_substitutes_fields():
    spec = json.loads(deck().to_json())
    assert "{tt_title}" in maps.TOOLTIP["html"] and "{tt_body}" in maps.TOOLTIP["html"]
    assert all("tt_title" in row and "tt_body" in row
               for layer in spec["layers"] if layer["id"] not in ("countries", "citizen_labels")
               for row in layer["data"])


def test_empty_frames_give_an_empty_map_not_an_error():
    empty = pd.DataFrame()
    d = maps.overview_deck(empty, empty, None, None, None, None, "kk")
    assert layers(d)["citizens"]["data"] == []


def test_geometry_is_loaded_once_and_never_modified():
    first = geo.load_countries_geojson()
    before = json.dumps(first["features"][0])
    deck()
    assert geo.load_countries_geojson() is first
    assert json.dumps(first["features"][0]) == before
    assert {"ARE", "IRN", "ARM", "AZE", "TKM", "KAZ"} <= geo.region_iso3()
    assert geo.load_firs_geojson()["features"]


def test_palette_country_colours_are_stable_and_distinct():
    region = ["ARE", "SAU", "QAT", "BHR", "KWT", "JOR", "ISR", "IRN", "IRQ", "OMN", "YEM", "LBN", "SYR",
              "ARM", "AZE", "TKM", "TUR", "EGY", "CYP", "PSE", "KAZ"]
    colours = [palette.country_color(c) for c in region]
    assert len(set(colours)) == len(region)
    assert palette.country_color("fra") == palette.country_color("FRA")  # deterministic fallback
    assert palette.country_color(None) == palette.STATUS_COLORS["unknown"]


def test_plotly_layout_for_wall_screens():
    lay = palette.plotly_layout("ru", height=400)
    assert lay["font"]["size"] >= 16 and lay["title"]["font"]["size"] == 22
    assert lay["separators"] == ",\u00a0" and lay["template"] == "plotly_white" and lay["height"] == 400
    assert palette.plotly_layout("en")["separators"] == ".,"


def _area(geometry: dict) -> float:
    """Shoelace area (square degrees) of a geometry's outer rings."""
    polys = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    total = 0.0
    for poly in polys:
        ring = poly[0]
        total += abs(sum(x1 * y2 - x2 * y1 for (x1, y1, *_), (x2, y2, *_) in itertools.pairwise(ring))) / 2
    return total


def test_outlines_are_thinned_for_the_browser_but_keep_every_country_and_its_shape():
    """Every visit to a map page sends, decodes and tessellates the region's outlines: they are cut
    to what the map can show, without losing a country (Bahrain, Qatar) or its size."""
    original = {f["properties"]["iso3"]: f["geometry"] for f in geo.load_countries_geojson()["features"]}
    sent = {f["properties"]["iso3"]: f["geometry"] for f in layers(deck())["countries"]["data"]["features"]}
    assert set(sent) == set(original)
    assert {"BHR", "QAT", "KWT", "LBN", "CYP", "ISR", "PSE"} <= set(sent)
    for iso, g in sent.items():
        assert g["coordinates"], iso
        assert _area(g) == pytest.approx(_area(original[iso]), rel=0.05), iso
    points = sum(len(json.dumps(g["coordinates"])) for g in sent.values())
    assert points < 0.5 * sum(len(json.dumps(maps._light(g, 2, 0.0)["coordinates"])) for g in original.values())


def test_thinning_keeps_the_corners_and_drops_points_on_a_straight_edge():
    square = [[0, 0], [0.5, 0.001], [1, 0], [1, 1], [0.5, 1.2], [0, 1], [0, 0]]
    assert maps._thin(square, 0.03) == [[0, 0], [1, 0], [1, 1], [0.5, 1.2], [0, 1], [0, 0]]
