"""Chart builders on small hand-made frames: traces, palette colours, translated text, and hover
that names the value and the as-of time (a trend point's source files on demand)."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from situation.display import charts
from situation.display.palette import (
    CATEGORY_COLORS,
    FONT,
    GROUP_COLORS,
    STATUS_COLORS,
    country_color,
)
from situation.i18n import t

NAMES = {"ARE": {"name_en": "United Arab Emirates", "name_ru": "ОАЭ", "name_kk": "Біріккен Араб Әмірліктері"},
         "IRN": {"name_en": "Iran", "name_ru": "Иран", "name_kk": "Иран"}}
T1, T2 = dt.datetime(2026, 3, 3, 8), dt.datetime(2026, 3, 4, 9)


def _trend(dim: str) -> pd.DataFrame:
    grp = {"country": ["ARE", "IRN"], "category": ["tourist", "pilgrim"], "city": ["ARE|Dubai", "IRN|"]}[dim]
    label = {"country": grp, "category": grp, "city": ["Dubai", ""]}[dim]
    rows = []
    for g, lab, iso3, base in zip(grp, label, ["ARE", "IRN"], [3000, 80]):
        for moment, k in ((T1, 0), (T2, 1)):
            rows.append({"moment": moment, "grp": g, "country_iso3": iso3, "label": lab,
                         "citizens": base + 500 * k, "approximate": iso3 == "ARE", "as_of": moment,
                         "files": [f"headcounts_{moment:%m%d}.csv"]})
    return pd.DataFrame(rows)


def _hover(fig) -> str:
    """Everything a hover can show: the template with its per-point texts."""
    return " ".join(f"{tr.hovertemplate} {' '.join(tr.hovertext or ())} {' '.join(tr.text or ())}" for tr in fig.data)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_country_trend_lines_in_country_colours(lang):
    fig = charts.trend_chart(_trend("country"), lang, "country", NAMES)
    assert [tr.line.color for tr in fig.data] == [country_color("ARE"), country_color("IRN")]
    assert fig.data[0].line.shape == "hv"
    assert fig.layout.font.size >= 16 and fig.layout.title.font.size >= 20
    hover = _hover(fig)
    assert "09:00" in hover and "UTC" in hover
    assert {"kk": "шамамен", "ru": "около", "en": "about"}[lang] in hover
    # The files are not sent with every point: a click looks them up (trend_point).
    assert "headcounts_0304.csv" not in fig.to_json()
    row = charts.trend_point(_trend("country"), fig, 0, 1)
    assert fig.data[0].meta == "ARE" and list(row["files"]) == ["headcounts_0304.csv"]
    assert charts.trend_point(_trend("country"), fig, 5, 0) is None
    assert fig.layout.xaxis.tickformat.startswith("%d.%m")  # numeric: no English month names
    assert fig.layout.legend.font.size >= 16


def test_category_trend_is_stacked_in_category_colours():
    fig = charts.trend_chart(_trend("category"), "ru", "category", NAMES)
    assert {tr.name for tr in fig.data} == {t("category.tourist", "ru"), t("category.pilgrim", "ru")}
    assert all(tr.stackgroup == "one" for tr in fig.data)
    assert {tr.line.color for tr in fig.data} == {CATEGORY_COLORS["tourist"], CATEGORY_COLORS["pilgrim"]}


def test_city_trend_names_the_country_and_the_whole_country_row():
    fig = charts.trend_chart(_trend("city"), "en", "city", NAMES)
    names = [tr.name for tr in fig.data]
    assert any(n.startswith("Dubai (") for n in names)
    assert any("(whole country)" in n for n in names)


def test_trend_keeps_the_largest_lines_and_says_so():
    df = _trend("country")
    fig = charts.trend_chart(df, "en", "country", NAMES, max_lines=1)
    assert len(fig.data) == 1 and fig.data[0].name == "United Arab Emirates"
    assert "1" in fig.layout.title.text and "2" in fig.layout.title.text


def test_vulnerable_bar_groups_and_missing_values():
    df = pd.DataFrame([{"country_iso3": "ARE", "citizens": 3500, "approximate": True, "elderly": 265,
                        "women": 1650, "children": 610, "as_of": T2, "files": ["a.csv"]},
                       {"country_iso3": "IRN", "citizens": 82, "approximate": False, "elderly": None,
                        "women": 30, "children": 12, "as_of": T1, "files": ["b.csv", "c.csv"]}])
    fig = charts.vulnerable_bar(df, "kk", NAMES)
    assert [tr.marker.color for tr in fig.data] == [GROUP_COLORS[g] for g in charts.GROUPS]
    assert fig.data[0].text[1] == ""  # elderly in Iran not reported: no label, not "0"
    hover = _hover(fig)
    assert "b.csv, c.csv" in hover and "4 наурыз 2026, 14:00 UTC+5 (09:00 UTC)" in hover.replace("\u00a0", " ")


def test_airspace_gantt_bars_hover_and_open_end():
    df = pd.DataFrame([
        {"country_iso3": "IRN", "status": "closed", "valid_from": T1, "valid_to": T2, "estimated_end": True,
         "notam_ids": ["OIIX A0201/26", "OIIX A0215/26"], "manual": False, "rule": "r", "file": "n.txt"},
        {"country_iso3": "IRN", "status": "open", "valid_from": T2, "valid_to": None, "estimated_end": False,
         "notam_ids": [], "manual": False, "rule": "r", "file": None}])
    fig = charts.airspace_gantt(df, "en", NAMES, at=T2)
    by_status = {tr.name: tr for tr in fig.data}
    assert set(by_status) == {"Closed", "Open"}
    assert by_status["Closed"].marker.color == STATUS_COLORS["closed"]
    assert by_status["Closed"].x[0] == pytest.approx((T2 - T1).total_seconds() * 1000)
    assert by_status["Open"].x[0] == pytest.approx(24 * 3600 * 1000)  # open-ended: a day past `at`
    hover = _hover(fig)
    assert "OIIX A0201/26" in hover and "n.txt" in hover and "estimated" in hover
    assert "until further notice" in hover
    assert fig.layout.shapes  # the as-of line


def test_airspace_gantt_empty_frame():
    cols = ["country_iso3", "status", "valid_from", "valid_to", "estimated_end", "notam_ids", "manual", "rule", "file"]
    fig = charts.airspace_gantt(pd.DataFrame(columns=cols), "kk", NAMES, at=T2)
    assert len(fig.data) == 0


def test_evacuations_cumulative_with_group_via_note():
    df = pd.DataFrame([
        {"evac_id": "2-3", "date": T1, "from_iso3": "IRN", "from_city": "Tehran", "via": "NORDOOZ-AGARAK",
         "to_iso3": "ARM", "people": 28, "mode": "land", "note": "First group by bus", "via_en": "Nordooz–Agarak",
         "via_ru": "Нордуз — Агарак", "via_kk": "Нордуз – Агарак", "group_no": 1, "cumulative": 28,
         "file": "evacuations.csv", "line": 3},
        {"evac_id": "2-4", "date": T2, "from_iso3": "IRN", "from_city": "Tehran", "via": "JULFA",
         "to_iso3": "AZE", "people": 2, "mode": "land", "note": None, "via_en": "Julfa", "via_ru": "Джульфа",
         "via_kk": "Джульфа", "group_no": 2, "cumulative": 30, "file": "evacuations.csv", "line": 4}])
    fig = charts.evacuations_chart(df, "ru", NAMES)
    assert len(fig.data) == 1 and fig.data[0].name == "Иран"
    assert list(fig.data[0].y) == [28, 30]
    assert fig.data[0].line.color == country_color("IRN")
    hover = _hover(fig)
    assert "Группа 1" in hover and "Нордуз — Агарак" in hover and "First group by bus" in hover
    assert "evacuations.csv, строка 3" in hover and "UTC" in hover


def test_files_text():
    assert charts.files_text(["a", "b", "c", "d", "e"]) == "a, b, c (+2)"
    assert charts.files_text(None) == "—" and charts.files_text([]) == "—"
    assert FONT["small"] >= 16
