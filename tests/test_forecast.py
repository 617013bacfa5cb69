"""The what-if forecast (situation/queries/forecast.py): zero capacity, closed airspace until a date,
land throughput, and the defaults and words the page derives from the plan."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from situation.display.evacuation import assumptions, default_plans, forecast_sentence
from situation.queries.forecast import CountryPlan, project, project_country

START = dt.datetime(2026, 3, 11, 18, 0)


def test_capacity_clears_at_the_fraction_of_the_day_needed():
    fc = project_country(CountryPlan("ARE", 320, flights_per_day=1, seats_per_flight=200), START)
    assert fc.days == 1.6  # 200 on day 0, the remaining 120 take 0.6 of day 1
    assert fc.clear_at == START + dt.timedelta(days=1.6)
    assert fc.series == [(dt.date(2026, 3, 11), 120), (dt.date(2026, 3, 12), 0)]


def test_zero_capacity_never_clears_and_holds_back_the_last_one_home():
    fc = project([CountryPlan("ARE", 100, 1, 200), CountryPlan("JOR", 83)], START)
    jor = fc.countries[1]
    assert jor.days is None and jor.clear_at is None
    assert fc.never == ["JOR"] and fc.last_home is None
    assert "Jordan" in forecast_sentence(fc, "en", {"JOR": {"name_en": "Jordan"}})


def test_nobody_left_is_clear_now():
    fc = project([CountryPlan("OMN", 0)], START)
    assert fc.countries[0].days == 0.0 and fc.last_home == START


def test_closed_airspace_lets_only_permitted_flights_fly_until_it_reopens():
    closed = CountryPlan("QAT", 1000, flights_per_day=2, seats_per_flight=250,
                         closed_until=dt.date(2026, 3, 15), permitted_per_day=0)
    fc = project_country(closed, START)
    # Nothing flies on 11–14 March; from the 15th (day 4) 500 a day: 1000 take days 4 and 5.
    assert [n for _, n in fc.series[:4]] == [1000, 1000, 1000, 1000]
    assert fc.days == 6.0
    permitted = project_country(CountryPlan("QAT", 1000, 2, 250, dt.date(2026, 3, 15), permitted_per_day=1), START)
    # 250 a day while closed (4 days = 1000): clear at the end of day 3, before the reopening.
    assert permitted.days == 4.0
    # Moving the reopening date moves the day the last one is home.
    later = project_country(CountryPlan("QAT", 1000, 2, 250, dt.date(2026, 3, 20), 0), START)
    assert later.days == fc.days + 5


def test_land_throughput_adds_to_the_flights_and_works_alone():
    assert project_country(CountryPlan("IRN", 39, land_per_day=6.5), START).days == 6.0
    both = project_country(CountryPlan("IRN", 100, flights_per_day=0.5, seats_per_flight=100, land_per_day=50), START)
    assert both.days == 1.0  # 50 by air + 50 by land a day


def test_defaults_come_from_the_plan_and_are_said_in_words():
    op = pd.DataFrame([{"country_iso3": "ARE", "remaining": 320}, {"country_iso3": "IRN", "remaining": 39},
                       {"country_iso3": "BHR", "remaining": None}])
    plan = pd.DataFrame([{"country_iso3": "ARE", "flights": 3, "seats_per_flight": 210.0, "land_seats": 0},
                         {"country_iso3": "IRN", "flights": 0, "seats_per_flight": None, "land_seats": 20}])
    airspace = pd.DataFrame([{"country_iso3": "IRN", "status": "closed"}, {"country_iso3": "ARE", "status": "open"}])
    plans = default_plans(op, plan, airspace, START)
    assert [p.iso3 for p in plans] == ["ARE", "IRN"]  # no want_to_leave reported: nothing to forecast
    are, irn = plans
    assert (are.flights_per_day, are.seats_per_flight, are.closed_until) == (1.0, 210, None)
    assert irn.closed_until == dt.date(2026, 3, 18) and irn.land_per_day == 6.7
    words = assumptions(plans, "ru", {})
    assert "рейсов в сутки: 1" in words[0] and "закрыто до 18 марта 2026" in words[1]
    assert "по суше в сутки: 6,7" in words[1]
