"""etl/airspace/rules.py: one case (or more) per rule, named after what the region actually sends."""
from __future__ import annotations

import pytest

from etl.airspace.notam import Notam, parse_text
from etl.airspace.rules import RULES, classify


def notam(e: str, qcode: str = "QAFXX", kind: str = "N", radius: int = 999, fir: str = "OIIX") -> Notam:
    head = {"N": "A0001/26 NOTAMN", "R": "A0002/26 NOTAMR A0001/26", "C": "A0003/26 NOTAMC A0001/26"}[kind]
    text = f"{head}\nQ) {fir}/{qcode}/IV/NBO/E/000/999/3220N05324E{radius:03d}\nA) {fir} B) 2603010000 C) 2603050000\nE) {e}"
    (n,), rejects = parse_text(text)
    assert not rejects
    return n


CASES = {
    # rule name → list of (case id, NOTAM, expected status)
    "cancellation": [("notamc_cancels", notam("NOTAM CANCELLED.", kind="C"), "cancel")],
    "equipment_outage": [
        # Tehran's MSSR outages (April 2026) were stored as route closures ("… FOR EN-ROUTE NOT AVBL").
        ("mssr_radar_us_qceas", notam("REF AIP PAGE ENR 1.6-1, TABRIZ MSSR RADAR DERIVED INFORMATION FOR EN-ROUTE NOT AVBL "
                                      "DUE TO TABRIZ MSSR RADAR U/S.", qcode="QCEAS"), "info"),
        ("vor_us_qnvas", notam("VOR ANK FREQ 112.700 MHZ U/S, AND SUBSEQUENTLY REQUIRED FLTCK.", qcode="QNVAS"), "info"),
        ("radar_us_under_qafxx", notam("RADAR SER IN SOME PARTS OF THE ACC SECTOR 3 NOT AVBL DUE TO RADAR U/S."), "info"),
    ],
    "partial_reopening": [
        ("east_resumed_west_remains_closed", notam("EAST PART RESUMED NORMAL OPERATION, WEST PART REMAINS CLOSED"), "restricted"),
        ("remains_closed_then_resumed", notam("WEST PART OF AMMAN FIR REMAINS CLSD. EAST PART RESUMED OPS.", fir="OJAC"), "restricted"),
    ],
    "fir_resumed": [
        ("fir_resumed_normal_operations", notam("BAKU FIR RESUMED NORMAL OPERATIONS.", fir="UBBA"), "open"),
        ("airspace_reopened", notam("QATAR AIRSPACE HAS BEEN REOPENED FOR ALL TFC.", fir="OTDF"), "open"),
    ],
    "part_of_fir_closed": [
        ("north_eastern_part_closed", notam("NORTH-EASTERN PART OF JEDDAH FIR CLSD FOR ALL CIVIL FLIGHTS.", fir="OEJD"), "restricted"),
        ("western_part_qaflc", notam("WESTERN PART OF BAKU FIR CLSD WEST OF 04700E.", qcode="QAFLC", fir="UBBA"), "restricted"),
        ("emirates_fir_partially_closed", notam("EMIRATES FIR PARTIALLY CLOSED.", fir="OMAE"), "restricted"),
    ],
    "closed_except_arr_dep": [
        ("damascus_closed_except_aleppo_arr_dep",
         notam("DAMASCUS FIR CLOSED EXCEPT FOR FLIGHT ARR/DEP ALEPPO AERODROME.", fir="OSTT"), "restricted"),
        ("tehran_closed_except_landing_departing", notam("TEHRAN FIR CLSD FOR ALL FLT EXCEPT INTERNATIONAL FLIGHTS "
                                                         "LANDING/DEPARTING OIKB AND OIMM."), "restricted"),
    ],
    "fir_closed_qcode": [("qaflc_with_plain_text", notam("DUE TO SECURITY SITUATION.", qcode="QAFLC", fir="OBBB"), "closed"),
                         ("qaulc_upper_airspace", notam("UIR CLOSURE.", qcode="QAULC"), "closed")],
    "fir_closed_text": [
        ("qafxx_tehran_fir_clsd", notam("TEHRAN FIR CLSD."), "closed"),
        ("airspace_closed_except_state_medevac_sar", notam("UAE AIRSPACE CLOSED TO ALL CIVIL TFC EXC STATE, MEDEVAC AND SAR FLIGHTS.", fir="OMAE"), "closed"),
        ("closed_to_all_tfc", notam("CLOSED TO ALL TFC EXC MIL.", fir="OKAC"), "closed"),
        ("all_civil_flights_suspended", notam("ALL CIVIL FLIGHTS SUSPENDED UNTIL FURTHER NOTICE.", fir="OTDF"), "closed"),
        # The Tehran wording of 6 March – 18 April 2026: permission is for the exceptions, not for civil flights.
        ("tehran_closed_except_state_military_prior_permission",
         notam("TEHRAN FIR CLOSED, OPERATION OF ALL FLT SUSPENDED EXCEPT HUMANITARIAN, STATE, MILITARY AND FLT WITH "
               "PRIOR PERMISSION FROM CAA."), "closed"),
        ("closed_except_diplomatic_clearance", notam("AIRSPACE CLSD EXC FLIGHTS WITH DIPLOMATIC CLEARANCE.", fir="OSTT"), "closed"),
    ],
    "permission_only": [
        ("civil_only_with_prior_permission", notam("ALL CIVIL FLIGHTS WITHIN BAGHDAD FIR ONLY WITH PRIOR PERMISSION FM ICAA.", fir="ORBB"), "restricted"),
    ],
    "overflights_suspended": [
        ("overflights_suspended", notam("OVERFLIGHTS OF BEIRUT FIR ARE SUSPENDED.", fir="OLBB"), "restricted"),
        ("suspension_of_overflights", notam("SUSPENSION OF ALL OVERFLIGHTS DUE TO MIL ACT.", fir="OLBB"), "restricted"),
    ],
    "large_area_activated": [("escat_area_radius_200nm", notam("ESCAT ACT IN AN AREA BOUNDED BY THE FLW COORD.", qcode="QRMCA", radius=200), "restricted"),
                             ("airspace_clsd_wi_large_area", notam("AIRSPACE CLSD WI AREA: 3300N04400E-3400N04500E.", qcode="QRTCA", radius=150), "restricted")],
    "aerodrome_closed": [("qfalc_ad_clsd", notam("AD CLSD.", qcode="QFALC", radius=5), "aerodrome_closed"),
                         ("ad_clsd_text_only", notam("OMDB AD CLSD TO ALL TFC.", qcode="QFAXX", radius=5), "aerodrome_closed")],
    "route_closed": [("qarlc_route", notam("ATS RTE UL768 BTN DAVDA AND KIREX CLSD.", qcode="QARLC", radius=50), "route_closed"),
                     ("rte_wi_fir_clsd_is_a_route_not_the_fir", notam("RNAV RTE WI MANILA FIR CLSD: M765.", qcode="QANLC", fir="RPHI"), "route_closed")],
    "no_airspace_effect": [
        ("qafxx_security_advisory_only", notam("OPERATORS ARE ADVISED NOT TO ENTER KHARTOUM FIR."), "info"),
        ("runway_closed_for_all_acft", notam("RWY 02/20 CLSD FOR ALL ACFT.", qcode="QMRLC", radius=5), "info"),
        ("small_danger_area_active", notam("DANGER AREA HED27 IS ACT.", qcode="QRDCA", radius=3), "info"),
        ("small_area_clsd_bounded_by", notam("DUE TO MIL EXER AREA CLSD BOUNDED BY 3300N04400E.", qcode="QRTCA", radius=10), "info"),
        ("escat_radius_999_is_no_area_size", notam("ESCAT ACT IN THE EMIRATES FIR IN AN AREA BOUNDED BY THE FLW COORD.",
                                                    qcode="QRMCA", radius=999, fir="OMAE"), "info"),
        ("blasting_resumes_normal_ops_at_an_aerodrome", notam("AFTER BLASTING ATC WILL RESUME NORMAL OPS.", qcode="QWHLW", radius=1), "info"),
    ],
}
PARAMS = [pytest.param(rule, n, status, id=f"{rule}-{cid}") for rule, cases in CASES.items() for cid, n, status in cases]


