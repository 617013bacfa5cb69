"""The what-if forecast of an evacuation: when will the last registered citizen be home?

A pure function of the analyst's assumptions — no warehouse, no Streamlit — so a slider change
recomputes it in well under a millisecond per country, and tests pin its arithmetic. The page
and the briefing take their defaults from the plan (evacuation_at / the movements board) and
say the assumptions in words next to the date.

The model, day by day from the moment `start` (day k covers (start + k days, start + k + 1 days]):
  air seats that day = flights per day × seats per flight while the airspace is open; while it is
  closed (until the reopening date) only the flights the analyst marks as permitted fly;
  land seats that day = the sum of the crossings' daily throughput for that country;
  remaining falls by that day's seats; the country is clear when it reaches 0, at the fraction
  of the day the last seats were needed.
A country with people left and no seats at all over the horizon never clears (None).
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

HORIZON_DAYS = 365
SERIES_DAYS = 62  # days of the remaining-people series kept for the chart


@dataclass(frozen=True)
class CountryPlan:
    iso3: str
    remaining: int                    # registered to leave and still there
    flights_per_day: float = 0.0      # while the airspace is open
    seats_per_flight: float = 0.0
    closed_until: dt.date | None = None  # None: open now; else closed up to (not including) this day
    permitted_per_day: float = 0.0    # flights a day allowed while closed (marked permitted)
    land_per_day: float = 0.0         # people a day over all its land crossings


@dataclass(frozen=True)
class CountryForecast:
    iso3: str
    remaining: int
    days: float | None                # days from start until clear; None = never at this capacity
    clear_at: dt.datetime | None      # start + days
    daily_capacity_open: float        # seats a day once open (air + land)
    series: list[tuple[dt.date, int]] = field(default_factory=list)  # remaining at the end of each day


@dataclass(frozen=True)
class Forecast:
    start: dt.datetime
    countries: list[CountryForecast]

    @property
    def last_home(self) -> dt.datetime | None:
        """When the last country clears; None when any country with people left never does."""
        if any(c.days is None for c in self.countries):
            return None
        ends = [c.clear_at for c in self.countries if c.clear_at is not None]
        return max(ends) if ends else self.start

    @property
    def never(self) -> list[str]:
        """Countries whose people are never brought home at the assumed capacity."""
        return [c.iso3 for c in self.countries if c.days is None]


def _day_capacity(p: CountryPlan, day: dt.date) -> float:
    open_ = p.closed_until is None or day >= p.closed_until
    flights = p.flights_per_day if open_ else p.permitted_per_day
    return max(0.0, flights) * max(0.0, p.seats_per_flight) + max(0.0, p.land_per_day)


def project_country(p: CountryPlan, start: dt.datetime, horizon_days: int = HORIZON_DAYS,
                    series_days: int = SERIES_DAYS) -> CountryForecast:
    """One country's projection (see the module docstring for the model).

    Day by day only while the capacity changes (the closed days); once it is constant the rest
    is a division, so a slider change costs microseconds whatever the horizon. The series (for the
    chart) covers at most `series_days` days.
    """
    left = float(max(0, p.remaining))
    open_cap = max(0.0, p.flights_per_day) * max(0.0, p.seats_per_flight) + max(0.0, p.land_per_day)
    d0 = start.date()
    if left == 0:
        return CountryForecast(p.iso3, 0, 0.0, start, open_cap, [(d0, 0)])
    series: list[tuple[dt.date, int]] = []
    for k in range(horizon_days):
        day = d0 + dt.timedelta(days=k)
        cap = _day_capacity(p, day)
        if cap >= left:
            series.append((day, 0))
            return CountryForecast(p.iso3, p.remaining, k + left / cap, start + dt.timedelta(days=k + left / cap),
                                   open_cap, series)
        if p.closed_until is None or day >= p.closed_until:  # constant from here on
            days = k + left / cap if cap > 0 else None
            if days is not None and days > horizon_days:
                days = None
            last = series_days if days is None else min(math.ceil(days), series_days)
            series += [(d0 + dt.timedelta(days=j), max(0, math.ceil(left - cap * (j - k + 1) - 1e-9)))
                       for j in range(k, max(k, last))]
            clear = start + dt.timedelta(days=days) if days is not None else None
            return CountryForecast(p.iso3, p.remaining, days, clear, open_cap, series)
        left -= cap
        if k < series_days:
            series.append((day, math.ceil(left - 1e-9)))
    return CountryForecast(p.iso3, p.remaining, None, None, open_cap, series)


def project(plans: Sequence[CountryPlan], start: dt.datetime, horizon_days: int = HORIZON_DAYS) -> Forecast:
    """Every country's projection from `start`; the last one home is Forecast.last_home."""
    return Forecast(start, [project_country(p, start, horizon_days) for p in plans])
