"""How a bulletin's words relate to its numbers and places: is a number a count of people (and
approximate, "each", another country's citizens, a part of a figure)? Is a country where people
are, their nationality, where they come from or go to? Which categories does a clause state?"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from etl.bulletin import lang as L
from etl.bulletin.numbers import Num

LOCATIVE = {"да", "де", "та", "те", "нда", "нде", "дағы", "дегі", "тағы", "тегі", "ндағы", "ндегі",
            "сында", "сінде", "ында", "інде"}
GENITIVE = {"", "ның", "нің", "дың", "дің", "тың", "тің", "'s", "’s", "а", "я", "и", "ы"}
# Words that may stand between a count and the end of its clause without making it something
# else: "about 3,500 in the UAE", "82 are in Iran", "в Бахрейне — 168 (туристы)".
FOLLOWERS = {"in", "at", "are", "were", "is", "remain", "remained", "each", "в", "во", "на",
             "находятся", "находится", "пребывают", "остаются", "зарегистрированы", "бар", "тұрады",
             "жүр", "болып", "and", "и", "пен", "мен", "бен", "және", "also", "также", "тағы", "of"}


KK_PEOPLE = ("азамат", "адам", "отандас", "жолаушы", "қазақстандық", "қызметкер", "қажы")
OUR_WORDS = {"our", "наших", "наши", "нашего", "нашим", "біздің"}
OWN_WORDS = {"its", "their", "своих", "свои", "өз"}  # "Kyrgyzstan flew 95 of its citizens": theirs, not ours


def classify(n: Num, sentence: str, toks: list[L.Token], places: list[L.Place], gaz: L.Gazetteer):
    """(approx, each, people, sub) for a count — sub: written as part of a figure ("among them",
    "в том числе", "оның ішінде") — or the reason it is not a count."""
    before = [t for t in toks if t.end <= n.start][-4:]
    after = [t for t in toks if t.start >= n.end]
    b = [t.norm for t in before]
    sub = has_subcount(b[-3:]) or bool(b[-1:] and b[-1] in ("them", "whom", "них"))
    approx = bool(b and b[-1] in L.APPROX_BEFORE) or b[-2:] == ["more", "than"] or b[-2:] == ["не", "менее"]
    approx = approx or n.suffix in L.APPROX_SUFFIX or sentence[max(0, n.start - 2):n.start].strip() in ("~", "≈")
    each = n.suffix in L.EACH_SUFFIX or bool(b and b[-1] == "по" and adjacent(before[-1], n, sentence))
    i, prev_end = 0, n.end
    while i < len(after) and after[i].norm in L.APPROX_AFTER and adjacent_span(prev_end, after[i].start, sentence):
        approx = True  # "1 500-ге жуық", "8 600-ге жуық отандас"
        each = False  # "8 600-ден астам": the ablative belongs to "астам" (more than), not "each"
        prev_end = after[i].end
        i += 1
    if i < len(after) and after[i].norm in L.EACH_WORDS and adjacent_span(prev_end, after[i].start, sentence):
        each = True
        prev_end = after[i].end
        i += 1
    # "168 наших граждан", "168 of our citizens": ours, a people noun after the possessive.
    j = i + 1 if i + 1 < len(after) and after[i].norm == "of" and after[i + 1].norm in OUR_WORDS else i
    if j < len(after) and after[j].norm in OUR_WORDS and adjacent_span(prev_end, after[i].start, sentence):
        prev_end, i = after[j].end, j + 1
    nxt = after[i] if i < len(after) else None
    if nxt is None or not adjacent_span(prev_end, nxt.start, sentence):
        return (approx, each, False, sub)
    w = nxt.norm
    if w in ("of", "из") and i + 2 < len(after) and after[i + 1].norm in OWN_WORDS and L.is_people(after[i + 2].norm):
        if not any(p.iso3 == "KAZ" for p in places):
            return "citizens of another country (its own citizens)"
        return (approx, each, True, sub)
    if w in OWN_WORDS and i + 1 < len(after) and L.is_people(after[i + 1].norm):
        if not any(p.iso3 == "KAZ" for p in places):
            return "citizens of another country (its own citizens)"
        return (approx, each, True, sub)
    if L.is_people(w):
        other = nationality_after(nxt, after[i + 1:], places, sentence)
        if other and other != "KAZ":
            return "citizens of another country"
        # "134 азаматтан": the ablative on the people noun says "each".
        return (approx, each or (w.startswith(("азамат", "адам")) and w.endswith(("тан", "нан", "дан"))), True, sub)
    place = next((p for p in places if p.start == nxt.start), None)
    follow = after[i + 1] if i + 1 < len(after) else None
    if follow and L.is_people(follow.norm):
        nat = place.iso3 if place else gaz.nationality(w)
        if nat and nat != "KAZ":
            return "citizens of another country"
        if nat == "KAZ" or place:
            return (approx, each, True, sub)
    if L.is_not_people(w):
        return "not a count of people"
    # A genitive country before the number: "Өзбекстанның 200 азаматы".
    prev_place = next((p for p in places if p.end <= n.start and adjacent_span(p.end, n.start, sentence)), None)
    if prev_place and prev_place.ending in ("ның", "нің", "дың", "дің", "тың", "тің") and prev_place.iso3 != "KAZ":
        return "citizens of another country"
    return (approx, each, False, sub)


def adjacent(tok: L.Token, n: Num, sentence: str) -> bool:
    return adjacent_span(tok.end, n.start, sentence)


def adjacent_span(a: int, b: int, sentence: str) -> bool:
    """Only spaces, dashes or brackets between two spans (no clause break)."""
    return a <= b and re.fullmatch(r"[\s\u00a0\-–—()«»\"]*", sentence[a:b]) is not None


def nationality_after(people: L.Token, rest: list[L.Token], places: list[L.Place], sentence: str) -> str | None:
    """"граждан Узбекистана", "citizens of Uzbekistan": the country named right after a people noun."""
    j = 0
    # "citizens of Uzbekistan"; "граждан из Катара" says where they come from, not whose citizens.
    if rest and rest[0].norm == "of" and adjacent_span(people.end, rest[0].start, sentence):
        j = 1
    if j < len(rest):
        p = next((p for p in places if p.start == rest[j].start), None)
        prev_end = rest[j - 1].end if j else people.end
        # Kazakh names the nationality before the noun ("Түркия азаматы"): "12 азамат Түркия арқылы"
        # is twelve of ours going through Turkey.
        kazakh_noun = people.norm.startswith(KK_PEOPLE) and not j
        if p and p.ending in GENITIVE and adjacent_span(prev_end, p.start, sentence) and not kazakh_noun:
            return p.iso3
    return None


def is_nationality(p: L.Place, toks: list[L.Token], sentence: str) -> bool:
    """A country named as the citizens' nationality ("Uzbekistan citizens", "граждан Узбекистана"),
    not as where they are; only spaces may stand between the name and the people noun."""
    def tight(a: int, b: int) -> bool:
        return re.fullmatch(r"[\s\u00a0]+", sentence[a:b]) is not None

    nxt = toks[p.last_word + 1] if p.last_word + 1 < len(toks) else None
    if nxt and L.is_people(nxt.norm) and p.ending not in LOCATIVE and tight(p.end, nxt.start):
        return True
    prev = toks[p.first_word - 1] if p.first_word > 0 else None
    if prev and prev.norm == "of" and p.first_word > 1 and tight(prev.end, p.start):
        prev = toks[p.first_word - 2]
        return bool(L.is_people(prev.norm) and tight(prev.end, toks[p.first_word - 1].start))
    # Russian puts the nationality after the noun ("граждан Узбекистана"); Kazakh never does, so
    # "12 азамат Түркия арқылы" is a route, not Turkish citizens.
    return bool(prev and L.is_people(prev.norm) and not prev.norm.startswith(KK_PEOPLE) and p.ending in GENITIVE
                and tight(prev.end, p.start))


_SUBCOUNT_TEXT = tuple(" " + " ".join(ph) + " " for ph in L.SUBCOUNT)


def has_subcount(words: list[str]) -> bool:
    joined = " " + " ".join(words) + " "
    return any(ph in joined for ph in _SUBCOUNT_TEXT)


def ends_clause(n: Num, sentence: str, clause_end: int, toks: list[L.Token], places: list[L.Place]) -> bool:
    """A bare number that closes its clause or is followed only by linking words or a place."""
    after = [t for t in toks if n.end <= t.start < clause_end and not in_brackets(sentence, t.start)]
    for t in after:
        if t.norm in FOLLOWERS or t.norm in L.APPROX_AFTER or t.norm in L.EACH_WORDS or t.attached:
            continue
        return any(p.first_word <= toks.index(t) <= p.last_word for p in places)
    return True


def in_brackets(sentence: str, pos: int) -> bool:
    """Inside "( … )": a remark such as "(транзит)" after a count, not what the count counts."""
    return sentence.rfind("(", 0, pos) > sentence.rfind(")", 0, pos)


def stated_categories(words: list[str], cats: list[tuple[str, str]]) -> tuple[str, ...]:
    by_head = _by_head(tuple(cats))
    found: list[str] = []
    for w in words:
        for stem, cat in by_head.get(w[:4], ()):
            if w.startswith(stem) and cat not in found:
                found.append(cat)
    return tuple(found)


@lru_cache(maxsize=4)
def _by_head(cats: tuple[tuple[str, str], ...]) -> dict[str, list[tuple[str, str]]]:
    """Category stems (all ≥ 4 letters) by their first four letters: one look-up per word."""
    out: dict[str, list[tuple[str, str]]] = {}
    for stem, cat in cats:
        out.setdefault(stem[:4], []).append((stem, cat))
    return out


@lru_cache(maxsize=4)
def categories(ref_dir: Path) -> list[tuple[str, str]]:
    """(stem, category) from categories.csv. "official" and "other" are left out: "staff" and
    "басқа" (other) are ordinary words in a bulletin, not a category statement."""
    out: list[tuple[str, str]] = []
    path = ref_dir / "categories.csv"
    if not path.exists():
        return out
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["category"] in ("official", "other"):
                continue
            for w in L.WORD_RE.findall(r["alias"]):
                w = L.norm(w)
                stem = w.rstrip("аяеиоуыіьs") if len(w) > 5 else w
                if len(stem) >= 4 and (stem, r["category"]) not in out:
                    out.append((stem, r["category"]))
    return out
