"""Both ways a bulletin reaches the warehouse give the same rows: `etl load` of the text itself, and
`etl extract` (reports written for review) followed by `etl load` of those reports. Also: exit
codes, bulletins with no figure at all, plans and region-wide totals kept apart, and the reviewed
statements report's own rejects."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from etl.bulletin import extract
from etl.cli import main as etl_main
from tests.conftest import ROOT, fetch, run_cli

FIX = ROOT / "tests" / "fixtures" / "bulletins"
TEXTS = sorted((FIX / "corpus").glob("*.txt")) + sorted(p for p in FIX.glob("*2026-03-04.txt"))

HEADCOUNTS = ("SELECT as_of, country_iso3, city, category, count, approximate, mission_id, note FROM headcounts "
              "ORDER BY ALL")
EVACUATIONS = "SELECT date, from_iso3, from_city, via, to_iso3, people, mode, note FROM evacuations ORDER BY ALL"
STATEMENTS = ("SELECT statement, as_of, from_iso3, from_city, via_iso3, to_iso3, people, approximate, note "
              "FROM bulletin_statements ORDER BY ALL")


def _extract_in_process(path: Path, data: Path, monkeypatch, capsys) -> int:
    monkeypatch.setenv("SITROOM_DATA", str(data))
    monkeypatch.setenv("SITROOM_DB", str(data / "warehouse.duckdb"))
    code = etl_main(["extract", str(path)])
    capsys.readouterr()
    return code


def test_load_and_extract_then_load_give_the_same_rows(tmp_path: Path, monkeypatch, capsys) -> None:
    direct, reviewed = tmp_path / "direct", tmp_path / "reviewed"
    for d in (direct, reviewed):
        (d / "inbox").mkdir(parents=True)
    for p in TEXTS:
        shutil.copyfile(p, direct / "inbox" / p.name)
    res = run_cli(direct, "load")
    assert res.returncode == 1, res.stdout + res.stderr  # some sentences are for the analyst: partial
    codes = {}
    for p in TEXTS:
        codes[p.name] = _extract_in_process(p, reviewed, monkeypatch, capsys)
        want = 1 if extract(p.read_text(encoding="utf-8")).not_understood else 0
        assert codes[p.name] == want, p.name
    assert set(codes.values()) == {0, 1}  # the set holds both kinds of bulletin
    res = run_cli(reviewed, "load")
    assert res.returncode == 0, res.stdout + res.stderr  # the reviewed reports load whole
    a, b = direct / "warehouse.duckdb", reviewed / "warehouse.duckdb"
    for sql in (HEADCOUNTS, EVACUATIONS, STATEMENTS):
        rows = fetch(a, sql)
        assert rows, sql  # the set yields rows of every kind
        assert rows == fetch(b, sql), sql
    # Every stored figure still carries its sentence, word for word from its bulletin.
    lines = [ln for p in TEXTS for ln in p.read_text(encoding="utf-8").splitlines()]
    for (note,) in fetch(a, "SELECT note FROM headcounts UNION ALL SELECT note FROM bulletin_statements"):
        assert note and any(note in ln for ln in lines), note
    kinds = dict(fetch(b, "SELECT kind, count(*) FROM sources GROUP BY kind"))
    assert set(kinds) == {"bulletin", "evacuations"}, kinds  # figures and statements reports are bulletin's


def test_plans_and_totals_are_never_figures(tmp_data: Path) -> None:
    shutil.copyfile(FIX / "corpus" / "ru02_plans.txt", tmp_data / "inbox" / "ru02.txt")
    shutil.copyfile(FIX / "corpus" / "en03_dates_totals.txt", tmp_data / "inbox" / "en03.txt")
    res = run_cli(tmp_data, "load")
    assert res.returncode == 0, res.stdout + res.stderr
    db = tmp_data / "warehouse.duckdb"
    assert fetch(db, "SELECT count(*) FROM headcounts") == [(0,)]
    assert sorted(fetch(db, "SELECT statement, from_iso3, people FROM bulletin_statements")) == [
        ("plan", "OMN", 467), ("plan", "QAT", 343), ("total_evacuated", None, 8500),
        ("total_evacuated", None, 9517)]
    assert sorted(fetch(db, "SELECT from_iso3, from_city, to_iso3, people FROM evacuations")) == [
        ("ARE", "Dubai", "KAZ", 306), ("OMN", None, "KAZ", 120)]
    # Nothing from a plan or a date reached the picture.
    assert fetch(db, "SELECT count(*) FROM headcounts_at(TIMESTAMP '2026-03-12')") == [(0,)]


@pytest.mark.parametrize("name", ["kk08_neighbour_traps.txt", "en07_neighbour.txt"])
def test_bulletin_with_no_figure_loads(tmp_data: Path, name: str) -> None:
    """A bulletin whose numbers are all set aside or for the analyst still loads (no empty insert)."""
    shutil.copyfile(FIX / "corpus" / name, tmp_data / "inbox" / name)
    res = run_cli(tmp_data, "load")
    assert res.returncode in (0, 1), res.stdout + res.stderr
    assert "Traceback" not in res.stderr and "executemany" not in res.stdout + res.stderr
    db = tmp_data / "warehouse.duckdb"
    assert fetch(db, "SELECT kind FROM sources") == [("bulletin",)]
    assert fetch(db, "SELECT count(*) FROM evacuations") == [(0,)]
    assert fetch(db, "SELECT count(*) FROM headcounts WHERE country_iso3 <> 'IRN'") == [(0,)]


def test_extract_of_a_bulletin_without_figures_writes_nothing(tmp_data: Path, monkeypatch, capsys) -> None:
    src = tmp_data / "note.txt"
    src.write_text("6 марта 2026 г.\nТелефон горячей линии: +7 7172 72-00-00.\n", encoding="utf-8")
    assert _extract_in_process(src, tmp_data, monkeypatch, capsys) == 0
    assert not list((tmp_data / "inbox").iterdir())


def test_reviewed_statements_report_rejects_bad_rows(tmp_data: Path) -> None:
    report = tmp_data / "inbox" / "x.bulletin-statements.csv"
    report.write_text(
        "# reviewed\n"
        "statement,as_of,from_country,from_city,via,to_country,people,approximate,note\n"
        "plan,2026-03-03 00:00,QAT,,,KAZ,343,no,Планируется вывезти 343 гражданина из Катара\n"
        "plan,2026-03-03 00:00,Qatarr,,,KAZ,343,no,a misspelt country\n"
        "total_evacuated,2026-03-11 00:00,,,,,many,no,not a count\n"
        "rumour,2026-03-11 00:00,,,,,5,no,not a statement\n"
        "total_present,2126-03-11 00:00,,,,,5,no,in the future\n", encoding="utf-8")
    res = run_cli(tmp_data, "load")
    assert res.returncode == 1, res.stdout + res.stderr
    db = tmp_data / "warehouse.duckdb"
    assert fetch(db, "SELECT statement, from_iso3, to_iso3, people, line FROM bulletin_statements") == [
        ("plan", "QAT", "KAZ", 343, 3)]
    assert fetch(db, "SELECT line, col, code FROM rejects ORDER BY line") == [
        (4, "from_country", "unknown_country"), (5, "people", "not_a_count"), (6, "statement", "bad_statement"),
        (7, "as_of", "future_date")]
    assert fetch(db, "SELECT kind FROM sources") == [("bulletin",)]
