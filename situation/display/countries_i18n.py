"""Country names in the reader's language, and alphabetical order as that reader expects it.

Names come from the `countries` table (name_kk, name_ru, name_en; optional short_kk, short_ru,
short_en), passed in as a mapping so this module stays free of I/O.

Sorting: PyICU is not installed on these machines and Babel has no collation, so `sort_key` is
our own, deterministic key:
- kk: the Kazakh Cyrillic alphabet А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х
  Һ Ц Ч Ш Щ Ъ Ы І Ь Э Ю Я, Ё a letter of its own after Е as the alphabet lists it;
- ru: the Russian alphabet, with Ё sorted as Е and only a tie-break after it (the dictionary
  convention, also ICU's: "Ёлка" files among the Е words, before "Ель");
- en: A–Z, accents ignored except as a tie-break ("Åland" with A, "Côte d'Ivoire" with C).
Spaces and punctuation sort before digits, digits before letters; case is the last tie-break.
Letters of the other script follow the language's own (Latin after Cyrillic in kk/ru).
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from situation.i18n import get_lang, normalize_lang

KK_ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
RU_ALPHABET = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
EN_ALPHABET = "abcdefghijklmnopqrstuvwxyz"

# Which name to show when the wanted language is missing: a Kazakh reader reads Russian
# before English, a Russian reader English before Kazakh, an English reader only English.
_NAME_FALLBACK: dict[str, tuple[str, ...]] = {
    "kk": ("kk", "ru", "en"),
    "ru": ("ru", "en", "kk"),
    "en": ("en",),
}

# The short forms the ministry itself writes in bulletins, used when the reference data has no
# short_<lang> column. Only widely fixed abbreviations; other countries keep their full name.
MINISTRY_SHORT: dict[str, dict[str, str]] = {
    "ARE": {"kk": "БАӘ", "ru": "ОАЭ", "en": "UAE"},
    "SAU": {"kk": "САҚ", "ru": "КСА", "en": "KSA"},
    "USA": {"kk": "АҚШ", "ru": "США", "en": "USA"},
    "GBR": {"kk": "Ұлыбритания", "ru": "Великобритания", "en": "UK"},
}


def _field(row: Any, name: str) -> str:
    """A non-empty string field from a dict, a pandas row or a namedtuple; else ""."""
    try:
        value = row[name] if isinstance(row, Mapping) or hasattr(row, "__getitem__") else None
    except (KeyError, IndexError, TypeError):
        value = None
    if value is None:
        value = getattr(row, name, None)
    if value is None or not isinstance(value, str):  # None, NaN, pandas NA: no name
        return ""
    return value.strip()


def country_name(iso3: str, lang: str | None = None, names: Mapping[str, Any] | None = None,
                 short: bool = False) -> str:
    """Display name of a country: names[iso3]["name_<lang>"] with fallbacks, else the code.

    `names` maps ISO3 → a row with name_kk/name_ru/name_en (dict, Series or namedtuple).
    short=True prefers short_<lang> from the row, then MINISTRY_SHORT, then the full name.
    """
    code = normalize_lang(lang) if lang is not None else get_lang()
    key = (iso3 or "").strip().upper()
    row = (names or {}).get(key)
    if short:
        if row is not None and (s := _field(row, f"short_{code}")):
            return s
        if s := MINISTRY_SHORT.get(key, {}).get(code, ""):
            return s
    if row is not None:
        for candidate in _NAME_FALLBACK[code]:
            if s := _field(row, f"name_{candidate}"):
                return s
    return key or "?"


def country_names(iso3s: Iterable[str], lang: str | None = None,
                  names: Mapping[str, Any] | None = None, short: bool = False) -> dict[str, str]:
    """ISO3 → display name for several countries (for a select box's format_func)."""
    return {c: country_name(c, lang, names, short) for c in iso3s}


_ORDER: dict[str, dict[str, int]] = {
    "kk": {ch: i for i, ch in enumerate(KK_ALPHABET)},
    "ru": {ch: i for i, ch in enumerate(RU_ALPHABET)},
    "en": {ch: i for i, ch in enumerate(EN_ALPHABET)},
}
# The alphabet of the other script, placed after the language's own letters.
_OTHER: dict[str, dict[str, int]] = {"kk": _ORDER["en"], "ru": _ORDER["en"], "en": _ORDER["kk"]}

_OWN, _FOREIGN, _UNLISTED = 1000, 2000, 10_000


def _weights(ch: str, lang: str) -> tuple[int, int]:
    """(primary, secondary) weight of one lower-case character."""
    order = _ORDER[lang]
    if ch in order:
        if lang == "ru" and ch == "ё":
            return _OWN + order["е"], 1  # Ё = Е at first level
        return _OWN + order[ch], 0
    base = unicodedata.normalize("NFD", ch)
    stripped, accents = base[0], len(base) - 1  # "å" → "a" + one mark
    if accents and stripped in order:
        return _OWN + order[stripped], accents
    other = _OTHER[lang]
    if ch in other:
        return _FOREIGN + other[ch], 0
    if accents and stripped in other:
        return _FOREIGN + other[stripped], accents
    if ch.isdigit():
        return 100 + (unicodedata.digit(ch, 0)), 0
    if ch.isalpha():
        return _UNLISTED + ord(ch), 0
    return 0, ord(ch)  # space and punctuation: before everything, in code-point order


def sort_key(name: str, lang: str | None = None) -> tuple[tuple[int, ...], tuple[int, ...],
                                                          tuple[int, ...]]:
    """Key for sorted(): alphabetical by the language's alphabet (see the module doc)."""
    code = normalize_lang(lang) if lang is not None else get_lang()
    text = unicodedata.normalize("NFC", name or "").strip()
    primary: list[int] = []
    secondary: list[int] = []
    tertiary: list[int] = []
    for ch in text:
        low = ch.lower()
        p, s = _weights(low, code)
        primary.append(p)
        secondary.append(s)
        tertiary.append(0 if ch == low else 1)  # lower case first, as ICU does
    return tuple(primary), tuple(secondary), tuple(tertiary)


def sort_countries(iso3s: Iterable[str], lang: str | None = None,
                   names: Mapping[str, Any] | None = None, short: bool = False) -> list[str]:
    """ISO3 codes ordered by their display name in `lang`."""
    code = normalize_lang(lang) if lang is not None else get_lang()
    return sorted(iso3s, key=lambda c: sort_key(country_name(c, code, names, short), code))
