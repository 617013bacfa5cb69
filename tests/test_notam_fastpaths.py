"""The parser's fast paths (issue 13, throughput) give exactly what the general code gives, on
every real NOTAM in ../shared/notams and on the awkward forms the fast paths hand back.

- block splitting: lines without "NOTAM" skip the header regexes; the oracle is the splitting
  loop as it was before that shortcut (every line through the general steps), kept here;
- Q) lines: one regex for the well-formed line; the oracle is _parse_q_general;
- times: arithmetic instead of slices; the oracle is the slicing version.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from etl.airspace.notam import (
    DOMESTIC_RE,
    HEADER_MID_RE,
    HEADER_RE,
    NOISE_FIRST,
    NOISE_RE,
    NotamError,
    TextParser,
    _parse_q,
    _parse_q_general,
    parse_time,
)

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "notams"
TEXT_FILES = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
needs_corpus = pytest.mark.skipif(not TEXT_FILES, reason="../shared/notams is not here (a fresh clone)")


def blocks_general(lines: Iterable[str]) -> Iterator[tuple[int, str, bool]]:
    """TextParser.blocks before the no-header shortcut: every line through the same steps."""
    cur: list[str] = []
    start = 0
    gap = closed = False
    orphan: list[str] = []
    orphan_start = 0
    for no, line in enumerate(lines, 1):
        s = line.strip()
        if not s:
            gap = bool(cur)
            if orphan:
                yield orphan_start, "\n".join(orphan), False
                orphan = []
            continue
        if s[0] == "#":
            continue
        pieces = [s]
        has_header = "NOTAM" in s
        if has_header:
            cuts = [m.start() for m in HEADER_MID_RE.finditer(s)]
            if cuts and cuts[0] != 0:
                cuts.insert(0, 0)
            if len(cuts) > 1:
                pieces = [s[a:b].strip() for a, b in zip(cuts, cuts[1:] + [len(s)])]
        for piece in pieces:
            if has_header and HEADER_RE.match(piece):
                if cur:
                    yield start, "\n".join(cur), True
                if orphan:
                    yield orphan_start, "\n".join(orphan), False
                    orphan = []
                cur, start, gap, closed = [piece], no, False, False
            elif piece[0] in NOISE_FIRST and NOISE_RE.match(piece):
                gap = bool(cur)
            elif cur and not (gap and (closed or DOMESTIC_RE.match(piece))):
                cur.append(piece)
                gap = False
                if piece.startswith(("CREATED:", "SOURCE:")) or (piece.endswith(")") and cur[0][0] == "("):
                    closed = True
            else:
                if cur:
                    yield start, "\n".join(cur), True
                    cur = []
                if not orphan:
                    orphan_start = no
                orphan.append(piece)
    if cur:
        yield start, "\n".join(cur), True
    if orphan:
        yield orphan_start, "\n".join(orphan), False


def parse_time_slices(value: str) -> datetime:
    yy, mo, dd, hh, mi = int(value[0:2]), int(value[2:4]), int(value[4:6]), int(value[6:8]), int(value[8:10])
    if hh == 24 and mi == 0:
        hh, mi = 23, 59
    return datetime(2000 + yy if yy < 70 else 1900 + yy, mo, dd, hh, mi)


# Relay noise, orphan text, a FAA domestic notice after a closed NOTAM, headers glued mid-line:
# the paths through blocks() that the corpus might not hold in one place.
AWKWARD = """# a comment line
VALIDATION ERROR: UNKNOWN NOF
-----------------------------
(A0001/26 NOTAMN
Q) OIIX/QAFLC/IV/NBO/E/000/999/3230N05330E999
A) OIIX B) 2603060000 C) 2604182359 EST
E) TEHRAN FIR CLSD.)

FDC 6/6748 ZZZ SOMETHING DOMESTIC

stray text that is no NOTAM
(A0002/26 NOTAMR A0001/26 Q) OIIX/QAFXX/IV/NBO/E/000/999/ A) OIIX B) 2604182359 C) PERM E) FIR REOPENED.) B0003/26 NOTAMC A0002/26
Q) OIIX/QAFXX/IV/NBO/E/000/999/
A) OIIX B) 2604190000
E) CNL
CREATED: 19 APR 2026 00:00
===
more orphan text
"""


@needs_corpus
@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: p.name)
def test_blocks_same_as_general_loop_on_real_files(path: Path) -> None:
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.readlines()
    mine = list(TextParser().blocks(lines))
    assert len(mine) > 0
    assert mine == list(blocks_general(lines))


def test_blocks_same_as_general_loop_on_awkward_text() -> None:
    lines = AWKWARD.splitlines()
    mine = list(TextParser().blocks(lines))
    assert [ok for _, _, ok in mine].count(False) >= 2  # the orphans are there to be compared
    assert mine == list(blocks_general(lines))


def _q_lines() -> list[str]:
    out = []
    for path in TEXT_FILES:
        out += [m[1].strip() for m in re.finditer(r"Q\)(.*?)(?=\s+A\)|$)", path.read_text(encoding="utf-8", errors="replace"), re.MULTILINE)]
    return out


@needs_corpus
def test_q_fast_path_same_as_general_on_real_lines() -> None:
    qs = _q_lines()
    assert len(qs) > 1000
    for q in qs:
        assert _outcome(q) == _outcome_general(q), q


def _outcome(q: str) -> object:
    try:
        return _parse_q(q)
    except NotamError as exc:
        return exc.code


def _outcome_general(q: str) -> object:
    try:
        return _parse_q_general(q)
    except NotamError as exc:
        return exc.code


@pytest.mark.parametrize("q", [
    "OIIX/QAFLC/IV/NBO/E/000/999/3230N05330E999",
    "SAEF/QWMLW/IV/BO/W/000/120/3430S05830W010",  # south and west
    "OIIX/QAFXX/IV/NBO/E/000/999/",  # no coordinates
    "OIIX/QAFXX/IV/NBO/E/000/999/3230N05330E",  # no radius
    " OIIX / QAFXX / IV / NBO / E / 000 / 999 / 3230N05330E999 ",  # spaces around the parts
    "OIIX/QAFXX/E/000/999/",  # dropped fields: the general path
    "OI IX/QAFXX/IV/NBO/E/000/999/3230N 05330E999",  # spaces inside parts: the general path
    "OIIX/QAFXX/IV/NBO/E/000/999/GARBAGE",
    "ZHN/QAFXX/IV/NBO/E/000/999/",  # no 4-letter FIR: both reject it
])
def test_q_fast_path_same_as_general(q: str) -> None:
    assert _outcome(q) == _outcome_general(q)


def test_parse_time_same_as_slices() -> None:
    for v in ("2603060000", "2604182359", "2612312400", "9901010000", "7001010000", "0002290000"):
        assert parse_time(v) == parse_time_slices(v), v
    with pytest.raises(ValueError):
        parse_time("2602300000")  # 30 February: still a ValueError, as parse_icao expects


@needs_corpus
def test_parse_time_same_as_slices_on_real_times() -> None:
    times = {m[1] for p in TEXT_FILES for m in re.finditer(r"[BC]\)\s*(\d{10})", p.read_text(encoding="utf-8", errors="replace"))}
    assert len(times) > 500
    for v in times:
        try:
            expected = parse_time_slices(v)
        except ValueError:
            with pytest.raises(ValueError):
                parse_time(v)
            continue
        assert parse_time(v) == expected, v
