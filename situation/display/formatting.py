"""Numbers, dates and durations as a reader of each language expects them (Babel/CLDR).

Spaces: CLDR groups thousands in kk and ru with a no-break space (U+00A0, "3 500") and puts a
narrow no-break space (U+202F) into some date patterns ("2026 ж.", "2:05 PM"). Every function
here returns U+00A0 for both, on purpose: a figure never wraps in the middle of a table cell
or a chart label, U+00A0 is in every font (Noto, DejaVu, reportlab's built-ins), while U+202F
is missing from some and shows as a box in exports, and the output stays the same if a future
CLDR switches a locale from one to the other. Compare in tests after `plain_spaces(...)`.

Every function accepts None/NaN and returns NO_VALUE, so pages need no special case for gaps.
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any, TypeVar

from situation.i18n import get_lang, normalize_lang, t

NBSP = "\u00a0"
NO_VALUE = "—"  # shown for a missing number or time, same in every language

# Date patterns chosen for what a duty officer reads at a glance, same shape in every view:
# "4 наурыз 2026" / "4 марта 2026" / "Mar 4, 2026". Times are 24-hour in all three languages
# (an operations centre works in 24-hour time, also in English).
_DATE = {"kk": "d MMMM y", "ru": "d MMMM y", "en": "MMM d, y"}
_DATE_SHORT = {"kk": "dd.MM.y", "ru": "dd.MM.y", "en": "d MMM y"}
_TIME = "HH:mm"
_DAY_MONTH = {"kk": "d MMMM", "ru": "d MMMM", "en": "MMM d"}
_MONTH_YEAR = {"kk": "LLLL y", "ru": "LLLL y", "en": "LLLL y"}


_F = TypeVar("_F", bound=Callable[..., str])


def _never_raises(fn: _F) -> _F:
    """A time that cannot be shown (year 0, year 10000, an odd type) shows as NO_VALUE: one bad
    value in the warehouse must never take a page or a briefing pack down."""
    @functools.wraps(fn)
    def safe(*args: Any, **kwargs: Any) -> str:
        try:
            return fn(*args, **kwargs)
        except (ValueError, OverflowError, TypeError, OSError):
            return NO_VALUE
    return safe  # type: ignore[return-value]


def _lang(lang: str | None) -> str:
    return normalize_lang(lang) if lang is not None else get_lang()


def _nbsp(s: str) -> str:
    return s.replace("\u202f", NBSP)


def plain_spaces(s: str) -> str:
    """Replace no-break spaces by ordinary ones (tests, CSV cells, search)."""
    return s.replace(NBSP, " ").replace("\u202f", " ")


def _missing(x: Any) -> bool:
    if x is None:
        return True
    try:
        # NaN, NaT and pd.NA are the values unequal to themselves; no pandas import needed.
        return bool(x != x)  # noqa: PLR0124
    except (TypeError, ValueError):  # bool(pd.NA) raises: it is missing
        return True


def fmt_int(n: Any, lang: str | None = None) -> str:
    """A whole number with the language's grouping: "3 500" (kk, ru), "3,500" (en)."""
    from babel.numbers import format_decimal

    if _missing(n):
        return NO_VALUE
    return _nbsp(format_decimal(round(float(n)), format="#,##0", locale=_lang(lang)))


def fmt_number(x: Any, lang: str | None = None, digits: int = 1) -> str:
    """A decimal number with up to `digits` fraction digits: "2,5" (kk, ru), "2.5" (en)."""
    from babel.numbers import format_decimal

    if _missing(x):
        return NO_VALUE
    pattern = "#,##0" + ("." + "#" * digits if digits > 0 else "")
    return _nbsp(format_decimal(float(x), format=pattern, locale=_lang(lang)))


def round_honestly(n: float) -> int:
    """An estimate rounded to what it can claim: two significant figures from 100 up
    (a sum of "about 3 500" and "about 1 500" and exact 3 618 is ≈8 600, not "about 8 618")."""
    v = round(float(n))
    if abs(v) < 100:
        return v
    step = 10 ** (len(str(abs(v))) - 2)
    return int(round(v / step) * step)


def fmt_count(n: Any, approximate: bool = False, lang: str | None = None, compact: bool = False) -> str:
    """A headcount, marked and rounded as an estimate when the mission said so: "шамамен 3 500".

    compact=True writes the estimate as "≈8 600" (metric cards, map labels: a narrow place where
    the word would push the number itself out of sight)."""
    if _missing(n):
        return NO_VALUE
    code = _lang(lang)
    estimate = not _missing(approximate) and bool(approximate)  # NA in the column means "exact"
    if not estimate:
        return fmt_int(n, code)
    text = fmt_int(round_honestly(n), code)
    return f"\u2248{text}" if compact else t("approx.about", code, n=text)


