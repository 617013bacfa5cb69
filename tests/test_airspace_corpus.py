"""The airspace rules and time logic on real NOTAM texts from ../shared/notams (read in place,
never copied; skipped in a fresh clone), plus the Tehran closure chain of April 2026 whose EST
ends passed 40–60 minutes before each replacement (hand-written in the project's own words: the
closure NOTAMs themselves are not in the corpus)."""
from __future__ import annotations

from datetime import datetime as T
from pathlib import Path

import duckdb
import pytest

from etl.airspace.notam import Notam, TextParser, parse_icao
from etl.airspace.rules import classify
from etl.airspace.timeline import effective_ends
from etl.kinds.notams import KIND as NOTAMS

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "notams"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/notams is not here (a fresh clone)")


def corpus() -> dict[str, Notam]:
    out: dict[str, Notam] = {}
    for name in ("oiix_tehran_fir.txt", "notam_whisper_middle_east.txt", "notam_whisper_other_regions.txt"):
        with open(CORPUS / name, encoding="utf-8", errors="replace") as f:
            for no, text, is_notam in TextParser().blocks(f):
                if is_notam:
                    try:
                        n = parse_icao(text, no)
                    except ValueError:
                        continue
                    out.setdefault(n.notam_id, n)
    return out


@pytest.fixture(scope="module")
def real() -> dict[str, Notam]:
    if not CORPUS.is_dir():
        pytest.skip("../shared/notams is not here (a fresh clone)")
    return corpus()


# (NOTAM id in the corpus, expected (status, rule), what it shows)
REAL_CASES = [
    ("OIIX A0762/26", ("info", "equipment_outage"), "Tabriz MSSR radar U/S: 'EN-ROUTE NOT AVBL' is no route closure"),
    ("OIIX A0852/26", ("info", "equipment_outage"), "the same outage replaced a week later"),
    ("OIIX A0671/26", ("info", "equipment_outage"), "VOR ANK U/S (QNVAS)"),
    ("OMAE A1298/26", ("info", "equipment_outage"), "GNSS interference in the Emirates FIR (QGWLF)"),
    ("OMAE A1299/26", ("info", "no_airspace_effect"), "ESCAT area with Q) radius 999: no area size given"),
    ("OIIX A1502/26", ("info", "no_airspace_effect"),
     "'MIL EXER AREA CLSD BOUNDED BY … EXCEPT FOR FLT ARRIVING TO OR DEPARTING FROM OIKQ': an area, not the FIR"),
    ("OIIX A0946/26", ("info", "no_airspace_effect"), "transfer points available for arrivals/departures only"),
    ("OEJD W0554/26", ("restricted", "large_area_activated"), "OER41 active EV FRI AND SAT 0600-1200"),
    ("LTAA A5862/25", ("route_closed", "route_closed"), "airways closed around an air defence zone"),
    ("RPHI B3668/26", ("route_closed", "route_closed"), "'RNAV RTE WI MANILA FIR CLSD' is a route"),
    ("OIIX A0739/26", ("info", "no_airspace_effect"), "'CAUTION TO ALL FLIGHTS, AREA OF CONFLICT…' is advice"),
]


@needs_corpus
@pytest.mark.parametrize("nid, expected, why", REAL_CASES, ids=[c[0] for c in REAL_CASES])
def test_rule_on_real_text(real: dict[str, Notam], nid: str, expected: tuple[str, str], why: str) -> None:
    assert classify(real[nid]) == expected, why


@needs_corpus
def test_real_notamr_chain_holds_past_each_est_end(real: dict[str, Notam]) -> None:
    """OIIX A0736 → A0739 → A0742 → A0750 (April 2026): each C) …EST passed before the NOTAMR
    came (A0739 ended 12 Apr 08:30 EST, A0742 started 09:17). Each stays in force until replaced."""
    chain = [real[i] for i in ("OIIX A0736/26", "OIIX A0739/26", "OIIX A0742/26", "OIIX A0750/26")]
    ends = effective_ends((n.notam_id, n.kind, n.replaces, n.valid_from, n.valid_to, n.estimated_end) for n in chain)
    assert ends["OIIX A0739/26"] == (T(2026, 4, 12, 9, 17), "OIIX A0742/26")
    assert ends["OIIX A0742/26"] == (T(2026, 4, 14, 9, 38), "OIIX A0750/26")
    assert real["OIIX A0739/26"].valid_to == T(2026, 4, 12, 8, 30)  # the estimate it outlived
    assert ends["OIIX A0750/26"] == (None, None)  # not replaced in this chain: in force past its EST


# --- the Tehran closure chain, through the notams kind into a real warehouse ---------------------

