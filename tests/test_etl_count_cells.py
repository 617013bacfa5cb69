"""Count cells read fast and read carefully agree: a cell of plain digits is taken as its own value
(no parse per row, etl/sql/stage/headcounts_validated.sql), every other spelling goes through the
warehouse's parse_count. Whatever the mix in one column, each stored value and each reject must be
what parse_count itself says about that cell."""
from __future__ import annotations

from pathlib import Path

import duckdb

from tests.conftest import fetch
from tests.helpers import load_text, report_csv

# One column holding plain digits and every other spelling at once (the fast path and the careful
# one in the same load): leading zeros, ten digits, spaces, signs, fractions, words, approximations.
CELLS = ["12", "007", "0", "", "1234567890", " 5", "5 ", "~4", "около 30", "3 500", "-3", "2.5", "many", "+5",
         "999999999", "0000", "40"]
CITIZENS = 1000


def _row(i: int, elderly: str) -> str:
    return f"2026-03-04 09:00,KZ-EMB-ABU,ARE,Dubai {i},tourist,{CITIZENS},,{elderly},,,,,,"


def _expected(db: Path) -> tuple[dict[int, int | None], dict[int, str]]:
    """(line → stored elderly, line → reject code) as parse_count in that warehouse decides."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        stored, rejected = {}, {}
        for i, text in enumerate(CELLS):
            line = i + 2
            n, err = con.execute("SELECT p.n, p.err FROM (SELECT parse_count(?) AS p)", [text or None]).fetchone()
            if err in ("negative", "fraction", "not_number") or (n is not None and n > 2147483647):
                rejected[line] = "bad_optional_count"
            elif n is not None and n > CITIZENS:
                rejected[line] = "more_than_citizens"
            else:
                stored[line] = n
        return stored, rejected
    finally:
        con.close()


def test_plain_and_spelled_counts_in_one_column_agree_with_parse_count(tmp_data):
    rep = load_text(tmp_data, "mixed.csv", report_csv(*(_row(i, c) for i, c in enumerate(CELLS))))
    assert rep.exit_code == 1, rep.outcomes
    db = tmp_data / "warehouse.duckdb"
    stored, rejected = _expected(db)
    assert dict(fetch(db, "SELECT line, elderly FROM headcounts ORDER BY line")) == stored
    assert dict(fetch(db, "SELECT line, code FROM rejects ORDER BY line")) == rejected
    # The spellings people use are there on both sides: leading zeros and approximations load,
    # signs, fractions and words do not.
    assert stored[3] == 7 and stored[9] == 4 and stored[10] == 30
    assert {rejected[12], rejected[13], rejected[14]} == {"bad_optional_count"}
    assert rejected[6] == rejected[11] == "more_than_citizens"  # numbers, larger than the citizens


def test_approximate_citizens_among_plain_ones_keep_their_flag(tmp_data):
    rows = [f"2026-03-04 09:00,KZ-EMB-ABU,ARE,Dubai {i},tourist,{c},,,,,,,," for i, c in enumerate(["10", "~10", "010"])]
    rep = load_text(tmp_data, "approx.csv", report_csv(*rows))
    assert rep.exit_code == 0, rep.outcomes
    assert fetch(tmp_data / "warehouse.duckdb", "SELECT line, count, approximate FROM headcounts ORDER BY line") == [
        (2, 10, False), (3, 10, True), (4, 10, False)]
