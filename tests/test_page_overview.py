"""Overview page (leadership): indicators with changes, the map, readiness, what changed, freshness;
languages, country and as-of filters, and the empty states."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import REFERENCE_DAY, open_page, plain

PAGE = "pages/overview.py"


def _page(monkeypatch, db: Path, **params: str) -> AppTest:
    params.setdefault("as_of", REFERENCE_DAY)  # the figures asserted are the reference day's
    return open_page(monkeypatch, db, PAGE, **params)


_plain = plain


def _metric(at: AppTest, label_part: str) -> str:
    return next(_plain(m.value) for m in at.metric if label_part in m.label)


def _text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    parts += [w.value for w in at.warning] + [df.value.to_csv() for df in at.dataframe]
    return _plain("\n".join(parts))


def _stale(at: AppTest) -> list[str]:
    """The freshness banner (the frame may show warnings of its own, e.g. about access)."""
    return [_plain(w.value) for w in at.warning if w.icon == ":material/schedule:"]


def _deck(at: AppTest) -> dict:
    return json.loads(at.get("deck_gl_json_chart")[0].proto.json)


def test_sample_in_kazakh(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse)
    assert not at.exception
    assert len(at.metric) == 7  # incl. "in unknown airspace" beside "in closed airspace"
    assert _metric(at, "Аймақтағы азаматтар") == "≈8 600"  # the bulletin's total, 8 618 of which part is estimated: rounded honestly
    assert _metric(at, "Эвакуацияланды") == "356"  # 306 flown out of Dubai on 3 March; 28 + 20 + 2 out of Iran
    assert _metric(at, "Зардап шеккендер") == "0"
    text = _text(at)
    assert "Жағдайға шолу" in text and "4 наурыз 2026, 16:00 UTC+5 (11:00 UTC)" in text
    assert "Елдер бойынша дайындық" in text and "Ішінара дайын" in text
    assert "Армения, Түрікменстан" in text  # Iran's open land routes in the readiness reason
    assert "Мекеме есебі" in text  # what changed: mission reports of the last 24 h
    assert not _stale(at)  # opened at its last report: no mission is late


def test_deltas_since_previous_report_and_24h(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse, lang="en")
    citizens = next(m for m in at.metric if m.label == "Citizens in the region")
    assert _plain(citizens.delta) == "+130"
    assert "24 h: +143" in _plain(citizens.proto.delta_description)


@pytest.mark.parametrize(("lang", "expected"), [("kk", "≈3 500"), ("ru", "≈3 500"),
                                                 ("en", "≈3,500")])
def test_uae_reads_about_3500(monkeypatch, sample_warehouse, lang, expected):
    at = _page(monkeypatch, sample_warehouse, lang=lang, countries="ARE")
    assert not at.exception
    assert _plain(at.metric[0].value) == expected
    assert _plain(at.metric[1].value) == expected  # all of them under a closed sky
    readiness = next(m.value for m in at.markdown if "sr-ready" in m.value and "<table" in m.value)
    assert readiness.count("<tr>") == 2  # the header and the UAE only


def test_choosing_a_country_changes_the_figures(monkeypatch, sample_warehouse):
    everyone = _page(monkeypatch, sample_warehouse, lang="ru")
    iran = _page(monkeypatch, sample_warehouse, lang="ru", countries="IRN")
    assert _metric(everyone, "Граждан в регионе") != _metric(iran, "Граждан в регионе")
    assert _metric(iran, "Граждан в регионе") == "82"
    deck = _deck(iran)
    bubbles = next(layer for layer in deck["layers"] if layer["id"] == "citizens")["data"]
    assert [b["tt_title"] for b in bubbles] == ["Иран"]
    assert "Армения" in _text(iran)


def test_map_is_offline_and_translated(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse, lang="ru")
    deck = _deck(at)
    assert deck["mapStyle"] == "/app/static/blank_style.json"
    by_id = {layer["id"]: layer for layer in deck["layers"]}
    uae = next(b for b in by_id["citizens"]["data"] if b["tt_title"].startswith("Объединённые"))
    assert "около 3 500" in _plain(uae["tt_body"]) and "4 марта 2026, 14:00 UTC+5 (09:00 UTC)" in _plain(uae["tt_body"])
    assert "headcounts_2026-03-04.csv" in uae["tt_body"]
    assert {r["tt_title"] for r in by_id["airports"]["data"]} >= {"Zvartnots International Airport"}
    assert len(by_id["routes"]["data"]) == 7


def test_stale_missions_banner(monkeypatch, sample_warehouse):
    # Two days after the sample's last report (2026-03-11 18:00) every mission is late.
    at = _page(monkeypatch, sample_warehouse, lang="en", as_of="2026-03-13T12:00")
    assert not at.exception
    banner = _stale(at)[0]
    assert "No report for more than 24 h" in banner and "Embassy of Kazakhstan in Iran" in banner
    monkeypatch.setenv("SITROOM_STALE_HOURS", "72")
    assert not _stale(_page(monkeypatch, sample_warehouse, lang="en", as_of="2026-03-13T12:00"))


def test_what_changed_over_a_week(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse, lang="en")
    at.segmented_control(key="ov_since").set_value(168).run()
    text = _text(at)
    assert "status Closed → Restricted" in text  # Jordan's partial reopening on 2 March
    assert "28 people brought out via Nordooz–Agarak, into: Armenia" in text


def test_before_the_first_report(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse, lang="en", as_of="2026-02-01T00:00")
    assert not at.exception
    assert any("No reports before" in i.value for i in at.info)
    assert at.get("deck_gl_json_chart")  # the map still shows the region


def test_country_without_reports(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse, lang="en", countries="TKM")
    assert not at.exception
    assert any("No mission reports for the chosen countries" in i.value for i in at.info)
    assert not at.metric


def test_empty_warehouse(monkeypatch, empty_warehouse):
    at = _page(monkeypatch, empty_warehouse, lang="en")
    assert not at.exception
    assert any(i.value == "No data" for i in at.info)


def test_no_warehouse(monkeypatch, tmp_path):
    at = _page(monkeypatch, tmp_path / "missing.duckdb", lang="en")
    assert not at.exception
    assert any("python -m etl load" in i.value for i in at.info)


def test_the_evacuation_row_at_the_sample_s_last_report(monkeypatch, sample_warehouse):
    import re

    at = _page(monkeypatch, sample_warehouse, lang="en", as_of="2026-03-11T18:00")
    assert not at.exception
    html = next(m.value for m in at.markdown if "ev-card" in m.value and "ev-row" in m.value)
    cards = _plain(re.sub(r"<[^>]+>", " | ", html.split("</style>")[-1]))
    assert "Want to leave" in cards and "1,027" in cards
    assert "Evacuated" in cards and "9,517" in cards
    assert _metric(at, "Evacuated") == "9,517"  # the indicator above says the same (departures_at)
    assert "Remaining" in cards and "Next departure" in cards and "Tel Aviv (Israel), 45 seats" in cards
    assert "no capacity planned: Bahrain, Oman" in cards
    assert "color:#C62828" in html  # the alarm is drawn in red
