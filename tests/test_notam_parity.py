"""The same NOTAMs through every input path give identical rows: plain text, FAA NOTAM API GeoJSON
(coreNOTAMData with an ICAO translation) and FAA search JSON (records with an `icaoMessage`).

Relays put "VALIDATION ERROR: …" lines and rows of dashes before a message (the FAA relay of
Tehran's partial-reopening NOTAM did); the text path always skipped them between NOTAMs, the
JSON paths rejected such records. Every path now strips the same prefixes and trailers.
"""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from etl.airspace.notam import Notam, TextParser, parse_json, parse_text

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "notams"
PREFIXES = (
    "",
    "VALIDATION ERROR: INVALID Q-LINE FORMAT: EXPECTED AT LEAST 7 PARTS, BUT GOT 6 IN &apos;Q)OIIX/QAFXX/E/000/999/&apos;\n----------\n",
    "----------\n",
    "UNKNOWN NOF\n\n",
)
# Hand-written in the shapes seen in real relays (the corpus itself is never copied here).
OWN = [
    ("A0796/26 NOTAMR A0790/26\nQ)OIIX/QAFXX/E/000/999///\nA)OIIX B)2604221030 C)2605220830EST\n"
    "E)TEHRAN FIR CLOSED EXCEPT FOR INTERNATIONAL FLIGHTS LANDING/DEPARTING OIKB, OIMM AND OISS."),
    ("A0702/26 NOTAMN\nQ) OSTT/QAFXX/IV/NBO/E/000/999/3500N03800E150\nA) OSTT B) 2603011000 C) 2603152359 EST\n"
    "E) DAMASCUS FIR CLOSED EXCEPT FOR FLIGHT ARR/DEP ALEPPO AERODROME.\nCREATED: 01 MAR 2026 09:58\nSOURCE: OSTTYNYX"),
    ("W0554/26 NOTAMR W0505/26\nQ) OEJD/QRRCA/IV/BO/W/000/999/2130N04700E120\nA) OEJD B) 2604101021 C) 2606201200\n"
    "D) EV FRI AND SAT 0600-1200\nE) OER41 ACT.\nF) SFC G) FL200"),
]


def fields(n: Notam) -> dict:
    d = dataclasses.asdict(n)
    d.pop("raw"), d.pop("line")
    return d


def through_text(messages: list[str], prefix: str) -> list[dict]:
    text = "\n\n".join(prefix + m for m in messages)
    notams, rejects = parse_text(text)
    assert rejects == []
    return [fields(n) for n in notams]


def through_search_json(messages: list[str], prefix: str) -> list[dict]:
    obj = {f"K{i}": {"id": f"K{i}", "icaoMessage": prefix + m} for i, m in enumerate(messages)}
    out = list(parse_json(json.loads(json.dumps(obj))))
    assert all(isinstance(r, Notam) for r in out), [r for r in out if not isinstance(r, Notam)]
    return [fields(n) for n in out]


def through_geojson(messages: list[str], prefix: str) -> list[dict]:
    feats = []
    for m in messages:
        head = m.split("\n", 1)[0]
        number, kind = head.split()[0], head.split()[1][-1]
        feats.append({"type": "Feature", "properties": {"coreNOTAMData": {
            "notam": {"id": number, "number": number, "type": kind},
            "notamTranslation": [{"type": "ICAO", "formattedText": prefix + m}]}}})
    out = list(parse_json({"type": "FeatureCollection", "features": feats}))
    assert all(isinstance(r, Notam) for r in out), [r for r in out if not isinstance(r, Notam)]
    return [fields(n) for n in out]


@pytest.mark.parametrize("prefix", PREFIXES, ids=["none", "validation_error_and_dashes", "dashes", "unknown_nof"])
def test_three_paths_give_identical_rows(prefix: str) -> None:
    plain = through_text(OWN, "")
    assert [r["notam_id"] for r in plain] == ["OIIX A0796/26", "OSTT A0702/26", "OEJD W0554/26"]
    assert plain[0]["replaces"] == "OIIX A0790/26" and plain[1]["text"].endswith("ALEPPO AERODROME.")
    for path in (through_text, through_search_json, through_geojson):
        assert path(OWN, prefix) == plain, path.__name__


def test_geojson_without_a_header_in_its_translation_still_reads() -> None:
    # The FAA API's own shape: the header lives in `notam.number`/`type`, the translation starts at Q).
    body = OWN[1].split("\n", 1)[1]
    feat = {"properties": {"coreNOTAMData": {"notam": {"number": "A0702/26", "type": "N"},
                                             "notamTranslation": [{"type": "ICAO", "formattedText": PREFIXES[1] + body}]}}}
    (n,) = parse_json({"items": [feat]})
    assert fields(n) == through_text(OWN[1:2], "")[0]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/notams is not here (a fresh clone)")
def test_real_corpus_through_every_path() -> None:
    """Every parseable real Tehran NOTAM (the relay that carries VALIDATION ERROR prefixes) gives
    the same row through text, search JSON and GeoJSON, with and without a relay prefix."""
    parser = TextParser()
    with open(CORPUS / "oiix_tehran_fir.txt", encoding="utf-8", errors="replace") as f:
        blocks = [text for _, text, is_notam in parser.blocks(f) if is_notam]
    good = [b for b in blocks if not parse_text(b)[1] and "PART " not in b.split("E)")[0]]  # multi-part ids repeat
    assert len(good) > 250
    plain = through_text(good, "")
    for path in (through_search_json, through_geojson):
        for prefix in PREFIXES[:2]:
            assert path(good, prefix) == plain, (path.__name__, prefix[:20])