@pytest.mark.parametrize("rule,n,status", PARAMS)
def test_rule_fires_with_its_status(rule: str, n: Notam, status: str) -> None:
    assert classify(n) == (status, rule)


def test_every_rule_has_a_test_and_a_description() -> None:
    assert [r.name for r in RULES] == list(CASES)
    assert all(len(r.description) > 20 for r in RULES)
    assert len({r.name for r in RULES}) == len(RULES)


def classify_every_rule(n: Notam) -> tuple[str, str]:
    """classify() without its quick pre-filter: every rule in order."""
    e = " ".join(n.text.upper().split())
    return next((r.status, r.name) for r in RULES if r.test(n, e))


@pytest.mark.parametrize("rule,n,status", PARAMS)
def test_quick_prefilter_never_changes_a_result(rule: str, n: Notam, status: str) -> None:
    assert classify(n) == classify_every_rule(n)


def test_never_classified_on_the_q_code_alone() -> None:
    # QAFXX ("FIR, unspecified") is how real closures arrive: E) decides both ways.
    assert classify(notam("TEHRAN FIR CLSD."))[0] == "closed"
    assert classify(notam("REF AIP SUP 13/25 TFC ORIENTATION SCHEME."))[0] == "info"
    # …and a FIR-closed Q-code whose text names only a part is not a full closure.
    assert classify(notam("SOUTHERN PART OF FIR CLSD.", qcode="QAFLC"))[0] == "restricted"


