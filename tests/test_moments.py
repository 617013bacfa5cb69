"""Queries are keyed on the newest report (or airspace bound) at the moment asked for, not on the
clock: the same picture, one cache entry for a whole live stretch between two reports."""
from __future__ import annotations

import datetime as dt
import itertools
import subprocess
import sys
from pathlib import Path

import pytest

from situation.queries import airspace as airspace_view
from situation.queries import moments, trends, warehouse
from tests.conftest import fetch, run_cli

REPORT = "as_of,mission,country,city,category,citizens\n2026-03-04 {hh}:00,KZ-EMB-ABU,UAE,Dubai,tourist,{n}\n"


def _moments_between(db: Path) -> list[dt.datetime]:
    """Moments half-way between consecutive report moments, and past the last one."""
    ts = [r[0] for r in fetch(db, "SELECT DISTINCT as_of FROM headcounts ORDER BY 1")]
    return [a + (b - a) / 2 for a, b in itertools.pairwise(ts)][:12] + [ts[-1] + dt.timedelta(days=400)]


def test_snapped_moment_gives_the_same_picture(monkeypatch, sample_warehouse):
    monkeypatch.setenv("SITROOM_DB", str(sample_warehouse))
    for t in _moments_between(sample_warehouse):
        snapped = moments.reports(t)
        assert snapped <= t
        assert fetch(sample_warehouse, "SELECT count(*) FROM headcounts WHERE as_of > ? AND as_of <= ?",
                     [snapped, t]) == [(0,)]
        q = "SELECT country_iso3, sum(count) FROM headcounts_at(?) GROUP BY ALL ORDER BY ALL"
        assert fetch(sample_warehouse, q, [t]) == fetch(sample_warehouse, q, [snapped])
    first = fetch(sample_warehouse, "SELECT min(as_of) FROM headcounts")[0][0]
    before = first - dt.timedelta(days=1)
    assert moments.reports(before) == before  # nothing to snap to: the moment stays


def test_airspace_snapped_moment_gives_the_same_status(monkeypatch, sample_warehouse):
    monkeypatch.setenv("SITROOM_DB", str(sample_warehouse))
    bounds = [r[0] for r in fetch(sample_warehouse, "SELECT DISTINCT valid_from FROM airspace ORDER BY 1")]
    assert bounds
    q = "SELECT country_iso3, status, since, until FROM airspace_at(?) ORDER BY ALL"
    for t in [b + dt.timedelta(minutes=37) for b in bounds[:10]]:
        snapped = moments.airspace(t)
        assert snapped <= t
        assert fetch(sample_warehouse, q, [t]) == fetch(sample_warehouse, q, [snapped])
        assert len(airspace_view.notams_at(t)) == len(airspace_view.notams_at(snapped))


def test_live_minutes_share_one_cache_entry_until_a_load_adds_a_report(monkeypatch, tmp_data: Path):
    for hh, n in (("08", 100),):
        (tmp_data / "inbox" / f"{hh}.csv").write_text(REPORT.format(hh=hh, n=n))
        assert run_cli(tmp_data, "load").returncode == 0
    monkeypatch.setenv("SITROOM_DB", str(tmp_data / "warehouse.duckdb"))
    warehouse._cache.clear()
    calls = []
    real = warehouse.query
    monkeypatch.setattr(warehouse, "query", lambda sql, params=None, v=None: calls.append(sql) or real(sql, params, v))
    now = dt.datetime(2026, 3, 5, 10, 0)
    for minute in range(5):  # five live reruns, a minute apart
        df = trends.vulnerable(now + dt.timedelta(minutes=minute), ["ARE"])
        assert df["citizens"].tolist() == [100]
    picture_runs = [s for s in calls if "vulnerable" in s.lower() or "elderly" in s.lower()]
    assert len(picture_runs) == 1, len(picture_runs)
    # A load with a newer report moves the key: the next rerun shows it.
    (tmp_data / "inbox" / "b.csv").write_text(REPORT.format(hh="09", n=250))
    assert run_cli(tmp_data, "load").returncode == 0
    assert trends.vulnerable(now + dt.timedelta(minutes=6), ["ARE"])["citizens"].tolist() == [250]


def test_an_old_version_is_let_go_once_no_query_runs_on_it(monkeypatch, tmp_data: Path):
    """The read side must not hold the previous file open: the next load reuses it as its standby."""
    (tmp_data / "inbox" / "a.csv").write_text(REPORT.format(hh="08", n=100))
    assert run_cli(tmp_data, "load").returncode == 0
    db = tmp_data / "warehouse.duckdb"
    monkeypatch.setenv("SITROOM_DB", str(db))
    assert warehouse.query("SELECT sum(count) AS n FROM headcounts")["n"].iloc[0] == 100
    (tmp_data / "inbox" / "b.csv").write_text(REPORT.format(hh="09", n=50))
    assert run_cli(tmp_data, "load").returncode == 0
    assert warehouse.query("SELECT sum(count) AS n FROM headcounts")["n"].iloc[0] == 150
    # The old version is now the standby; this process no longer holds it, so another process
    # (the next load) can lock it for writing. (File locks never conflict within one process.)
    standby = db.with_name(db.name + ".standby")
    probe = "import duckdb, sys; duckdb.connect(sys.argv[1]).close(); print('ok')"
    res = subprocess.run([sys.executable, "-c", probe, str(standby)], capture_output=True, text=True, timeout=60,
                         check=False)
    assert res.stdout.strip() == "ok", res.stderr[-500:]
    # While a query still holds a version, it stays locked: the control for the check above.
    con = warehouse._connection(warehouse.version())
    try:
        res = subprocess.run([sys.executable, "-c", probe, str(db)], capture_output=True, text=True, timeout=60,
                             check=False)
        assert "lock" in res.stderr.lower()
    finally:
        warehouse._release(con)


