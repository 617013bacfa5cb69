"""ICAO NOTAM parser: text in, `Notam` records and `Reject`s out. Pure: no database, no files.

The input is an iterator of lines so a 50 MB relay dump streams block by block. A NOTAM starts at
its header (`A0793/26 NOTAMR A0198/26`), wherever it sits — at a line start, after a `(`, or in
the middle of a line whose breaks were lost in copying — and runs to the next header. Between
NOTAMs relays add noise ("VALIDATION ERROR …", "UNKNOWN NOF", dashes) that is skipped, and
`CREATED:`/`SOURCE:` trailers that are cut off. Text after a closed NOTAM that is no NOTAM (e.g.
FAA domestic "FDC 6/6748 …" notices) becomes a reject, so nothing is silently lost.

Items are located by their letters. Q) A) B) C) D) are taken only before E): the free text of E)
often holds "A)", "B)", "C)" of its own lists. F) and G) are taken only from the tail of E).
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise
from typing import TextIO

from etl.kinds.base import Reject

_ID = r"([A-Z])(\d{1,4})/(\d{2})"
HEADER_RE = re.compile(r"\(?\s*" + _ID + r"\s*NOTAM([NRC])(?:\s*" + _ID + r")?")
# A header inside a line (lost line breaks): not glued to a word or another reference.
HEADER_MID_RE = re.compile(r"(?<![A-Z0-9/])\(?" + _ID + r"\s?NOTAM[NRC]\b")
# FAA domestic notices ("FDC 6/6748 …", "!ORD 03/123 …") are no ICAO NOTAMs: they end a block.
DOMESTIC_RE = re.compile(r"!?[A-Z]{3,4} \d{1,2}/\d{2,4}\b")
NOISE_RE = re.compile(r"VALIDATION ERROR|UNKNOWN NOF|[-=_*]{3,}\s*$")
NOISE_FIRST = frozenset("VU-=_*")  # the first letters NOISE_RE can match: skips the regex for most lines
FG_TAIL_RE = re.compile(r"F\)\s*(.{1,30}?)\s*(?:G\)\s*(.{1,30}?))?\s*\)?\s*$", re.DOTALL)
G_TAIL_RE = re.compile(r"G\)\s*(.{1,30}?)\s*\)?\s*$", re.DOTALL)
PART_RE = re.compile(r"\s*PART\s+(\d+)\s+OF\s+(\d+)\s*")
# The B)/C) time format; _validity tests it without the regex (same answers, see there).
TIME_RE = re.compile(r"(\d{10})\s*(EST)?")
COORD_RE = re.compile(r"(\d{2})(\d{2})([NS])(\d{3})(\d{2})([EW])(\d{3})?$")
LEVEL_RE = re.compile(r"\d{3}$")
# The well-formed Q) line in one match (FIR/QCODE/traffic/purpose/scope/lower/upper/coordinates),
# ASCII only; anything else (dropped fields, spaces inside parts, other scripts) takes the
# general path in _parse_q, which gives the same result for the lines this one matches.
_Q_FIELDS = (r"\s*([A-Z]{4})\s*/\s*(Q([A-Z]{2})([A-Z]{2}))\s*/\s*([A-Z]+)\s*/\s*([A-Z]+)\s*/\s*([A-Z]+)\s*/\s*([0-9]{3})\s*/"
             r"\s*([0-9]{3})\s*/\s*(?:([0-9]{2})([0-9]{2})([NS])([0-9]{3})([0-9]{2})([EW])([0-9]{3})?)?\s*")
Q_FAST_RE = re.compile(_Q_FIELDS + r"\Z")
# The usual message in one match (one pass instead of a header regex, five item searches and the
# Q) regex): header, a well-formed Q) line, then A) B) [C)] [D)] in this order up to E), each
# item letter after white space and no parenthesis inside an item, so no item letter can hide in
# one and the items are exactly those the general steps find. Anything else (glued, reordered or
# missing items, "(" or ")" in an item, a Q) line Q_FAST_RE refuses, relay text before the
# header) takes the general steps. tests/test_notam_fastpaths.py checks both give the same.
MSG_FAST_RE = re.compile(HEADER_RE.pattern + r"\s*Q\)" + _Q_FIELDS
                         + r"\sA\)([^()]*)\sB\)([^()]*)(?:\sC\)([^()]*))?(?:\sD\)([^()]*))?\sE\)")
WS_RE = re.compile(r"[ \t]+")
EOL_RE = re.compile(r" ?\n ?")


@dataclass(slots=True)
class Notam:
    notam_id: str  # "<FIR> <series><number>/<yy>": numbers are unique per issuing office only
    series: str
    number: int
    year: int
    kind: str  # N new, R replacement, C cancellation
    replaces: str | None  # notam_id of the NOTAM replaced or cancelled (same FIR namespace)
    fir: str
    qcode: str | None
    subject: str | None  # Q-code letters 2-3, e.g. "AF" (FIR)
    condition: str | None  # Q-code letters 4-5, e.g. "LC" (closed)
    traffic: str | None
    purpose: str | None
    scope: str | None
    lower: int | None  # flight level, from Q)
    upper: int | None
    lat: float | None
    lon: float | None
    radius_nm: int | None
    locations: list[str]
    valid_from: datetime
    valid_to: datetime | None  # None: PERM, or no C) at all
    permanent: bool
    estimated_end: bool
    schedule: str | None
    text: str
    item_f: str | None
    item_g: str | None
    raw: str
    line: int
    part: str | None = None  # "1/2" for multi-part NOTAMs


class NotamError(ValueError):
    def __init__(self, code: str, column: str | None, reason: str) -> None:
        super().__init__(reason)
        self.code, self.column = code, column


def parse_time(value: str) -> datetime:
    """YYMMDDhhmm (UTC) → naive datetime meaning UTC."""
    v = int(value[:10])  # one int() and arithmetic instead of five slices and five int()s
    v, mi = divmod(v, 100)
    v, hh = divmod(v, 100)
    v, dd = divmod(v, 100)
    yy, mo = divmod(v, 100)
    if hh == 24 and mi == 0:  # "2400" is used for end of day
        hh, mi = 23, 59
    return datetime(2000 + yy if yy < 70 else 1900 + yy, mo, dd, hh, mi)


def _coords(out: dict, p: str) -> None:
    m = COORD_RE.match(p.replace(" ", ""))
    if m is None:
        return
    lat = int(m[1]) + int(m[2]) / 60
    lon = int(m[4]) + int(m[5]) / 60
    out["lat"] = -lat if m[3] == "S" else lat
    out["lon"] = -lon if m[6] == "W" else lon
    out["radius_nm"] = int(m[7]) if m[7] else None


def _parse_q(q: str) -> tuple:
    """The Q) fields in Notam order: fir, qcode, subject, condition, traffic, purpose, scope, lower,
    upper, lat, lon, radius_nm (a tuple, so parse_icao passes them positionally)."""
    if (m := Q_FAST_RE.match(q)) is not None:
        return _q_tuple(*m.groups())
    return _parse_q_general(q)


def _q_tuple(fir: str, qcode: str, subject: str, condition: str, traffic: str, purpose: str, scope: str, lower: str,
             upper: str, lad: str | None, lam: str, ns: str, lod: str, lom: str, ew: str, rad: str | None) -> tuple:
    """The groups of Q_FAST_RE (or of MSG_FAST_RE's Q) part) → _parse_q's tuple."""
    if ns is None:
        return fir, qcode, subject, condition, traffic, purpose, scope, int(lower), int(upper), None, None, None
    lat = int(lad) + int(lam) / 60
    lon = int(lod) + int(lom) / 60
    return (fir, qcode, subject, condition, traffic, purpose, scope, int(lower), int(upper),
            -lat if ns == "S" else lat, -lon if ew == "W" else lon, int(rad) if rad else None)


_Q_KEYS = ("fir", "qcode", "subject", "condition", "traffic", "purpose", "scope", "lower", "upper", "lat", "lon",
           "radius_nm")


def _parse_q_general(q: str) -> tuple:
    parts = [p.strip() for p in q.split("/")]
    fir = parts[0].replace(" ", "")
    if len(fir) != 4 or not fir.isalpha():
        raise NotamError("bad_q_fir", "Q", f"Q) does not start with a 4-letter FIR: {q!r}")
    out: dict = {"fir": fir, "qcode": None, "subject": None, "condition": None, "traffic": None,
                 "purpose": None, "scope": None, "lower": None, "upper": None, "lat": None,
                 "lon": None, "radius_nm": None}
    rest = parts[1:]
    if rest and len(rest[0]) == 5 and rest[0][0] == "Q" and rest[0].isalpha():
        code = rest[0]
        out.update(qcode=code, subject=code[1:3], condition=code[3:5])
        rest = rest[1:]
    # Fast path, the well-formed line: traffic/purpose/scope/lower/upper/coordinates by position.
    if len(rest) == 6 and rest[0].isalpha() and rest[1].isalpha() and rest[2].isalpha() and LEVEL_RE.match(rest[3]) \
            and LEVEL_RE.match(rest[4]):
        out["traffic"], out["purpose"], out["scope"] = rest[0], rest[1], rest[2]
        out["lower"], out["upper"] = int(rest[3]), int(rest[4])
        if rest[5]:
            _coords(out, rest[5])
        return tuple(out[k] for k in _Q_KEYS)
    # Real Q) lines drop fields (`OIIX/QAFXX/E/000/999/`), so the letter fields before the
    # levels are assigned by what they hold, not by position.
    letters: list[str] = []
    levels: list[int] = []
    for p in rest:
        if not p:
            continue
        if LEVEL_RE.match(p):
            levels.append(int(p))
        elif COORD_RE.match(p.replace(" ", "")):
            _coords(out, p)
        elif p.isalpha() and not levels:
            letters.append(p)
    if len(letters) >= 3:
        out["traffic"], out["purpose"], out["scope"] = letters[0], letters[1], letters[2]
    else:
        for p in letters:
            if set(p) <= set("IV") and out["traffic"] is None:
                out["traffic"] = p
            elif set(p) <= set("AEW"):
                out["scope"] = p
            elif set(p) <= set("NBOMK"):
                out["purpose"] = p
    if levels:
        out["lower"] = levels[0]
        out["upper"] = levels[1] if len(levels) > 1 else None
    return tuple(out[k] for k in _Q_KEYS)


def strip_relay(text: str) -> str:
    """The message without what relays put before it: "VALIDATION ERROR: …", "UNKNOWN NOF",
    rows of dashes, blank lines. The text path skips these lines between NOTAMs (TextParser);
    JSON records carry them inside `icaoMessage`/`formattedText`, so every path strips the same."""
    text = text.lstrip()
    while text and (NOISE_RE.match(text) or text[:1] in "-=_*"):
        nl = text.find("\n")
        if nl < 0:
            return ""
        text = text[nl + 1:].lstrip()
    return text


def parse_icao(text: str, line: int = 0, ident: tuple[str, int, int, str, str | None] | None = None) -> Notam:
    """One NOTAM message → Notam, or NotamError naming the item at fault.

    `ident` (series, number, year, kind, replaces) is for sources whose ICAO text has no header
    line (the FAA API's translation); otherwise the header is read from the text. Steps: clean the
    text; read header, Q) and the items (in one match for the usual message, else step by step);
    cut the F)/G) tail of E); read A) and the validity; then the ids.
    """
    raw = text
    text = _clean(text)
    m = MSG_FAST_RE.match(text) if ident is None else None
    if m is not None:
        series, number, year, kind, target, q, a, b, c, d, etext = _read_fast(m, text)
        rep = None
    else:
        series, number, year, kind, target, rep, q, a, b, c, d, etext = _read_general(text, ident)
    item_f = item_g = None
    # F)/G) only at the tail of E): the C-speed `in` spares the reverse scans when neither is there.
    if "F)" in etext or "G)" in etext:
        item_f, item_g, etext = _fg_tail(etext)
    if raw[:8].lstrip().startswith("(") and etext.rstrip().endswith(")"):
        etext = etext.rstrip()[:-1]  # the AFTN-style parentheses around the whole message
    part = None
    if "PART" in a and (pm := PART_RE.search(a)) is not None:
        part, a = f"{pm[1]}/{pm[2]}", a[: pm.start()] + " " + a[pm.end():]
    valid_from, valid_to, permanent, est = _validity(b, c)
    fir = q[0]
    yy = year % 100
    if ident is None:
        notam_id = f"{fir} {series}{number:04d}/{yy:02d}"
        replaces = f"{fir} {target[0]}{target[1]:04d}/{target[2]:02d}" if target else None
    else:
        notam_id, replaces = f"{fir} {series} {number}/{yy:02d}", rep
    # Positional, in field order (notam_id … replaces, the twelve Q) fields, locations … part):
    # keyword construction was a tenth of the parse.
    return Notam(notam_id, series, number, 2000 + yy, kind, replaces, *q, a.split(), valid_from, valid_to, permanent,
                 est, d or None, _fold(etext), item_f, item_g, raw, line, part)


def _read_fast(m: re.Match, text: str) -> tuple:
    """(series, number, year, kind, target, Q) tuple, A, B, C, D, E text) from MSG_FAST_RE."""
    g = m.groups()
    kind = g[3]
    target = (g[4], int(g[5]), int(g[6])) if g[4] else None
    if kind in "RC" and target is None:
        raise NotamError("missing_target", None, f"NOTAM{kind} does not say which NOTAM it replaces or cancels")
    c, d = g[25], g[26]
    return (g[0], int(g[1]), int(g[2]), kind, target, _q_tuple(*g[7:23]), g[23].strip(), g[24].strip(),
            c.strip() if c else "", d.strip() if d else "", text[m.end():].lstrip())


def _read_general(text: str, ident: tuple | None) -> tuple:
    """_read_fast for any message: (series, number, year, kind, target, replaces, Q) tuple, A, B,
    C, D, E text), the header from `ident` when given."""
    if ident is None:
        series, number, year, kind, target, body = _header(text)
        rep = None
    else:
        series, number, year, kind, rep = ident
        target, body = None, text
    q_text, a, b, c, d, etext = _items(body)
    if q_text is None:
        raise NotamError("missing_q", "Q", "No Q) line: the FIR and subject of the NOTAM are unknown")
    return series, number, year, kind, target, rep, _parse_q(q_text), a, b, c, d, etext


def _clean(text: str) -> str:
    """HTML entities decoded, white space and relay trailers cut (each only when present)."""
    if "&" in text:
        text = html.unescape(text)
    text = text.strip()
    if "CREATED:" in text or "SOURCE:" in text or "END PART" in text or "Created:" in text:
        text = _cut_trailer(text)
    return text


def _header(text: str) -> tuple[str, int, int, str, tuple[str, int, int] | None, str]:
    """(series, number, year, kind, NOTAM replaced or cancelled, the text after the header)."""
    h = HEADER_RE.match(text)
    if h is None and (text := strip_relay(text)):
        h = HEADER_RE.match(text)
    if h is None:
        raise NotamError("no_header", None, "No NOTAM header such as 'A0123/26 NOTAMN' was found")
    kind = h[4]
    target = (h[5], int(h[6]), int(h[7])) if h[5] else None
    if kind in "RC" and target is None:
        raise NotamError("missing_target", None, f"NOTAM{kind} does not say which NOTAM it replaces or cancels")
    return h[1], int(h[2]), int(h[3]), kind, target, text[h.end():]


def _items(body: str) -> tuple[str | None, str, str, str, str, str]:
    """(Q, A, B, C, D, E text) of the message after its header (Q None when absent, the others ""):
    Q) A) B) C) D) located by their letters, only before E) (the free text of E) often holds "A)",
    "B)", "C)" of its own lists); str.find instead of regex scans."""
    e = _item_at(body, "E)", 0)
    head, etext = (body[:e], body[e + 2:].lstrip()) if e >= 0 else (body, "")
    marks = []
    for c, mark in _HEAD_ITEMS:
        i = head.find(mark)
        if i > 0 and not (head[i - 1].isspace() or head[i - 1] == "("):
            i = _item_at(head, mark, 0)  # the first hit is inside a word: look further
        if i >= 0:
            marks.append((i, c))
    marks.sort()
    marks.append((len(head), ""))  # the last item runs to the end of the head
    items: dict[str, str] = {}
    for (i, c), (end, _) in pairwise(marks):
        items[c] = head[i + 2:end].strip()
    return items.get("Q"), items.get("A", ""), items.get("B", ""), items.get("C", ""), items.get("D", ""), etext


def _fg_tail(etext: str) -> tuple[str | None, str | None, str]:
    """(F, G, E without them): F) and G) are taken only from the tail of E)."""
    if (f := _item_at(etext, "F)", -1)) >= 0 and (fg := FG_TAIL_RE.match(etext, f)) is not None:
        return fg[1], fg[2], etext[:f]
    if (g := _item_at(etext, "G)", -1)) >= 0 and (gm := G_TAIL_RE.match(etext, g)) is not None:
        return None, gm[1], etext[:g]
    return None, None, etext


def _validity(b: str, c: str) -> tuple[datetime, datetime | None, bool, bool]:
    """(start, end or None, PERM, estimated end) from B) and C). TIME_RE is the format; it is
    tested here without the regex (its digit class is str.isdecimal, its white space str.isspace,
    which lstrip() removes) because this runs for every NOTAM. tests/test_notam_fastpaths.py
    compares both on awkward times."""
    if len(b) < 10 or not b[:10].isdecimal():
        raise NotamError("bad_start", "B", f"B) is not a start time YYMMDDhhmm: {b[:30]!r}")
    c = c.upper()
    valid_to, permanent, est = None, False, False
    try:
        valid_from = parse_time(b)
        if c.startswith("PERM"):
            permanent = True
        elif c.startswith("UFN"):  # "until further notice": open-ended, and only an estimate
            est = True
        elif c:
            if len(c) < 10 or not c[:10].isdecimal():
                raise NotamError("bad_end", "C", f"C) is not an end time YYMMDDhhmm, EST or PERM: {c[:30]!r}")
            valid_to, est = parse_time(c), c[10:].lstrip().startswith("EST")
    except NotamError:
        raise
    except ValueError as exc:
        raise NotamError("bad_time", "B", f"B) or C) is not a real date: {exc}") from None
    if valid_to is not None and valid_to < valid_from:
        raise NotamError("end_before_start", "C", f"C) {valid_to:%Y-%m-%d %H:%M} is before B) {valid_from:%Y-%m-%d %H:%M}")
    return valid_from, valid_to, permanent, est


_HEAD_ITEMS = (("Q", "Q)"), ("A", "A)"), ("B", "B)"), ("C", "C)"), ("D", "D)"))


def _cut_trailer(text: str) -> str:
    """Text before the first relay trailer ("CREATED: …", "SOURCE: …" after white space, or
    "END PART n OF m"): str.find instead of a regex, whose alternatives were tried at every
    position of every message (a tenth of a large load)."""
    cut = len(text)
    for mark in ("CREATED:", "SOURCE:", "Created:", "Source:", "END PART"):
        i = text.find(mark)
        while 0 < i < cut and not text[i - 1].isspace() and mark != "END PART":
            i = text.find(mark, i + 1)
        if i > 0 and i < cut:
            cut = i
    return text[:cut].rstrip() if cut < len(text) else text


def _item_at(s: str, mark: str, direction: int) -> int:
    """Index of item `mark` ("E)") at the start of s or after white space or "(": the first one,
    or the last one when direction < 0. -1 when absent. "VFR)" or "(1)" are no items."""
    i = s.rfind(mark) if direction < 0 else s.find(mark)
    while i > 0 and not (s[i - 1].isspace() or s[i - 1] == "("):
        i = s.rfind(mark, 0, i) if direction < 0 else s.find(mark, i + 1)
    return i


def _fold(s: str) -> str:
    """Runs of spaces folded, line breaks kept; the regexes only run when there is work."""
    s = s.strip()
    if "  " in s or "\t" in s:
        s = WS_RE.sub(" ", s)
    if " \n" in s or "\n " in s:
        s = EOL_RE.sub("\n", s)
    return s


_CLOSERS = ("CREATED:", "SOURCE:")
# First characters of lines the quick continuation step leaves to _Splitter.piece: comments and
# whatever NOISE_RE might match.
_SPECIAL_FIRST = NOISE_FIRST | {"#"}


class _Splitter:
    """The state of TextParser.blocks between lines: the NOTAM being read (`cur`, from line
    `start`), whether a blank or noise line followed it (`gap`), whether it looks complete
    (`closed`: its closing parenthesis or a CREATED:/SOURCE: trailer was seen), and the orphan
    text. Finished blocks go to `done`, which blocks() empties after each line or paragraph."""

    __slots__ = ("closed", "cur", "done", "gap", "orphan", "orphan_start", "owner", "start")

    def __init__(self, owner: TextParser) -> None:
        self.owner = owner
        self.cur: list[str] = []
        self.start = 0
        self.gap = self.closed = False
        self.orphan: list[str] = []
        self.orphan_start = 0
        self.done: list[tuple[int, str, bool]] = []

    def line(self, no: int, s: str) -> None:
        """One stripped line, any kind."""
        if not s:
            self.blank()
        elif s[0] == "#":
            if "SAMPLE" in s.upper():
                self.owner.is_sample = True
        elif "NOTAM" in s:
            self.header_line(no, s)
        else:
            self.piece(no, s)

    def lines(self, no: int, text: str) -> None:
        """Each line of `text` (numbered from `no`) through line(), with the quick continuation
        step of TextParser.blocks."""
        for s in text.split("\n"):
            s = s.strip()
            if s and not self.gap and self.cur and "NOTAM" not in s and s[0] not in _SPECIAL_FIRST:
                self.cur.append(s)
                if s.startswith(_CLOSERS) or (s[-1] == ")" and self.cur[0][0] == "("):
                    self.closed = True
            else:
                self.line(no, s)
            no += 1

    def blank(self) -> None:
        self.gap = bool(self.cur)
        if self.orphan:  # one reject per orphan paragraph
            self.done.append((self.orphan_start, "\n".join(self.orphan), False))
            self.orphan = []

    def header_line(self, no: int, s: str) -> None:
        """A line holding "NOTAM": split where headers start (line breaks lost in copying)."""
        cuts = [m.start() for m in HEADER_MID_RE.finditer(s)]
        if cuts and cuts[0] != 0:
            cuts.insert(0, 0)
        if len(cuts) < 2:
            self.piece(no, s, HEADER_RE.match(s) is not None)
            return
        for a, b in zip(cuts, cuts[1:] + [len(s)]):
            piece = s[a:b].strip()
            self.piece(no, piece, HEADER_RE.match(piece) is not None)

    def piece(self, no: int, piece: str, is_header: bool = False) -> None:
        """One piece of a line: a header starts a block; noise ends what came before; other
        text continues the block, or is orphan text when no block is open or a closed block was
        followed by a gap (or a FAA domestic notice follows one)."""
        if is_header:
            self.flush()
            self.cur, self.start, self.gap, self.closed = [piece], no, False, False
        elif piece[0] in NOISE_FIRST and NOISE_RE.match(piece):
            self.gap = bool(self.cur)
        elif self.cur and not (self.gap and (self.closed or DOMESTIC_RE.match(piece))):
            self.cur.append(piece)
            self.gap = False
            if piece.startswith(_CLOSERS) or (piece.endswith(")") and self.cur[0][0] == "("):
                self.closed = True
        else:
            if self.cur:
                self.done.append((self.start, "\n".join(self.cur), True))
                self.cur = []
            if not self.orphan:
                self.orphan_start = no
            self.orphan.append(piece)

    def paragraph(self, no: int, text: str) -> None:
        """Lines `no`… of `text` (no blank line inside): in one step when they are one plain
        NOTAM (see _plain_notam), else line by line. One step gives the state line by line would:
        the header flushes what came before and opens a block holding every line, `closed` as
        those lines would set it. The block is kept as one string, which joins the same."""
        nl = _plain_notam(text)
        if nl is None:
            self.lines(no, text)
            return
        if self.cur or self.orphan:
            self.flush()
        self.cur, self.start, self.gap = [text], no, False
        # Lines after the first (no white space at their edges): one starting with a trailer
        # mark, or, in a message opened by "(", one ending with ")".
        self.closed = nl >= 0 and (
            text.startswith(_CLOSERS, nl + 1) or text.find("\nCREATED:", nl) >= 0 or text.find("\nSOURCE:", nl) >= 0
            or (text[0] == "(" and (text[-1] == ")" or text.find(")\n", nl + 1) >= 0)))

    def flush(self) -> None:
        """The open block and the orphan text, finished (in that order)."""
        if self.cur:
            self.done.append((self.start, "\n".join(self.cur), True))
            self.cur = []
        if self.orphan:
            self.done.append((self.orphan_start, "\n".join(self.orphan), False))
            self.orphan = []


# What keeps a paragraph off the one-step path, after its first line: white space at a line's
# edge (strip() would cut it), a comment line, a line NOISE_RE matches (on a stripped line its
# last alternative means nothing but three or more of -=_*), or a line HEADER_RE matches. Each
# alternative starts at a line break (for white space ending a line, the one after it), so the
# regex engine only tries there.
_NOT_PLAIN_RE = re.compile(r"\n(?:(?<=[^\S\n]\n)|[^\S\n]|#|VALIDATION ERROR|UNKNOWN NOF|[-=_*]{3,}(?:\n|\Z)"
                           r"|\(?[^\S\n]*" + _ID + r"[^\S\n]*NOTAM[NRC])")


def _plain_notam(text: str) -> int | None:
    """For a paragraph (lines without a blank one): the index of its first line break (-1 for
    one line) when line-by-line splitting would make it exactly one block of all its lines, else
    None. That holds when the first line starts with a header (HEADER_MID_RE there, so
    HEADER_RE matches too), no other header starts anywhere (no cut, no second block), no line
    has white space at an edge, and no later line is a comment, noise or a header: each later
    line then just continues the block."""
    nl = text.find("\n")
    m = HEADER_MID_RE.match(text, 0, nl if nl >= 0 else len(text))  # on the first line only
    if m is None or text[-1].isspace():
        return None
    if text.find("NOTAM", m.end()) >= 0 and HEADER_MID_RE.search(text, m.end()) is not None:
        return None
    if nl >= 0 and _NOT_PLAIN_RE.search(text, nl) is not None:
        return None
    return nl


# Characters read at a time from a text file; a paragraph longer than this is simply read on.
CHUNK = 1 << 20


def _file_paragraphs(f: TextIO) -> Iterator[tuple[str, bool]]:
    """(text, followed by a blank line) for a text file read in chunks: the text between blank
    lines ("\n\n"), which may itself start or end with further line breaks; the last one without
    the file's final line break. Joined again with "\n\n", they are the file's text. The file
    is read as iterating it would split it: with universal newlines (open()'s default, which
    the notams kind and the bench use), where every line ends in "\n"."""
    buf = ""
    while chunk := f.read(CHUNK):
        buf += chunk
        k = buf.rfind("\n\n")
        if k < 0:
            continue
        parts = buf[:k].split("\n\n")
        buf = buf[k + 2:]
        for p in parts:
            yield p, True
    if not buf:
        return
    buf = buf.removesuffix("\n")  # the file's last line break ends its last line; no empty line follows
    yield buf, False


class TextParser:
    """Streams NOTAM text (one or many messages) from an iterator of lines.

    After iterating, `is_sample` tells whether a `#` comment line said SAMPLE, and `count` how
    many blocks were seen. `#` lines are comments (the project's own sample files carry one).
    """

    def __init__(self) -> None:
        self.is_sample = False
        self.count = 0

    def blocks(self, lines: Iterable[str]) -> Iterator[tuple[int, str, bool]]:
        """(first line number, text, is_notam) per block; is_notam False for orphan text.

        A text file (anything with read()) is read by paragraphs, most of them one plain NOTAM
        taken in one step; any other iterable line by line. Both give the same blocks."""
        if hasattr(lines, "read"):
            yield from self._blocks_by_paragraph(lines)
            return
        sp = _Splitter(self)
        done = sp.done
        for no, line in enumerate(lines, 1):
            s = line.strip()
            # Most lines continue the NOTAM being read: _Splitter.piece's step for them, inline.
            if s and not sp.gap and sp.cur and "NOTAM" not in s and s[0] not in _SPECIAL_FIRST:
                cur = sp.cur
                cur.append(s)
                if s.startswith(_CLOSERS) or (s[-1] == ")" and cur[0][0] == "("):
                    sp.closed = True
                continue
            sp.line(no, s)
            if done:
                yield from done
                done.clear()
        sp.flush()
        yield from done

    def _blocks_by_paragraph(self, f: TextIO) -> Iterator[tuple[int, str, bool]]:
        sp = _Splitter(self)
        done = sp.done
        no = 1  # number of the paragraph's first line
        for text, blank_after in _file_paragraphs(f):
            if text.startswith("\n"):  # further blank lines before it
                lead = len(text) - len(text.lstrip("\n"))
                for _ in range(lead):
                    sp.blank()
                no, text = no + lead, text[lead:]
            if text:
                sp.paragraph(no, text)
                no += text.count("\n") + 1
            else:  # an empty last "line" of the text is a blank line of its own
                sp.blank()
                no += 1
            if blank_after:
                sp.blank()
                no += 1
            if done:
                yield from done
                done.clear()
        sp.flush()
        yield from done

    def parse(self, lines: Iterable[str]) -> Iterator[Notam | Reject]:
        for no, text, is_notam in self.blocks(lines):
            self.count += 1
            if not is_notam:
                yield Reject(no, None, "not_a_notam", "Text between NOTAMs that is no ICAO NOTAM (no 'A0123/26 NOTAMN' header)", text[:2000])
                continue
            try:
                yield parse_icao(text, no)
            except NotamError as exc:
                yield Reject(no, exc.column, exc.code, str(exc), text[:2000])


def parse_text(text: str) -> tuple[list[Notam], list[Reject]]:
    """Convenience for small inputs and tests: the whole text at once."""
    notams: list[Notam] = []
    rejects: list[Reject] = []
    for r in TextParser().parse(text.splitlines()):
        (notams if isinstance(r, Notam) else rejects).append(r)
    return notams, rejects


def _faa_item(item: dict, no: int) -> Notam:
    """One feature of the FAA NOTAM API (GeoJSON, coreNOTAMData) via its ICAO translation."""
    core = item.get("properties", {}).get("coreNOTAMData", {})
    n = core.get("notam", {})
    icao = next((t.get("formattedText") for t in core.get("notamTranslation", []) if t.get("type") == "ICAO"), None)
    if not icao:
        raise NotamError("no_icao_text", None, "FAA record without an ICAO translation: it cannot be read as a NOTAM")
    icao = strip_relay(html.unescape(icao) if "&" in icao else icao)
    if HEADER_RE.match(icao):  # the translation carries its own header (and the NOTAM it replaces)
        return parse_icao(icao, no)
    number, kind = str(n.get("number", "")), (n.get("type") or "N")[:1].upper()
    if HEADER_RE.match(f"{number} NOTAM{kind}"):  # international series carry an ICAO number already
        return parse_icao(f"{number} NOTAM{kind}\n{icao}", no)
    issued = str(n.get("issued") or n.get("effectiveStart") or "")
    year = int(issued[:4]) if issued[:4].isdigit() else 2000
    seq = number.split("/")[-1]
    series = str(n.get("classification") or n.get("accountId") or "FAA")
    return parse_icao(icao, no, ident=(series, int(seq) if seq.isdigit() else 0, year, kind if kind in "NRC" else "N", None))


def parse_json(obj: object) -> Iterator[Notam | Reject]:
    """Records from the FAA NOTAM API JSON (FeatureCollection with coreNOTAMData) or from a JSON
    object of search records keyed by id, each with an `icaoMessage`. Line = 1-based record number."""
    items = obj.get("items") or obj.get("features") if isinstance(obj, dict) else obj
    if isinstance(obj, dict) and items is None:
        items = list(obj.values())
    for no, item in enumerate(items or [], 1):
        try:
            if not isinstance(item, dict):
                raise NotamError("not_a_record", None, "JSON item is not an object")
            if "properties" in item:
                yield _faa_item(item, no)
            elif isinstance(item.get("icaoMessage"), str):
                yield parse_icao(item["icaoMessage"], no)
            else:
                raise NotamError("not_a_record", None, "JSON record has neither coreNOTAMData nor icaoMessage")
        except NotamError as exc:
            yield Reject(no, exc.column, exc.code, str(exc), str(item)[:2000])
