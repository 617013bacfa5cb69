"""Every bad-input case of the data-core issue: a clear message, and nothing else lost."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.conftest import fetch
from tests.helpers import HEADER, load_text, report_csv

ROW = "2026-03-04 09:00,KZ-EMB-ABU,{country},Dubai,tourist,{count},,,,,,,,"


def rejects(data: Path) -> list[tuple]:
    return fetch(data / "warehouse.duckdb", "SELECT line, col, code, reason FROM rejects ORDER BY line")


def loaded(data: Path) -> list[tuple]:
    return fetch(data / "warehouse.duckdb",
                 "SELECT line, country_iso3, count, approximate FROM headcounts ORDER BY line")


@pytest.mark.parametrize("country, iso3", [
    ("United Arab Emirates", "ARE"), ("ОАЭ", "ARE"), ("БАӘ", "ARE"), ("Біріккен Араб Әмірліктері", "ARE"),
    ("Саудовская Аравия", "SAU"), ("САҚ", "SAU"), ("Иран", "IRN"), ("  qatar ", "QAT"), ("KWT", "KWT"),
])
def test_country_in_any_language_or_short_form_is_accepted(tmp_data, country, iso3):
    rep = load_text(tmp_data, "r.csv", report_csv(ROW.format(country=country, count=5)))
    assert rep.exit_code == 0, rep.outcomes
    assert loaded(tmp_data) == [(2, iso3, 5, False)]


def test_misspelled_country_is_rejected_with_the_closest_name(tmp_data):
    rep = load_text(tmp_data, "r.csv", report_csv(ROW.format(country="Quatar", count=5),
                                                  ROW.format(country="Kuwait", count=7)))
    assert rep.exit_code == 1
    [(line, col, code, reason)] = rejects(tmp_data)
    assert (line, col, code) == (2, "country", "unknown_country")
    assert "Quatar" in reason and "Qatar" in reason
    assert loaded(tmp_data) == [(3, "KWT", 7, False)]  # the good row of the same file still loads


@pytest.mark.parametrize("text, n, approx", [
    ("~3 500", 3500, True), ("около 3000", 3000, True), ('"3,500"', 3500, False), ("3 500", 3500, False),
    ("3\u00a0500", 3500, False), ("шамамен 3 500", 3500, True), ('"1 500-ге жуық"', 1500, True), ("0", 0, False),
])
def test_counts_written_as_people_write_them(tmp_data, text, n, approx):
    rep = load_text(tmp_data, "r.csv", report_csv(ROW.format(country="UAE", count=text)))
    assert rep.exit_code == 0, rejects(tmp_data)
    assert loaded(tmp_data) == [(2, "ARE", n, approx)]


@pytest.mark.parametrize("text, code", [("many", "not_a_count"), ("-5", "negative_count"),
                                        ("12.5", "fraction_count"), ("", "missing_count")])
def test_counts_that_are_not_counts_are_rejected(tmp_data, text, code):
    rep = load_text(tmp_data, "r.csv", report_csv(ROW.format(country="UAE", count=text)))
    assert rep.exit_code == 1
    [(line, col, got, reason)] = rejects(tmp_data)
    assert (line, col, got) == (2, "citizens", code)
    assert "citizens" in reason


@pytest.mark.parametrize("as_of, code", [("2099-03-04 09:00", "future_as_of"), ("yesterday", "bad_as_of"),
                                         ("2026-02-30 10:00", "bad_as_of")])
def test_as_of_in_the_future_or_unparseable(tmp_data, as_of, code):
    row = f"{as_of},KZ-EMB-ABU,UAE,Dubai,tourist,5,,,,,,,,"
    rep = load_text(tmp_data, "r.csv", report_csv(row))
    assert rep.exit_code == 1
    assert [r[2] for r in rejects(tmp_data)] == [code]


def test_as_of_with_an_offset_is_stored_in_utc(tmp_data):
    load_text(tmp_data, "r.csv", report_csv("2026-03-04T12:00+03:00,KZ-EMB-ABU,UAE,Dubai,tourist,5,,,,,,,,"))
    assert fetch(tmp_data / "warehouse.duckdb", "SELECT strftime(as_of, '%H:%M') FROM headcounts") == [("09:00",)]


def test_an_older_report_is_history_and_the_newest_wins(tmp_data):
    load_text(tmp_data, "new.csv", report_csv("2026-03-04 09:00,KZ-EMB-ABU,UAE,Dubai,tourist,500,,,,,,,,"))
    rep = load_text(tmp_data, "old.csv", report_csv("2026-03-01 09:00,KZ-EMB-ABU,UAE,Dubai,tourist,200,,,,,,,,"))
    assert rep.exit_code == 0
    db = tmp_data / "warehouse.duckdb"
    assert fetch(db, "SELECT count(*) FROM headcounts") == [(2,)]
    assert fetch(db, "SELECT country_iso3, count FROM latest_headcounts") == [("ARE", 500)]


def test_duplicate_rows_in_one_file(tmp_data):
    row = "2026-03-04 09:00,KZ-EMB-ABU,UAE,Dubai,tourist,5,,,,,,,,"
    rep = load_text(tmp_data, "r.csv", report_csv(row, row.replace(",5,", ",6,")))
    assert rep.exit_code == 1
    [(line, _col, code, reason)] = rejects(tmp_data)
    assert (line, code) == (3, "duplicate_row") and "line 2" in reason


def test_empty_file_is_unusable_and_moved_to_quarantine(tmp_data):
    rep = load_text(tmp_data, "empty.csv", "")
    assert rep.exit_code == 1
    assert rep.outcomes[0].status == "unusable" and "empty" in rep.outcomes[0].message
    assert (tmp_data / "quarantine" / "empty.csv").exists()
    assert "empty" in (tmp_data / "quarantine" / "empty.csv.reason.txt").read_text()


@pytest.mark.parametrize("header, needle", [
    ("when,where,how_many", "as_of,mission,country"),
    ("as_of,mission,country,city,category", "as_of,mission,country"),  # citizens missing
])
def test_wrong_or_missing_header(tmp_data, header, needle):
    rep = load_text(tmp_data, "r.csv", header + "\n2026-03-04,x,y\n")
    assert rep.outcomes[0].status == "unusable"
    assert needle in rep.outcomes[0].message


def test_cp1251_bom_and_semicolons(tmp_data):
    ru_header = "дата;миссия;страна;город;категория;граждан;примерно;пожилые;женщины;дети;в_гостинице;на_связи;пострадавшие;примечание"
    body = "2026-03-04 09:00;KZ-EMB-ABU;Катар;Доха;транзит;около 1 500;;;;;;;;пересадка"
    rep = load_text(tmp_data, "cp.csv", report_csv(body, header=ru_header), encoding="cp1251")
    assert rep.exit_code == 0, rejects(tmp_data)
    rep = load_text(tmp_data, "bom.csv", report_csv(body.replace("Доха", "Доха 2"), header=ru_header), encoding="utf-8-sig")
    assert rep.exit_code == 0, rejects(tmp_data)
    assert fetch(tmp_data / "warehouse.duckdb", "SELECT city, count, approximate, note FROM headcounts ORDER BY city") == [
        ("Доха", 1500, True, "пересадка"), ("Доха 2", 1500, True, "пересадка")]


def test_quoted_newline_and_blank_lines_keep_exact_line_numbers(tmp_data):
    rows = ['2026-03-04 09:00,KZ-EMB-ABU,UAE,Dubai,tourist,5,,,,,,,,"two\nlines"', "",
            "2026-03-04 09:00,KZ-EMB-ABU,UAE,Sharjah,tourist,many,,,,,,,,"]
    load_text(tmp_data, "r.csv", report_csv(*rows))
    assert [r[:3] for r in rejects(tmp_data)] == [(5, "citizens", "not_a_count")]


def test_row_with_too_many_columns_is_rejected_and_others_keep_their_lines(tmp_data):
    rows = ["2026-03-04 09:00,KZ-EMB-ABU,UAE,Dubai,tourist,5,,,,,,,,,extra,cells",
            "2026-03-04 09:00,KZ-EMB-ABU,UAE,Sharjah,tourist,many,,,,,,,,"]
    load_text(tmp_data, "r.csv", report_csv(*rows))
    got = [(line, code) for line, _c, code, _r in rejects(tmp_data)]
    assert got == [(2, "bad_row_shape"), (3, "not_a_count")]


def _xlsx(sheets: dict[str, list[list]], merged_title: bool = False) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
        if merged_title:
            ws.merge_cells("A1:F1")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


HEAD = ["as_of", "mission", "country", "city", "category", "citizens"]


def test_xlsx_with_several_sheets_and_a_merged_title_row(tmp_data):
    content = _xlsx({
        "Notes": [["Only notes here"]],
        "Report": [["Situation report — Embassy in Abu Dhabi"], [], HEAD,
                   ["2026-03-04 09:00", "KZ-EMB-ABU", "UAE", "Dubai", "tourist", 3500],
                   ["2026-03-04 09:00", "KZ-EMB-ABU", "UAE", "Abu Dhabi", "tourist", "many"]],
    }, merged_title=True)
    rep = load_text(tmp_data, "report.xlsx", content)
    assert rep.outcomes[0].kind == "headcounts"
    assert loaded(tmp_data) == [(4, "ARE", 3500, False)]
    assert [(r[0], r[2]) for r in rejects(tmp_data)] == [(5, "not_a_count")]


def test_formula_in_a_cell_is_never_run(tmp_data):
    content = _xlsx({"R": [HEAD, ["2026-03-04 09:00", "KZ-EMB-ABU", "UAE", "Dubai", "tourist", 10],
                           ["2026-03-04 09:00", "KZ-EMB-ABU", "UAE", "Total", "tourist", "=SUM(F2:F2)"]]})
    rep = load_text(tmp_data, "f.xlsx", content)
    assert rep.exit_code == 1
    [(line, _col, code, reason)] = rejects(tmp_data)
    assert (line, code) == (3, "formula_cell") and "F3" in reason


def test_a_pdf_renamed_csv_is_not_a_report(tmp_data):
    rep = load_text(tmp_data, "report.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    assert rep.outcomes[0].status == "unusable"
    assert "PDF" in rep.outcomes[0].message


def test_vulnerable_group_larger_than_citizens(tmp_data):
    rep = load_text(tmp_data, "r.csv", report_csv("2026-03-04 09:00,KZ-EMB-ABU,UAE,Dubai,tourist,5,,9,,,,,,"))
    assert rep.exit_code == 1
    assert [r[1:3] for r in rejects(tmp_data)] == [("elderly", "more_than_citizens")]


def test_unknown_mission_suggests_the_closest_id(tmp_data):
    rep = load_text(tmp_data, "r.csv", report_csv("2026-03-04 09:00,KZ-EMB-ABUU,UAE,Dubai,tourist,5,,,,,,,,"))
    assert rep.exit_code == 1
    [(_l, col, code, reason)] = rejects(tmp_data)
    assert (col, code) == ("mission", "unknown_mission") and "KZ-EMB-ABU" in reason


def test_a_200_mb_report_is_streamed_with_bounded_memory(tmp_data, tmp_path):
    """A huge export loads in full while the loader's memory stays far below what holding the
    file's rows as Python objects would take (the file is never read into memory at once)."""
    import resource
    import subprocess
    import sys

    from tests.conftest import ROOT, cli_env

    big = tmp_path / "huge.csv"
    block_rows = [f"{{ts}},KZ-EMB-ABU,ARE,Dubai {i},tourist,{i % 500},,,,,,,,padding to look like a real export row"
                  for i in range(1000)]
    block = ("\n".join(block_rows) + "\n").encode()
    with open(big, "wb") as f:
        f.write((HEADER + "\n").encode())
        n = 0
        while f.tell() < 200_000_000:
            # One report moment per block keeps every row's key unique.
            day, minute = divmod(n, 24 * 60)
            ts = f"2025-{1 + day // 28:02d}-{1 + day % 28:02d} {minute // 60:02d}:{minute % 60:02d}"
            f.write(block.replace(b"{ts}", ts.encode()))
            n += 1
    rows = n * 1000
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    res = subprocess.run([sys.executable, "-m", "etl", "load", "--quiet", str(big)], cwd=ROOT, env=cli_env(tmp_data),
                         capture_output=True, text=True, timeout=600, check=False)
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert res.returncode == 0, res.stdout + res.stderr
    assert f"{rows} rows loaded" in res.stdout
    assert fetch(tmp_data / "warehouse.duckdb", "SELECT count(*) FROM headcounts") == [(rows,)]
    print(f"200 MB, {rows} rows: loader peak {peak_mib:.0f} MiB")
    if peak_mib > before / 1024:  # only meaningful when this child set the high-water mark
        assert peak_mib < 2500, f"loader peaked at {peak_mib:.0f} MiB for a 200 MB file"
