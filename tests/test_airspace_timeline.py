"""etl/airspace/timeline.py (pure time logic) and the notams/status_sheet kinds on a real DuckDB file."""
from __future__ import annotations

from datetime import datetime as T
from pathlib import Path

import duckdb
import pytest

from etl.airspace.timeline import (
    Effect,
    country_intervals,
    coverage,
    effective_ends,
    fir_intervals,
    with_coverage,
)
from etl.kinds.notams import KIND as NOTAMS
from etl.kinds.status_sheet import KIND as SHEET

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
FIX = Path(__file__).parent / "fixtures" / "notams"
D = T(2026, 3, 1)


def eff(start: T, end: T | None, status: str, nid: str, est: bool = False, manual: bool = False, fir: str | None = "OIIX") -> Effect:
    return Effect(start, end, status, (nid,) if nid else (), "manual" if manual else "r", est, manual, 1, fir)


# --- effective ends -------------------------------------------------------------------------

def test_notamr_ends_the_replaced_notam_when_the_replacement_starts() -> None:
    ends = effective_ends([("A1", "N", None, T(2026, 3, 1), T(2026, 3, 5)), ("A2", "R", "A1", T(2026, 3, 3), T(2026, 3, 9))])
    assert ends == {"A1": (T(2026, 3, 3), "A2"), "A2": (T(2026, 3, 9), None)}


def test_notamc_ends_it_when_issued_and_an_expired_one_stays_as_it_was() -> None:
    ends = effective_ends([("A1", "N", None, T(2026, 3, 1), None), ("C1", "C", "A1", T(2026, 3, 2), None),
                           ("A3", "N", None, T(2026, 2, 1), T(2026, 2, 5)), ("C3", "C", "A3", T(2026, 3, 2), None)])
    assert ends["A1"] == (T(2026, 3, 2), "C1")  # PERM cut by the cancellation
    assert ends["A3"] == (T(2026, 2, 5), "C3")  # cancelling an expired NOTAM changes nothing


def test_notamr_whose_target_was_never_seen_stands_alone() -> None:
    assert effective_ends([("A2", "R", "A0", T(2026, 3, 3), T(2026, 3, 9))]) == {"A2": (T(2026, 3, 9), None)}


# --- FIR and country intervals --------------------------------------------------------------

def test_fir_worst_status_wins_and_gaps_are_open() -> None:
    ivs = fir_intervals([eff(D, T(2026, 3, 5), "restricted", "R1"), eff(T(2026, 3, 2), T(2026, 3, 3), "closed", "C1", est=True)])
    got = [(i.status, i.valid_from.day, i.valid_to and i.valid_to.day, i.notam_ids, i.estimated_end) for i in ivs]
    assert got == [("restricted", 1, 2, ["R1"], False), ("closed", 2, 3, ["C1"], True),
                   ("restricted", 3, 5, ["R1"], False), ("open", 5, None, [], False)]


def test_whole_fir_resumed_ends_an_earlier_closure() -> None:
    ivs = fir_intervals([eff(D, None, "closed", "C1"), eff(T(2026, 3, 2), T(2026, 3, 9), "open", "O1")])
    assert [(i.status, i.valid_from.day) for i in ivs] == [("closed", 1), ("open", 2)]


def test_manual_entry_wins_over_notams_for_its_interval() -> None:
    ivs = fir_intervals([eff(D, T(2026, 3, 9), "closed", "C1")], [eff(T(2026, 3, 3), T(2026, 3, 4), "open", "", manual=True)])
    assert [(i.status, i.valid_from.day, i.manual) for i in ivs] == [
        ("closed", 1, False), ("open", 3, True), ("closed", 4, False), ("open", 9, False)]


def test_country_with_two_firs_one_closed_is_restricted_both_closed_is_closed() -> None:
    ltaa = fir_intervals([eff(D, T(2026, 3, 5), "closed", "LTAA1", fir="LTAA")])
    ltbb = fir_intervals([eff(T(2026, 3, 3), T(2026, 3, 4), "closed", "LTBB1", fir="LTBB")])
    ivs = country_intervals({"LTAA": ltaa, "LTBB": ltbb}, ["LTAA", "LTBB"])
    got = [(i.status, i.valid_from.day, i.rule) for i in ivs]
    assert got == [("restricted", 1, "some_firs_closed"), ("closed", 3, "r"), ("restricted", 4, "some_firs_closed"),
                   ("open", 5, "no_active_restriction")]
    assert ivs[1].notam_ids == ["LTAA1", "LTBB1"]


