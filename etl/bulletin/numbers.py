"""Numbers in bulletin prose: which digits are counts, which are dates, years, times, phone or
flight numbers, and the bulletin's own date (its as-of moment).

Counts are written with spaces or no-break spaces as thousands separators ("3 500"), with commas
in English ("3,500"), and with Kazakh case endings after a hyphen ("1 500-ге жуық", "134-тен").
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from etl.bulletin.lang import is_people, month_of, norm

NUM_RE = re.compile(
    r"(?<![\w.,:/+\-])"
    r"(\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d])|\d{1,3}(?:,\d{3})+(?![\d])|\d+)"
    r"(?![.,:/]\d)(?:[-‑]([^\W\d_]+))?"
)
ORDINAL_SUFFIX = {"ші", "шы", "інші", "ыншы", "нші", "ншы", "й", "я", "го", "му", "м", "х", "ой", "ая",
                  "ое", "ий", "ые", "th", "st", "nd", "rd", "ci", "ом"}

# Spans that hold digits but no count. Each pattern's name is the reason shown to the analyst.
MASKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("date", re.compile(r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b")),
    ("date", re.compile(r"\b(?:19|20)\d{2}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2})?\b")),
    ("phone number", re.compile(r"(?:\+\s?\d|\b8\s?\(\d)[\d\s()\-\u00a0]{6,}\d")),
    ("phone number", re.compile(r"\b\d{2,4}[\-\s]\d{2}[\-]\d{2}(?:[\-]\d{2})?\b")),
    ("time", re.compile(r"\b\d{1,2}[:.]\d{2}\b")),
    ("percentage", re.compile(r"\d+(?:[.,]\d+)?\s?%")),
    ("flight number", re.compile(r"\b(?:[A-Z]{2}|[A-Z]\d|\d[A-Z])\s?-?\d{2,4}\b")),
    ("number sign", re.compile(r"(?:№|No\.|#)\s?\d+")),
    # A range is no figure ("70–84 казахстанца", "от 70 до 84", "between 70 and 84", "70-тен 84-ке
    # дейін"): listed for the analyst. After phones and dates, which hold dashes too.
    ("range", re.compile(r"\b\d{1,3}(?:[ \u00a0]\d{3})*[ \u00a0]?[–—-][ \u00a0]?\d{1,3}(?:[ \u00a0]\d{3})*\b(?![.,:/]\d)")),
    ("range", re.compile(r"(?i:\b(?:от|between)[ \u00a0]+\d{1,3}(?:[ \u00a0]\d{3})*[ \u00a0]+(?:до|and)[ \u00a0]+"
                         r"\d{1,3}(?:[ \u00a0]\d{3})*)")),
    ("range", re.compile(r"\b\d{1,6}-(?:тен|ден|нан|нен|дан|тан)[ \u00a0]+\d{1,6}-(?:ге|ке|ға|қа)[ \u00a0]+дейін")),
    ("decimal", re.compile(r"\b\d+[.,]\d{1,2}\b(?!\d)")),
)
# Thousands and millions in words: "8,5 тысячи", "3,5 тыс.", "2 мың", "1,5 мыңға жуық", "3.5 thousand",
# "1 млн". The decimal part has one or two digits ("3,500 thousand" is not a way anyone writes).
# Bounded: digits, optional spaces, one word; no nested repetition.
MULTIPLIED = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[.,]\d{1,2})?)[ \u00a0]{0,3}"
    r"(тысяч[а-я]{0,3}|тыс\.?|мың[^\W\d_]{0,6}|thousands?|млн\.?|миллион[а-я]{0,3}|million|миллион)(?![^\W\d_])",
    re.IGNORECASE)
MULTIPLIER = {"тыс": 1000, "мың": 1000, "tho": 1000, "млн": 1_000_000, "мил": 1_000_000}
# Small counts in words, read only right before a people noun ("два гражданина", "екі азамат",
# "Two citizens"): elsewhere "one" or "бір" is an article as often as a number.
WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "один": 1, "одна": 1, "одного": 1, "два": 2, "две": 2, "двух": 2, "двое": 2, "три": 3, "трое": 3, "трех": 3,
    "четыре": 4, "четверо": 4, "пять": 5, "пятеро": 5, "шесть": 6, "шестеро": 6, "семь": 7, "семеро": 7,
    "восемь": 8, "девять": 9, "десять": 10, "двадцать": 20,
    "бір": 1, "екі": 2, "үш": 3, "төрт": 4, "бес": 5, "алты": 6, "жеті": 7, "сегіз": 8, "тоғыз": 9, "он": 10,
    "жиырма": 20,
}
THOUSAND_WORD = re.compile(r"^(тысяч[а-я]{0,3}|thousands?|мың[^\W\d_]{0,6})$")
WORD_NUMBER_RE = re.compile(r"(?<![^\W\d_])([^\W\d_]{2,9})(?=[ \u00a0]+([^\W\d_]+))")
YEAR_WORD = re.compile(r"^(г|гг|год\w*|жыл\w*|ж|year\w*|y)$")
PREP_BEFORE_YEAR = {"in", "since", "of", "в", "с", "до", "on"}


@dataclass(frozen=True)
class Num:
    value: int
    start: int
    end: int  # end of the digits and of the attached ending
    text: str
    suffix: str  # ending written after a hyphen, normalised ("ге", "тен", "ші")


@dataclass(frozen=True)
class Masked:
    start: int
    end: int
    reason: str
    text: str


def masked_spans(text: str) -> list[Masked]:
    out: list[Masked] = []
    for reason, rx in MASKS:
        for m in rx.finditer(text):
            if not any(o.start <= m.start() < o.end for o in out):
                out.append(Masked(m.start(), m.end(), reason, m.group()))
    dates = _date_spans(text)
    # "11–12 марта" is a span of days: a date, not a range of people.
    out = [Masked(o.start, o.end, "date", o.text) if o.reason == "range" and any(s <= o.end + 1 and o.end <= e
           for s, e in dates) else o for o in out]
    for s, e in sorted(dates, key=lambda d: d[0] - d[1]):  # longest first: "March 3, 2026" over "3"
        if not any(o.start <= s < o.end or s <= o.start < e for o in out):
            out.append(Masked(s, e, "date", text[s:e]))
    return out


def numbers(text: str) -> tuple[list[Num], list[Masked]]:
    """Counts-to-be (value, span, ending) and the digits masked as something else."""
    nums: list[Num] = []
    for m in MULTIPLIED.finditer(text):
        word = norm(m.group(2))
        value = round(float(m.group(1).replace(",", ".")) * MULTIPLIER[word[:3]])
        # Only Kazakh writes case endings on the word that matter ("мыңға жуық", "мыңнан астам").
        nums.append(Num(value, m.start(), m.end(), m.group(), word[3:] if word.startswith("мың") else ""))
    taken = [(n.start, n.end) for n in nums]
    masks = [k for k in masked_spans(text) if not any(s <= k.start < e or k.start <= s < k.end for s, e in taken)]
    for m in WORD_NUMBER_RE.finditer(text):
        w, nxt = norm(m.group(1)), norm(m.group(2))
        if w not in WORD_NUMBERS:
            continue
        if THOUSAND_WORD.match(nxt):  # "около трёх тысяч граждан", "about three thousand", "үш мыңнан астам"
            end = m.end(1) + text[m.end(1):].index(m.group(2)) + len(m.group(2))
            nums.append(Num(WORD_NUMBERS[w] * 1000, m.start(1), end, text[m.start(1):end],
                            nxt[3:] if nxt.startswith("мың") else ""))
        elif is_people(nxt):
            nums.append(Num(WORD_NUMBERS[w], m.start(1), m.end(1), m.group(1), ""))
    ignored: list[Masked] = []
    for m in NUM_RE.finditer(text):
        if any(k.start <= m.start() < k.end for k in masks) or any(s <= m.start() < e for s, e in taken):
            continue
        digits = m.group(1)
        suffix = norm(m.group(2) or "")
        value = int(re.sub(r"[^\d]", "", digits))
        if suffix in ORDINAL_SUFFIX:
            ignored.append(Masked(m.start(), m.end(), "ordinal", m.group()))
            continue
        if _is_year(text, m.start(), m.end(1), value, digits):
            ignored.append(Masked(m.start(), m.end(), "year", m.group()))
            continue
        nums.append(Num(value, m.start(), m.end(), m.group(), suffix))
    masked_with_digits = [k for k in masks if any(c.isdigit() for c in k.text)]
    nums.sort(key=lambda n: n.start)
    return nums, masked_with_digits + ignored


def _is_year(text: str, start: int, end: int, value: int, digits: str) -> bool:
    if not (1900 <= value <= 2100 and digits.isdigit()):
        return False
    after = re.match(r"[\s\u00a0-]*([^\W\d_]+)", text[end:])
    if after and YEAR_WORD.match(norm(after.group(1))):
        return True
    before = re.search(r"([^\W\d_]+)[\s\u00a0]*$", text[:start])
    return bool(before and (norm(before.group(1)) in PREP_BEFORE_YEAR or month_of(before.group(1))))


# ------------------------------------------------------------------------------------ dates

_DMY_WORDS = re.compile(r"\b(\d{1,2})(?:[-‑]?[^\W\d_]{0,3})?[\s\u00a0]+([^\W\d_]+)(?:[\s\u00a0,]+(\d{4}))?")
_MDY_WORDS = re.compile(r"\b([A-Za-z]+)[\s\u00a0]+(\d{1,2})(?:st|nd|rd|th)?,?[\s\u00a0]+(\d{4})\b")
_YMD_KK = re.compile(r"\b(\d{4})[\s\u00a0]*(?:жылғы|жылы|ж\.)[\s\u00a0]+(\d{1,2})[\s\u00a0]+([^\W\d_]+)")
_NUMERIC = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b")
# Day and month without a year are dates too, never counts: "on March 11", "March 11th",
# "11th of March", "наурыздың 11-і" (the month in the genitive before the day).
_MD_EN = re.compile(r"\b([A-Za-z]{3,9})\.?[ \u00a0]+(\d{1,2})(?:st|nd|rd|th)?\b(?![.,:/]?\d)")
_D_OF_M = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?[ \u00a0]+of[ \u00a0]+([A-Za-z]{3,9})\b")
_GEN_MONTH_D = re.compile(r"([^\W\d_]{4,14}(?:ның|нің|дың|дің|тың|тің))[ \u00a0]+(\d{1,2})(?:[-‑][^\W\d_]{1,3})?(?!\d)")
# "с 1 по 5 марта", "from 1 to 5 March", "1 мен 5 наурыз аралығында": both days are dates.
_DAY_SPAN = re.compile(r"\b(\d{1,2})[ \u00a0]+(?:по|до|to|until|till|and|мен)[ \u00a0]+\d{1,2}[ \u00a0]+([^\W\d_]{3,12})")
_TIME = re.compile(r"(?<![\d.])(\d{1,2}):(\d{2})\b")
_ASTANA = re.compile(r"астан|astana|utc\s?\+\s?5|gmt\s?\+\s?5|нұр-сұлтан", re.IGNORECASE)


def _date_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in _DMY_WORDS.finditer(text):
        if month_of(m.group(2)) and int(m.group(1)) <= 31:
            spans.append((m.start(), m.end()))
    for m in _MDY_WORDS.finditer(text):
        if month_of(m.group(1)):
            spans.append((m.start(), m.end()))
    for m in _YMD_KK.finditer(text):
        if month_of(m.group(3)):
            spans.append((m.start(), m.end()))
    for m in _MD_EN.finditer(text):
        if m.group(1).isascii() and month_of(m.group(1)) and int(m.group(2)) <= 31:
            spans.append((m.start(2), m.end()))
    for m in _D_OF_M.finditer(text):
        if month_of(m.group(2)) and int(m.group(1)) <= 31:
            spans.append((m.start(), m.end()))
    for m in _DAY_SPAN.finditer(text):
        if month_of(m.group(2)) and int(m.group(1)) <= 31:
            spans.append((m.start(), m.end()))
    for m in _GEN_MONTH_D.finditer(text):
        if month_of(m.group(1)) and int(m.group(2)) <= 31:
            spans.append((m.start(2), m.end()))
    return spans


def find_date(text: str) -> tuple[dt.datetime, str] | None:
    """The first date written in the text (and a time beside it), as naive UTC, with its words.

    A time is taken as UTC like everywhere in the project unless the text says Astana time
    (UTC+5); a date alone is that day at 00:00."""
    found: list[tuple[int, dt.date, str]] = []
    for m in _NUMERIC.finditer(text):
        try:
            if m.group(1):
                d = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            else:
                d = dt.date(int(m.group(4)), int(m.group(5)), int(m.group(6)))
            found.append((m.start(), d, m.group()))
        except ValueError:
            continue
    year_default = None
    for m in re.finditer(r"\b(19|20)\d{2}\b", text):
        year_default = int(m.group())
        break
    for m in _YMD_KK.finditer(text):
        mon = month_of(m.group(3))
        if mon:
            _add(found, m.start(), int(m.group(1)), mon, int(m.group(2)), m.group())
    for m in _MDY_WORDS.finditer(text):
        mon = month_of(m.group(1))
        if mon:
            _add(found, m.start(), int(m.group(3)), mon, int(m.group(2)), m.group())
    for m in _DMY_WORDS.finditer(text):
        mon = month_of(m.group(2))
        year = int(m.group(3)) if m.group(3) else year_default
        if mon and year:
            _add(found, m.start(), year, mon, int(m.group(1)), m.group())
    if not found:
        return None
    pos, day, words = min(found, key=lambda f: f[0])
    moment = dt.datetime.combine(day, dt.time())
    # A time on the date's line ("по состоянию на 10:00 по времени Астаны").
    line_end = text.find("\n", pos)
    line = text[text.rfind("\n", 0, pos) + 1: len(text) if line_end < 0 else line_end]
    t = _TIME.search(line)
    if t and int(t.group(1)) < 24 and int(t.group(2)) < 60:
        moment = moment.replace(hour=int(t.group(1)), minute=int(t.group(2)))
        if _ASTANA.search(line):
            moment -= dt.timedelta(hours=5)
    return moment, words


def _add(found: list, pos: int, year: int, month: int, day: int, words: str) -> None:
    try:
        found.append((pos, dt.date(year, month, day), words))
    except ValueError:
        pass


def parse_as_of(value: str) -> dt.datetime:
    """--as-of: ISO date or date-time, with an offset converted to UTC; day-first dates too."""
    s = value.strip()
    try:
        d = dt.datetime.fromisoformat(s)
    except ValueError:
        found = find_date(s)
        if not found:
            raise ValueError(f"{value!r} is not a date; write e.g. 2026-03-04 or 2026-03-04T10:00+05:00") from None
        return found[0]
    if d.tzinfo is not None:
        d = d.astimezone(dt.UTC).replace(tzinfo=None)
    return d
