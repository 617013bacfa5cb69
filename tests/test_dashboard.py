"""The dashboard frame: it starts on the sample, shows the headline figures, follows the URL."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.apptest import REFERENCE_DAY, open_page


def _app(monkeypatch, db, **params) -> AppTest:
    return open_page(monkeypatch, db, **params)


def _metrics(at: AppTest) -> str:
    return " | ".join(f"{m.label}: {m.value}" for m in at.metric).replace("\u00a0", " ")


def test_starts_in_kazakh_on_the_sample(monkeypatch, sample_warehouse):
    at = _app(monkeypatch, sample_warehouse)  # opens at the sample's last report, 11 March evening
    assert not at.exception
    text = _metrics(at)
    assert "≈1 700" in text and "Эвакуацияланды: 9 517" in text
    at = _app(monkeypatch, sample_warehouse, as_of=REFERENCE_DAY)
    assert "≈8 600" in _metrics(at)  # the eight countries add up to 8,618, partly estimated: ≈8 600


def test_language_and_countries_from_a_copied_link(monkeypatch, sample_warehouse):
    at = _app(monkeypatch, sample_warehouse, lang="en", countries="ARE,QAT", as_of=REFERENCE_DAY)
    assert not at.exception
    assert "≈5,000" in _metrics(at)  # UAE about 3,500 + Qatar about 1,500
    assert at.query_params["countries"] == ["ARE,QAT"] or at.query_params["countries"] == "ARE,QAT"


def test_choosing_a_language_changes_the_text_and_the_url(monkeypatch, sample_warehouse):
    at = _app(monkeypatch, sample_warehouse, as_of=REFERENCE_DAY)
    at.radio(key="w_lang").set_value("ru").run()
    assert not at.exception
    assert "≈8 600" in _metrics(at)
    assert "ru" in str(at.query_params["lang"])


def test_empty_warehouse_says_how_to_load(monkeypatch, tmp_path):
    at = _app(monkeypatch, tmp_path / "none.duckdb")
    assert not at.exception
    assert any("python -m etl load" in i.value for i in at.info)