CHAIN = """A0700/26 NOTAMN
Q) OIIX/QAFXX/IV/NBO/E/000/999/3220N05324E999
A) OIIX B) 2604080000 C) 2604120830 EST
E) TEHRAN FIR CLOSED, OPERATION OF ALL FLT SUSPENDED EXCEPT HUMANITARIAN, STATE, MILITARY AND FLT WITH
PRIOR PERMISSION FROM CAA.

A0741/26 NOTAMR A0700/26
Q) OIIX/QAFXX/IV/NBO/E/000/999/3220N05324E999
A) OIIX B) 2604120917 C) 2604140830 EST
E) TEHRAN FIR CLOSED, OPERATION OF ALL FLT SUSPENDED EXCEPT HUMANITARIAN, STATE, MILITARY AND FLT WITH
PRIOR PERMISSION FROM CAA.

A0749/26 NOTAMR A0741/26
Q) OIIX/QAFXX/IV/NBO/E/000/999/3220N05324E999
A) OIIX B) 2604140938 C) 2604180530 EST
E) TEHRAN FIR CLOSED, OPERATION OF ALL FLT SUSPENDED EXCEPT HUMANITARIAN, STATE, MILITARY AND FLT WITH
PRIOR PERMISSION FROM CAA.

W0554/26 NOTAMN
Q) OEJD/QRRCA/IV/BO/W/000/200/2130N04700E120
A) OEJD B) 2604101021 C) 2604302359
D) EV FRI AND SAT 0600-1200
E) OER41 ACT.
"""


@pytest.fixture()
def warehouse(tmp_path: Path):
    from etl.warehouse import create_schema, load_reference

    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute("SET TimeZone = 'UTC'")
    create_schema(con)
    load_reference(con, ROOT / "data" / "reference")
    src = tmp_path / "chain.txt"
    src.write_text(CHAIN, encoding="utf-8")
    con.execute("INSERT INTO sources (source_id, path, original_name, sha256, kind, loaded_at) "
                "VALUES (1, ?, 'chain.txt', 'x', 'notams', now())", [str(src)])
    assert NOTAMS.load(con, src, 1).rows_loaded == 4
    NOTAMS.derive(con)
    yield con
    con.close()


def _iran(con: duckdb.DuckDBPyConnection, t: T) -> tuple:
    return con.execute("SELECT status, rule, overrun_since FROM airspace_at(?) WHERE country_iso3 = 'IRN'", [t]).fetchone()


def test_chain_closed_throughout_with_overruns_marked(warehouse: duckdb.DuckDBPyConnection) -> None:
    # Before: the first NOTAM, closed (permission is for the exceptions, not civil flights).
    assert _iran(warehouse, T(2026, 4, 9)) == ("closed", "fir_closed_text", None)
    # 12 April 08:50: A0700's estimate (08:30) passed, A0741 not yet out: still closed, an overrun.
    assert _iran(warehouse, T(2026, 4, 12, 8, 50)) == ("closed", "fir_closed_text", T(2026, 4, 12, 8, 30))
    assert _iran(warehouse, T(2026, 4, 12, 9, 30)) == ("closed", "fir_closed_text", None)
    assert _iran(warehouse, T(2026, 4, 14, 9, 0)) == ("closed", "fir_closed_text", T(2026, 4, 14, 8, 30))
    # Never open (nor unknown) between 8 and 18 April.
    opened = warehouse.execute("SELECT count(*) FROM airspace WHERE level = 'country' AND country_iso3 = 'IRN' "
                               "AND status <> 'closed' AND valid_from < TIMESTAMP '2026-04-18 05:30'").fetchone()[0]
    assert opened == 0


def test_schedule_makes_the_area_part_time(warehouse: duckdb.DuckDBPyConnection) -> None:
    def sau(t: T) -> str:
        return warehouse.execute("SELECT status FROM airspace_at(?) WHERE country_iso3 = 'SAU'", [t]).fetchone()[0]

    assert sau(T(2026, 4, 17, 8, 0)) == "restricted"  # Friday 08:00
    assert sau(T(2026, 4, 18, 11, 59)) == "restricted"  # Saturday
    assert sau(T(2026, 4, 17, 13, 0)) == "open"  # Friday afternoon: outside D)
    assert sau(T(2026, 4, 15, 8, 0)) == "open"  # Wednesday


# --- sampled moments: the derived FIR status against a careful reading of the E) lines ----------

