"""Airspace page: map, timeline, rules in words, NOTAMs in force with search and unknown FIRs, on the
sample (the reference day), in three languages, with a country filter, on an empty warehouse and
with a warehouse that holds a NOTAM of a FIR missing from the reference list."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from situation.i18n import leaked_keys
from tests.apptest import REFERENCE_DAY, open_page, plain
from tests.conftest import run_cli, sample_data_copy

PAGE = "pages/airspace.py"
MOMENT = "2026-03-04T12:00"

UNKNOWN_FIR_NOTAM = """A0007/26 NOTAMN
Q) ZZZZ/QAFLC/IV/NBO/E/000/999/3000N05000E999
A) ZZZZ B) 2603010000 C) 2603092359 EST
E) ZZZZ FIR CLSD FOR ALL CIVIL FLIGHTS.
"""


def _page(monkeypatch, db: Path, **params: str) -> AppTest:
    params.setdefault("as_of", REFERENCE_DAY)  # the figures asserted are the reference day's
    return open_page(monkeypatch, db, PAGE, **params)


_plain = plain


def _text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    parts += [w.value for w in at.warning] + [e.label for e in at.expander] + [s.value for s in at.subheader]
    parts += [f"{m.label}: {m.value}" for m in at.metric]
    parts += [df.value.to_csv() for df in at.dataframe]
    return _plain("\n".join(parts))


def _timeline(at: AppTest) -> dict:
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    return json.loads(charts[0].proto.spec)


def _deck(at: AppTest) -> dict:
    decks = at.get("deck_gl_json_chart")
    assert len(decks) == 1
    return json.loads(decks[0].proto.json)


def test_reference_day_in_kazakh(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse, as_of=MOMENT)
    assert not at.exception
    assert at.title[0].value == "Әуе кеңістігі"
    text = _text(at)
    # ARE BHR IRN IRQ ISR KWT PSE QAT SYR closed; JOR LBN SAU restricted at noon on 4 March
    assert [(m.label, m.value) for m in at.metric][:2] == [("Жабық", "9"), ("Шектеулі", "3")]
    assert "OIIX A0215/26" in text  # the Tehran NOTAM in force at noon
    assert "NOTAM мәтінінде FIR" in text  # the rule behind Iran's closure, in words
    assert "Талдаушылардың күй кестесіндегі жазба" in text  # Qatar: the analysts' sheet
    assert not leaked_keys(text)
    fig = _timeline(at)
    assert {d["name"] for d in fig["data"]} >= {"Жабық", "Шектеулі", "Ашық"}
    hover = json.dumps(fig["data"], ensure_ascii=False)
    assert "OMAE A0355/26" in hover and "UAE AIRSPACE CLOSED" in hover and "UTC" in hover
    assert "notams_middle_east_2026-03-04.txt" in hover
    assert not leaked_keys(hover)
    deck = _deck(at)
    assert deck["mapStyle"] == "/app/static/blank_style.json"
    tips = json.dumps(deck, ensure_ascii=False)
    assert "Иран" in tips and "болжамды" in tips  # Iran's end is C) ... EST


@pytest.mark.parametrize("lang, closed, estimated", [("ru", "Закрыто", "ориентировочно"),
                                                     ("en", "Closed", "estimated")])
def test_other_languages(monkeypatch, sample_warehouse, lang, closed, estimated):
    at = _page(monkeypatch, sample_warehouse, as_of=MOMENT, lang=lang)
    assert not at.exception
    assert any(m.label == closed and m.value == "9" for m in at.metric)
    hover = json.dumps(_timeline(at)["data"], ensure_ascii=False)
    assert estimated in hover
    assert not leaked_keys(_text(at) + hover)


def test_country_filter_narrows_everything(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse, as_of=MOMENT, lang="en", countries="JOR")
    assert not at.exception
    assert [m.value for m in at.metric] == ["0", "1", "0", "0"]  # Jordan: partly reopened
    text = _text(at)
    assert "Part of the FIR reopened" in text
    assert "OJAC A0094/26" in text and "OIIX" not in text.split("NOTAMs in force")[1]
    rows = {d["name"]: d["y"] for d in _timeline(at)["data"] if d.get("type") == "bar" and d.get("y") != [None]}
    assert {y for ys in rows.values() for y in ys} == {"Jordan"}


def test_search_filters_notams(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse, as_of=MOMENT, lang="en")
    before = len(at.dataframe[1].value)
    at.text_input(key="notam_q").set_value("tehran").run()
    assert not at.exception
    found = at.dataframe[1].value
    assert 0 < len(found) < before
    assert set(found["NOTAM"]) == {"OIIX A0215/26", "UDDD A0310/26"}  # id, FIR or text mentions Tehran
    at.selectbox(key="notam_pick").set_value("OIIX A0215/26").run()
    assert any("A0215/26 NOTAMR A0201/26" in c.value for c in at.code)  # the raw text
    at.text_input(key="notam_q").set_value("no such notam").run()
    assert "No NOTAM in force matches the search." in _text(at)


def test_before_the_war_nothing_said_is_unknown_not_open(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse, as_of="2026-02-26T00:00", lang="en")
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    # Only Lebanon's feed spoke (a danger area NOTAM of 20 February): every other country is unknown.
    assert (metrics["Closed"], metrics["Restricted"], metrics["Open"]) == ("0", "0", "1")
    assert int(metrics["Unknown"]) >= 15
    why = at.dataframe[0].value
    assert set(why["Status"]) == {"Unknown"} and "Lebanon" not in set(why["Country"])
    assert "unknown, not open" in _text(at)  # the rule in words
    notams = at.dataframe[1].value
    assert list(notams["NOTAM"]) == ["OLBB A0220/26"]  # a danger area, information only
    assert notams["Effect"].iloc[0] == "Information"


def test_unknown_airspace_everywhere_on_the_page(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse, as_of=MOMENT, lang="en")
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    why = at.dataframe[0].value
    unknown = set(why.loc[why["Status"] == "Unknown", "Country"])
    assert "Turkmenistan" in unknown and "Oman" in unknown  # no NOTAM feed in the sample
    assert int(metrics["Unknown"]) == len(unknown)
    # The deciding NOTAM text is on screen beside the status it decided.
    iran = why[why["Country"] == "Iran"].iloc[0]
    assert iran["NOTAM text that decided it"].startswith("OIIX A0215/26: DUE TO SECURITY SITUATION TEHRAN FIR CLSD")
    # Feed coverage: FIRs with no feed first, with "never" or the moment they went unknown.
    feeds = at.dataframe[2].value
    silent = feeds[feeds["Unknown since"] != "—"]
    assert "OOMM Muscat" in set(silent["FIR"]) and silent.index.max() < len(silent)
    assert (silent.loc[silent["FIR"] == "OOMM Muscat", "Newest NOTAM"] == "never").all()
    assert any("have no feed" in w.value for w in at.warning)
    # Map: unknown countries grey with a "?".
    deck = _deck(at)
    marks = next(layer for layer in deck["layers"] if layer["id"] == "unknown_marks")["data"]
    assert {m["iso3"] for m in marks} >= {"TKM", "OMN"}
    # Timeline: unknown bars are hatched.
    bars = [d for d in _timeline(at)["data"] if d.get("name") == "Unknown"]
    assert bars and bars[0]["marker"]["pattern"]["shape"] == "/"


def test_unknown_fir_is_listed(monkeypatch, tmp_path, sample_warehouse):
    data = sample_data_copy(sample_warehouse, tmp_path / "data")  # the sample, loaded
    (data / "inbox").mkdir(parents=True, exist_ok=True)
    (data / "inbox" / "notams_unknown.txt").write_text(UNKNOWN_FIR_NOTAM, encoding="utf-8")
    res = run_cli(data, "load", str(data / "inbox"))
    assert res.returncode in (0, 1), res.stdout + res.stderr
    at = _page(monkeypatch, data / "warehouse.duckdb", as_of=MOMENT, lang="en")
    assert not at.exception
    assert any("not in the reference list" in w.value for w in at.warning)
    table = at.dataframe[-1].value
    assert list(table["FIR"]) == ["ZZZZ"] and "ZZZZ A0007/26" in table["NOTAM"].iloc[0]


def test_empty_warehouse(monkeypatch, empty_warehouse):
    at = _page(monkeypatch, empty_warehouse, lang="en")
    assert not at.exception
    text = _text(at)
    assert "No airspace restrictions are recorded" in text
    assert "No NOTAM is in force" in text
    assert not at.get("plotly_chart")


def test_no_warehouse(monkeypatch, tmp_path):
    at = _page(monkeypatch, tmp_path / "none.duckdb", lang="en")
    assert not at.exception
    assert at.info and not at.get("deck_gl_json_chart")
