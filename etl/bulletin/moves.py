"""Direction and tense in a bulletin's sentences: is a clause about people leaving (an evacuation)
or about a plan, and what role does each place play in it — where people left from, went through,
went to, or simply are?

"17 were returned from Iran through Turkmenistan" is an evacuation from Iran via Turkmenistan,
never 17 people in Turkmenistan; "it is planned to bring 343 home from Qatar" is a plan, never a
fact. Pure functions over the tokens and places of etl.bulletin.lang.
"""
from __future__ import annotations

from etl.bulletin import lang as L
from etl.bulletin.model import Count, Evacuation, Plan, Sentence, Total

FROM_ENDINGS = {"дан", "ден", "тан", "тен", "нан", "нен"}
KK_TO_ENDINGS = {"ға", "ге", "қа", "ке", "сына", "сіне", "ына", "іне", "на", "не"}
RU_ACCUSATIVE = {"ю", "ию", "у"}  # "в Армению", "в Астану": a destination; "в Армении" is a place
RELATIVE_LOCATIVE = {"дағы", "дегі", "тағы", "тегі", "ндағы", "ндегі"}
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


def read_movement(s: Sentence, kind: str, c_counts: list[Count], lo: int, hi: int,
                   pending: list[L.Place]) -> None:
    """People leaving (an evacuation) or a plan: where from, through where, where to."""
    group = [p for p in s.movers if lo <= p.first_word < hi]
    words = s.words[lo:hi]

    def having(ps: list[L.Place], r: str) -> list[L.Place]:
        return distinct([p for p in ps if s.roles[id(p)] == r and p.iso3 != "KAZ"])

    def destinations(ps: list[L.Place], ws: list[str]) -> set[str]:
        d = {p.iso3 for p in ps if (p.iso3 == "KAZ" and s.roles[id(p)] != "from") or s.roles[id(p)] == "to"
             or (s.roles[id(p)] == "at" and may_be_destination(p, s.toks))}
        return d | ({"KAZ"} if is_home(ws) else set())

    froms = having(group, "from")
    if not froms and kind == "evacuation":
        # "Ирандағы 52 отандасымыз елге қайтарылды": "those in Iran" were brought home from Iran.
        froms = distinct([p for p in group if p.iso3 != "KAZ" and p.ending in RELATIVE_LOCATIVE])
    if not froms:
        whole = having(s.movers, "from")
        if len({p.iso3 for p in whole}) == 1:
            froms = whole[:1]
        elif kind == "evacuation" and len({p.iso3 for p in s.where or pending}) == 1:
            froms = (s.where or pending)[:1]  # "В Иране остаются 82, ещё 50 вывезены": from Iran
    left = {p.iso3 for p in froms}
    tos = destinations(group, words) - left or destinations(s.movers, s.words) - left
    vias = {p.iso3 for p in having(group, "via")} - left
    to = next(iter(tos)) if len(tos) == 1 else None
    via = next(iter(vias)) if len(vias) == 1 else None
    if len(c_counts) > 1 and len(froms) == len(c_counts):
        pairs = list(zip(c_counts, sorted(froms, key=lambda p: p.start)))
    elif len(c_counts) == 1 and len(left) == 1:
        pairs = [(c_counts[0], froms[0])]
    elif len(c_counts) == 1 and not froms:
        c = c_counts[0]
        if has_total(words) or (has_total(s.words) and not any(p.iso3 != "KAZ" for p in group)):
            what = "evacuated" if kind == "evacuation" else "planned"
            s.out.totals.append(Total(c.num.value, c.approx, s.text, s.line, c.num.text, what))
        elif kind == "plan" and to:
            s.out.plans.append(Plan(None, None, via, to, c.num.value, c.approx, s.text, s.line, c.num.text))
        else:
            who = "a plan" if kind == "plan" else "people leaving"
            s.puzzling.append((c.num.text, f"{who} without the country they leave"))
        return
    else:
        what = "plan" if kind == "plan" else "departure"
        why = f"{len(c_counts)} numbers for {len(froms)} countries left in one {what}"
        s.puzzling += [(c.num.text, why) for c in c_counts]
        return
    for c, p in pairs:
        if kind == "evacuation":
            s.out.evacuations.append(Evacuation(p.iso3, p.city or None, to, c.num.value, c.approx, s.text, s.line,
                                                c.num.text, via))
        else:
            s.out.plans.append(Plan(p.iso3, p.city or None, via, to, c.num.value, c.approx, s.text, s.line,
                                    c.num.text))
