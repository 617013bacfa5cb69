"""Unknown airspace end to end: a country with no NOTAM feed and no status-sheet row is `unknown`
in airspace_at, in the overview's indicators (apart from "in closed airspace"), in the exports
and in readiness (never "ready") — and an analyst's sheet row is the documented way to fill it.

Oman is the case: the sample has no OOMM NOTAM, and here its embassy reports 467 citizens (the
public figure of the planned Muscat airlift).
"""
from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import duckdb
import pytest

from tests.conftest import run_cli, sample_data_copy

AT = dt.datetime(2026, 3, 4, 11, 0)
OMAN = """as_of,mission,country,city,category,citizens,approximate,elderly,women,children,housed,contacted,casualties,note
2026-03-04T09:00+04:00,KZ-EMB-MCT,Oman,Muscat,tourist,467,no,20,200,60,467,467,0,
"""
SHEET = """country,fir,status,from,to,note,source
Oman,,open,2026-03-04 06:00,,Oman Air and SalamAir flying; Muscat airport open,Embassy Muscat call
"""


@pytest.fixture(scope="module")
def oman_data(tmp_path_factory, sample_warehouse) -> Path:
    d = sample_data_copy(sample_warehouse, tmp_path_factory.mktemp("oman") / "data")  # the sample, loaded
    inbox = d / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    (inbox / "headcounts_oman.csv").write_text(OMAN, encoding="utf-8")
    res = run_cli(d, "load", str(inbox))
    assert res.returncode == 0, res.stdout + res.stderr
    return d


def _con(data: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(data / "warehouse.duckdb"), read_only=True)


def test_no_feed_is_unknown_never_open(oman_data: Path) -> None:
    con = _con(oman_data)
    row = con.execute("SELECT status, rule FROM airspace_at(?) WHERE country_iso3 = 'OMN'", [AT]).fetchone()
    assert row == ("unknown", "no_interval")
    # No country anywhere is "open" without an interval saying so.
    assert con.execute("SELECT count(*) FROM airspace_at(?) WHERE status = 'open' AND rule = 'no_interval'",
                       [AT]).fetchone()[0] == 0
    con.close()


def test_overview_indicators_keep_closed_and_unknown_apart(oman_data: Path, monkeypatch) -> None:
    monkeypatch.setenv("SITROOM_DATA", str(oman_data))
    monkeypatch.setenv("SITROOM_DB", str(oman_data / "warehouse.duckdb"))
    from situation.display.overview import metric_cards
    from situation.queries import overview as oq

    now = oq.indicators(AT).loc["now"]
    assert now["in_unknown"] == 467
    assert now["in_closed"] == 3500 + 168 + 82 + 100 + 134 + 1500  # ARE BHR IRN ISR KWT QAT, Oman not among them
    cards = {c["label"]: c["value"] for c in metric_cards(oq.indicators(AT), "en")}
    assert cards["In unknown airspace"] == "467"


def test_export_and_readiness_say_unknown(oman_data: Path, monkeypatch) -> None:
    monkeypatch.setenv("SITROOM_DATA", str(oman_data))
    monkeypatch.setenv("SITROOM_DB", str(oman_data / "warehouse.duckdb"))
    from situation.briefing import frames as export_frames
    from situation.i18n import t
    from situation.queries.filters import Filters

    f = Filters(lang="en", countries=("OMN",), as_of=AT)
    heads = export_frames.frame("export.table.headcounts", f)
    assert list(heads[t("map.airspace", "en")]) == ["Unknown"]
    ready = export_frames.frame("export.table.readiness", f)
    assert list(ready[t("readiness.col.level", "en")]) != [t("readiness.green", "en")]
    assert "unknown" in ready.iloc[0][t("readiness.col.why", "en")].lower()


def test_unknown_airspace_never_makes_a_country_ready() -> None:
    from situation.queries.readiness import evaluate

    grid = itertools.product([True, False], [0.0, 0.5, 1.0], [0.0, 0.85, 1.0], [0.0, 5.0, 100.0], [0, 3])
    for land, housed, contacted, age, casualties in grid:
        facts = {"airspace": "unknown", "land_route": land, "land_open_to": ["ARM"] if land else [], "exit": land,
                 "housed_share": housed, "contacted_share": contacted, "report_age_hours": age,
                 "vulnerable": 10.0, "citizens": 100.0, "casualties": float(casualties)}
        assert evaluate(facts, params={"stale_hours": 24}).level != "green", facts


def test_a_status_sheet_row_fills_the_gap(oman_data: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "oman_sheet.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    res = run_cli(oman_data, "load", str(sheet))
    assert res.returncode == 0, res.stdout + res.stderr
    con = _con(oman_data)
    row = con.execute("SELECT status, manual FROM airspace_at(?) WHERE country_iso3 = 'OMN'", [AT]).fetchone()
    assert row == ("open", True)
    # A row with no end vouches for SITROOM_AIRSPACE_STALE_HOURS (168 h): after that, unknown again.
    late = con.execute("SELECT status, rule FROM airspace_at(?) WHERE country_iso3 = 'OMN'",
                       [AT + dt.timedelta(days=8)]).fetchone()
    assert late[0] == "unknown"
    con.close()
