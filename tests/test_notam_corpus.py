"""Robustness over real NOTAMs in ../shared/notams (beside the repo; never copied into it).

Parse rate: share of NOTAM blocks holding a Q) line that parse (goal ≥ 99 %). Agreement with
the .expected.json files (other projects' decoders) on FIR, start, end and Q-code. Every
disagreement was looked at; each falls in a class below, and in each the ICAO format is on our
side (the README: where decoders disagree with the format, the format wins):

- est_end_dropped: C) "2608040600EST" is an estimated end time; their decoder stores no end.
- perm_as_far_future: C) PERM; their decoder stores 2100-02-01, we store NULL + permanent.
- multi_fir_xx: Q) "LTXX"/"EGXX" is the ICAO form for a NOTAM over several FIRs (listed in A));
  their decoder takes the first A) location as the FIR; we keep Q)'s value and the timeline
  applies the NOTAM to each FIR of A).
- glued_start_missed: "A) MNXX B)2604202000" (no space after B)); their decoder found no start.
  Their end is then missing too (same NOTAMs).
- fir_not_from_q_line: their FIR (SBAO) is not the one Q) names (SBRE); Q) is the authority.
- malformed_q_fir_rejected: Q) "ZHN/…" has no 4-letter ICAO FIR; we reject it (code bad_q_fir,
  kept in rejects), their decoder took "ZHN" as a FIR.
- wrong_location_in_key: their key names another aerodrome than the NOTAM's A) (matched by id).
"""
from __future__ import annotations

import json
import re
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from etl.airspace.notam import Notam, NotamError, TextParser, parse_icao, parse_json

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "notams"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/notams is not here (a fresh clone)")
TEXT_FILES = ["oiix_tehran_fir.txt", "notam_whisper_middle_east.txt", "notam_whisper_other_regions.txt",
              "supernotams_icao_api_sample.txt", "supernotams_tagged_notams.txt", "svoop_notam_factory.txt"]
ID_RE = re.compile(r"([A-Z])(\d+)/(\d+)")


def parse_file(name: str) -> tuple[list[Notam], int, int]:
    """(NOTAMs, blocks with a Q) line, of those parsed)."""
    parser = TextParser()
    notams: list[Notam] = []
    with_q = parsed_q = 0
    with open(CORPUS / name, encoding="utf-8", errors="replace") as f:
        for no, text, is_notam in parser.blocks(f):
            if not is_notam:
                continue
            has_q = "Q)" in text
            with_q += has_q
            try:
                notams.append(parse_icao(text, no))
                parsed_q += has_q
            except NotamError:
                pass
    return notams, with_q, parsed_q


def key(series: str, number: int, year: int) -> tuple[str, int, int]:
    return series, number, year % 100


def utc(s: str | None) -> datetime | None:
    return datetime.fromisoformat(s).replace(tzinfo=None) if s else None


@pytest.mark.parametrize("name", TEXT_FILES)
def test_parse_rate_of_notams_with_a_q_line(name: str) -> None:
    _, with_q, parsed_q = parse_file(name)
    rate = parsed_q / with_q
    print(f"{name}: {parsed_q}/{with_q} = {rate:.2%}")
    assert rate >= 0.99


def classify_disagreement(field: str, mine: Notam, theirs: object) -> str | None:
    if field == "to" and theirs is None and mine.estimated_end:
        return "est_end_dropped"
    if field == "to" and mine.permanent and theirs == datetime(2100, 2, 1):
        return "perm_as_far_future"
    if field == "fir" and mine.fir.endswith("XX") and theirs in mine.locations:
        return "multi_fir_xx"
    if field in ("from", "to") and theirs is None and re.search(r"\sB\)\d{10}", mine.raw):
        return "glued_start_missed"
    if field == "fir" and theirs != mine.fir and re.search(r"Q\)\s*" + mine.fir + "/", mine.raw):
        return "fir_not_from_q_line"
    return None


def compare(name: str) -> tuple[int, Counter, Counter, list]:
    notams, _, _ = parse_file(name + ".txt")
    by_id: dict[tuple, list[Notam]] = {}
    for n in notams:
        by_id.setdefault(key(n.series, n.number, n.year), []).append(n)
    expected = json.loads((CORPUS / (name + ".expected.json")).read_text(encoding="utf-8"))
    agree, classes, unexplained, compared = Counter(), Counter(), [], 0
    for e in expected:
        raw = e.get("raw") or ""
        ident = e.get("notam_id") or e.get("id") or e["key"].split("-")[0]
        if "raw" in e and "Q)" not in raw:
            continue  # FAA domestic notices: no ICAO NOTAM to compare
        m = ID_RE.match(ident)
        cands = by_id.get(key(m[1], int(m[2]), int(m[3])), [])
        loc = e.get("location") or e.get("fir")
        mine = next((n for n in cands if loc in n.locations or loc == n.fir), None)
        if mine is None and cands:
            mine = cands[0]
            classes["wrong_location_in_key"] += 1
        if mine is None:
            if re.search(r"Q\)\s*[A-Z]{1,3}/", raw):
                classes["malformed_q_fir_rejected"] += 1
            else:
                unexplained.append((ident, "not parsed"))
            continue
        compared += 1
        fields = {"fir": e.get("fir", mine.fir), "qcode": e.get("qcode") or ("Q" + e["Qcode"] if e.get("Qcode") else None),
                  "from": utc(e.get("from_utc") or e.get("startdate")),
                  "to": utc(e.get("to_utc") if "to_utc" in e else e.get("enddate"))}
        for field, theirs in fields.items():
            ours = {"fir": mine.fir, "qcode": mine.qcode, "from": mine.valid_from, "to": mine.valid_to}[field]
            if ours == theirs:
                agree[field] += 1
            elif (cls := classify_disagreement(field, mine, theirs)) is not None:
                classes[cls] += 1
            else:
                unexplained.append((ident, field, ours, theirs))
    return compared, agree, classes, unexplained


@pytest.mark.parametrize("name", ["notam_whisper_middle_east", "notam_whisper_other_regions",
                                  "supernotams_icao_api_sample", "supernotams_tagged_notams"])
def test_agreement_with_other_decoders_every_difference_explained(name: str) -> None:
    compared, agree, classes, unexplained = compare(name)
    print(f"{name}: compared {compared}; agree " + ", ".join(f"{f} {agree[f] / compared:.1%}" for f in ("fir", "qcode", "from", "to"))
          + f"; disagreements by class {dict(classes)}")
    assert compared > 0
    assert unexplained == []


def test_faa_api_sample_reads() -> None:
    out = list(parse_json(json.loads((CORPUS / "faa_nms_api_geojson_KOSH_sample.json").read_text(encoding="utf-8"))))
    notams = [r for r in out if isinstance(r, Notam)]
    # Records with only the FAA domestic LOCAL_FORMAT (no ICAO translation) are rejected, named.
    other = [r for r in out if not isinstance(r, Notam)]
    print(f"faa_nms_api_geojson_KOSH_sample.json: {len(notams)} read, {len(other)} without ICAO text rejected")
    assert all(r.code == "no_icao_text" for r in other)
    assert len(notams) >= 20
