"""Item D) of a NOTAM: when, inside B)–C), it is actually active. Pure functions, no database.

A restricted area "EV FRI AND SAT 0600-1200" restricts the FIR for six hours on two days a week,
not around the clock. `windows()` turns D) into the list of [start, end) periods inside B)–C).
What is understood (all times UTC, as D) is):

- time ranges "0330-1930", "0330 - 1930", "1700/0300" and "BTN 1700/0300" (past midnight: ends
  next day), several per day ("0600-0930 1030-1300"); "H24" and "DLY"/"DAILY" with times;
- weekdays "EV FRI AND SAT", "SAT THU", "MON-FRI", with "EXC SAT SUN" excluding days;
- days of the month "13-17 0600-1200", "01-03 06-10 13-17 20-24", "17 24 0700-1300", optionally
  after a month ("APR 05-09 12-16 1500-2100", "MAR 30 0703-1400, MAR 31 0300-1400") and date ranges
  across months ("MAR 26-APR 23 0600-0930");
- "EXC APR 10 0600-1300": on the excepted days other hours apply;
- groups one after another, each day list followed by its times ("13 1530-1730 15 0330-0530").

Anything else ("SR-SS", "26 MAR - 30 APR", free text) makes `windows()`
return None: the caller then treats the NOTAM as active for all of B)–C) — a part-time area shown
as full-time errs on the side of caution, and the NOTAM's D) is shown beside it.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta

MONTHS = {m: i for i, m in enumerate(("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), 1)}
WEEKDAYS = {d: i for i, d in enumerate(("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"))}
# A NOTAM longer than this with a D) item is rare; the cap bounds the work on a bad C) or PERM.
MAX_DAYS = 400
TOKEN_RE = re.compile(
    r"(?P<time>\d{4})\s*[-/]\s*(?P<time2>\d{4})"
    r"|(?P<mrange>(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\s*\d{1,2}\s*-\s*"
    r"(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\s*\d{1,2})"
    r"|(?P<wrange>(?:MON|TUE|WED|THU|FRI|SAT|SUN)\s*-\s*(?:MON|TUE|WED|THU|FRI|SAT|SUN))"
    r"|(?P<drange>\d{1,2}\s*-\s*\d{1,2})(?!\d)"
    r"|(?P<day>\d{1,2})(?!\d)"
    r"|(?P<word>[A-Z]+)"
    r"|(?P<punct>[,.;:]+)"
)
IGNORED = {"EV", "EVERY", "AND", "DLY", "DAILY", "BTN", "FM", "TO", "UTC", "HR", "HRS", "ON"}


class _Days:
    """A day filter: weekdays, days of month (optionally in a month) and date ranges."""

    def __init__(self) -> None:
        self.weekdays: set[int] = set()
        self.mdays: set[tuple[int | None, int]] = set()  # (month or None, day)
        self.ranges: list[tuple[tuple[int, int], tuple[int, int]]] = []

    def empty(self) -> bool:
        return not (self.weekdays or self.mdays or self.ranges)

    def holds(self, d: date) -> bool:
        if self.weekdays and d.weekday() in self.weekdays:
            return True
        if (d.month, d.day) in self.mdays or (None, d.day) in self.mdays:
            return True
        return any(a <= (d.month, d.day) <= b for a, b in self.ranges)


def _hm(s: str) -> timedelta | None:
    h, m = int(s[:2]), int(s[2:])
    if h > 24 or m > 59 or (h == 24 and m):
        return None
    return timedelta(hours=h, minutes=m)


def parse(schedule: str) -> list[tuple[_Days, _Days, timedelta, timedelta]] | None:
    """D) → [(days, excluded days, from, to)] (an empty `days` = every day), or None if not understood."""
    s = " ".join(schedule.upper().split())
    if s in ("H24", "DLY H24", "DAILY H24"):
        return []  # active all the time: no windows needed
    out: list[tuple[_Days, _Days, timedelta, timedelta]] = []
    days, exc = _Days(), _Days()
    month: int | None = None
    excluding = after_time = False
    pos = 0
    for m in TOKEN_RE.finditer(s):
        if s[pos:m.start()].strip():
            return None  # a character no token explains
        pos = m.end()
        if after_time and not excluding and (m["day"] or m["drange"] or m["mrange"] or m["wrange"]
                           or (m["word"] and (m["word"] in WEEKDAYS or m["word"] in MONTHS))):
            days, exc, excluding, after_time = _Days(), _Days(), False, False  # a new group starts
        target = exc if excluding else days
        if m["time"]:
            a, b = _hm(m["time"]), _hm(m["time2"])
            if a is None or b is None:
                return None
            if excluding:
                # "EV FRI AND SAT 0600-1200 EXC APR 10 0600-1300": the excepted days have their own
                # hours; the groups before skip those days (they share `exc`), this one adds them.
                if exc.empty():
                    return None
                out.append((exc, _Days(), a, b))
                days, exc, excluding = _Days(), _Days(), False
            else:
                out.append((days, exc, a, b))
            after_time = True
        elif m["mrange"]:
            a, b = (re.match(r"([A-Z]{3})\s*(\d{1,2})", x.strip()) for x in m["mrange"].split("-"))
            target.ranges.append(((MONTHS[a[1]], int(a[2])), (MONTHS[b[1]], int(b[2]))))
        elif m["wrange"]:
            a, b = (WEEKDAYS[x.strip()] for x in m["wrange"].split("-"))
            target.weekdays |= {(a + i) % 7 for i in range((b - a) % 7 + 1)}
        elif m["drange"]:
            a, b = (int(x) for x in m["drange"].split("-"))
            if not (1 <= a <= 31 and 1 <= b <= 31 and a <= b):
                return None
            target.mdays |= {(month, d) for d in range(a, b + 1)}
        elif m["day"]:
            d = int(m["day"])
            if not 1 <= d <= 31:
                return None
            target.mdays.add((month, d))
        elif m["word"]:
            w = m["word"]
            if w in WEEKDAYS:
                target.weekdays.add(WEEKDAYS[w])
            elif w in MONTHS:
                month = MONTHS[w]
            elif w in ("EXC", "EXCEPT"):
                excluding = True
            elif w not in IGNORED:
                return None
    if s[pos:].strip() or not out:
        return None
    return out


def windows(schedule: str | None, start: datetime, end: datetime | None) -> list[tuple[datetime, datetime]] | None:
    """Active [from, to) periods of a NOTAM with D) `schedule` inside [start, end); None when the
    NOTAM is active throughout (no D), H24, or a D) that is not understood)."""
    if not schedule or not schedule.strip():
        return None
    groups = parse(schedule)
    if not groups:
        return None
    last = end if end is not None else start + timedelta(days=MAX_DAYS)
    last = min(last, start + timedelta(days=MAX_DAYS))
    out: list[tuple[datetime, datetime]] = []
    day = datetime(start.year, start.month, start.day) - timedelta(days=1)  # an overnight window from the day before
    while day < last:
        d = day.date()
        for days, exc, a, b in groups:
            if (days.empty() or days.holds(d)) and not (not exc.empty() and exc.holds(d)):
                w0 = day + a
                w1 = day + b if b > a else day + b + timedelta(days=1)
                w0, w1 = max(w0, start), min(w1, last)
                if w1 > w0:
                    out.append((w0, w1))
        day += timedelta(days=1)
    out.sort()
    merged: list[tuple[datetime, datetime]] = []
    for w0, w1 in out:
        if merged and w0 <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], w1))
        else:
            merged.append((w0, w1))
    return merged
