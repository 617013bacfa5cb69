"""The embedded sample, loaded by the real CLI, shows the reference day exactly as the bulletin."""
from __future__ import annotations

from tests.conftest import fetch

BULLETIN = {  # SITUATION.md: citizens on 2026-03-04, approximate where the bulletin says "about"
    "ARE": (3500, True), "SAU": (3000, True), "QAT": (1500, True), "BHR": (168, False),
    "KWT": (134, False), "JOR": (134, False), "ISR": (100, True), "IRN": (82, False),
}


def test_reference_day_figures(sample_warehouse):
    rows = fetch(sample_warehouse, "SELECT country_iso3, count, approximate FROM latest_headcounts")
    assert {c: (n, a) for c, n, a in rows} == BULLETIN


def test_reference_day_as_of_the_end_of_2026_03_04(sample_warehouse):
    rows = fetch(sample_warehouse, "SELECT country_iso3, sum(count) FROM headcounts_at(TIMESTAMP '2026-03-04 23:59') GROUP BY 1")
    assert {c: n for c, n in rows} == {c: n for c, (n, _a) in BULLETIN.items()}


def test_fifty_evacuated_from_tehran_and_no_casualties(sample_warehouse):
    assert fetch(sample_warehouse, "SELECT sum(people) FROM evacuations WHERE from_iso3 = 'IRN'") == [(50,)]
    assert fetch(sample_warehouse, "SELECT coalesce(sum(casualties), 0) FROM headcounts_at(TIMESTAMP '2026-03-04 23:59')") == [(0,)]


def test_three_land_routes_out_of_iran(sample_warehouse):
    rows = fetch(sample_warehouse, "SELECT DISTINCT to_iso3 FROM crossings WHERE from_iso3 = 'IRN' ORDER BY 1")
    assert [r[0] for r in rows] == ["ARM", "AZE", "TKM"]


def test_everything_is_marked_sample_and_nothing_rejected(sample_warehouse):
    assert fetch(sample_warehouse, "SELECT bool_and(is_sample), sum(rows_rejected) FROM sources") == [(True, 0)]


def test_a_history_before_the_reference_day(sample_warehouse):
    rows = fetch(sample_warehouse, "SELECT min(as_of)::DATE, count(DISTINCT as_of::DATE) FROM headcounts")
    assert str(rows[0][0]) == "2026-02-28" and rows[0][1] >= 5


def test_bulletin_figures_fill_in_but_never_add_to_mission_reports(sample_copy):
    import duckdb

    con = duckdb.connect(str(sample_copy))
    src = con.execute("SELECT max(source_id) + 1 FROM sources").fetchone()[0]
    con.execute("INSERT INTO sources (source_id, path, original_name, sha256, kind, loaded_at) "
                "VALUES (?, 'x', 'bulletin.txt', 'x', 'bulletin', TIMESTAMP '2026-03-05 00:00')", [src])
    con.execute("INSERT INTO headcounts (as_of, country_iso3, city, category, count, approximate, mission_id, source_id, line) "
                "VALUES (TIMESTAMP '2026-03-04 18:00', 'ARE', '', 'other', 3600, true, 'BULLETIN', ?, 1),"
                "       (TIMESTAMP '2026-03-04 18:00', 'OMN', '', 'other', 40, false, 'BULLETIN', ?, 2)", [src, src])
    rows = dict(con.execute("SELECT country_iso3, sum(count) FROM headcounts_at(TIMESTAMP '2026-03-04 23:00') GROUP BY 1").fetchall())
    con.close()
    assert rows["ARE"] == 3500  # the missions' own figure stands
    assert rows["OMN"] == 40  # no mission reported Oman: the announced figure fills in
