"""Airspace and data-health builders on small hand-made frames: traces, palette colours, estimated
ends, hover with source and as-of, translated ticks and tooltips, fallbacks for unknown ids."""
from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from situation.display import airspace_charts as ac
from situation.display import health_charts
from situation.display.palette import NEUTRAL, STATUS_COLORS, hex_to_rgb
from situation.queries import health
from situation.queries.airspace import timeline_window

AT = dt.datetime(2026, 3, 4, 12)
START, END = dt.datetime(2026, 2, 25), dt.datetime(2026, 3, 8)
NAMES = {"IRN": {"name_en": "Iran", "name_ru": "Иран", "name_kk": "Иран"},
         "JOR": {"name_en": "Jordan", "name_ru": "Иордания", "name_kk": "Иордания"},
         "QAT": {"name_en": "Qatar", "name_ru": "Катар", "name_kk": "Катар"}}


def _r(**cells) -> dict:
    return cells


def _iv() -> pd.DataFrame:
    ts = pd.Timestamp
    return pd.DataFrame([
        # Iran closed on three chained NOTAMs, end estimated (C) ... EST)
        _r(country_iso3="IRN", status="closed", valid_from=ts("2026-02-28 06:15"), valid_to=ts("2026-03-07 23:59"),
             estimated_end=True, rule="fir_closed_text", manual=False, source_file="notams_me.txt",
             notam_list=["OIIX A0201/26", "OIIX A0215/26"], rule_list=["fir_closed_text", "fir_closed_text"],
             text_list=["DUE TO SECURITY SITUATION TEHRAN FIR CLSD FOR ALL CIVIL FLIGHTS.", "SAME " * 40]),
        _r(country_iso3="IRN", status="open", valid_from=ts("2026-03-07 23:59"), valid_to=pd.NaT,
             estimated_end=False, rule="no_active_restriction", manual=False, source_file=None,
             notam_list=[], rule_list=[], text_list=[]),
        # Jordan: a firm end, then restricted
        _r(country_iso3="JOR", status="closed", valid_from=ts("2026-02-28 06:45"), valid_to=ts("2026-03-02 10:00"),
             estimated_end=False, rule="fir_closed_qcode", manual=False, source_file="notams_me.txt",
             notam_list=["OJAC A0088/26"], rule_list=["fir_closed_qcode"], text_list=["AMMAN FIR CLSD."]),
        _r(country_iso3="JOR", status="restricted", valid_from=ts("2026-03-02 10:00"), valid_to=ts("2026-03-09 23:59"),
             estimated_end=True, rule="brand_new_rule", manual=False, source_file="notams_me.txt",
             notam_list=["OJAC A0094/26"], rule_list=["partial_reopening"], text_list=["EAST PART RESUMED."]),
        # Qatar: the analysts' sheet, closed with no end announced
        _r(country_iso3="QAT", status="closed", valid_from=ts("2026-02-28 11:00"), valid_to=pd.NaT,
             estimated_end=False, rule="manual", manual=True, source_file="status_sheet.csv",
             notam_list=[], rule_list=[], text_list=[]),
    ])


def test_timeline_traces_colours_and_rows():
    fig = ac.timeline_figure(_iv(), AT, START, END, "en", NAMES)
    bars = {d.name: d for d in fig.data if d.type == "bar" and d.x != (None,)}
    assert set(bars) == {"Closed", "Restricted", "Open"}
    for status, name in (("closed", "Closed"), ("restricted", "Restricted"), ("open", "Open")):
        assert bars[name].marker.color == STATUS_COLORS[status]
    assert list(fig.layout.yaxis.categoryarray) == ["Iran", "Jordan", "Qatar"]  # alphabetical
    # Bars clipped to the window; a hollow diamond at each estimated end inside it
    closed = bars["Closed"]
    assert pd.Timestamp(closed.base[2]) + pd.Timedelta(milliseconds=closed.x[2]) == pd.Timestamp(END)
    est = next(d for d in fig.data if d.name == "End estimated")
    assert list(est.y) == ["Iran"] and est.marker.symbol == "diamond-open"  # Jordan's EST end is past the window
    assert "(estimated)" in est.customdata[0]
    names = [d.name for d in fig.data]
    assert "No end announced" in names
    marker = next(d for d in fig.data if d.name == "No end announced")
    assert list(marker.y) == ["Qatar"]
    # The moment as a dashed vertical line, with its label
    assert fig.layout.shapes[0].x0 == AT and fig.layout.shapes[0].line.dash == "dash"
    assert "Mar 4, 2026, 17:00 UTC+5 (12:00 UTC)" in fig.layout.annotations[0].text.replace("\u00a0", " ")