def test_country_with_one_fir_takes_its_status_and_manual_country_row_wins() -> None:
    fir = fir_intervals([eff(D, T(2026, 3, 5), "closed", "Q1", fir="OTDF")])
    ivs = country_intervals({"OTDF": fir}, 1, [eff(T(2026, 3, 2), None, "restricted", "", manual=True, fir=None)])
    assert [(i.status, i.valid_from.day, i.manual) for i in ivs] == [("closed", 1, False), ("restricted", 2, True)]


def test_est_end_holds_until_replaced_and_the_overrun_is_its_own_interval() -> None:
    ends = effective_ends([("A1", "N", None, D, T(2026, 3, 5), True), ("A2", "R", "A1", T(2026, 3, 5, 1), None, False)])
    assert ends["A1"] == (T(2026, 3, 5, 1), "A2")  # not 5 March 00:00, its estimate
    ivs = fir_intervals([Effect(D, T(2026, 3, 5, 1), "closed", ("A1",), "r", True, False, 1, "OIIX", False, T(2026, 3, 5))])
    assert [(i.status, i.valid_from, i.valid_to, i.overrun_since) for i in ivs] == [
        ("closed", D, T(2026, 3, 5), None), ("closed", T(2026, 3, 5), T(2026, 3, 5, 1), T(2026, 3, 5)),
        ("open", T(2026, 3, 5, 1), None, None)]


def test_coverage_turns_silence_into_unknown() -> None:
    from datetime import timedelta

    week = timedelta(hours=168)
    # NOTAMs seen 1 and 3 March; a firm end on 20 March keeps the FIR known until then.
    assert coverage([(D, None), (T(2026, 3, 3), None)], week) == [(D, T(2026, 3, 10))]
    assert coverage([(D, T(2026, 3, 20))], week) == [(D, T(2026, 3, 20))]
    spans = coverage([(D, None), (T(2026, 3, 20), None)], week)
    ivs = with_coverage(fir_intervals([eff(T(2026, 3, 2), T(2026, 3, 4), "closed", "C1")]), spans)
    assert [(i.status, i.valid_from.day, i.valid_to and i.valid_to.day, i.rule) for i in ivs] == [
        ("open", 1, 2, "no_active_restriction"), ("closed", 2, 4, "r"), ("open", 4, 8, "no_active_restriction"),
        ("unknown", 8, 20, "stale_feed"), ("open", 20, 27, "no_active_restriction"), ("unknown", 27, None, "stale_feed")]
    assert with_coverage([], []) == []  # never heard of: no interval at all (airspace_at says unknown)


def test_thousands_of_overlapping_notams_in_one_fir_stay_fast() -> None:
    import time
    from datetime import timedelta

    effects = [eff(D + timedelta(hours=i), D + timedelta(hours=i + 700), "restricted" if i % 2 else "closed", f"N{i}")
               for i in range(20_000)]
    t = time.perf_counter()
    ivs = fir_intervals(effects)
    assert time.perf_counter() - t < 5  # per-piece id collection made this minutes long
    assert [i.status for i in ivs] == ["closed", "restricted", "open"]
    assert len(ivs[0].notam_ids) == 10_000


# --- the kinds on a real warehouse ----------------------------------------------------------

@pytest.fixture()
def con(tmp_path: Path):
    from etl.warehouse import create_schema, load_reference

    c = duckdb.connect(str(tmp_path / "w.duckdb"))
    c.execute("SET TimeZone = 'UTC'")
    create_schema(c)
    load_reference(c, ROOT / "data" / "reference")
    yield c
    c.close()


