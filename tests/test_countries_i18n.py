"""Country display names and alphabetical order per language."""
from __future__ import annotations

from collections import namedtuple

import pytest

from situation import i18n
from situation.display.countries_i18n import (
    KK_ALPHABET,
    RU_ALPHABET,
    country_name,
    country_names,
    sort_countries,
    sort_key,
)

NAMES = {
    "ARE": {"name_en": "United Arab Emirates", "name_ru": "Объединённые Арабские Эмираты",
            "name_kk": "Біріккен Араб Әмірліктері"},
    "SAU": {"name_en": "Saudi Arabia", "name_ru": "Саудовская Аравия", "name_kk": "Сауд Арабиясы"},
    "IRN": {"name_en": "Iran", "name_ru": "Иран", "name_kk": ""},          # kk not filled yet
    "QAT": {"name_en": "Qatar", "name_ru": None, "name_kk": None},         # only English
    "AZE": {"name_en": "Azerbaijan", "name_ru": "Азербайджан", "name_kk": "Әзербайжан",
            "short_kk": "Әзірб."},
    "BHR": {"name_en": "Bahrain", "name_ru": "Бахрейн", "name_kk": "Бахрейн"},
    "ARM": {"name_en": "Armenia", "name_ru": "Армения", "name_kk": "Армения"},
}


def srt(words: list[str], lang: str) -> list[str]:
    return sorted(words, key=lambda w: sort_key(w, lang))


@pytest.mark.parametrize(("lang", "expected"), [
    ("kk", "Біріккен Араб Әмірліктері"), ("ru", "Объединённые Арабские Эмираты"),
    ("en", "United Arab Emirates")])
def test_country_name_in_each_language(lang: str, expected: str) -> None:
    assert country_name("ARE", lang, NAMES) == expected
    assert country_name("are", lang, NAMES) == expected  # codes are case-insensitive


def test_country_name_fallbacks() -> None:
    assert country_name("IRN", "kk", NAMES) == "Иран"     # kk → ru
    assert country_name("QAT", "kk", NAMES) == "Qatar"    # kk → ru → en
    assert country_name("QAT", "ru", NAMES) == "Qatar"    # ru → en
    assert country_name("XKX", "en", NAMES) == "XKX"      # unknown → the code itself
    assert country_name("XKX", "en", None) == "XKX"


def test_country_name_accepts_rows_of_any_kind() -> None:
    Row = namedtuple("Row", "name_en name_ru name_kk")
    assert country_name("JOR", "kk", {"JOR": Row("Jordan", "Иордания", "Иордания")}) == "Иордания"
    pd = pytest.importorskip("pandas")
    row = pd.Series({"name_en": "Kuwait", "name_ru": "Кувейт", "name_kk": pd.NA})
    assert country_name("KWT", "kk", {"KWT": row}) == "Кувейт"


@pytest.mark.parametrize(("iso3", "lang", "expected"), [
    ("ARE", "kk", "БАӘ"), ("ARE", "ru", "ОАЭ"), ("ARE", "en", "UAE"),
    ("SAU", "kk", "САҚ"), ("SAU", "ru", "КСА"),
    ("AZE", "kk", "Әзірб."),        # the reference data's own short form wins
    ("BHR", "ru", "Бахрейн"),       # no short form: the full name
])
def test_ministry_short_forms(iso3: str, lang: str, expected: str) -> None:
    assert country_name(iso3, lang, NAMES, short=True) == expected


def test_country_name_uses_current_language() -> None:
    with i18n.use_lang("ru"):
        assert country_name("SAU", names=NAMES) == "Саудовская Аравия"
    assert country_names(["SAU", "BHR"], "en", NAMES) == {"SAU": "Saudi Arabia", "BHR": "Bahrain"}


def test_kazakh_alphabet_order() -> None:
    letters = list(KK_ALPHABET)
    assert srt(letters[::-1], "kk") == letters
    assert srt(["Бахрейн", "Әзербайжан", "Армения"], "kk") == ["Армения", "Әзербайжан", "Бахрейн"]
    assert srt(["Қытай", "Лаос", "Куба"], "kk") == ["Куба", "Қытай", "Лаос"]
    assert srt(["Ирак", "Ыстамбұл", "Іле", "Эфиопия"], "kk") == ["Ирак", "Ыстамбұл", "Іле", "Эфиопия"]
    assert srt(["Ұлыбритания", "Үндістан", "Уганда", "Франция"], "kk") == [
        "Уганда", "Ұлыбритания", "Үндістан", "Франция"]


def test_russian_alphabet_and_yo() -> None:
    letters = [ch for ch in RU_ALPHABET if ch != "ё"]
    assert srt(letters[::-1], "ru") == letters
    # Ё sorts as Е (dictionary order), only breaking a tie after it.
    assert srt(["Ель", "Ёлка", "Ежевика"], "ru") == ["Ежевика", "Ёлка", "Ель"]
    assert srt(["Ёж", "Еж"], "ru") == ["Еж", "Ёж"]
    # In Kazakh Ё is a letter of its own after Е.
    assert srt(["Ёлка", "Ель", "Жамбыл"], "kk") == ["Ель", "Ёлка", "Жамбыл"]


def test_english_order_ignores_accents_and_case() -> None:
    assert srt(["Cuba", "Côte d'Ivoire", "chad", "Åland Islands", "Austria"], "en") == [
        "Åland Islands", "Austria", "chad", "Côte d'Ivoire", "Cuba"]


def test_spaces_digits_and_other_scripts() -> None:
    assert srt(["Сауд Арабиясы", "Саудия"], "kk") == ["Сауд Арабиясы", "Саудия"]
    assert srt(["Qatar", "Катар"], "ru") == ["Катар", "Qatar"]   # own script first
    assert srt(["Катар", "Qatar"], "en") == ["Qatar", "Катар"]


def test_sort_countries_by_display_name() -> None:
    codes = ["BHR", "ARE", "AZE", "ARM", "SAU"]
    assert sort_countries(codes, "kk", NAMES) == ["ARM", "AZE", "BHR", "ARE", "SAU"]
    assert sort_countries(codes, "en", NAMES) == ["ARM", "AZE", "BHR", "SAU", "ARE"]
    assert sort_countries(codes, "ru", NAMES) == ["AZE", "ARM", "BHR", "ARE", "SAU"]
