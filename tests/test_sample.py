"""The embedded sample, loaded by the real CLI, shows the reference day exactly as the bulletin."""
from __future__ import annotations

from tests.conftest import fetch

BULLETIN = {  # SITUATION.md: citizens on 2026-03-04, approximate where the bulletin says "about"
    "ARE": (3500, True), "SAU": (3000, True), "QAT": (1500, True), "BHR": (168, False),
    "KWT": (134, False), "JOR": (134, False), "ISR": (100, True), "IRN": (82, False),
}


def test_reference_day_figures(sample_warehouse):
    # The sample runs on to 2026-03-11; the bulletin's day is pinned by its moment.
    rows = fetch(sample_warehouse, "SELECT country_iso3, sum(count), bool_or(approximate) "
                                   "FROM headcounts_at(TIMESTAMP '2026-03-04 18:00') GROUP BY 1")
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


# --- the week after (SITUATION.md, "The week after"): totals from the public reports -------------

def _evacuated(db, t: str) -> int:
    return fetch(db, "SELECT sum(evacuated) FROM evacuation_at(CAST(? AS TIMESTAMP))", [t])[0][0]


def test_the_sample_ends_on_11_march_and_opens_there(sample_warehouse):
    assert fetch(sample_warehouse, "SELECT max(as_of) FROM headcounts")[0][0].isoformat() == "2026-03-11T18:00:00"


def test_the_airlift_follows_the_public_totals(sample_warehouse):
    db = sample_warehouse
    first = fetch(db, "SELECT passengers, from_place FROM movements_at(TIMESTAMP '2026-03-03 23:59') "
                      "WHERE status IN ('departed', 'arrived')")
    assert first == [(306, "DXB")]  # the first group flown out of Dubai on 3 March
    assert _evacuated(db, "2026-03-04 18:00") == 356  # those 306 and the bulletin's 50 from Tehran
    assert _evacuated(db, "2026-03-10 23:59") > 8500
    assert _evacuated(db, "2026-03-11 23:59") == 9517
    origins = {r[0] for r in fetch(db, "SELECT DISTINCT from_place FROM movements WHERE mode = 'air'")}
    assert {"DXB", "RUH", "DOH", "MCT"} <= origins


def test_iran_over_land_through_armenia_and_turkmenistan(sample_warehouse):
    db = sample_warehouse
    iran = fetch(db, "SELECT evacuated FROM evacuation_at(TIMESTAMP '2026-03-06 23:59') WHERE country_iso3 = 'IRN'")
    assert iran == [(52,)]  # 52 in all over land by 6 March
    tkm = fetch(db, "SELECT sum(people) FROM departures_at(TIMESTAMP '2026-03-11 23:59') d "
                    "JOIN movements m ON m.flight = d.ref AND d.origin = 'movement' AND m.status = 'departed' "
                    "WHERE m.to_place = 'SARAKHS'")
    assert tkm == [(17,)]


def test_want_to_leave_a_cancellation_and_a_correction(sample_warehouse):
    db = sample_warehouse
    assert fetch(db, "SELECT min(as_of)::DATE FROM headcounts WHERE want_to_leave IS NOT NULL")[0][0].isoformat() == "2026-03-05"
    assert fetch(db, "SELECT count(*) FROM movements_at(TIMESTAMP '2026-03-11 18:00') WHERE status = 'cancelled'") == [(1,)]
    corrected = fetch(db, "SELECT passengers FROM movements WHERE flight = 'KC-JED-0306-1' AND status = 'departed' "
                          "ORDER BY reported_at")
    assert [p for (p,) in corrected] == [corrected[1][0] + 9, corrected[1][0]]
    op = {r[0]: r[1:] for r in fetch(db, "SELECT country_iso3, remaining, days_to_clear FROM "
                                         "evacuation_at(TIMESTAMP '2026-03-11 18:00')")}
    assert op["BHR"] == (14, None)  # people left, no seats planned: "no capacity planned"
    assert op["ARE"][0] > 0 and op["ARE"][1] is not None