def test_timeline_hover_has_notams_source_and_as_of():
    fig = ac.timeline_figure(_iv(), AT, START, END, "en", NAMES)
    closed = next(d for d in fig.data if d.name == "Closed")
    iran = closed.customdata[0].replace("\u00a0", " ")
    assert "<b>Iran</b> — Closed" in iran
    assert "OIIX A0201/26" in iran and "OIIX A0215/26" in iran
    assert "TEHRAN FIR CLSD" in iran and "…" in iran  # the long text is cut to an excerpt
    assert "(estimated)" in iran
    assert "Source: notams_me.txt · as of Mar 4, 2026, 17:00 UTC+5 (12:00 UTC)" in iran
    qatar = closed.customdata[2]
    assert "Manual entry" in qatar and "no end announced" in qatar
    restricted = next(d for d in fig.data if d.name == "Restricted")
    assert "brand_new_rule" in restricted.customdata[0]  # an unknown rule id shows as itself, not a key


def test_timeline_ticks_are_translated():
    fig = ac.timeline_figure(_iv(), AT, START, END, "kk", NAMES)
    assert fig.layout.xaxis.ticktext[0].startswith("25 ")  # 25 February
    assert all("Feb" not in s and "Mar" not in s for s in fig.layout.xaxis.ticktext)
    assert fig.layout.font.size >= 16 and fig.layout.title.font.size >= 20
    hover = json.dumps([d.customdata for d in fig.data if d.customdata is not None], ensure_ascii=False)
    assert "болжамды" in hover and "Дереккөзі" in hover


def test_timeline_window_slides():
    assert timeline_window(AT) == (START, END)
    late = dt.datetime(2026, 6, 1, 9)
    s, e = timeline_window(late)
    assert e == dt.datetime(2026, 6, 5) and (e - s).days == 21


def _geo(*codes: str, key: str = "iso3") -> dict:
    square = {"type": "Polygon", "coordinates": [[[40, 30], [41, 30], [41, 31], [40, 31], [40, 30]]]}
    return {"type": "FeatureCollection",
            "features": [{"type": "Feature", "properties": {key: c}, "geometry": square} for c in codes]}


def test_map_colours_and_tooltips():
    status = pd.DataFrame([
        _r(country_iso3="IRN", status="closed", since=pd.Timestamp("2026-02-28 06:15"),
             until=pd.Timestamp("2026-03-07 23:59"), estimated=True, notam_ids=["OIIX A0215/26"], manual=False,
             rule="fir_closed_text", source_file="notams_me.txt", manual_note=None),
        _r(country_iso3="QAT", status="closed", since=pd.Timestamp("2026-02-28 11:00"), until=pd.NaT,
             estimated=False, notam_ids=[], manual=True, rule="manual", source_file="sheet.csv",
             manual_note="Qatar Airways suspended all flights"),
    ])
    firs = pd.DataFrame([_r(fir="OIIX", countries=["IRN"], status="closed")])
    geo_before = _geo("IRN", "QAT", "OMN")
    deck = ac.airspace_deck(status, firs, geo_before, _geo("OIIX", key="fir"), AT, "ru", NAMES, selected=("IRN",))
    spec = json.loads(deck.to_json())
    assert spec["mapStyle"] == "/app/static/blank_style.json"
    layers = {layer["id"]: layer for layer in spec["layers"]}
    feats = {f["properties"]["iso3"]: f["properties"] for f in layers["countries"]["data"]["features"]}
    assert feats["IRN"]["fill"] == hex_to_rgb(STATUS_COLORS["closed"], 210)
    assert feats["QAT"]["fill"][3] < 210  # outside the filter: paler
    assert feats["OMN"]["fill"] == hex_to_rgb(NEUTRAL["land"], 255)  # no row: context only
    tip = (feats["IRN"]["tt_title"] + "\n" + feats["IRN"]["tt_body"]).replace("\u00a0", " ")
    assert "<" not in tip  # plain text: Streamlit escapes the fields, so markup would show as written
    assert "Иран" in tip and "Закрыто" in tip and "ориентировочно" in tip and "OIIX A0215/26" in tip
    assert "FIR OIIX: Закрыто" in tip and "notams_me.txt" in tip and "4 марта 2026, 17:00 UTC+5 (12:00 UTC)" in tip
    assert "Ручная запись" in feats["QAT"]["tt_body"] and "Qatar Airways" in feats["QAT"]["tt_body"]
    assert layers["fir_labels"]["data"][0]["fir"] == "OIIX"
    assert "fill" not in geo_before["features"][0]["properties"]  # the shared geometry is not changed


