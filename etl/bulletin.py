"""Figures from the ministry's bulletins: prose in Kazakh, Russian or English in, citizen counts
per country and evacuations out, each with the sentence it came from.

Pure: `extract(text, lang=None, as_of=None) -> Extraction`. Nothing is guessed: a number is a
figure only when a country it belongs to is in the same clause (or names the clause just before,
"In Kuwait and Jordan, 134 each"); a number that is a date, a year, a time, a phone or flight
number, a count of countries, a part of a figure ("among them 20 staff") or another country's
citizens is set aside with its reason; any other number is listed as not understood.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from etl import bulletin_lang as L
from etl import bulletin_roles as R
from etl.bulletin_numbers import Num, find_date, numbers

CONJ = r"(?:and|и|а|а также|ал|және|while|whereas)"
MORE_WORDS = r"(?:ещё|еще|тағы|another|a further|further|more|about|around|около|порядка|шамамен)"
CLAUSE_SPLIT = re.compile(rf";\s*|:\s+|,\s+(?![^()]*\))|\s+{CONJ}\s+(?=(?:{MORE_WORDS}\s+)?\d)")
SENTENCE_END = re.compile(r"(?<=[.!?…])[\s\u00a0]+(?=[«\"(\[]?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9])")


@dataclass(frozen=True)
class Figure:
    country_iso3: str
    count: int
    approximate: bool
    categories: tuple[str, ...]  # as stated (tourist, pilgrim, transit …); empty when not stated
    sentence: str
    line: int
    number: str  # the digits as written, for the review table

    @property
    def category(self) -> str:
        """The headcount template's category: the one stated, else "other" (several or none)."""
        return self.categories[0] if len(self.categories) == 1 else "other"


@dataclass(frozen=True)
class Evacuation:
    from_iso3: str
    from_city: str | None
    to_iso3: str | None  # None: the bulletin does not say where to
    people: int
    approximate: bool
    sentence: str
    line: int
    number: str


@dataclass(frozen=True)
class Total:
    count: int
    approximate: bool
    sentence: str
    line: int
    number: str


@dataclass(frozen=True)
class Aside:
    """A number read and deliberately not taken as a figure (a date, a phone, …)."""
    number: str
    reason: str
    sentence: str
    line: int


@dataclass(frozen=True)
class NotUnderstood:
    numbers: tuple[str, ...]
    reason: str
    sentence: str
    line: int


@dataclass
class Extraction:
    figures: list[Figure]
    evacuations: list[Evacuation]
    not_understood: list[NotUnderstood]
    lang: str
    as_of: dt.datetime | None  # naive UTC
    as_of_text: str = ""  # the words the date was read from ("4 марта 2026 г."), or "" if given
    totals: list[Total] = field(default_factory=list)
    asides: list[Aside] = field(default_factory=list)


# ---------------------------------------------------------------------------------- reading

@dataclass
class _Clause:
    start: int
    end: int
    text: str


@dataclass
class _Count:
    num: Num
    approx: bool
    each: bool
    people: bool  # a people noun follows
    clause: int


def extract(text: str, lang: str | None = None, as_of: dt.datetime | None = None,
            ref_dir: Path | None = None) -> Extraction:
    """Read a bulletin. `as_of` (naive UTC) is used when the bulletin carries no date."""
    if ref_dir is None:
        from config import reference_dir

        ref_dir = reference_dir()
    gaz = L.gazetteer(ref_dir)
    cats = R.categories(ref_dir)
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    found = find_date(text)
    out = Extraction([], [], [], lang or L.detect_lang(text), found[0] if found else as_of,
                     found[1] if found else "")
    for line, sentence in sentences(text):
        _read_sentence(sentence, line, gaz, cats, out)
    _dedupe(out)
    return out


def sentences(text: str) -> list[tuple[int, str]]:
    """(1-based line, sentence): a line continues the previous one when that did not end a
    sentence and this one starts in lower case (a wrapped paragraph)."""
    paras: list[tuple[int, str]] = []
    for i, raw in enumerate(text.split("\n"), start=1):
        s = raw.strip()
        if not s or s.startswith("#"):
            continue
        if paras and not re.search(r"[.!?:;…]$", paras[-1][1]) and s[:1].islower():
            paras[-1] = (paras[-1][0], paras[-1][1] + " " + s)
        else:
            paras.append((i, s.lstrip("-•*· ").strip()))
    out = []
    for line, p in paras:
        out += [(line, s.strip()) for s in SENTENCE_END.split(p) if s.strip()]
    return out


def _clauses(sentence: str) -> list[_Clause]:
    out, pos = [], 0
    for m in CLAUSE_SPLIT.finditer(sentence):
        out.append(_Clause(pos, m.start(), sentence[pos:m.start()]))
        pos = m.end()
    out.append(_Clause(pos, len(sentence), sentence[pos:]))
    return out


