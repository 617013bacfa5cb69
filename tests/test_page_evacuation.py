"""Evacuation page: the operation (leadership figures, movements board, per country, forecast) in
three languages at the sample's last report; at the reference day the crossings with their regime
and permit rule, onward airports, the groups out of Tehran (28 + 20 + 2), priority groups; filters
and empty states."""
from __future__ import annotations

import base64
import datetime as dt
import json
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

from tests.apptest import open_page, plain

PAGE = "pages/evacuation.py"


def _page(monkeypatch, db: Path, **params: str) -> AppTest:
    return open_page(monkeypatch, db, PAGE, **params)


_plain = plain


def _array(v: object) -> list:
    """A Plotly array as JSON carries it: a list, or typed binary {'dtype', 'bdata'} (Plotly 6+)."""
    if isinstance(v, dict):
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=v["dtype"]).tolist()
    return list(v)


def _metric(at: AppTest, label_part: str) -> str:
    return next(_plain(m.value) for m in at.metric if label_part in m.label)


def _text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    parts += [df.value.to_csv() for df in at.dataframe]
    return _plain("\n".join(parts))


REFERENCE_DAY = "2026-03-04T18:00"  # the bulletin's day; the sample itself opens on 2026-03-11


def _cards(at: AppTest) -> str:
    """The leadership cards' HTML (one markdown element), as plain text."""
    import re

    html = next(m.value for m in at.markdown if "ev-row" in m.value and "ev-card" in m.value)
    return _plain(re.sub(r"<[^>]+>", " | ", html.split("</style>")[-1]))


def test_the_operation_in_kazakh_at_the_last_report(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse)
    assert not at.exception
    assert at.title[0].value == "Эвакуация"
    cards = _cards(at)
    assert "Шығуға ниетті" in cards and "1 027" in cards  # registered to leave, 11 March evening
    assert "Эвакуацияланды" in cards and "9 517" in cards  # the public total of 11 March
    # The next departure: the bus from Tel Aviv to Amman early on 12 March, 45 seats.
    assert "Келесі рейс" in cards and "12 наурыз, 11:00 UTC+5" in cards and "06:00 UTC" in cards and "Tel Aviv (Израиль), 45 орын" in cards
    assert "орын жоспарланбаған: Бахрейн, Оман" in cards  # in red: people left and no seat planned
    text = _text(at)
    assert "KC-DXB-0312-1" in text and "жоспарланған" in text  # the board, status in Kazakh
    assert "болдырылмады" not in text  # the cancelled Doha flight is older than 72 h by now
    assert "үйге жетеді" in text  # the forecast's sentence


def test_the_operation_in_russian_and_english(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse, lang="ru")
    assert not at.exception
    cards = _cards(at)
    assert "Хотят выехать" in cards and "Эвакуированы" in cards and "Осталось вывезти" in cards
    assert "места не запланированы: Бахрейн, Оман" in cards
    assert "будет дома" in _text(at)
    at = _page(monkeypatch, sample_warehouse, lang="en")
    assert not at.exception
    cards = _cards(at)
    assert "Want to leave" in cards and "9,517" in cards and "no capacity planned: Bahrain, Oman" in cards
    board = next(d.value for d in at.dataframe if "Flight" in d.value.columns)
    assert {"Departure (UTC)", "Status", "Seats", "Load factor"} <= set(board.columns)
    assert "planned" in set(board["Status"])


def test_time_travel_shows_the_cancellation_as_it_was_known(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse, lang="en", as_of="2026-03-06T06:00")
    assert not at.exception
    text = _text(at)
    assert "KC-DOH-0306-1" in text and "cancelled" in text  # cancelled the evening before
    assert "Cancelled: no slot" in text
    cards = _cards(at)
    assert "1,298" in cards  # 306 + 50 + the flights of 5 March and the first convoy through Sarakhs


