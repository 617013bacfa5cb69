"""Countries page: trends, vulnerable groups, missions, airspace, routes and sources, on the sample,
on an empty warehouse and with filters that match nothing; the trend query against headcounts_at."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import REFERENCE_DAY, open_page, plain
from tests.conftest import fetch

PAGE = "pages/countries.py"


def _page(monkeypatch, db: Path, **params: str) -> AppTest:
    params.setdefault("as_of", REFERENCE_DAY)  # the figures asserted are the reference day's
    return open_page(monkeypatch, db, PAGE, **params)


_plain = plain


def _metrics(at: AppTest) -> str:
    return _plain(" | ".join(f"{m.label}: {m.value}" for m in at.metric))


def _charts(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def _text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    parts += [w.value for w in at.warning] + [e.label for e in at.expander]
    parts += [df.value.to_csv() for df in at.dataframe]
    return _plain("\n".join(parts))


def test_default_shows_top_eight_in_kazakh(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse)
    assert not at.exception
    assert at.title[0].value == "Елдер: динамика және дереккөздер"
    assert "шамамен 8 600" in _metrics(at)  # the bulletin's eight countries, 8 618 partly estimated
    assert any("ең көп 8 ел" in _plain(c.value) for c in at.caption)
    charts = _charts(at)
    assert len(charts) == 5  # three trends, vulnerable, airspace
    hover = json.dumps(charts[0]["data"], ensure_ascii=False)
    assert "Жағдай уақыты" in hover and "UTC" in hover
    # The files behind a point come on a click (charts.trend_point), not in every point's hover.
    assert "headcounts_2026-03-04.csv" not in hover
    text = _text(at)
    assert "headcounts_2026-03-04.csv" in text  # the sources table and its expander
    assert "Қазақстанның Дубайдағы бас консулдығы" in text  # mission names in the language


def test_selecting_a_country_changes_the_figures(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse)
    at.radio(key="w_lang").set_value("ru").run()
    at.multiselect(key="w_countries").set_value(["IRN"]).run()
    assert not at.exception
    assert "Граждане в регионе: 82" in _metrics(at) or ": 82 |" in _metrics(at)
    text = _text(at)
    assert "Нордуз — Агарак" in text and "UDYZ" in text  # routes out of Iran
    gantt = _charts(at)[-1]
    assert "OIIX A0201/26" in json.dumps(gantt["data"])  # NOTAM ids on hover
    assert "Иран" in json.dumps(gantt["data"], ensure_ascii=False)


def test_english_and_a_country_without_routes(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse, lang="en", countries="ARE")
    assert not at.exception
    assert "about 3,500" in _metrics(at)
    text = _text(at)
    assert "No land evacuation routes" in text
    assert "Dubai" in json.dumps(_charts(at)[2]["data"])  # the by-city trend


def test_as_of_before_the_first_report(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse, lang="en")
    at.toggle(key="w_live").set_value(False).run()
    at.date_input(key="w_date").set_value(dt.date(2026, 2, 1)).run()
    assert not at.exception
    assert any("No reports before" in i.value for i in at.info)
    assert not at.get("plotly_chart")


def test_a_country_with_no_reports(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse, lang="en", countries="OMN")
    assert not at.exception
    assert any("Oman" in w.value for w in at.warning)
    assert any("No data matches" in i.value for i in at.info)


def test_empty_and_missing_warehouse(monkeypatch, tmp_path, empty_warehouse):
    at = _page(monkeypatch, empty_warehouse, lang="en")
    assert not at.exception
    assert any("No mission reports" in i.value for i in at.info)
    at = _page(monkeypatch, tmp_path / "none.duckdb", lang="en")
    assert not at.exception
    assert any("python -m etl load" in i.value for i in at.info)


@pytest.mark.parametrize("countries", [[], ["ARE", "IRN"]])
def test_trend_equals_headcounts_at_at_every_moment(monkeypatch, sample_warehouse, countries):
    monkeypatch.setenv("SITROOM_DB", str(sample_warehouse))
    from situation.queries import trends
    at = dt.datetime(2026, 3, 4, 12)
    df = trends.trend(at, countries, "country")
    assert len(df)
    for row in df.sample(min(len(df), 25), random_state=1).itertuples():
        want = fetch(sample_warehouse, "SELECT sum(count) FROM headcounts_at(?) WHERE country_iso3 = ?",
                     [row.moment.to_pydatetime(), row.country_iso3])[0][0]
        assert row.citizens == want, (row.moment, row.country_iso3)
    by_cat = trends.trend(at, countries, "category")
    last = by_cat[by_cat["moment"] == by_cat["moment"].max()]["citizens"].sum()
    assert last == df[df["moment"] == df["moment"].max()]["citizens"].sum()


def test_trend_takes_a_correction_like_headcounts_at(monkeypatch, sample_copy):
    """A later file re-reporting the same mission/city/category and moment replaces the figure."""
    import duckdb

    con = duckdb.connect(str(sample_copy))
    key = con.execute("SELECT as_of, country_iso3, city, category, mission_id, count FROM headcounts "
                      "WHERE country_iso3 = 'IRN' ORDER BY as_of LIMIT 1").fetchone()
    con.execute("INSERT INTO sources (source_id, path, original_name, sha256, kind, loaded_at) "
                "VALUES (99, 'archive/x.csv', 'correction.csv', 'x', 'headcounts', TIMESTAMP '2026-03-05')")
    con.execute("INSERT INTO headcounts (as_of, country_iso3, city, category, count, approximate, mission_id, "
                "source_id, line) VALUES (?, ?, ?, ?, ?, false, ?, 99, 2)",
                [key[0], key[1], key[2], key[3], key[5] + 1000, key[4]])
    con.execute("CHECKPOINT")
    con.close()
    monkeypatch.setenv("SITROOM_DB", str(sample_copy))
    from situation.queries import trends
    df = trends.trend(dt.datetime(2026, 3, 4, 12), ["IRN"], "country")
    for row in df.itertuples():
        want = fetch(sample_copy, "SELECT sum(count) FROM headcounts_at(?) WHERE country_iso3 = 'IRN'",
                     [row.moment.to_pydatetime()])[0][0]
        assert row.citizens == want, row.moment
    first = df.iloc[0]
    assert "correction.csv" in list(first["files"])


def test_trend_thinned_to_what_a_screen_shows_keeps_the_values(monkeypatch, sample_warehouse):
    """More report moments than max_points: whole-hour buckets, at most about max_points of them,
    each point still the picture headcounts_at gives at its moment (the bucket's last report)."""
    monkeypatch.setenv("SITROOM_DB", str(sample_warehouse))
    from situation.queries import trends
    at = dt.datetime(2026, 3, 4, 12)
    full = trends.trend(at, [], "country")
    thin = trends.trend(at, [], "country", max_points=4)
    assert full["moment"].nunique() > 4
    assert thin["moment"].nunique() <= 4 + 1  # buckets aligned to whole hours: one more at most
    for row in thin.itertuples():
        want = fetch(sample_warehouse, "SELECT sum(count) FROM headcounts_at(?) WHERE country_iso3 = ?",
                     [row.moment.to_pydatetime(), row.country_iso3])[0][0]
        assert row.citizens == want, (row.moment, row.country_iso3)
    last = full[full["moment"] == full["moment"].max()].set_index("country_iso3")["citizens"]
    thin_last = thin[thin["moment"] == thin["moment"].max()].set_index("country_iso3")["citizens"]
    assert thin_last.to_dict() == last.to_dict()  # the newest picture is never thinned away