def _read_sentence(sentence: str, line: int, gaz: L.Gazetteer, cats, out: Extraction) -> None:
    nums, masked = numbers(sentence)
    for m in masked:
        out.asides.append(Aside(m.text, m.reason, sentence, line))
    if not nums:
        return
    toks = L.words(sentence)
    places = gaz.find(toks)
    clauses = _clauses(sentence)

    def clause_of(pos: int) -> int:
        return next((i for i, c in enumerate(clauses) if c.start <= pos <= c.end), len(clauses) - 1)

    nationality = {id(p) for p in places if p.iso3 == "KAZ" or R.is_nationality(p, toks, sentence)}
    where = [p for p in places if id(p) not in nationality]
    counts: list[_Count] = []
    puzzling: list[tuple[str, str]] = []  # (number, why) left for the analyst
    for n in nums:
        verdict = R.classify(n, sentence, toks, places, gaz)
        if isinstance(verdict, str):
            out.asides.append(Aside(n.text, verdict, sentence, line))
            continue
        counts.append(_Count(n, *verdict, clause=clause_of(n.start)))
    if not counts:
        return
    lower = [t.norm for t in toks]
    permits = any(w.startswith(L.PERMIT) for w in lower)
    pending: list[L.Place] = []
    sentence_where: list[L.Place] = []
    last_figures: list[int] = []
    for ci, cl in enumerate(clauses):
        c_toks = [t for t in toks if cl.start <= t.start < cl.end]
        c_where = [p for p in where if cl.start <= p.start < cl.end]
        c_counts = [c for c in counts if c.clause == ci]
        c_words = [t.norm for t in c_toks]
        c_cats = R.stated_categories(c_words, cats)
        if not c_counts:
            if c_where:
                pending = c_where
            elif c_cats and last_figures and not R.has_subcount(c_words):
                for k in last_figures:  # "…about 3,500 in the UAE, mostly tourists"
                    f = out.figures[k]
                    if not f.categories:
                        out.figures[k] = Figure(f.country_iso3, f.count, f.approximate, c_cats, f.sentence,
                                                f.line, f.number)
            continue
        last_figures = []
        if permits:
            puzzling += [(c.num.text, "a count of citizens in an action (permits, visas), not where they are")
                         for c in c_counts]
            continue
        if R.is_evacuation(c_words):
            _read_evacuation(c_counts, c_toks, c_where, places, sentence_where, sentence, line, out, puzzling)
            continue
        usable = [c for c in c_counts if c.people or R.ends_clause(c.num, sentence, cl.end, toks, places)]
        puzzling += [(c.num.text, "a number followed by words that are not people") for c in c_counts
                     if c not in usable]
        if not usable:
            continue
        moving = [p for p in c_where if R.is_direction(p, toks)]
        c_where = [p for p in c_where if p not in moving]
        if moving and not c_where:
            puzzling += [(c.num.text, "people moving towards a country, not a presence in it") for c in usable]
            continue
        countries = [p for p in c_where if not p.city]
        if not countries and not c_where and pending:
            countries = [p for p in pending if not p.city]
        pending = []
        if not countries:
            if any(w in L.TOTAL for w in c_words) or any(w in L.TOTAL for w in lower) and not where:
                for c in usable:
                    out.totals.append(Total(c.num.value, c.approx, sentence, line, c.num.text))
            else:
                why = "a city's figure; figures are taken per country" if c_where else "no country for this number"
                puzzling += [(c.num.text, why) for c in usable]
            continue
        sentence_where = countries
        pairs: list[tuple[_Count, L.Place]] = []
        if len(usable) == 1 and (len(countries) == 1 or usable[0].each):
            pairs = [(usable[0], p) for p in countries]
        elif len(usable) == len(countries):
            pairs = list(zip(usable, sorted(countries, key=lambda p: p.start)))
        else:
            why = ("one number for several countries, without 'each'" if len(usable) == 1
                   else f"{len(usable)} numbers for {len(countries)} countries in one clause")
            puzzling += [(c.num.text, why) for c in usable]
            continue
        for c, p in pairs:
            last_figures.append(len(out.figures))
            out.figures.append(Figure(p.iso3, c.num.value, c.approx, c_cats, sentence, line, c.num.text))
    if puzzling:
        reasons = "; ".join(dict.fromkeys(why for _n, why in puzzling))
        out.not_understood.append(NotUnderstood(tuple(n for n, _w in puzzling), reasons, sentence, line))


def _read_evacuation(c_counts: list[_Count], c_toks: list[L.Token], c_where: list[L.Place],
                     places: list[L.Place], sentence_where: list[L.Place], sentence: str, line: int,
                     out: Extraction, puzzling: list[tuple[str, str]]) -> None:
    # "50 more were brought out of Tehran": in an evacuation clause one number is the group's size.
    usable = [c for c in c_counts if c.people] or (c_counts if len(c_counts) == 1 else [])
    if len(usable) != 1:
        puzzling += [(c.num.text, "evacuation with several numbers") for c in c_counts]
        return
    c = usable[0]
    frm = [p for p in c_where if R.is_from(p, c_toks)] or [p for p in places if R.is_from(p, L.words(sentence))]
    to = [p for p in c_where if p not in frm and R.is_to(p, c_toks) and p.iso3 not in {f.iso3 for f in frm}]
    if not frm and len({p.iso3 for p in sentence_where}) == 1:
        frm = sentence_where[:1]
    if len({p.iso3 for p in frm}) != 1:
        puzzling.append((c.num.text, "evacuation without the country it was from"))
        return
    src = frm[0]
    dest = to[0].iso3 if len({p.iso3 for p in to}) == 1 else None
    out.evacuations.append(Evacuation(src.iso3, src.city or None, dest, c.num.value, c.approx, sentence, line,
                                      c.num.text))


def _dedupe(out: Extraction) -> None:
    """A country repeated with the same count is one figure; a second, different count for the
    same country and category is left to the analyst rather than picking one."""
    seen: dict[tuple[str, str], Figure] = {}
    keep: list[Figure] = []
    for f in out.figures:
        key = (f.country_iso3, f.category)
        if key not in seen:
            seen[key] = f
            keep.append(f)
        elif seen[key].count != f.count:
            out.not_understood.append(NotUnderstood(
                (f.number,), f"a second figure for {f.country_iso3} ({seen[key].number} on line {seen[key].line})",
                f.sentence, f.line))
    out.figures = keep
