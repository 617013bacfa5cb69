"""Direction and tense in a bulletin's sentences: is a clause about people leaving (an evacuation)
or about a plan, and what role does each place play in it — where people left from, went through,
went to, or simply are?

"17 were returned from Iran through Turkmenistan" is an evacuation from Iran via Turkmenistan,
never 17 people in Turkmenistan; "it is planned to bring 343 home from Qatar" is a plan, never a
fact. Pure functions over the tokens and places of etl.bulletin_lang.
"""
from __future__ import annotations

from etl import bulletin_lang as L

FROM_ENDINGS = {"дан", "ден", "тан", "тен", "нан", "нен"}
KK_TO_ENDINGS = {"ға", "ге", "қа", "ке", "сына", "сіне", "ына", "іне", "на", "не"}
RU_ACCUSATIVE = {"ю", "ию", "у"}  # "в Армению", "в Астану": a destination; "в Армении" is a place
FROM_PREV = {"from", "out", "из", "изо"}
VIA_PREV = {"через", "via", "through"}
TO_PREV = {"to", "into", "towards", "toward", "for"}  # "left Iran for Azerbaijan"
IN_PREV = {"в", "во", "на"}
VIA_AFTER = {"арқылы", "аркылы"}
# Kazakh nouns standing after a name and carrying its case: "Тегеран қаласынан" (from the city of
# Tehran), "Түрікменстан аумағы арқылы" (through Turkmenistan's territory), "Армения шекарасынан
# өтті" (crossed the Armenian border: into Armenia).
KK_CARRIERS = ("қала", "аумағ", "территория", "шекара", "әуежай")


def role(p: L.Place, toks: list[L.Token]) -> str:
    """"from", "via", "to" or "at" (where people are, or no sign of movement)."""
    j = p.last_word + 1
    if j < len(toks) and toks[j].norm.startswith(KK_CARRIERS):
        carrier = toks[j].norm
        if carrier.endswith(tuple(FROM_ENDINGS)):
            return "to" if carrier.startswith("шекара") else "from"
        j += 1
    if j < len(toks) and toks[j].norm in VIA_AFTER:
        return "via"
    if p.ending in FROM_ENDINGS:
        return "from"
    if p.ending in KK_TO_ENDINGS:
        return "to"
    k = p.first_word - 1
    while k >= 0 and toks[k].norm in L.ROLE_FILLERS:
        k -= 1
    prev = toks[k].norm if k >= 0 else ""
    if prev in FROM_PREV or prev in L.LEFT_WORDS:
        return "from"
    if prev in VIA_PREV:
        return "via"
    if prev in TO_PREV or (prev in IN_PREV and p.ending in RU_ACCUSATIVE):
        return "to"
    return "at"


def may_be_destination(p: L.Place, toks: list[L.Token]) -> bool:
    """"в Азербайджан", "в ОАЭ": after "в" a name that does not decline reads as a place or as a
    destination; in a sentence about people leaving it is where they went."""
    k = p.first_word - 1
    return k >= 0 and toks[k].norm in IN_PREV and p.ending == ""


def is_plan(words: list[str]) -> bool:
    return any(w in L.PLAN_EXACT or w.startswith(L.PLAN_PREFIXES) for w in words)


def is_departure(toks: list[L.Token], lo: int, hi: int, places: list[L.Place]) -> bool:
    """A verb of leaving, returning, crossing, flying out or arriving home among the sentence's
    tokens lo..hi-1 (indices into the sentence's token list, which places index too)."""
    words = [t.norm for t in toks[lo:hi]]
    for i, w in enumerate(words, start=lo):
        if w.startswith(L.EVAC_PREFIXES):
            return True
        # "Армения шекарасынан өтті", "шекарадан өтті": crossed the border.
        if w.startswith("шекара") and w.endswith(tuple(FROM_ENDINGS)):
            return True
        # "left Iran" is a departure; "45 are left in Oman" is not.
        if w in L.LEFT_WORDS and any(p.first_word == i + 1 for p in places):
            return True
    joined = " " + " ".join(words) + " "
    return any(" " + " ".join(ph) + " " in joined for ph in L.EVAC_PHRASES)


def is_presence(words: list[str]) -> bool:
    return any(w in L.PRESENCE_WORDS for w in words)


def is_home(words: list[str]) -> bool:
    return any(w in L.HOME_WORDS for w in words)


def has_total(words: list[str]) -> bool:
    return any(L.is_total_word(w) for w in words)


def distinct(places: list[L.Place]) -> list[L.Place]:
    """One place per country (a name and its alias in brackets are one mention), in order."""
    out: list[L.Place] = []
    for p in places:
        if not any(q.iso3 == p.iso3 and q.city == p.city for q in out):
            out.append(p)
    return out
