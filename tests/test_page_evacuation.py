"""Evacuation page: crossings with their regime and permit rule by language, onward airports,
evacuations so far (28 + 20 + 2 from Tehran), priority groups; filters and empty states."""
from __future__ import annotations

import base64
import datetime as dt
import json
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

from tests.apptest import open_page, plain

PAGE = "views/evacuation.py"


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


def test_sample_in_kazakh(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse)
    assert not at.exception
    assert at.title[0].value == "Эвакуация"
    assert _metric(at, "Шығарылған топтар") == "3"
    assert any(m.value == "50" for m in at.metric)  # 28 + 20 + 2 from Tehran
    text = _text(at)
    assert "Нордуз – Агарак" in text and "Джульфа (Нахчыван)" in text  # names in Kazakh
    assert "Бакудегі елшілік" in text  # the permit rule in Kazakh
    assert "Шектеулі режим" in text  # Azerbaijan's limited regime, translated
    assert "UDYZ" in text and "UTAA" in text  # onward airports
    assert any("қарттар, әйелдер мен балалар" in i.value for i in at.info)


def test_cumulative_chart_hover_in_russian(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse, lang="ru")
    assert not at.exception
    trace = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    assert _array(trace["y"]) == [28, 48, 50]
    hover = " ".join(trace["hovertext"])
    assert "Группа 3" in hover and "Джульфа (Нахичевань)" in hover and "evacuations.csv" in hover
    assert "UTC" in hover
    assert "Ограниченный режим" in _text(at)


def test_as_of_cuts_the_evacuations(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse, lang="en", as_of="2026-03-02T12:00")
    assert not at.exception
    assert any(m.value == "28" for m in at.metric)
    at = _page(monkeypatch, sample_warehouse, lang="en", as_of="2026-03-01T12:00")
    assert not at.exception
    assert any("No evacuations recorded" in i.value for i in at.info)


def test_a_country_without_land_routes(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse, lang="en")
    at.multiselect(key="w_countries").set_value(["ARE"]).run()
    assert not at.exception
    text = _text(at)
    assert "No land crossings from or into the selected countries" in text
    assert "No evacuations recorded" in text
    assert "United Arab Emirates" in text  # the priority table still shows the UAE
    assert "elderly, women and children go first" in text


def test_choosing_armenia_keeps_its_crossing(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse, lang="en", countries="ARM")
    assert not at.exception
    text = _text(at)
    assert "Nordooz–Agarak" in text and "Julfa" not in text
    assert any(m.value == "48" for m in at.metric)  # the two groups into Armenia


def test_empty_and_missing_warehouse(monkeypatch, tmp_path, empty_warehouse):
    at = _page(monkeypatch, empty_warehouse, lang="en")
    assert not at.exception
    text = _text(at)
    assert "Nordooz–Agarak" in text  # reference data is there without any report
    assert "No evacuations recorded" in text
    at = _page(monkeypatch, tmp_path / "none.duckdb", lang="en")
    assert not at.exception
    assert any("python -m etl load" in i.value for i in at.info)


def test_live_mode_runs(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse, lang="en")
    at.toggle(key="w_live").set_value(True).run()
    assert not at.exception
    assert dt.datetime.now().year >= 2026 and any(m.value == "50" for m in at.metric)