def load(con: duckdb.DuckDBPyConnection, path: Path, sid: int):
    head = path.read_bytes()[:65536]
    kind = NOTAMS if NOTAMS.sniff(head, path) else SHEET if SHEET.sniff(head, path) else None
    assert kind is not None, path
    con.execute("INSERT INTO sources (source_id, path, original_name, sha256, kind, loaded_at) VALUES (?, ?, ?, ?, ?, now())",
                [sid, str(path), path.name, f"sha{sid}", kind.name])
    return kind.load(con, path, sid)


def load_sample(con: duckdb.DuckDBPyConnection) -> None:
    files = sorted(SAMPLE.glob("notams_*.txt")) + [SAMPLE / "airspace_status_sheet.csv"]
    for sid, f in enumerate(files, 1):
        assert load(con, f, sid).is_sample
    NOTAMS.derive(con)
    SHEET.derive(con)


def test_sample_day_status_per_country(con: duckdb.DuckDBPyConnection) -> None:
    load_sample(con)
    got = dict(con.execute("SELECT country_iso3, status FROM airspace_at(TIMESTAMP '2026-03-04 12:00')").fetchall())
    expected = {"ARE": "closed", "QAT": "closed", "BHR": "closed", "KWT": "closed", "IRN": "closed", "ISR": "closed",
                "IRQ": "closed", "SAU": "restricted", "JOR": "restricted", "ARM": "open", "AZE": "open",
                "TKM": "unknown"}  # Turkmenistan: four FIRs, one with a frequency NOTAM only — no feed, not "open"
    assert {k: got[k] for k in expected} == expected
    from etl.warehouse import run_checks

    assert run_checks(con) == []


def test_past_moment_and_estimated_chain(con: duckdb.DuckDBPyConnection) -> None:
    load_sample(con)
    before = dict(con.execute("SELECT country_iso3, status FROM airspace_at(TIMESTAMP '2026-02-27 00:00')").fetchall())
    # No interval yet: nobody has said anything, so unknown — never open. Only Lebanon, whose feed
    # carried a (small danger area) NOTAM on 20 February, is known — and open.
    assert {k: v for k, v in before.items() if v != "unknown"} == {"LBN": "open"}
    irn = con.execute("SELECT status, until, estimated, notam_ids FROM airspace_at(TIMESTAMP '2026-03-04 12:00') "
                      "WHERE country_iso3 = 'IRN'").fetchone()
    # The closure runs on through the NOTAMR chain to the last NOTAM's estimated end.
    assert irn[:3] == ("closed", T(2026, 3, 7, 23, 59), True) and "OIIX A0215/26" in irn[3]
    # A0215/26 ends at its replacement's start (18:00), not at its EST end (23:59).
    assert con.execute("SELECT effective_end FROM notams WHERE notam_id = 'OIIX A0215/26'").fetchone()[0] == T(2026, 3, 4, 18, 0)
    # Past the last estimate nobody replaced it: still closed, shown as an overrun.
    late = con.execute("SELECT status, overrun_since FROM airspace_at(TIMESTAMP '2026-03-08 06:00') WHERE country_iso3 = 'IRN'").fetchone()
    assert late == ("closed", T(2026, 3, 7, 23, 59))
    jor = con.execute("SELECT status, since FROM airspace_at(TIMESTAMP '2026-03-01 00:00') WHERE country_iso3 = 'JOR'").fetchone()
    assert jor == ("closed", T(2026, 2, 28, 6, 45))
    assert con.execute("SELECT count(*) FROM airspace_now").fetchone()[0] > 0


def test_same_notam_from_two_relays_is_one_record_with_two_sources(con: duckdb.DuckDBPyConnection) -> None:
    load_sample(con)
    rows = con.execute("SELECT count(*), count(DISTINCT source_id) FROM notam_sources WHERE notam_id = 'OBBB A0098/26'").fetchone()
    assert rows == (2, 2)
    assert con.execute("SELECT count(*) FROM notams WHERE notam_id = 'OBBB A0098/26'").fetchone()[0] == 1


def test_aerodrome_closure_kept_but_does_not_close_a_country(con: duckdb.DuckDBPyConnection) -> None:
    load_sample(con)
    assert con.execute("SELECT status FROM notams WHERE notam_id = 'OEJD A0507/26'").fetchone()[0] == "aerodrome_closed"
    assert con.execute("SELECT count(*) FROM airspace WHERE list_contains(notam_ids, 'OEJD A0507/26')").fetchone()[0] == 0


