"""Figures from the ministry's bulletins: prose in Kazakh, Russian or English in, citizen counts
per country and evacuations out, each with the sentence it came from.

Pure: `extract(text, lang=None, as_of=None) -> Extraction`. Nothing is guessed: a number is a
figure only when a country it belongs to is in the same clause (or names the clause just before,
"In Kuwait and Jordan, 134 each"). A clause about people leaving is an evacuation from the country
left, and a plan is a planned movement (etl.bulletin.moves), never a presence; a figure for the
whole region is a total. A number that is a date (with or without a year), a year, a time, a phone
or flight number, a count of countries, a part of a figure ("among them 20 staff") or another
country's citizens is set aside with its reason; any other number, and any range, is listed as
not understood. Work is linear in the text: one pass per sentence, sentences capped in length.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from etl.bulletin import lang as L
from etl.bulletin import moves as M
from etl.bulletin import roles as R
from etl.bulletin.model import Aside, Count, Extraction, Figure, NotUnderstood, Sentence, Total
from etl.bulletin.numbers import Num, find_date, numbers

CONJ = r"(?:and|и|а|а также|ал|және|while|whereas)"
MORE_WORDS = (r"(?:ещё|еще|тағы|another|a further|further|more|about|around|over|some|nearly|almost|approximately"
              r"|около|порядка|свыше|более|почти|примерно|шамамен)")
# Commas inside brackets do not split ("(паломники, совершающие умру, и туристы)"): _clauses checks
# the bracket depth itself, in one pass, rather than a look-ahead rescanning the rest of the sentence.
CLAUSE_SPLIT = re.compile(rf";\s*|:\s+|,\s+|\s+{CONJ}\s+(?=(?:{MORE_WORDS}\s+)?\d)")
MAX_SENTENCE = 3000  # characters: longer is no sentence of a bulletin (a dump, a lost line break)
SENTENCE_END = re.compile(r"(?<=[.!?…])[\s\u00a0]+(?=[«\"(\[]?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9])")


@dataclass
class _Clause:
    start: int
    end: int
    text: str
    after_colon: bool = False  # a colon came before it in the sentence: "52 вернулись: 17 — через …"


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
    depth, opened = [], 0
    for ch in sentence:
        opened += (ch == "(") - (ch == ")" and opened > 0)
        depth.append(opened)
    out, pos, colon = [], 0, False
    for m in CLAUSE_SPLIT.finditer(sentence):
        if m.group().startswith(",") and depth[m.start()]:
            continue
        out.append(_Clause(pos, m.start(), sentence[pos:m.start()], colon))
        colon = colon or m.group().startswith(":")
        pos = m.end()
    out.append(_Clause(pos, len(sentence), sentence[pos:], colon))
    return out


@dataclass
class _Reading:
    """One sentence being read clause by clause, and what a clause leaves for the next ones."""

    s: Sentence
    clauses: list[_Clause]
    spans: list[tuple[int, int]]  # each clause's tokens, [lo, hi)
    counts: list[Count]  # every number of the sentence that counts something, with its clause
    where: list[L.Place]  # places people may be in: not Kazakhstan, not a nationality
    cats: list[tuple[str, str]]
    permits: bool  # the sentence is about permits or visas, not where people are
    sent_plan: bool  # the sentence announces a plan
    sent_move: bool  # the sentence tells of people leaving
    pending: list[L.Place] = field(default_factory=list)  # "In Kuwait and Jordan, 134 each": for the next clause
    last_figures: list[int] = field(default_factory=list)  # out.figures of the last clause with numbers
    moved: bool = False  # a movement was read in this sentence


def _read_sentence(sentence: str, line: int, gaz: L.Gazetteer, cats: list[tuple[str, str]],
                   out: Extraction) -> None:
    if len(sentence) > MAX_SENTENCE:
        _too_long(sentence, line, out)
        return
    nums = _numbers_to_read(sentence, line, out)
    if not nums:
        return
    r = _start_reading(sentence, line, nums, gaz, cats, out)
    if r is None:
        return
    for ci, cl in enumerate(r.clauses):
        _read_clause(r, ci, cl)
    if r.s.puzzling:
        reasons = "; ".join(dict.fromkeys(why for _n, why in r.s.puzzling))
        out.not_understood.append(NotUnderstood(tuple(n for n, _w in r.s.puzzling), reasons, sentence, line))


def _too_long(sentence: str, line: int, out: Extraction) -> None:
    """Reading is linear per sentence, but a megabyte without a full stop is no bulletin's
    sentence: it is listed for the analyst whole rather than guessed at."""
    digits = re.findall(r"\d+", sentence[:MAX_SENTENCE])[:10]
    if digits:
        out.not_understood.append(NotUnderstood(tuple(digits), f"a sentence longer than {MAX_SENTENCE} "
                                                "characters; split it into sentences", sentence[:MAX_SENTENCE],
                                                line))


def _numbers_to_read(sentence: str, line: int, out: Extraction) -> list[Num]:
    """The sentence's numbers; dates, times, phones … are set aside with their reason, ranges listed."""
    nums, masked = numbers(sentence)
    ranges = [m.text for m in masked if m.reason == "range"]
    for m in masked:
        if m.reason != "range":
            out.asides.append(Aside(m.text, m.reason, sentence, line))
    if ranges:  # the ministry may well mean it, but a range is no one figure: the analyst decides
        out.not_understood.append(NotUnderstood(tuple(ranges), "a range, not one figure", sentence, line))
    return nums