def fmt_pct(x: Any, lang: str | None = None, digits: int = 0) -> str:
    """A share given as a fraction (0.125 → "13%"; digits=1 → "12,5%", ru "12,5 %")."""
    from babel.numbers import format_percent

    if _missing(x):
        return NO_VALUE
    from babel import Locale

    code = _lang(lang)
    # Start from the locale's own pattern so ru keeps its space before "%" ("12 %").
    pattern = Locale.parse(code).percent_formats[None].pattern
    if digits > 0:
        pattern = pattern.replace("#,##0", "#,##0." + "#" * digits, 1)
    return _nbsp(format_percent(float(x), format=pattern, locale=code))


def fmt_delta(n: Any, lang: str | None = None) -> str:
    """A change with its sign: "+120", "−1 500" (U+2212 minus, as in print), "0"."""
    if _missing(n):
        return NO_VALUE
    v = round(float(n))
    body = fmt_int(abs(v), lang)
    # U+2212 rather than "-": same width as "+", so columns of changes line up.
    return ("+" if v > 0 else "\u2212" if v < 0 else "") + body


def _tz(tz: str | tzinfo | None) -> tzinfo:
    if tz is None or tz == "UTC":
        return UTC
    if isinstance(tz, tzinfo):
        return tz
    from babel.dates import get_timezone

    return get_timezone(tz)


def _aware(ts: Any) -> datetime:
    """Stored times are naive UTC (see DESIGN.md); make them aware before converting."""
    if hasattr(ts, "to_pydatetime"):  # pandas Timestamp
        ts = ts.to_pydatetime()
    if isinstance(ts, datetime):
        return ts if ts.tzinfo else ts.replace(tzinfo=UTC)
    if isinstance(ts, date):
        return datetime(ts.year, ts.month, ts.day, tzinfo=UTC)
    raise TypeError(f"not a date or datetime: {ts!r}")


