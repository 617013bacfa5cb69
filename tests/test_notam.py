"""etl/airspace/notam.py: the ICAO NOTAM parser, on hand-written cases named after real-world quirks."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from etl.airspace.notam import Notam, TextParser, parse_json, parse_text
from etl.kinds.base import Reject

FIX = Path(__file__).parent / "fixtures" / "notams"

FULL = """A0215/26 NOTAMR A0201/26
Q) OIIX/QAFLC/IV/NBO/E/000/999/3220N05324E999
A) OIIX B) 2603012200 C) 2603042359 EST
D) DLY 0600-1800
E) DUE TO SECURITY SITUATION TEHRAN FIR CLSD
FOR ALL CIVIL FLIGHTS.
F) SFC G) UNL
"""


def one(text: str) -> Notam:
    notams, rejects = parse_text(text)
    assert not rejects, rejects
    assert len(notams) == 1
    return notams[0]


def test_every_item_of_a_well_formed_notam() -> None:
    n = one(FULL)
    assert (n.notam_id, n.series, n.number, n.year, n.kind) == ("OIIX A0215/26", "A", 215, 2026, "R")
    assert n.replaces == "OIIX A0201/26"
    assert (n.fir, n.qcode, n.subject, n.condition) == ("OIIX", "QAFLC", "AF", "LC")
    assert (n.traffic, n.purpose, n.scope, n.lower, n.upper, n.radius_nm) == ("IV", "NBO", "E", 0, 999, 999)
    assert n.lat == pytest.approx(32 + 20 / 60) and n.lon == pytest.approx(53 + 24 / 60)
    assert n.locations == ["OIIX"]
    assert n.valid_from == datetime(2026, 3, 1, 22, 0) and n.valid_to == datetime(2026, 3, 4, 23, 59)
    assert n.estimated_end and not n.permanent
    assert n.schedule == "DLY 0600-1800"
    assert n.text == "DUE TO SECURITY SITUATION TEHRAN FIR CLSD\nFOR ALL CIVIL FLIGHTS."  # line breaks kept
    assert (n.item_f, n.item_g) == ("SFC", "UNL")


QUIRKS = {
    # FAA relay of Tehran NOTAMs: no space between item letter and value.
    "items_without_spaces": ("A0001/26 NOTAMN\nQ)OIIX/QAFXX/IV/NBO/E/000/999/\nA)OIIX B)2604180710 C)2605010000\nE)TEXT.",
                             {"fir": "OIIX", "valid_from": datetime(2026, 4, 18, 7, 10)}),
    # Q) with traffic and purpose missing: 6 parts instead of 8.
    "malformed_q_six_parts": ("A0002/26 NOTAMN\nQ)OIIX/QAFXX/E/000/999/\nA)OIIX B)2604180710 C)2605010000\nE)TEXT.",
                              {"qcode": "QAFXX", "scope": "E", "traffic": None, "lower": 0, "upper": 999}),
    "q_with_blank_fields": ("A0003/26 NOTAMN\nQ) OIIX/QXXXX/ / / /000/999/\nA) OIIX B) 2512110713 C) 2603112030 EST\nE) X.",
                            {"qcode": "QXXXX", "scope": None, "estimated_end": True}),
    "est_glued_to_time": ("A0004/26 NOTAMN\nQ) OIIX/QAFXX/IV/NBO/E/000/999/\nA) OIIX B) 2411110717 C) 2502092030EST\nE) X.",
                          {"valid_to": datetime(2025, 2, 9, 20, 30), "estimated_end": True}),
    "perm_end": ("B1137/15 NOTAMN\nQ) EISN/QPHCH/IV/BO /AE/000/999/5150N00829W025\nA) EICK B) 1510021742 C) PERM\nE) X.",
                 {"valid_to": None, "permanent": True, "scope": "AE", "purpose": "BO"}),
    "created_source_trailer": (("A0005/26 NOTAMN\nQ) HECC/QWMLW/IV/BO/W/000/999/2944N03053E013\nA) HECC B) 2603180320 C) 2603300900\n"
                               "E) FRNG.\nF) GND G) UNL\nCREATED: 16 MAR 2026 11:38\nSOURCE: HECAYNYX"),
                               {"text": "FRNG.", "item_g": "UNL"}),
    "parentheses_around_message": ("(A0006/26 NOTAMN\nQ) OBBB/QAFLC/IV/NBO/E/000/999/\nA) OBBB B) 2603010000 C) 2603020000\nE) BAHRAIN FIR CLSD.)",
                                   {"text": "BAHRAIN FIR CLSD.", "fir": "OBBB"}),
    "line_breaks_lost": (("A0007/26 NOTAMN  Q) LTAA/QWELW/IV/BO /W /000/070/3919N03252E004  A) LTAA B) 2605040600 C) 2608040600EST  "
                         "E) TRAINING FLIGHTS.  F) GND G) FL070    CREATED: 04 May 2026 06:00  SOURCE: EUECYIYN"),
                         {"text": "TRAINING FLIGHTS.", "item_f": "GND", "item_g": "FL070", "radius_nm": 4}),
    "html_entities": ("A0008/26 NOTAMN\nQ) OIIX/QAFXX/IV/NBO/E/000/999/\nA) OIIX B) 2603010000 C) 2603020000\nE) TFC &amp; ATC &apos;OK&apos;.",
                      {"text": "TFC & ATC 'OK'."}),
    "e_text_with_its_own_lettered_list": (("A0009/26 NOTAMN\nQ) OJAC/QAFXX/IV/NBO/E/000/999/\nA) OJAC B) 2603010000 C) 2603020000\n"
                                          "E) RULES:\nA) FIRST\nB) SECOND\nC) THIRD"),
                                          {"locations": ["OJAC"], "valid_to": datetime(2026, 3, 2)}),
    "multi_part_marker_in_a": (("D3616/22 NOTAMN\nQ) EDGG/QRTCA/IV/BO /W /000/100/5003N00804E012\nA) EDGG PART 1 OF 2 B) 2211160800 C) 2211181800\n"
                               "E) TEMPO RESTRICTED AREA\nEND PART 1 OF 2"), {"part": "1/2", "locations": ["EDGG"]}),
    "fir_xx_for_several_firs": ("A2119/26 NOTAMN\nQ) LTXX/QWELW/IV/BO /W /025/200/4146N03125E028\nA) LTBB LTAA B) 2606010700 C) 2608281400\nE) TEST FLT.",
                                {"fir": "LTXX", "locations": ["LTBB", "LTAA"]}),
    "southern_western_coordinates": ("A0010/26 NOTAMN\nQ) FIMM/QRALW/IV/NBO/AE/000/999/2025S07540W999\nA) FIMM B) 2607162334 C) 2607220259 EST\nE) X.",
                                     {"lat": pytest.approx(-(20 + 25 / 60)), "lon": pytest.approx(-(75 + 40 / 60))}),
}


@pytest.mark.parametrize("text,expected", QUIRKS.values(), ids=QUIRKS.keys())
def test_real_world_quirks_parse(text: str, expected: dict) -> None:
    n = one(text)
    for field, value in expected.items():
        assert getattr(n, field) == value, field


BAD = {
    "c_before_b": ("A0011/26 NOTAMN\nQ) OJAC/QAFXX/IV/NBO/E/000/999/\nA) OJAC B) 2603050000 C) 2603010000\nE) X.", "end_before_start", "C"),
    "no_q_line_faa_domestic": ("A0258/10 NOTAMN A) KZNY B) 1003121253 C) UFN E) QXXXX TEXT", "missing_q", "Q"),
    "q_fir_not_four_letters": ("M0013/26 NOTAMN\nQ) ZHN/QWULW/IV/BO/W/000//2201N15947W005\nA) PHBK\nB) 2604061700\nC) 2604090400\nE) X.", "bad_q_fir", "Q"),
    "start_is_wie": ("A0012/26 NOTAMN\nQ) OJAC/QAFXX/IV/NBO/E/000/999/\nA) OJAC B) WIE C) 2603010000\nE) X.", "bad_start", "B"),
    "month_13": ("A0013/26 NOTAMN\nQ) OJAC/QAFXX/IV/NBO/E/000/999/\nA) OJAC B) 2613010000 C) 2603010000\nE) X.", "bad_time", "B"),
    "notamr_without_target": ("A0014/26 NOTAMR\nQ) OJAC/QAFXX/IV/NBO/E/000/999/\nA) OJAC B) 2603010000\nE) X.", "missing_target", None),
}


@pytest.mark.parametrize("text,code,column", BAD.values(), ids=BAD.keys())
def test_malformed_notams_become_rejects_with_a_reason(text: str, code: str, column: str | None) -> None:
    notams, rejects = parse_text(text)
    assert not notams
    assert [(r.code, r.column) for r in rejects] == [(code, column)]
    assert rejects[0].reason and rejects[0].raw and rejects[0].line == 1


def test_quirks_file_keeps_going_after_bad_blocks() -> None:
    parser = TextParser()
    with open(FIX / "quirks.txt", encoding="utf-8") as f:
        out = list(parser.parse(f))
    notams = [r for r in out if isinstance(r, Notam)]
    rejects = [r for r in out if isinstance(r, Reject)]
    assert [n.notam_id for n in notams] == ["OIIX A0001/26", "OIIX A0002/26", "ORBB A0003/26", "OKAC A0004/26"]
    assert notams[1].text == "CAUTION: TFC & ATC COORDINATION REQUIRED."  # relay noise not glued to E)
    assert notams[0].text == "TEHRAN FIR CLSD."
    assert [(r.code, r.line) for r in rejects] == [("not_a_notam", 18), ("end_before_start", 20)]
    assert not parser.is_sample  # "Hand-written fixture" comment, no SAMPLE word


def test_sample_comment_marks_file_and_comment_lines_are_skipped() -> None:
    parser = TextParser()
    lines = ["# SAMPLE DATA — hand-written", "A0001/26 NOTAMN", "# a comment inside", "Q) OIIX/QAFXX/IV/NBO/E/000/999/",
             "A) OIIX B) 2603010000 C) 2603020000", "E) X."]
    (n,) = list(parser.parse(lines))
    assert parser.is_sample and n.text == "X."


def test_json_faa_api_and_icao_message_records() -> None:
    faa = list(parse_json(json.loads((FIX / "faa_api.json").read_text())))
    assert [type(r).__name__ for r in faa] == ["Notam", "Notam", "Reject"]
    assert faa[0].notam_id == "OIIX A0123/26" and faa[0].estimated_end
    assert faa[1].notam_id == "KZAU FDC 8210/23" and faa[1].fir == "KZAU"
    assert faa[2].code == "no_icao_text" and faa[2].line == 3
    recs = list(parse_json(json.loads((FIX / "icao_messages.json").read_text())))
    assert [getattr(r, "notam_id", None) or r.code for r in recs] == ["OMAE A0355/26", "OBBB A0098/26", "missing_q"]


class CountingLines:
    """A file's lines handed out one by one, counting how many were taken so far."""

    def __init__(self, path: Path) -> None:
        self.f = open(path, encoding="utf-8")  # noqa: SIM115 (closed by the test)
        self.taken = 0

    def __iter__(self):
        for line in self.f:
            self.taken += 1
            yield line


def test_50_mb_file_is_streamed_block_by_block(tmp_path: Path) -> None:
    block = ("A{n:04d}/26 NOTAMN\nQ) OIIX/QAFXX/IV/NBO/E/000/999/3220N05324E999\nA) OIIX B) 2603010000 C) 2603052359 EST\n"
             "E) TEHRAN FIR CLSD FOR ALL CIVIL FLIGHTS DUE TO SECURITY SITUATION. STATE FLIGHTS EXEMPTED.\nF) SFC G) UNL\n\n")
    path = tmp_path / "big.txt"
    with open(path, "w", encoding="utf-8") as f:
        size = n = 0
        while size < 50_000_000:
            s = block.format(n=n % 10000)
            f.write(s)
            size += len(s)
            n += 1
    lines = CountingLines(path)
    it = TextParser().parse(lines)
    first = next(it)
    assert isinstance(first, Notam) and lines.taken < 20  # the first NOTAM came before the rest was read
    assert 1 + sum(1 for _ in it) == n
    lines.f.close()