def test_quick_word_check_answers_like_the_maybe_regex() -> None:
    from etl.airspace.rules import MAYBE, _maybe

    texts = ["AD CLSD", "NOT  AVBL", "NOTAM REF", "APPROACH", "PPR 24 HR", "OUT OF\nSERVICE", "SERVICE AVBL",
             "RE-OPENED", "ACFT NOT PERMITTED", "DANGER AREA ACT", ""]
    for text in texts:
        n = notam(text or "NIL.", qcode="QMXXX", radius=5)  # no kind, subject, Q-code or radius shortcut
        assert _maybe(n, n.text.upper()) == (MAYBE.search(n.text.upper()) is not None), text


def test_quick_word_chain_holds_exactly_the_maybe_words() -> None:
    """_maybe's written-out `or` chain: each of MAYBE_WORDS alone makes it true, and text with
    none of them (nor an anchored word) false."""
    from etl.airspace.rules import MAYBE_WORDS, _maybe

    for w in MAYBE_WORDS:
        n = notam(f"ABC {w} DEF", qcode="QMXXX", radius=5)
        assert _maybe(n, n.text.upper()), w
    n = notam("TWY A WIP, MARKINGS FADED.", qcode="QMXXX", radius=5)
    assert not _maybe(n, n.text.upper())


def test_literal_guards_never_change_a_regex_answer() -> None:
    """Each literal guard in front of a rule's regex is only a shortcut: on every quoted case
    and on texts built to sit at the guards' edges, guard-and-regex answers as the regex alone."""
    from etl.airspace import rules as r

    texts = [case[1].text for cases in CASES.values() for case in cases]
    texts += ["RADAR OUT  OF SERVICE", "VOR NOT  AVBL", "FREQ NOT OPERATIONAL", "GPS JAMMING REPORTED", "ILS U/S",
              "WESTERN HALF OF FIR CLSD", "PORTION OF THE AIRSPACE CLOSED", "SECTION OF UIR", "APPARTMENT",
              "WI AREA BOUNDED BY", "AREA: 3000N", "WITHIN THE FOLLOWING AREA", "AWY UL123 CLSD", "ATS RTE A1 NOT AVBL",
              "AIRWAYS CLOSED", "ROUTES CLSD", "AD CLOSED", "AIRPORT IS CLSD", "RE-OPENING OF THE FIR", "RESUMPTION OF NORMAL OPS",
              "PPR 24HR", "SUBJECT TO DIPLOMATIC CLEARANCE", "OVERFLIGHTS ARE SUSPENDED", "FIRST", "UIRS", ""]
    for t in texts:
        e = " ".join(t.upper().split())
        assert r._fir_scope(e) == (r.FIR_SCOPE.search(e) is not None), e
        assert r._partial(e) == (r.PARTIAL.search(e) is not None), e
        assert r._area_wording(e) == (r.AREA_WORDING.search(e) is not None), e
        assert (r._has(e, r._RESUMED_WORDS) or r.RESUMED.search(e) is None), e
        assert (r._has(e, r._PERMISSION_WORDS) or r.PERMISSION.search(e) is None), e
        assert ("OVERFL" in e or r.OVERFLIGHT_STOP.search(e) is None), e
        assert (r._has(e, r._OUT_LITERALS) or r.OUT_OF_SERVICE.search(e) is None), e
        assert (r._has(e, r._ROUTE_WORDS) or r.ROUTE_CLOSED.search(e) is None), e
        assert (r._has(e, r._CLOSED_WORDS) or r.AD_CLOSED.search(e) is None), e


def test_remembered_answer_depends_on_every_field_the_rules_read() -> None:
    from etl.airspace.rules import _CACHE, classify_uncached

    _CACHE.clear()
    text = "TEHRAN FIR CLSD."
    variants = [notam(text), notam(text, kind="C"), notam("RWY 11L/29R CLSD.", qcode="QMRLC"),
                notam("RWY 11L/29R CLSD.", qcode="QFALC"), notam("DANGER AREA ACT.", qcode="QRDCA", radius=150),
                notam("DANGER AREA ACT.", qcode="QRDCA", radius=5)]
    answers = [classify(n) for n in variants]
    assert answers == [classify_uncached(n) for n in variants]
    # the same text under another kind, Q-code or radius is another answer, not the remembered one
    assert answers[0] != answers[1] and answers[2] != answers[3] and answers[4] != answers[5]
    assert answers == [classify(n) for n in variants]  # second time from memory, same answers


def test_memory_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    import etl.airspace.rules as rules

    rules._CACHE.clear()
    monkeypatch.setattr(rules, "CACHE_MAX", 3)
    for i in range(10):
        classify(notam(f"OBST {i} ERECTED."))
    assert 0 < len(rules._CACHE) <= 3