@pytest.fixture(autouse=True)
def _fresh_caches():
    warehouse._cache.clear()
    yield
    warehouse._cache.clear()


def _probe_moments(db: Path) -> list[dt.datetime]:
    """Moments just after and half-way between the moments the Overview's and Evacuation's
    queries may change at (reports, airspace bounds, movement events and their 72-hour window
    ends, evacuation groups), plus a year past the last: live mode's "now"."""
    events = sorted({r[0] for r in fetch(db, """
        SELECT as_of FROM headcounts UNION SELECT valid_from FROM airspace
        UNION SELECT reported_at FROM movements UNION SELECT scheduled FROM movements
        UNION SELECT scheduled - INTERVAL 72 HOUR FROM movements
        UNION SELECT scheduled + INTERVAL 72 HOUR FROM movements UNION SELECT date FROM evacuations
        UNION SELECT period_end FROM hotline_periods UNION SELECT period_end + INTERVAL 24 HOUR FROM hotline_periods
        UNION SELECT sent_at FROM alert_campaigns""")})
    assert len(events) > 20
    halves = [a + (b - a) / 2 for a, b in itertools.pairwise(events)]
    just_after = [e + dt.timedelta(minutes=1) for e in events]
    picked = halves[::max(1, len(halves) // 6)] + just_after[::max(1, len(just_after) // 6)]
    return picked + [events[-1] + dt.timedelta(days=365)]


def _same(a, b, ordered: bool = True) -> None:
    import pandas.testing as pdt

    if not ordered:  # a query without ORDER BY: the rows in any order
        a, b = (x.sort_values(list(x.columns)) for x in (a, b))
    pdt.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True), check_dtype=False)


def test_overview_and_evacuation_read_the_snapped_moment_and_show_the_real_one(monkeypatch, sample_warehouse):
    """Each cached query of the two pages (and the Overview's contact strip), run for the snapped
    moment, equals the same SQL run for the moment itself — including the parts that move with
    the clock (a report's age, the 24-hour comparisons, the 72-hour plan and the movements
    board's window)."""
    from situation.queries import contact
    from situation.queries import evacuation as eq
    from situation.queries import overview as oq
    from situation.queries.common import sql

    monkeypatch.setenv("SITROOM_DB", str(sample_warehouse))
    raw = warehouse.query
    for t in _probe_moments(sample_warehouse):
        assert moments.overview(t) <= t and moments.evacuation(t) <= t
        for c in ([], ["IRN"]):
            p = {"t": t, "countries": c}
            _same(oq.countries_now(t, c), raw(sql("overview_countries"), p))
            _same(oq.freshness(t, c), raw(sql("overview_freshness"), p))
            _same(oq.changes(t - dt.timedelta(hours=24), t, c),
                  raw(sql("overview_changes"), p | {"since": t - dt.timedelta(hours=24)}),
                  ordered=False)  # its ORDER BY leaves ties (two missions' reports at one moment)
            _same(oq.indicators(t, c).reset_index(),
                  raw(sql("overview_indicators"), p | {"day": t - dt.timedelta(hours=24)}))
            _same(eq.operation(t, c), raw(sql("evacuation_operation"), p))
            _same(eq.board(t, c), raw(sql("evacuation_board"), p | {"hours": eq.BOARD_HOURS}))
            _same(eq.groups(t, c), raw(sql("evacuation_groups"), p))
            _same(eq.plan(t, c), raw(sql("evacuation_plan"), p), ordered=False)
            _same(eq.land_plan(t, c), raw(sql("evacuation_land_plan"), p))
            _same(trends.evacuations(t, c), raw(sql("evacuation_done"), p))
            _same(contact.by_country(t, c), raw(sql("contact_by_country"), p))
            day = t - dt.timedelta(hours=24)
            assert contact.totals(t, c).loc["day", "requests_open"] == \
                raw(sql("contact_waiting"), {"t": day, "countries": c})["requests_open"].iloc[0]
        _same(oq.airspace(t), raw(sql("overview_airspace"), {"t": t}))
    # Live mode: an hour of minutes after the last event is one moment for every query.
    last = _probe_moments(sample_warehouse)[-1]
    assert {moments.overview(last + dt.timedelta(minutes=m)) for m in range(60)} == {moments.overview(last)}
