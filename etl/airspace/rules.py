"""What a NOTAM means for a FIR's airspace: the classification rules, in one readable place.

`RULES` is evaluated in order; the first rule whose test holds gives the NOTAM its status and
its name is stored in notams.rule (and airspace.rule). Statuses:

- closed, restricted — the FIR's civil airspace is closed / partly usable (these build intervals);
- open — the FIR is declared back to normal: it ends earlier closures in that FIR when it starts;
- aerodrome_closed, route_closed — kept and shown, but never close or restrict a country alone;
- cancel — a NOTAMC (its effect is on the NOTAM it cancels, see etl/airspace/timeline.py);
- info — anything else, equipment outages included (a radar or VOR out of service is news for
  pilots, not a closure).

What decides is what E) says for *civil* traffic. The Q-code is never enough on its own: in the
region real closures arrive as QAFXX ("FIR, unspecified") with the meaning only in E), so most
rules read the E) text. Order matters and is part of the contract:

1. equipment outages before anything reading "NOT AVBL" ("RADAR … FOR EN-ROUTE NOT AVBL" is no
   route closure);
2. partial wordings before whole-FIR closure wordings, because a partial closure ("WEST PART
   REMAINS CLOSED", "FIR PARTIALLY CLOSED") also contains the closure words;
3. "closed except arrivals/departures at X" before "closed": civil flights still land and leave,
   so the FIR is restricted;
4. "closed" before "permission only": "FIR CLOSED … EXCEPT STATE, MILITARY AND FLT WITH PRIOR
   PERMISSION FROM CAA" is closed — the permission is for the exceptions, not for civil traffic.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


class Classifiable(Protocol):
    """What the rules read: an etl.airspace.notam.Notam or a row read back from the warehouse."""
    kind: str
    text: str
    qcode: str | None
    subject: str | None
    radius_nm: int | None

# An area of this radius (NM) or more counts as a large part of a FIR; smaller danger areas,
# firing ranges or drone zones are everyday events that do not change a country's status.
LARGE_AREA_NM = 100

_CLOSED_WORD = r"(?:CLSD|CLOSED|CLOSURE)"
FIR_CLOSED = re.compile(
    r"\b(?:FIR|UIR|AIRSPACE|CTA)\b(?:\s+\([A-Z]{4}\))?\s+(?:IS\s+|ARE\s+|WILL\s+BE\s+|REMAINS?\s+)?" + _CLOSED_WORD
    + r"|\b" + _CLOSED_WORD + r"\s+(?:FOR|TO)\s+ALL\s+(?:CIVIL\s+)?(?:TFC|TRAFFIC|FLT|FLTS|FLIGHTS|ACFT|AIRCRAFT|OPS)"
    + r"|\bALL\s+(?:CIVIL\s+)?(?:FLT|FLTS|FLIGHTS|TFC|TRAFFIC|ACFT)\s+(?:ARE\s+)?(?:PROHIBITED|SUSPENDED|NOT\s+(?:PERMITTED|ALLOWED))"
)
PARTIAL = re.compile(
    r"\bPARTIAL(?:LY)?\b|\bPARTIAL\s+CLOSURE\b"
    r"|\b(?:PART|PARTS|PORTION|SECTOR|SECTION)\s+OF\s+(?:THE\s+)?(?:[A-Z]+\s+)?(?:FIR|UIR|AIRSPACE)\b"
    r"|\b(?:NORTH|SOUTH|EAST|WEST|NORTHERN|SOUTHERN|EASTERN|WESTERN|CENTRAL)(?:ERN)?\s+(?:PART|PORTION|SECTOR|HALF)\b"
)
PARTIAL_REOPEN = re.compile(r"\bRESUM(?:ED|E|ES|PTION)\b.*\bREMAINS?\s+(?:CLSD|CLOSED)\b|\bREMAINS?\s+(?:CLSD|CLOSED)\b.*\bRESUM(?:ED|E|ES)\b")
RESUMED = re.compile(
    r"\bRESUM(?:ED|ES|E|PTION OF)\s+(?:ITS\s+)?NORMAL\s+(?:OPERATIONS?|OPS)\b"
    r"|\b(?:FIR|AIRSPACE)\s+(?:IS\s+|HAS\s+BEEN\s+)?RE-?OPENED\b"
    r"|\bRE-?OPENING\s+OF\s+(?:THE\s+)?(?:[A-Z]+\s+)?(?:FIR|AIRSPACE)\b"
)
CLOSED_WORD = re.compile(_CLOSED_WORD)
# What makes a permission wording "only with permission" when no closure wording is there.
PERMISSION_ONLY = re.compile(r"\b(?:ONLY|EXC(?:EPT)?|SUBJECT\s+TO|REQUIRE[SD]?)\b")
PERMISSION = re.compile(
    r"\b(?:PRIOR|SPECIAL|DIPLOMATIC)\s+(?:PERMISSION|PERMIT|APPROVAL|CLEARANCE|AUTHORI[SZ]ATION)\b|\bPPR\b"
)
WIDE_SCOPE = re.compile(r"\b(?:FIR|UIR|AIRSPACE|OVERFL\w*|ALL\s+(?:CIVIL\s+)?(?:FLT|FLTS|FLIGHTS|TFC|TRAFFIC|OPS|ACFT))\b")
OVERFLIGHT_STOP = re.compile(
    r"\bOVERFL\w*\s+(?:[A-Z]+\s+){0,4}?(?:ARE\s+|IS\s+)?(?:SUSPENDED|PROHIBITED|NOT\s+(?:PERMITTED|ALLOWED|AUTHORI[SZ]ED)|CLSD|CLOSED)\b"
    r"|\b(?:SUSPENSION|SUSPENDED)\s+(?:OF\s+)?(?:ALL\s+)?OVERFL"
)
# Closures "WI AREA …"/"BOUNDED BY" describe an area: its size decides (large_area_activated).
AREA_WORDING = re.compile(r"\bWI\s+AREA\b|\bWITHIN\s+(?:THE\s+)?(?:FLW\s+|FOLLOWING\s+)?AREA\b|\bBOUNDED\s+BY\b|\bAREA\s*:")
FIR_SCOPE = re.compile(r"\b(?:FIR|UIR|AIRSPACE)\b")
AREA_ACTIVE = re.compile(r"\b(?:ACT|ACTIVATED|ACTIVE|ESTABLISHED|CLSD|CLOSED)\b")
# Exceptions that keep civil traffic flowing: arrivals and departures at named aerodromes.
ARR_DEP_EXCEPTED = re.compile(
    r"\bEXC(?:EPT)?\b[^.]{0,80}?\b(?:ARR|DEP|ARR/DEP|ARRIVALS?|DEPARTURES?|ARRIVING|DEPARTING|LANDING|LAND/DEPART)\b"
)
# Equipment out of service: radar, navaids, frequencies, GNSS. Information, not a closure.
EQUIPMENT = re.compile(
    r"\b(?:RADAR|MSSR|PSR|SSR|ADS-?B|VOR|DME|NDB|ILS|LOC|GP|TACAN|VORTAC|FREQ|FREQUENCY|FREQUENCIES|HF|VHF|CPDLC|"
    r"RADIO|TRANSMITTER|GNSS|GPS)\b"
)
OUT_OF_SERVICE = re.compile(r"\bU/S\b|\bUNSERVICEABLE\b|\bOUT\s+OF\s+SERVICE\b|\bNOT\s+(?:AVBL|AVAILABLE|OPR|OPERATIONAL)\b"
                            r"|\bINTERFERENCE\b|\bJAMMING\b|\bSPOOFING\b")
# Q-code subjects about equipment: C = communications and surveillance, N = navaids, G = GNSS.
EQUIPMENT_SUBJECTS = ("C", "N", "G")
# A radius of 999 NM in Q) is the convention for "the whole FIR / not given", not an area size.
RADIUS_NOT_GIVEN = 999
AD_CLOSED = re.compile(r"\b(?:AD|AERODROME|AIRPORT|APT)\s+(?:IS\s+)?(?:CLSD|CLOSED)\b")
ROUTE_CLOSED = re.compile(r"\b(?:ATS\s+)?(?:RTE|ROUTE|ROUTES|AWY|AIRWAY|AIRWAYS)\b[^.]{0,80}?\b(?:CLSD|CLOSED|NOT\s+AVBL)\b")


@dataclass(frozen=True)
class Rule:
    name: str
    status: str
    description: str
    test: Callable[[Classifiable, str], bool]  # (notam, upper-cased E text) → fires?


def _airspace_subject(n: Classifiable) -> bool:
    """Q-code subject about airspace organisation (AF FIR, AU UIR, AX, XX…), not a runway, navaid
    or route: "RWY 02/20 CLSD FOR ALL ACFT" or "RTE WI MANILA FIR CLSD" must not close a FIR."""
    s = n.subject
    return s is None or s == "XX" or (s[0] == "A" and s not in ("AR", "AN"))


def _cancellation(n: Classifiable, e: str) -> bool:
    return n.kind == "C"


def _has(e: str, words: tuple[str, ...]) -> bool:
    """Any of the words in e: a C-speed guard before a regex that needs one of them."""
    for w in words:
        if w in e:
            return True
    return False


def _fir_closed(e: str) -> bool:
    return _has(e, ("CLSD", "CLOS", "PROHIBITED", "SUSPENDED", "NOT PERMITTED", "NOT ALLOWED")) and FIR_CLOSED.search(e) is not None


# OUT_OF_SERVICE's alternatives as literals: the rules read E) with its white space folded to
# single spaces, so "OUT\s+OF\s+SERVICE" can only match where "OUT OF SERVICE" is.
_OUT_LITERALS = ("U/S", "UNSERVICEABLE", "OUT OF SERVICE", "NOT AVBL", "NOT AVAILABLE", "NOT OPR", "NOT OPERATIONAL",
                 "INTERFERENCE", "JAMMING", "SPOOFING")
_ROUTE_WORDS = ("RTE", "ROUTE", "AWY", "AIRWAY")
_CLOSED_WORDS = ("CLSD", "CLOSED")


def _equipment_outage(n: Classifiable, e: str) -> bool:
    equipment = (n.subject or "")[:1] in EQUIPMENT_SUBJECTS or (
        _has(e, _OUT_LITERALS) and OUT_OF_SERVICE.search(e) is not None and EQUIPMENT.search(e) is not None
        and not (_has(e, _CLOSED_WORDS) and AD_CLOSED.search(e) is not None))
    return equipment and not _fir_closed(e)  # "FIR CLSD DUE TO RADAR U/S" is still a closure


# Literal guards: each regex below needs one of these words, so a C-speed `in` answers "no" for most
# texts without running it (same answers; tests/test_airspace_rules.py checks each guard).
_RESUMED_WORDS = ("RESUM", "OPEN")
_PARTIAL_WORDS = ("PART", "PORTION", "SECTOR", "SECTION", "HALF")
_PERMISSION_WORDS = ("PERMI", "APPROVAL", "CLEARANCE", "AUTHORI", "PPR")
_AREA_WORDS = ("AREA", "BOUNDED")
_FIR_WORDS = ("FIR", "UIR", "AIRSPACE")


def _area_wording(e: str) -> bool:
    return _has(e, _AREA_WORDS) and AREA_WORDING.search(e) is not None


def _fir_scope(e: str) -> bool:
    return _has(e, _FIR_WORDS) and FIR_SCOPE.search(e) is not None


def _partial(e: str) -> bool:
    return _has(e, _PARTIAL_WORDS) and PARTIAL.search(e) is not None


def _partial_reopening(n: Classifiable, e: str) -> bool:
    return "RESUM" in e and "REMAIN" in e and PARTIAL_REOPEN.search(e) is not None


def _fir_resumed(n: Classifiable, e: str) -> bool:
    return (_airspace_subject(n) and _has(e, _RESUMED_WORDS) and RESUMED.search(e) is not None and _fir_scope(e)
            and not _partial(e))


def _part_of_fir_closed(n: Classifiable, e: str) -> bool:
    if not (_airspace_subject(n) and _partial(e)):
        return False
    closed = _fir_closed(e) or (CLOSED_WORD.search(e) is not None and (n.subject in ("AF", "AU") or _fir_scope(e)))
    return closed and not _area_wording(e)


def _closed_except_arr_dep(n: Classifiable, e: str) -> bool:
    return (_airspace_subject(n) and _fir_closed(e) and not _area_wording(e)
            and ARR_DEP_EXCEPTED.search(e) is not None)


def _permission_only(n: Classifiable, e: str) -> bool:
    return (_airspace_subject(n) and _has(e, _PERMISSION_WORDS) and PERMISSION.search(e) is not None
            and WIDE_SCOPE.search(e) is not None and (_fir_closed(e) or PERMISSION_ONLY.search(e) is not None))


def _overflights_suspended(n: Classifiable, e: str) -> bool:
    return _airspace_subject(n) and "OVERFL" in e and OVERFLIGHT_STOP.search(e) is not None


def _fir_closed_qcode(n: Classifiable, e: str) -> bool:
    return n.qcode in ("QAFLC", "QAULC") and not _area_wording(e)


def _fir_closed_text(n: Classifiable, e: str) -> bool:
    return _airspace_subject(n) and _fir_closed(e) and not _area_wording(e)


def _large_area(n: Classifiable, e: str) -> bool:
    big = n.radius_nm is not None and LARGE_AREA_NM <= n.radius_nm < RADIUS_NOT_GIVEN
    return big and (n.subject or "")[:1] in ("R", "W") and AREA_ACTIVE.search(e) is not None


def _aerodrome_closed(n: Classifiable, e: str) -> bool:
    return n.qcode == "QFALC" or (_has(e, _CLOSED_WORDS) and AD_CLOSED.search(e) is not None)


def _route_closed(n: Classifiable, e: str) -> bool:
    return n.qcode in ("QARLC", "QANLC") or (_has(e, ("CLSD", "CLOSED", "NOT AVBL")) and _has(e, _ROUTE_WORDS)
                                             and ROUTE_CLOSED.search(e) is not None)


RULES: tuple[Rule, ...] = (
    Rule("cancellation", "cancel", "A NOTAMC: it ends the NOTAM it cancels and says nothing else.", _cancellation),
    Rule("equipment_outage", "info",
         "Radar, navaid, frequency or GNSS out of service or jammed (Q-code C…, N…, G… or 'RADAR … U/S'): "
         "information for pilots, not a closure.", _equipment_outage),
    Rule("partial_reopening", "restricted",
         "Part of the FIR resumed while another part remains closed "
         "('EAST PART RESUMED NORMAL OPERATION, WEST PART REMAINS CLOSED').", _partial_reopening),
    Rule("fir_resumed", "open",
         "The whole FIR or airspace resumed normal operation / reopened: ends earlier closures in the FIR.", _fir_resumed),
    Rule("part_of_fir_closed", "restricted",
         "A closure that names only part of the FIR ('WESTERN PART OF BAGHDAD FIR CLSD', "
         "'EMIRATES FIR PARTIALLY CLOSED').", _part_of_fir_closed),
    Rule("closed_except_arr_dep", "restricted",
         "The FIR is closed except for arrivals and departures at named aerodromes "
         "('DAMASCUS FIR CLOSED EXCEPT FOR FLIGHT ARR/DEP ALEPPO AERODROME'): civil flights still leave.",
         _closed_except_arr_dep),
    Rule("fir_closed_qcode", "closed",
         "Q-code QAFLC (FIR closed) or QAULC (UIR closed), not contradicted by a partial wording above.", _fir_closed_qcode),
    Rule("fir_closed_text", "closed",
         "E) says the FIR or airspace is closed ('TEHRAN FIR CLSD', 'AIRSPACE CLOSED', 'CLOSED TO ALL TFC'), "
         "also when state, military, medical, SAR or humanitarian flights or flights with prior permission are "
         "excepted: the permission is for the exceptions, civil flights are what matter.", _fir_closed_text),
    Rule("permission_only", "restricted",
         "Civil flights only with prior permission / diplomatic clearance, with no closure wording: "
         "possible, not routine.", _permission_only),
    Rule("overflights_suspended", "restricted",
         "Overflights suspended or prohibited; the country may still be reached or left.", _overflights_suspended),
    Rule("large_area_activated", "restricted",
         f"A restricted, prohibited, danger or warning area of radius ≥ {LARGE_AREA_NM} NM activated "
         f"(radius {RADIUS_NOT_GIVEN} means 'not given' and does not count).", _large_area),
    Rule("aerodrome_closed", "aerodrome_closed",
         "An aerodrome is closed (QFALC or 'AD CLSD'): shown, but does not close a country.", _aerodrome_closed),
    Rule("route_closed", "route_closed",
         "An ATS route is closed (QARLC or 'AWY … CLSD'): shown, but does not close a country.", _route_closed),
    Rule("no_airspace_effect", "info", "Nothing above: the NOTAM does not change airspace status.", lambda n, e: True),
)


# Every rule above except the last needs one of these words in E) (or the NOTAMC kind, an
# equipment subject, a status Q-code, a large R/W area): most NOTAMs (aprons, obstacles, AIP
# amendments) have none, and one substring scan sends them straight to no_airspace_effect
# instead of through a dozen regexes. tests/test_airspace_rules.py checks it never changes a result.
MAYBE = re.compile(
    r"CLSD|CLOS|PROHIBIT|SUSPEN|NOT\s+(?:PERMITTED|ALLOWED|AUTHORI|AVBL|AVAILABLE|OPR|OPERATIONAL)|RESUM|OPEN|PERMI"
    r"|APPROVAL|CLEARANCE|AUTHORI|\bPPR\b|OVERFL|U/S|UNSERVICEABLE|OUT\s+OF\s+SERVICE|INTERFERENCE|JAMMING|SPOOFING"
)
# MAYBE's literal words, checked with `in` at C speed; the three patterns with white space or word
# boundaries get their regex only when their anchor word is there (see _maybe).
MAYBE_WORDS = ("CLSD", "CLOS", "PROHIBIT", "SUSPEN", "RESUM", "OPEN", "PERMI", "APPROVAL", "CLEARANCE", "AUTHORI",
               "OVERFL", "U/S", "UNSERVICEABLE", "INTERFERENCE", "JAMMING", "SPOOFING")
MAYBE_ANCHORED = (("NOT", re.compile(r"NOT\s+(?:PERMITTED|ALLOWED|AUTHORI|AVBL|AVAILABLE|OPR|OPERATIONAL)")),
                  ("PPR", re.compile(r"\bPPR\b")), ("SERVICE", re.compile(r"OUT\s+OF\s+SERVICE")))
STATUS_QCODES = frozenset(("QAFLC", "QAULC", "QFALC", "QARLC", "QANLC"))


def _maybe(n: Classifiable, upper: str) -> bool:
    """True when some rule before no_airspace_effect might fire: MAYBE.search(upper), or a kind,
    Q-code or radius that a rule reads. Same answer as the regex, several times faster."""
    if (n.kind == "C" or (n.subject or "")[:1] in EQUIPMENT_SUBJECTS or n.qcode in STATUS_QCODES
            or (n.radius_nm is not None and LARGE_AREA_NM <= n.radius_nm < RADIUS_NOT_GIVEN
                and (n.subject or "")[:1] in ("R", "W"))):
        return True
    # MAYBE_WORDS written out: one `or` chain instead of a loop (a fifth of classify on the corpus);
    # tests/test_airspace_rules.py checks the chain holds exactly these words.
    if ("CLSD" in upper or "CLOS" in upper or "PROHIBIT" in upper or "SUSPEN" in upper or "RESUM" in upper
            or "OPEN" in upper or "PERMI" in upper or "APPROVAL" in upper or "CLEARANCE" in upper
            or "AUTHORI" in upper or "OVERFL" in upper or "U/S" in upper or "UNSERVICEABLE" in upper
            or "INTERFERENCE" in upper or "JAMMING" in upper or "SPOOFING" in upper):
        return True
    for w, rx in MAYBE_ANCHORED:
        if w in upper and rx.search(upper) is not None:
            return True
    return False


# Answers by everything the rules read (kind, subject, Q-code, radius, E text): relays and
# repeated fetches of a FIR's feed send the same NOTAM again and again (a fifth of the real
# corpus in ../shared/notams repeats an earlier one), and derive re-classifies every row of the
# warehouse at each load. Bounded: emptied when full, so a long-running app never grows it.
_CACHE: dict[tuple, tuple[str, str]] = {}
CACHE_MAX = 20_000


def classify(n: Classifiable) -> tuple[str, str]:
    """(status, rule name) for one NOTAM: the first rule in RULES that fires (remembered per
    kind, subject, Q-code, radius and E text, the only things the rules read)."""
    key = (n.kind, n.subject, n.qcode, n.radius_nm, n.text)
    hit = _CACHE.get(key)
    if hit is None:
        hit = classify_uncached(n)
        if len(_CACHE) >= CACHE_MAX:
            _CACHE.clear()
        _CACHE[key] = hit
    return hit


def classify_uncached(n: Classifiable) -> tuple[str, str]:
    """classify() without the memory: every call runs the rules."""
    upper = n.text.upper()
    if not _maybe(n, upper):
        return RULES[-1].status, RULES[-1].name
    e = " ".join(upper.split())
    for rule in RULES:
        if rule.test(n, e):
            return rule.status, rule.name
    raise AssertionError("the last rule always fires")
