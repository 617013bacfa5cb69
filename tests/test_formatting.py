"""Formatters: what a reader of each language sees. Spaces compared after plain_spaces()."""
from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta

import pytest

from situation import i18n
from situation.display.formatting import (
    NBSP,
    NO_VALUE,
    fmt_age,
    fmt_count,
    fmt_date,
    fmt_datetime,
    fmt_delta,
    fmt_duration,
    fmt_int,
    fmt_month,
    fmt_number,
    fmt_pct,
    fmt_time,
    month_names,
    plain_spaces,
)

REF = datetime(2026, 3, 4, 14, 5)  # naive = UTC, as stored in the warehouse


def p(s: str) -> str:
    return plain_spaces(s)


@pytest.mark.parametrize(("lang", "expected"), [("kk", "3 500"), ("ru", "3 500"), ("en", "3,500")])
def test_fmt_int(lang: str, expected: str) -> None:
    assert p(fmt_int(3500, lang)) == expected
    assert p(fmt_int(3500.4, lang)) == expected


def test_fmt_int_uses_one_kind_of_no_break_space() -> None:
    assert fmt_int(1234567, "kk") == f"1{NBSP}234{NBSP}567"
    assert "\u202f" not in fmt_datetime(REF, "kk") + fmt_pct(0.5, "ru") + fmt_date(REF, "en")


@pytest.mark.parametrize(("lang", "approx", "exact"), [
    ("kk", "шамамен 3 500", "168"), ("ru", "около 3 500", "168"), ("en", "about 3,500", "168")])
def test_fmt_count(lang: str, approx: str, exact: str) -> None:
    assert p(fmt_count(3500, True, lang)) == approx
    assert fmt_count(168, False, lang) == exact


@pytest.mark.parametrize(("lang", "whole", "one_digit"), [
    ("kk", "13%", "12,5%"), ("ru", "13 %", "12,5 %"), ("en", "13%", "12.5%")])
def test_fmt_pct(lang: str, whole: str, one_digit: str) -> None:
    assert p(fmt_pct(0.13, lang)) == whole
    assert p(fmt_pct(0.125, lang, digits=1)) == one_digit


@pytest.mark.parametrize(("lang", "expected"), [("kk", "2,5"), ("ru", "2,5"), ("en", "2.5")])
def test_fmt_number(lang: str, expected: str) -> None:
    assert fmt_number(2.5, lang) == expected


@pytest.mark.parametrize(("lang", "up", "down"), [
    ("kk", "+1 500", "\u22123 500"), ("ru", "+1 500", "\u22123 500"), ("en", "+1,500", "\u22123,500")])
def test_fmt_delta(lang: str, up: str, down: str) -> None:
    assert p(fmt_delta(1500, lang)) == up
    assert p(fmt_delta(-3500, lang)) == down
    assert fmt_delta(0, lang) == "0"


@pytest.mark.parametrize(("lang", "expected"), [
    ("kk", "4 наурыз 2026"), ("ru", "4 марта 2026"), ("en", "Mar 4, 2026")])
def test_fmt_date_month_in_the_language(lang: str, expected: str) -> None:
    assert p(fmt_date(REF, lang)) == expected
    assert p(fmt_date(date(2026, 3, 4), lang)) == expected


def test_fmt_date_short_and_timezone() -> None:
    assert fmt_date(REF, "ru", short=True) == "04.03.2026"
    late = datetime(2026, 3, 4, 22, 30)
    assert p(fmt_date(late, "ru", tz="Asia/Almaty")) == "5 марта 2026"  # next day in Astana


@pytest.mark.parametrize(("lang", "expected"), [
    ("kk", "4 наурыз 2026, 19:05 UTC+5 (14:05 UTC)"), ("ru", "4 марта 2026, 19:05 UTC+5 (14:05 UTC)"),
    ("en", "Mar 4, 2026, 19:05 UTC+5 (14:05 UTC)")])
def test_fmt_datetime_in_astana_time_with_utc_beside(lang: str, expected: str) -> None:
    assert p(fmt_datetime(REF, lang)) == expected
    aware = REF.replace(tzinfo=UTC)
    assert p(fmt_datetime(aware, lang)) == expected
    assert p(fmt_datetime(REF, lang, tz="UTC")).endswith("14:05 UTC")  # asked for UTC alone