def test_the_forecast_moves_when_the_analyst_cuts_the_flights(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse, lang="en")
    before = next(m.value for m in at.markdown if m.value.startswith("### ") and "home on" in m.value)
    at.slider(key="evop_fc_scale").set_value(50).run()
    assert not at.exception
    after = next(m.value for m in at.markdown if m.value.startswith("### ") and "home on" in m.value)
    assert before != after
    assert any("50 % of the plan" in c.value for c in at.caption)


def test_reference_day_in_kazakh(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse, as_of=REFERENCE_DAY)
    assert not at.exception
    assert at.title[0].value == "Эвакуация"
    assert "356" in _cards(at)  # the 306 flown out of Dubai on 3 March and the 50 from Tehran
    text = _text(at)
    assert "Нордуз – Агарак" in text and "Джульфа (Нахчыван)" in text  # names in Kazakh
    assert "Бакудегі елшілік" in text  # the permit rule in Kazakh
    assert "Шектеулі режим" in text  # Azerbaijan's limited regime, translated
    assert "UDYZ" in text and "UTAA" in text  # onward airports
    assert any("қарттар, әйелдер мен балалар" in i.value for i in at.info)


def _groups_chart(at: AppTest) -> dict:
    for c in at.get("plotly_chart"):
        spec = json.loads(c.proto.spec)
        if spec["data"] and "hovertext" in spec["data"][0] and any("evacuations.csv" in h for h in spec["data"][0]["hovertext"]):
            return spec["data"][0]
    raise AssertionError("no chart of the evacuation groups")


def test_cumulative_chart_hover_in_russian(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse, lang="ru", as_of=REFERENCE_DAY)
    assert not at.exception
    trace = _groups_chart(at)
    assert _array(trace["y"]) == [28, 48, 50]
    hover = " ".join(trace["hovertext"])
    assert "Группа 3" in hover and "Джульфа (Нахичевань)" in hover and "evacuations.csv" in hover
    assert "UTC" in hover
    assert "Ограниченный режим" in _text(at)


def test_as_of_cuts_the_evacuations(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse, lang="en", as_of="2026-03-02T12:00")
    assert not at.exception
    assert "| 28 |" in _cards(at).replace("  ", " ")
    at = _page(monkeypatch, sample_warehouse, lang="en", as_of="2026-03-01T12:00")
    assert not at.exception
    assert any("No evacuations recorded" in i.value for i in at.info)


def test_a_country_without_land_routes(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse, lang="en", as_of=REFERENCE_DAY)
    at.multiselect(key="w_countries").set_value(["ARE"]).run()
    assert not at.exception
    text = _text(at)
    assert "No land crossings from or into the selected countries" in text
    assert "No evacuations recorded" in text
    assert "United Arab Emirates" in text  # the priority table still shows the UAE
    assert "elderly, women and children go first" in text
    assert "306" in _cards(at)  # the UAE's own first flight


def test_choosing_armenia_keeps_its_crossing(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse, lang="en", countries="ARM", as_of=REFERENCE_DAY)
    assert not at.exception
    text = _text(at)
    assert "Nordooz–Agarak" in text and "Julfa" not in text
    assert "Armenia: 48" in text.replace("\n", " ") or "48" in text  # the two groups into Armenia


def test_empty_and_missing_warehouse(monkeypatch, tmp_path, empty_warehouse):
    at = _page(monkeypatch, empty_warehouse, lang="en")
    assert not at.exception
    text = _text(at)
    assert "Nordooz–Agarak" in text  # reference data is there without any report
    assert "No evacuations recorded" in text
    assert "No evacuation reported at the chosen moment" in text
    at = _page(monkeypatch, tmp_path / "none.duckdb", lang="en")
    assert not at.exception
    assert any("python -m etl load" in i.value for i in at.info)


def test_live_mode_runs(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse, lang="en")
    at.toggle(key="w_live").set_value(True).run()
    assert not at.exception
    assert dt.datetime.now().year >= 2026 and "9,517" in _cards(at)