@pytest.mark.parametrize("code, lang, expected", [
    ("unknown_country", "kk", "Ел танылмады."),
    ("negative_count", "ru", "Число граждан отрицательное."),
    ("a_code_from_next_year", "ru", "stored English reason"),
])
def test_reject_reason(code, lang, expected):
    assert health.reject_reason(code, "stored English reason", lang) == expected


def test_loads_chart():
    src = pd.DataFrame({"file": ["a.csv", "b.txt", "c.csv"], "kind": ["headcounts", "notams", "headcounts"],
                        "loaded_at": pd.to_datetime(["2026-03-04 08:10", "2026-03-04 08:40", "2026-03-04 10:05"]),
                        "rows_loaded": [40, 20, 5], "rows_rejected": [1, 0, 2]})
    per_hour = health.loads_over_time(src)
    assert list(per_hour["rows_loaded"]) == [40, 20, 5]
    fig = health_charts.loads_figure(per_hour, "ru")
    loaded, rejected = fig.data
    assert list(loaded.y) == [60, 5] and list(rejected.y) == [1, 2]
    assert loaded.marker.color == NEUTRAL["citizens"] and rejected.marker.color == STATUS_COLORS["closed"]
    assert "Загружено строк: 60" in loaded.customdata[0] and "UTC" in loaded.customdata[0]
    assert fig.layout.barmode == "stack"


def test_unknown_is_hatched_and_an_overrun_dotted_with_its_age():
    ts = pd.Timestamp
    iv = pd.concat([_iv(), pd.DataFrame([
        _r(country_iso3="QAT", status="unknown", valid_from=ts("2026-02-25"), valid_to=ts("2026-02-28 11:00"),
           estimated_end=False, rule="no_interval", manual=False, source_file=None, notam_list=[], rule_list=[],
           text_list=[], overrun_since=pd.NaT),
        _r(country_iso3="IRN", status="closed", valid_from=ts("2026-03-07 23:59"), valid_to=ts("2026-03-08 00:40"),
           estimated_end=False, rule="fir_closed_text", manual=False, source_file="notams_me.txt",
           notam_list=["OIIX A0231/26"], rule_list=["fir_closed_text"], text_list=["TEHRAN FIR CLSD."],
           overrun_since=ts("2026-03-07 23:59")),
    ])], ignore_index=True)
    fig = ac.timeline_figure(iv, AT, START, END, "en", NAMES)
    bars = {d.name: d for d in fig.data if d.type == "bar"}
    assert bars["Unknown"].marker.pattern.shape == "/" and bars["Unknown"].marker.color == STATUS_COLORS["unknown"]
    over = bars["Closed — past its estimated end, not yet replaced"]
    assert over.marker.pattern.shape == "." and over.marker.color == STATUS_COLORS["closed"]
    assert "Past its estimated end" in over.customdata[0]
    text = ac.until_text(None, True, "en", ts("2026-04-12 08:30"), ts("2026-04-12 09:15")).replace("\u00a0", " ")
    assert text == "estimated end Apr 12, 2026, 13:30 UTC+5 (08:30 UTC) passed 45 min ago — in force until replaced or cancelled"
    assert "сағ" in ac.until_text(None, True, "kk", ts("2026-04-12 08:30"), ts("2026-04-12 14:30"))