def tz_label(tz: str | tzinfo | None, at: datetime | None = None) -> str:
    """"UTC" or "UTC+5" style label: unambiguous in every language, unlike zone names."""
    zone = _tz(tz)
    moment = at or datetime.now(UTC)
    off = moment.astimezone(zone).utcoffset() or timedelta(0)
    if not off:
        return "UTC"
    minutes = int(off.total_seconds() // 60)
    sign, minutes = ("+" if minutes > 0 else "\u2212"), abs(minutes)
    h, m = divmod(minutes, 60)
    return f"UTC{sign}{h}" + (f":{m:02d}" if m else "")


@_never_raises
def fmt_date(ts: Any, lang: str | None = None, tz: str | tzinfo | None = "UTC",
             short: bool = False) -> str:
    """A calendar date: "4 наурыз 2026" / "4 марта 2026" / "Mar 4, 2026" (short: "04.03.2026")."""
    from babel.dates import format_datetime

    if _missing(ts):
        return NO_VALUE
    code = _lang(lang)
    moment = _aware(ts).astimezone(_tz(tz))
    pattern = (_DATE_SHORT if short else _DATE)[code]
    return _nbsp(format_datetime(moment, pattern, locale=code))


@_never_raises
def fmt_time(ts: Any, lang: str | None = None, tz: str | tzinfo | None = "UTC") -> str:
    """A time of day, 24-hour, with its zone: "14:05 UTC"."""
    if _missing(ts):
        return NO_VALUE
    moment = _aware(ts).astimezone(_tz(tz))
    return f"{moment:%H:%M}{NBSP}{tz_label(tz, moment)}"


def display_tz() -> str:
    """SITROOM_TZ (the centre works on Astana time); a zone Babel does not know falls back to
    Asia/Almaty rather than failing a page."""
    from babel.dates import get_timezone

    import config

    name = config.setting("SITROOM_TZ").strip() or "Asia/Almaty"
    try:
        get_timezone(name)
        return name
    except LookupError:
        return "Asia/Almaty"


@_never_raises
def fmt_datetime(ts: Any, lang: str | None = None, tz: str | tzinfo | None = None) -> str:
    """Date and time with the zone. By default in SITROOM_TZ with UTC beside it:
    "4 наурыз 2026, 16:00 UTC+5 (11:00 UTC)"; tz="UTC" gives the UTC time alone."""
    if _missing(ts):
        return NO_VALUE
    if tz is None:
        return fmt_moment(ts, lang)
    day, clock = fmt_date(ts, lang, tz), fmt_time(ts, lang, tz)
    return NO_VALUE if NO_VALUE in (day, clock) else f"{day}, {clock}"


@_never_raises
def fmt_moment(ts: Any, lang: str | None = None) -> str:
    """A moment in the centre's zone with UTC beside it; the UTC date is added only when it
    differs ("5 наурыз 2026, 03:00 UTC+5 (4 наурыз, 22:00 UTC)")."""
    from babel.dates import format_datetime

    if _missing(ts):
        return NO_VALUE
    zone = display_tz()
    local, utc = _aware(ts).astimezone(_tz(zone)), _aware(ts).astimezone(UTC)
    if tz_label(zone, local) == "UTC":
        return f"{fmt_date(ts, lang, 'UTC')}, {fmt_time(ts, lang, 'UTC')}"
    beside = fmt_time(ts, lang, "UTC")
    if local.date() != utc.date():
        code = _lang(lang)
        day = _nbsp(format_datetime(utc, _DAY_MONTH[code], locale=code))
        beside = f"{day}, {beside}"
    return f"{fmt_date(ts, lang, zone)}, {fmt_time(ts, lang, zone)} ({beside})"


@_never_raises
def fmt_moment_parts(ts: Any, lang: str | None = None) -> tuple[str, str]:
    """A moment for a card, in two parts that each fit one line: the day and time in the centre's
    zone ("12 наурыз, 11:00 UTC+5") and the UTC time beside it ("06:00 UTC", with the UTC day when
    it differs)."""
    from babel.dates import format_datetime

    if _missing(ts):
        return NO_VALUE, ""
    code, zone = _lang(lang), display_tz()
    local, utc = _aware(ts).astimezone(_tz(zone)), _aware(ts).astimezone(UTC)
    day = _nbsp(format_datetime(local, _DAY_MONTH[code], locale=code))
    head = f"{day}, {fmt_time(ts, lang, zone)}"
    if tz_label(zone, local) == "UTC":
        return head, ""
    beside = fmt_time(ts, lang, "UTC")
    if local.date() != utc.date():
        beside = f"{_nbsp(format_datetime(utc, _DAY_MONTH[code], locale=code))}, {beside}"
    return head, beside


@_never_raises
def fmt_month(ts: Any, lang: str | None = None) -> str:
    """Month and year standing alone (chart titles): "Наурыз 2026" / "март 2026" / "March 2026"."""
    from babel.dates import format_datetime

    if _missing(ts):
        return NO_VALUE
    code = _lang(lang)
    return _nbsp(format_datetime(_aware(ts), _MONTH_YEAR[code], locale=code))


def month_names(lang: str | None = None, width: str = "wide") -> list[str]:
    """Twelve stand-alone month names (index 0 = January) for chart axes and pickers."""
    from babel.dates import get_month_names

    names = get_month_names(width, context="stand-alone", locale=_lang(lang))
    return [str(names[i]) for i in range(1, 13)]


@_never_raises
def fmt_duration(td: timedelta | None, lang: str | None = None) -> str:
    """A length of time in short units: "3 сағ" / "3 ч" / "3 hr"; rounds to the largest unit."""
    from babel.dates import format_timedelta

    if td is None or _missing(td):
        return NO_VALUE
    # threshold=1: 50 minutes stay "50 min" instead of Babel's default rounding up to "1 hour".
    return _nbsp(format_timedelta(abs(td), threshold=1, format="short", locale=_lang(lang)))


@_never_raises
def fmt_age(td: timedelta | None, lang: str | None = None) -> str:
    """How long ago something happened: "3 сағ бұрын" / "3 ч назад" / "3 hr ago"."""
    if td is None or _missing(td):
        return NO_VALUE
    code = _lang(lang)
    if hasattr(td, "to_pytimedelta"):
        td = td.to_pytimedelta()
    if td < timedelta(minutes=1):  # includes a clock slightly ahead: never "in 2 min" for a report
        return t("time.just_now", code)
    return t("time.ago", code, age=fmt_duration(td, code))


def plotly_separators(lang: str | None = None) -> str:
    """Plotly's layout.separators (decimal mark, then group mark) for axis and hover numbers.

    fig.update_layout(separators=plotly_separators(lang)) makes a chart's own numbers read
    "3 500" / "2,5" in kk and ru like the rest of the page.
    """
    from babel.numbers import get_decimal_symbol, get_group_symbol

    code = _lang(lang)
    group = get_group_symbol(locale=code).replace("\u202f", NBSP)
    return get_decimal_symbol(locale=code) + group
