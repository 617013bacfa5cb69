"""The parser's fast paths (issue 13, throughput) give exactly what the general code gives, on
every real NOTAM in ../shared/notams and on the awkward forms the fast paths hand back.

- block splitting: lines without "NOTAM" skip the header regexes, and a text file is read by
  paragraphs, a plain NOTAM paragraph taken in one step; the oracle is the splitting loop as it
  was before those shortcuts (every line through the general steps), kept here;
- the whole message: MSG_FAST_RE reads header, Q) and A)–D) in one match; the oracle is
  parse_icao with that regex switched off (the general steps);
- Q) lines: one regex for the well-formed line; the oracle is _parse_q_general;
- times: arithmetic instead of slices, and B)/C) tested without TIME_RE; the oracles are the
  slicing version and TIME_RE.
"""
from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from etl.airspace import notam as notam_module
from etl.airspace.notam import (
    DOMESTIC_RE,
    HEADER_MID_RE,
    HEADER_RE,
    NOISE_FIRST,
    NOISE_RE,
    TIME_RE,
    NotamError,
    TextParser,
    _parse_q,
    _parse_q_general,
    _validity,
    parse_icao,
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


# Paragraph edges the file path must count and join exactly as line by line: blank lines of
# white space, runs of blank lines, no final line break, a blank line inside a NOTAM, white
# space at line edges, noise and comment lines inside a paragraph, a second header on a later
# line, "NOTAM" inside E), a header split over two lines.
EDGE_TEXTS = [
    "", "\n", "\n\n\n", "x", "x\n", "\n\nx\n\n\n",
    "A0001/26 NOTAMN\nQ) OIIX/QAFLC/IV/NBO/E/000/999/\nA) OIIX B) 2603060000\nE) FIR CLSD.",
    "A0001/26 NOTAMN\nQ) X\n\n  \nE) y  \n\n\n\n",
    "A0001/26 NOTAMN\nQ) X\n \t\nA) OIIX  \n  B) 2603060000\nE) Z\n",
    "A0001/26 NOTAMN\nQ) X\nVALIDATION ERROR\nE) Z\n-----\n# SAMPLE\nA0002/26 NOTAMN\nE) W\n",
    "A0001/26 NOTAMN\nE) THIS NOTAM IS A TEST\n  A0002/26  NOTAMN\nE) second\n",
    "A0001/26\nNOTAMN\nE) header over two lines\n\nA0002/26 NOTAMN NOTAM REF\nE) (1) X)\n",
    "(A0001/26 NOTAMN\nQ) X\nE) Y)\n\nFDC 6/6748 DOMESTIC\n\ntail\n(A0002/26 NOTAMN\nE) Z\n\ncont\n",
    "A0001/26 NOTAMN\nE) X\n\nCREATED: 1 JAN\n\nstray\n",
]


@pytest.mark.parametrize("chunk", [1 << 20, 7, 64])
def test_file_paragraphs_same_as_general_loop(chunk: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """A text file (read by paragraphs, in chunks of any size) gives the blocks, numbers and
    sample flag the line-by-line loop gives."""
    monkeypatch.setattr(notam_module, "CHUNK", chunk)
    texts = [*EDGE_TEXTS, AWKWARD, AWKWARD.rstrip("\n"), "\n\n" + AWKWARD.replace("\n", "\n\n")]
    texts += [p.read_text(encoding="utf-8", errors="replace") for p in TEXT_FILES]
    for text in texts:
        by_file, by_lines = TextParser(), TextParser()
        got = list(by_file.blocks(io.StringIO(text)))
        assert got == list(blocks_general(io.StringIO(text).readlines())), text[:80]
        assert got == list(by_lines.blocks(io.StringIO(text).readlines())), text[:80]
        assert by_file.is_sample == by_lines.is_sample


@needs_corpus
@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: p.name)
def test_real_file_opened_same_as_general_loop(path: Path) -> None:
    with open(path, encoding="utf-8", errors="replace") as f:
        mine = list(TextParser().blocks(f))
    with open(path, encoding="utf-8", errors="replace") as f:
        assert mine == list(blocks_general(f.readlines()))


def test_file_is_still_streamed(tmp_path: Path) -> None:
    """Read by paragraphs, a large file still gives its first NOTAM after one chunk."""
    path = tmp_path / "big.txt"
    block = "A{n:04d}/26 NOTAMN\nQ) OIIX/QAFXX/IV/NBO/E/000/999/\nA) OIIX B) 2603010000\nE) TEHRAN FIR CLSD.\n\n"
    path.write_text("".join(block.format(n=n % 9999 + 1) for n in range(100_000)), encoding="utf-8")
    with open(path, encoding="utf-8") as f:
        first = next(iter(TextParser().parse(f)))
        assert first.notam_id == "OIIX A0001/26" and f.tell() < 4 * notam_module.CHUNK < path.stat().st_size


def _parsed(text: str) -> object:
    try:
        return parse_icao(text, 7)
    except NotamError as exc:
        return exc.code, exc.column, str(exc)


def _parsed_general(text: str, monkeypatch: pytest.MonkeyPatch) -> object:
    with monkeypatch.context() as m:
        m.setattr(notam_module, "MSG_FAST_RE", re.compile(r"(?!)"))  # never matches: the general steps
        return _parsed(text)


# Heads the one-match path must take or hand back exactly as the general steps read them.
AWKWARD_MESSAGES = [
    "A0001/26 NOTAMN\nQ) OIIX/QAFLC/IV/NBO/E/000/999/3230N05330E999\nA) OIIX B) 2603060000 C) 2604182359 EST\nE) X",
    "(A0001/26 NOTAMR A0000/26\nQ) OIIX/QAFLC/IV/NBO/E/000/999/\nA) OIIX B) 2603060000 C) PERM\nD) H24\nE) X)",
    "A0001/26 NOTAMN Q) OIIX/QAFLC/IV/NBO/E/000/999/ A) OIIX B) 2603060000 D) DLY 0600-1200 C) 2604182359 E) X",
    "A0001/26 NOTAMN\nQ) OIIX/QAFLC/IV/NBO/E/000/999/\nA) OIIX (TEHRAN) B) 2603060000\nE) X",
    "A0001/26 NOTAMN\nQ) OIIX/QAFLC/IV/NBO/E/000/999/\nA)OIIX B)2603060000 C)2604182359EST E)X F) SFC G) UNL",
    "A0001/26 NOTAMN\nQ) OIIX/QAFXX/E/000/999/\nA) OIIX B) 2603060000\nE) X",
    "A0001/26 NOTAMR\nQ) OIIX/QAFLC/IV/NBO/E/000/999/\nA) OIIX B) 2603060000\nE) X",
    "A0001/26 NOTAMN\nQ) OIIX/QAFLC/IV/NBO/E/000/999/\nA) OIIX B) 2603300000 C) 2602300000\nE) X",
    "A0001/26 NOTAMN\nQ) OIIX/QAFLC/IV/NBO/E/000/999/\nA) OIIX B) 26033000 C) 2604010000\nE) X",
    "A0001/26 NOTAMN\nQ) OIIX/QAFLC/IV/NBO/E/000/999/\nA) OIIX PART 1 OF 2 B) 2603060000 C) UFN\nE) X",
    "A0001/26 NOTAMN\nQ) OIIX/QAFLC/IV/NBO/E/000/999/\nA) OIIX B) 2603060000\nC) 2604182359   est\nE) A) B) C) list",
    "VALIDATION ERROR\nA0001/26 NOTAMN\nQ) OIIX/QAFLC/IV/NBO/E/000/999/\nA) OIIX B) 2603060000\nE) X",
]


@pytest.mark.parametrize("text", AWKWARD_MESSAGES)
def test_one_match_same_as_general_steps(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _parsed(text) == _parsed_general(text, monkeypatch)


@needs_corpus
def test_one_match_same_as_general_steps_on_real_notams(monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = []
    for path in TEXT_FILES:
        with open(path, encoding="utf-8", errors="replace") as f:
            blocks += [text for _, text, ok in TextParser().blocks(f) if ok]
    assert sum(notam_module.MSG_FAST_RE.match(b) is not None for b in blocks) > 0.9 * len(blocks)  # the path is taken
    for b in blocks:
        assert _parsed(b) == _parsed_general(b, monkeypatch), b[:80]


def _validity_by_regex(b: str, c: str) -> object:
    """_validity as it read B) and C) with TIME_RE (the code before the throughput work)."""
    if not (bm := TIME_RE.match(b)):
        return "bad_start"
    c = c.upper()
    try:
        start = parse_time(bm[1])
        if c.startswith("PERM"):
            return start, None, True, False
        if c.startswith("UFN"):
            return start, None, False, True
        if not c:
            return start, None, False, False
        if not (cm := TIME_RE.match(c)):
            return "bad_end"
        end = parse_time(cm[1])
    except ValueError:
        return "bad_time"
    return "end_before_start" if end < start else (start, end, False, bool(cm[2]))


@pytest.mark.parametrize("b,c", [
    ("2603060000", "2604182359 EST"), ("2603060000", "2604182359est"), ("2603060000", "2604182359\u00a0EST"),
    ("2603060000", "2604182359 ESTIMATED"), ("2603060000", "26041823590"), ("2603060000", "2604182359 E S T"),
    ("2603060000", "PERM"), ("2603060000", "perm"), ("2603060000", "UFN"), ("2603060000", ""),
    ("2603060000", "260418235"), ("260306000", "2604182359"), ("2603060000X", "2604182359"),
    ("\u0662\u0666\u0660\u0663\u0660\u0666\u0660\u0660\u0660\u0660", "2604182359"),  # Arabic-Indic digits: \d and isdecimal
    ("\u00b2603060000", "2604182359"),  # a superscript two is a digit but not decimal: refused by both
    ("2602300000", "2604182359"), ("2604182359", "2603060000"), ("2603060000", "2603060000"),
    ("2603060000", "2603062400"),
])
def test_validity_same_as_time_regex(b: str, c: str) -> None:
    try:
        got: object = _validity(b, c)
    except NotamError as exc:
        got = exc.code
    assert got == _validity_by_regex(b, c)