def test_unknown_fir_kept_with_null_country_and_rejects_written(con: duckdb.DuckDBPyConnection) -> None:
    res = load(con, FIX / "quirks.txt", 1)
    assert (res.rows_loaded, res.rows_rejected) == (4, 2)
    NOTAMS.derive(con)
    # quirks.txt has no unknown FIR; add one through JSON records.
    res = load(con, FIX / "faa_api.json", 2)
    assert (res.rows_loaded, res.rows_rejected) == (2, 1)
    NOTAMS.derive(con)
    assert con.execute("SELECT country_iso3 FROM notams WHERE fir = 'KZAU'").fetchall() == [(None,)]
    assert con.execute("SELECT code FROM rejects ORDER BY source_id, line").fetchall() == [
        ("not_a_notam",), ("end_before_start",), ("no_icao_text",)]
    assert con.execute("SELECT count(*) FROM airspace WHERE level = 'fir' AND fir = 'KZAU'").fetchone()[0] == 0


def test_status_sheet_with_russian_headers_and_its_rejects(con: duckdb.DuckDBPyConnection) -> None:
    res = load(con, FIX / "status_sheet_ru.csv", 1)
    assert (res.rows_loaded, res.rows_rejected) == (2, 3)
    rows = con.execute("SELECT country_iso3, fir, status, valid_from, valid_to FROM airspace_manual ORDER BY line").fetchall()
    assert rows == [("QAT", None, "closed", T(2026, 3, 1), T(2026, 3, 3)), (None, "OIIX", "open", T(2026, 3, 2, 6, 0), None)]
    codes = [r[0] for r in con.execute("SELECT code FROM rejects ORDER BY line").fetchall()]
    assert codes == ["unknown_country", "bad_status", "bad_time"]
    SHEET.derive(con)
    got = con.execute("SELECT status, manual FROM airspace_at(TIMESTAMP '2026-03-02 00:00') WHERE country_iso3 = 'QAT'").fetchone()
    assert got == ("closed", True)


def test_sniff_tells_the_kinds_apart() -> None:
    for f in SAMPLE.glob("notams_*.txt"):
        assert NOTAMS.sniff(f.read_bytes()[:65536], f) and not SHEET.sniff(f.read_bytes()[:65536], f)
    sheet = SAMPLE / "airspace_status_sheet.csv"
    assert SHEET.sniff(sheet.read_bytes(), sheet) and not NOTAMS.sniff(sheet.read_bytes(), sheet)
    for f in ("faa_api.json", "icao_messages.json"):
        assert NOTAMS.sniff((FIX / f).read_bytes(), FIX / f)
    assert not NOTAMS.sniff(b'{"type": "FeatureCollection", "features": []}', Path("x.json"))


def test_one_airspace_rebuild_per_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """NOTAM files and a status sheet in one load (here a fresh build, which also loads the FIR
    reference): the airspace is rebuilt once, after every file, not once per kind."""
    from etl import load as etl_load
    from etl.airspace.rebuild import rebuild_airspace

    assert NOTAMS.derive is SHEET.derive is rebuild_airspace  # one derive step shared by both kinds
    calls: list[int] = []

    def counted(con: duckdb.DuckDBPyConnection) -> None:
        calls.append(con.execute("SELECT count(*) FROM sources").fetchone()[0])
        rebuild_airspace(con)

    monkeypatch.setattr(type(NOTAMS), "derive", staticmethod(counted))
    monkeypatch.setattr(type(SHEET), "derive", staticmethod(counted))
    files = sorted(SAMPLE.glob("notams_*.txt")) + [SAMPLE / "airspace_status_sheet.csv"]
    report = etl_load.load_paths(files, tmp_path / "data", tmp_path / "data" / "warehouse.duckdb")
    assert report.published
    assert calls == [len(files)]  # once, with every file of the load already staged
    con = duckdb.connect(str(tmp_path / "data" / "warehouse.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM airspace WHERE manual").fetchone()[0] > 0  # the sheet's rows are in
    finally:
        con.close()