# (FIR, moment, status a careful reader gives from the E) lines in force then, the reading).
# Unknown = no NOTAM of the FIR in the 168 h before (the stale setting) and none with a firm end
# covering the moment. The corpus holds no whole-FIR closure NOTAM; the closure wordings are
# checked on the texts quoted in tests/test_airspace_rules.py.
SAMPLES = [
    ("OIIX", "2026-03-02 12:00", "open", "advisories (conflict area over high seas), checklist, VOR U/S"),
    ("OIIX", "2026-03-10 12:00", "open", "advisories, restricted areas OID… activated (small), gun firing"),
    ("OIIX", "2026-04-12 09:00", "open", "CAUTION chain past its EST end, still advice only"),
    ("OIIX", "2026-04-19 12:00", "open", "MSSR radars U/S: equipment, not closures"),
    ("OIIX", "2026-05-14 12:00", "open", "transfer points for arrivals/departures, TOS changes"),
    ("OIIX", "2026-07-12 12:00", "open", "'MIL EXER AREA CLSD BOUNDED BY …': an area, not the FIR"),
    ("OMAE", "2026-03-25 12:00", "open", "ESCAT areas (radius not given), GNSS interference"),
    ("OMAE", "2026-04-08 12:00", "open", "ESCAT areas replaced, GNSS interference"),
    ("OMAE", "2026-04-25 12:00", "unknown", "last OMAE NOTAM 13 Apr: twelve days without a word"),
    ("OEJD", "2026-04-11 08:00", "restricted", "OER41 ACT, D) EV FRI AND SAT 0600-1200: Saturday 08:00"),
    ("OEJD", "2026-04-13 08:00", "open", "OER41 not active on a Monday"),
    ("OEJD", "2026-04-11 14:00", "open", "OER41 not active after 12:00"),
    ("OEJD", "2026-03-01 12:00", "open", "OER84 (small) active, nothing else"),
    ("LCCC", "2026-02-20 12:00", "unknown", "last LCCC NOTAM 13 Feb 08:56: over 168 h"),
    ("LCCC", "2026-04-02 12:00", "open", "danger areas and navigational warnings (small areas)"),
    ("LCCC", "2026-05-01 12:00", "unknown", "last LCCC NOTAM 7 Apr"),
    ("OOMM", "2026-03-15 12:00", "open", "flow measures, GNSS interference"),
    ("OOMM", "2026-04-16 12:00", "open", "flow control, FLAS between Muscat and Jeddah FIRs"),
    ("HECC", "2026-03-20 12:00", "open", "firing area near Cairo TMA"),
    ("HECC", "2026-04-10 12:00", "open", "danger areas HED23/24/27 active"),
    ("OTDF", "2026-03-31 12:00", "open", "danger area OTD1 upper limit raised"),
    ("OTDF", "2026-05-10 12:00", "unknown", "last OTDF NOTAM 30 Mar"),
    ("LTAA", "2026-06-03 12:00", "open", "test flights and exercises in small areas"),
    ("LTAA", "2026-03-30 12:00", "open", "restricted areas of 14 NM, air defence zone routes closed"),
    ("OKAC", "2026-03-04 12:00", "unknown", "no Kuwait NOTAM in the corpus at all"),
]


@pytest.fixture(scope="module")
def corpus_warehouse(tmp_path_factory):
    if not CORPUS.is_dir():
        pytest.skip("../shared/notams is not here (a fresh clone)")
    from etl.warehouse import create_schema, load_reference

    con = duckdb.connect(str(tmp_path_factory.mktemp("corpus") / "w.duckdb"))
    con.execute("SET TimeZone = 'UTC'")
    create_schema(con)
    load_reference(con, ROOT / "data" / "reference")
    for sid, name in enumerate(("oiix_tehran_fir.txt", "notam_whisper_middle_east.txt"), 1):
        con.execute("INSERT INTO sources (source_id, path, original_name, sha256, kind, loaded_at) "
                    "VALUES (?, ?, ?, ?, 'notams', now())", [sid, str(CORPUS / name), name, f"c{sid}"])
        NOTAMS.load(con, CORPUS / name, sid)
    NOTAMS.derive(con)
    yield con
    con.close()


def test_sampled_moments_agree_with_the_e_lines(corpus_warehouse: duckdb.DuckDBPyConnection) -> None:
    got = []
    for fir, moment, expected, _reading in SAMPLES:
        row = corpus_warehouse.execute(
            "SELECT status FROM airspace WHERE level = 'fir' AND fir = ? AND valid_from <= CAST(? AS TIMESTAMP) "
            "AND (valid_to IS NULL OR valid_to > CAST(? AS TIMESTAMP))", [fir, moment, moment]).fetchone()
        got.append((fir, moment, row[0] if row else "unknown", expected))
    agree = sum(g == e for *_, g, e in got)
    print(f"sampled moments: {agree}/{len(got)} agree ({agree / len(got):.0%})")
    assert [g for g in got if g[2] != g[3]] == []


@needs_corpus
def test_remembered_classification_same_as_running_the_rules_on_the_corpus() -> None:
    from etl.airspace.rules import _CACHE, classify_uncached

    _CACHE.clear()
    real = list(corpus().values())
    assert len(real) > 1000
    first = [classify(n) for n in real]
    assert first == [classify_uncached(n) for n in real]
    assert first == [classify(n) for n in real]  # now every answer comes from memory