def test_fmt_datetime_names_the_utc_date_when_it_differs(monkeypatch: pytest.MonkeyPatch) -> None:
    late = datetime(2026, 3, 4, 22, 30)  # 03:30 next day in Astana
    assert p(fmt_datetime(late, "ru")) == "5 марта 2026, 03:30 UTC+5 (4 марта, 22:30 UTC)"
    monkeypatch.setenv("SITROOM_TZ", "UTC")
    assert p(fmt_datetime(late, "ru")) == "4 марта 2026, 22:30 UTC"
    monkeypatch.setenv("SITROOM_TZ", "Mars/Olympus")  # unknown zone: Astana, not a failure
    assert "UTC+5" in fmt_datetime(late, "ru")


@pytest.mark.parametrize(("n", "shown"), [(8618, "≈8,600"), (3500, "≈3,500"), (5484, "≈5,500"),
                                          (134, "≈130"), (82, "≈82"), (12345, "≈12,000")])
def test_estimates_are_rounded_honestly(n: int, shown: str) -> None:
    assert fmt_count(n, True, "en", compact=True) == shown
    assert fmt_count(n, False, "en") == f"{n:,}"  # an exact figure is never rounded


def test_fmt_datetime_other_zone_shows_offset() -> None:
    assert p(fmt_datetime(REF, "kk", tz="Asia/Almaty")) == "4 наурыз 2026, 19:05 UTC+5"
    assert p(fmt_time(REF, "en", tz="Asia/Tehran")) == "17:35 UTC+3:30"


def test_fmt_datetime_accepts_pandas_timestamp() -> None:
    pd = pytest.importorskip("pandas")
    assert p(fmt_datetime(pd.Timestamp("2026-03-04 14:05"), "en")) == "Mar 4, 2026, 19:05 UTC+5 (14:05 UTC)"
    assert fmt_datetime(pd.NaT, "en") == NO_VALUE


@pytest.mark.parametrize(("lang", "march", "title"), [
    ("kk", "наурыз", "Наурыз 2026"), ("ru", "март", "март 2026"), ("en", "March", "March 2026")])
def test_month_names(lang: str, march: str, title: str) -> None:
    names = month_names(lang)
    assert len(names) == 12 and names[2].lower() == march.lower()
    assert p(fmt_month(REF, lang)) == title


@pytest.mark.parametrize(("lang", "hours", "days", "now"), [
    ("kk", "3 сағ бұрын", "2 күн бұрын", "жаңа ғана"),
    ("ru", "3 ч назад", "2 дн. назад", "только что"),
    ("en", "3 hr ago", "2 days ago", "just now"),
])
def test_fmt_age(lang: str, hours: str, days: str, now: str) -> None:
    assert p(fmt_age(timedelta(hours=3), lang)) == hours
    assert p(fmt_age(timedelta(days=2, hours=1), lang)) == days
    assert fmt_age(timedelta(seconds=20), lang) == now
    assert fmt_age(timedelta(seconds=-5), lang) == now  # a clock slightly ahead


def test_fmt_duration_does_not_round_minutes_up_to_an_hour() -> None:
    assert p(fmt_duration(timedelta(minutes=50), "en")) == "50 min"


def test_current_language_is_the_default_for_lang() -> None:
    with i18n.use_lang("en"):
        assert fmt_int(3500) == "3,500" and p(fmt_count(100, True)) == "about 100"
    with i18n.use_lang("ru"):
        assert p(fmt_age(timedelta(hours=3))) == "3 ч назад"


@pytest.mark.parametrize("gap", [None, math.nan])
def test_missing_values_show_a_dash(gap: object) -> None:
    for f in (fmt_int, fmt_pct, fmt_delta, fmt_date, fmt_datetime, fmt_number):
        assert f(gap, "kk") == NO_VALUE
    assert fmt_count(gap, True, "kk") == NO_VALUE
    assert fmt_age(None, "kk") == NO_VALUE


def test_missing_approximate_flag_means_exact() -> None:
    pd = pytest.importorskip("pandas")
    assert fmt_count(82, pd.NA, "en") == "82"


@pytest.mark.parametrize(("lang", "expected"), [("kk", "," + NBSP), ("ru", "," + NBSP), ("en", ".,")])
def test_plotly_separators(lang: str, expected: str) -> None:
    from situation.display.formatting import plotly_separators

    assert plotly_separators(lang) == expected
