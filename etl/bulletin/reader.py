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
from dataclasses import dataclass
from pathlib import Path

from etl.bulletin import lang as L
from etl.bulletin import moves as M
from etl.bulletin import roles as R
from etl.bulletin.model import (  # noqa: F401 (the model is read through this module too)
    Aside,
    Count,
    Evacuation,
    Extraction,
    Figure,
    NotUnderstood,
    Plan,
    Sentence,
    Total,
)
from etl.bulletin.numbers import find_date, numbers

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


def _read_sentence(sentence: str, line: int, gaz: L.Gazetteer, cats, out: Extraction) -> None:
    if len(sentence) > MAX_SENTENCE:
        # Reading is linear per sentence, but a megabyte without a full stop is no bulletin's
        # sentence: it is listed for the analyst whole rather than guessed at.
        digits = re.findall(r"\d+", sentence[:MAX_SENTENCE])[:10]
        if digits:
            out.not_understood.append(NotUnderstood(tuple(digits), f"a sentence longer than {MAX_SENTENCE} "
                                                    "characters; split it into sentences", sentence[:MAX_SENTENCE],
                                                    line))
        return
    nums, masked = numbers(sentence)
    ranges = [m.text for m in masked if m.reason == "range"]
    for m in masked:
        if m.reason != "range":
            out.asides.append(Aside(m.text, m.reason, sentence, line))
    if ranges:  # the ministry may well mean it, but a range is no one figure: the analyst decides
        out.not_understood.append(NotUnderstood(tuple(ranges), "a range, not one figure", sentence, line))
    if not nums:
        return
    toks = L.words(sentence)
    places = gaz.find(toks)
    clauses = _clauses(sentence)

    def clause_of(pos: int) -> int:
        return next((i for i, c in enumerate(clauses) if c.start <= pos <= c.end), len(clauses) - 1)

    # "граждан Узбекистана", "Қазақстан азаматы": a nationality, neither where people are nor where they go.
    nationality = {id(p) for p in places if R.is_nationality(p, toks, sentence)}
    where = [p for p in places if p.iso3 != "KAZ" and id(p) not in nationality]
    s = Sentence(sentence, line, toks, places, [p for p in places if id(p) not in nationality],
                  {id(p): M.role(p, toks) for p in places}, [t.norm for t in toks], out)
    counts: list[Count] = []
    for n in nums:
        verdict = R.classify(n, sentence, toks, places, gaz)
        if isinstance(verdict, str):
            out.asides.append(Aside(n.text, verdict, sentence, line))
            continue
        counts.append(Count(n, *verdict, clause=clause_of(n.start)))
    if not counts:
        return
    permits = any(w.startswith(L.PERMIT) for w in s.words)
    sent_plan = M.is_plan(s.words)
    sent_move = M.is_departure(toks, 0, len(toks), places)
    spans = [_tok_range(toks, cl) for cl in clauses]
    pending: list[L.Place] = []
    last_figures: list[int] = []
    moved = False  # a movement was read in this sentence
    for ci, cl in enumerate(clauses):
        lo, hi = spans[ci]
        c_words = s.words[lo:hi]
        c_where = [p for p in where if cl.start <= p.start < cl.end]
        c_counts = [c for c in counts if c.clause == ci]
        c_cats = R.stated_categories(c_words, cats)
        if not c_counts:
            if c_where:
                pending = [p for p in c_where if s.roles[id(p)] == "at"]
            elif c_cats and last_figures and not R.has_subcount(c_words):
                for k in last_figures:  # "…about 3,500 in the UAE, mostly tourists"
                    f = out.figures[k]
                    if not f.categories:
                        out.figures[k] = Figure(f.country_iso3, f.count, f.approximate, c_cats, f.sentence,
                                                f.line, f.number)
            continue
        last_figures = []
        # "в том числе 82 в Иране": a part naming its country is that country's figure; a part
        # without one ("among them 20 staff", "из них 30 — в Тегеране") stays inside the figure given.
        if not any(not p.city for p in c_where):
            for c in c_counts:
                if c.sub:
                    out.asides.append(Aside(c.num.text, "part of a figure already given (among them …)", sentence, line))
            c_counts = [c for c in c_counts if not c.sub]
            if not c_counts:
                continue
        if permits:
            s.puzzling += [(c.num.text, "a count of citizens in an action (permits, visas), not where they are")
                           for c in c_counts]
            continue
        kind = "plan" if M.is_plan(c_words) else "evacuation" if M.is_departure(toks, lo, hi, places) else None
        if (kind == "plan" and M.is_presence(c_words) and c_where
                and all(s.roles[id(p)] == "at" for p in c_where)):
            kind = None  # "82 citizens remain in Iran and will be evacuated": a fact now, whatever comes
        g_hi = hi
        if kind is None and not c_where:
            # "34 сотрудника, находившиеся в Иране, пересекли границу": the verb comes in a later clause.
            for cj in range(ci + 1, len(clauses)):
                if any(c.clause == cj for c in counts):
                    break
                lo2, hi2 = spans[cj]
                if M.is_plan(s.words[lo2:hi2]) or M.is_departure(toks, lo2, hi2, places):
                    kind = "plan" if M.is_plan(s.words[lo2:hi2]) else "evacuation"
                    g_hi = hi2
                    break
        # "…планируется вывезти 343 из Катара и 467 из Омана": the second clause is the same plan.
        if (kind is None and (sent_plan or sent_move) and not M.is_presence(c_words)
                and (any(s.roles[id(p)] != "at" for p in c_where) or (not c_where and not pending))):
            kind = "plan" if sent_plan else "evacuation"
        if kind and cl.after_colon and moved:
            # "52 вернулись на родину: 17 — через Туркменистан, 34 — через Армению": the parts of
            # a movement just read, never more people on top of it.
            out.asides += [Aside(c.num.text, "part of a movement already given", sentence, line) for c in c_counts]
            continue
        if kind:
            before = len(out.evacuations) + len(out.plans) + len(out.totals)
            M.read_movement(s, kind, c_counts, lo, g_hi, pending)
            moved = moved or len(out.evacuations) + len(out.plans) + len(out.totals) > before
            pending = []
            continue
        usable = [c for c in c_counts if c.people or R.ends_clause(c.num, sentence, cl.end, toks, places)]
        s.puzzling += [(c.num.text, "a number followed by words that are not people") for c in c_counts
                       if c not in usable]
        if not usable:
            continue
        moving = [p for p in c_where if s.roles[id(p)] != "at"]
        c_where = [p for p in c_where if p not in moving]
        if moving and not c_where:
            s.puzzling += [(c.num.text, "people moving from or towards a country, not a presence in it")
                           for c in usable]
            continue
        countries = M.distinct([p for p in c_where if not p.city])
        if not countries and not c_where and pending:
            countries = M.distinct([p for p in pending if not p.city])
        pending = []
        if not countries:
            if M.has_total(c_words) or (M.has_total(s.words) and not where):
                for c in usable:
                    out.totals.append(Total(c.num.value, c.approx, sentence, line, c.num.text, "present"))
            else:
                why = "a city's figure; figures are taken per country" if c_where else "no country for this number"
                s.puzzling += [(c.num.text, why) for c in usable]
            continue
        s.where = countries
        each = any(c.each for c in usable) or any(w in L.EACH_WORDS for w in c_words)
        pairs: list[tuple[Count, L.Place]] = []
        if len(usable) == 1 and (len(countries) == 1 or each):
            pairs = [(usable[0], p) for p in countries]
        elif len(usable) == len(countries):
            pairs = list(zip(usable, sorted(countries, key=lambda p: p.start)))
        else:
            why = ("one number for several countries, without 'each'" if len(usable) == 1
                   else f"{len(usable)} numbers for {len(countries)} countries in one clause")
            s.puzzling += [(c.num.text, why) for c in usable]
            continue
        for c, p in pairs:
            last_figures.append(len(out.figures))
            out.figures.append(Figure(p.iso3, c.num.value, c.approx, c_cats, sentence, line, c.num.text))
    if s.puzzling:
        reasons = "; ".join(dict.fromkeys(why for _n, why in s.puzzling))
        out.not_understood.append(NotUnderstood(tuple(n for n, _w in s.puzzling), reasons, sentence, line))


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