def _start_reading(sentence: str, line: int, nums: list[Num], gaz: L.Gazetteer, cats: list[tuple[str, str]],
                   out: Extraction) -> _Reading | None:
    """Places, clauses and the numbers that count something; None when no number does."""
    toks = L.words(sentence)
    places = gaz.find(toks)
    clauses = _clauses(sentence)
    # "граждан Узбекистана", "Қазақстан азаматы": a nationality, neither where people are nor where they go.
    nationality = {id(p) for p in places if R.is_nationality(p, toks, sentence)}
    where = [p for p in places if p.iso3 != "KAZ" and id(p) not in nationality]
    s = Sentence(sentence, line, toks, places, [p for p in places if id(p) not in nationality],
                 {id(p): M.role(p, toks) for p in places}, [t.norm for t in toks], out)
    counts = _counts(s, nums, gaz, clauses)
    if not counts:
        return None
    return _Reading(s, clauses, [_tok_range(toks, cl) for cl in clauses], counts, where, cats,
                    permits=any(w.startswith(L.PERMIT) for w in s.words), sent_plan=M.is_plan(s.words),
                    sent_move=M.is_departure(toks, 0, len(toks), places))


def _counts(s: Sentence, nums: list[Num], gaz: L.Gazetteer, clauses: list[_Clause]) -> list[Count]:
    """Each number that counts something, with its clause; any other is set aside with its reason."""
    counts: list[Count] = []
    for n in nums:
        verdict = R.classify(n, s.text, s.toks, s.places, gaz)
        if isinstance(verdict, str):
            s.out.asides.append(Aside(n.text, verdict, s.text, s.line))
            continue
        clause = next((i for i, c in enumerate(clauses) if c.start <= n.start <= c.end), len(clauses) - 1)
        counts.append(Count(n, *verdict, clause=clause))
    return counts


def _read_clause(r: _Reading, ci: int, cl: _Clause) -> None:
    """One clause: a place for the next clause, a movement or plan, a total, or figures per country."""
    lo, hi = r.spans[ci]
    words = r.s.words[lo:hi]
    where = [p for p in r.where if cl.start <= p.start < cl.end]
    counts = [c for c in r.counts if c.clause == ci]
    cats = R.stated_categories(words, r.cats)
    if not counts:
        _clause_without_number(r, words, where, cats)
        return
    r.last_figures = []
    counts = _without_parts(r, counts, where)
    if not counts:
        return
    if r.permits:
        r.s.puzzling += [(c.num.text, "a count of citizens in an action (permits, visas), not where they are")
                         for c in counts]
        return
    kind, g_hi = _movement_kind(r, ci, words, where)
    if kind:
        _read_movement(r, cl, kind, counts, lo, g_hi)
    else:
        _read_presence(r, cl, counts, words, where, cats)


def _clause_without_number(r: _Reading, words: list[str], where: list[L.Place], cats: tuple[str, ...]) -> None:
    """A clause naming countries for the next one ("In Kuwait and Jordan, 134 each"), or the
    categories of the figures just read ("…about 3,500 in the UAE, mostly tourists")."""
    if where:
        r.pending = [p for p in where if r.s.roles[id(p)] == "at"]
    elif cats and r.last_figures and not R.has_subcount(words):
        figures = r.s.out.figures
        for k in r.last_figures:
            if not figures[k].categories:
                figures[k] = replace(figures[k], categories=cats)


def _without_parts(r: _Reading, counts: list[Count], where: list[L.Place]) -> list[Count]:
    """"в том числе 82 в Иране": a part naming its country is that country's figure; a part
    without one ("among them 20 staff", "из них 30 — в Тегеране") stays inside the figure given."""
    if any(not p.city for p in where):
        return counts
    s = r.s
    s.out.asides += [Aside(c.num.text, "part of a figure already given (among them …)", s.text, s.line)
                     for c in counts if c.sub]
    return [c for c in counts if not c.sub]


def _movement_kind(r: _Reading, ci: int, words: list[str], where: list[L.Place]) -> tuple[str | None, int]:
    """("plan" | "evacuation" | None, the end of the movement's tokens) for clause ci."""
    s = r.s
    lo, hi = r.spans[ci]
    kind = "plan" if M.is_plan(words) else "evacuation" if M.is_departure(s.toks, lo, hi, s.places) else None
    if kind == "plan" and M.is_presence(words) and where and all(s.roles[id(p)] == "at" for p in where):
        kind = None  # "82 citizens remain in Iran and will be evacuated": a fact now, whatever comes
    if kind is None and not where:
        later = _verb_later(r, ci)
        if later:
            return later
    # "…планируется вывезти 343 из Катара и 467 из Омана": the second clause is the same plan.
    if (kind is None and (r.sent_plan or r.sent_move) and not M.is_presence(words)
            and (any(s.roles[id(p)] != "at" for p in where) or (not where and not r.pending))):
        kind = "plan" if r.sent_plan else "evacuation"
    return kind, hi


def _verb_later(r: _Reading, ci: int) -> tuple[str, int] | None:
    """"34 сотрудника, находившиеся в Иране, пересекли границу": the verb comes in a later clause
    (before the next clause with a number of its own)."""
    s = r.s
    for cj in range(ci + 1, len(r.clauses)):
        if any(c.clause == cj for c in r.counts):
            return None
        lo, hi = r.spans[cj]
        if M.is_plan(s.words[lo:hi]):
            return "plan", hi
        if M.is_departure(s.toks, lo, hi, s.places):
            return "evacuation", hi
    return None


def _read_movement(r: _Reading, cl: _Clause, kind: str, counts: list[Count], lo: int, hi: int) -> None:
    s, out = r.s, r.s.out
    if cl.after_colon and r.moved:
        # "52 вернулись на родину: 17 — через Туркменистан, 34 — через Армению": the parts of
        # a movement just read, never more people on top of it.
        out.asides += [Aside(c.num.text, "part of a movement already given", s.text, s.line) for c in counts]
        return
    before = len(out.evacuations) + len(out.plans) + len(out.totals)
    M.read_movement(s, kind, counts, lo, hi, r.pending)
    r.moved = r.moved or len(out.evacuations) + len(out.plans) + len(out.totals) > before
    r.pending = []


def _read_presence(r: _Reading, cl: _Clause, counts: list[Count], words: list[str], where: list[L.Place],
                   cats: tuple[str, ...]) -> None:
    """People present: a figure per country named (or pending from the clause before), or a total."""
    s = r.s
    usable = [c for c in counts if c.people or R.ends_clause(c.num, s.text, cl.end, s.toks, s.places)]
    s.puzzling += [(c.num.text, "a number followed by words that are not people") for c in counts
                   if c not in usable]
    if not usable:
        return
    moving = [p for p in where if s.roles[id(p)] != "at"]
    where = [p for p in where if p not in moving]
    if moving and not where:
        s.puzzling += [(c.num.text, "people moving from or towards a country, not a presence in it")
                       for c in usable]
        return
    countries = M.distinct([p for p in where if not p.city])
    if not countries and not where and r.pending:
        countries = M.distinct([p for p in r.pending if not p.city])
    r.pending = []
    if not countries:
        _total_or_puzzle(r, usable, words, where)
        return
    s.where = countries
    pairs = _pairs(r, usable, countries, words)
    for c, p in pairs:
        r.last_figures.append(len(s.out.figures))
        s.out.figures.append(Figure(p.iso3, c.num.value, c.approx, cats, s.text, s.line, c.num.text))


def _total_or_puzzle(r: _Reading, usable: list[Count], words: list[str], where: list[L.Place]) -> None:
    """Numbers without a country: a total for the region when the words say so, else for the analyst."""
    s = r.s
    if M.has_total(words) or (M.has_total(s.words) and not r.where):
        s.out.totals += [Total(c.num.value, c.approx, s.text, s.line, c.num.text, "present") for c in usable]
    else:
        why = "a city's figure; figures are taken per country" if where else "no country for this number"
        s.puzzling += [(c.num.text, why) for c in usable]


def _pairs(r: _Reading, usable: list[Count], countries: list[L.Place],
           words: list[str]) -> list[tuple[Count, L.Place]]:
    """Which number is which country's: one for each country ("134 each"), or one per country in
    order; anything else is left to the analyst (no pairs)."""
    each = any(c.each for c in usable) or any(w in L.EACH_WORDS for w in words)
    if len(usable) == 1 and (len(countries) == 1 or each):
        return [(usable[0], p) for p in countries]
    if len(usable) == len(countries):
        return list(zip(usable, sorted(countries, key=lambda p: p.start)))
    why = ("one number for several countries, without 'each'" if len(usable) == 1
           else f"{len(usable)} numbers for {len(countries)} countries in one clause")
    r.s.puzzling += [(c.num.text, why) for c in usable]
    return []


def _tok_range(toks: list[L.Token], cl: _Clause) -> tuple[int, int]:
    idx = [i for i, t in enumerate(toks) if cl.start <= t.start < cl.end]
    return (idx[0], idx[-1] + 1) if idx else (0, 0)


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
