"""Contact page and the overview's contact indicators on the sample, in three languages: the
figures are those of contact_at at the moment shown (read back from the warehouse, not typed
in), alert texts appear as sent whatever the interface language, and the empty states."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from situation.display.formatting import fmt_int
from situation.i18n import leaked_keys, t
from tests.apptest import open_page, plain
from tests.conftest import fetch

PAGE = "pages/contact.py"
AS_OF = "2026-03-04T12:00"
KK_TEXT = "ҚР СІМ: Дубай мен Эр-Риядтан арнайы рейстер"  # a Kazakh alert of the sample, as sent
RU_TEXT = "МИД РК: Из Дубая и Эр-Рияда организуются специальные рейсы"


def _page(monkeypatch, db: Path, **params: str) -> AppTest:
    return open_page(monkeypatch, db, PAGE, **params)


def _text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    parts += [s.value for s in at.subheader] + [x.value for x in at.text] + [at.title[0].value if at.title else ""]
    parts += [df.value.to_csv() for df in at.dataframe]
    return plain("\n".join(parts))


def _expected(db: Path, t_: str, countries: tuple[str, ...] = ()) -> dict[str, int]:
    where = f"WHERE country_iso3 IN ({', '.join('?' * len(countries))})" if countries else ""
    [(waiting, received, resolved, delivered, present)] = fetch(
        db, f"SELECT sum(requests_open), sum(requests_24h), sum(resolved_24h), sum(alert_delivered), sum(present) "
            f"FROM contact_at(?::TIMESTAMP) {where}", [t_.replace("T", " "), *countries])
    return {"waiting": waiting, "received": received, "resolved": resolved, "delivered": delivered,
            "present": present}


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_contact_page_in_three_languages(monkeypatch, sample_warehouse, lang):
    at = _page(monkeypatch, sample_warehouse, lang=lang, as_of=AS_OF)
    assert not at.exception
    exp = _expected(sample_warehouse, AS_OF)
    assert exp["waiting"] > 0 and exp["received"] > 0  # the sample has requests waiting at that moment
    metrics = {m.label: plain(m.value) for m in at.metric}
    assert metrics[t("contact.m_waiting", lang)] == plain(fmt_int(exp["waiting"], lang))
    assert metrics[t("contact.m_received", lang)] == plain(fmt_int(exp["received"], lang))
    assert metrics[t("contact.m_resolved", lang)] == plain(fmt_int(exp["resolved"], lang))
    text = _text(at)
    assert at.title[0].value == t("contact.title", lang)
    for key in ("contact.by_country", "contact.what_asked", "contact.waiting_missions", "contact.what_told"):
        assert t(key, lang) in text, key
    # what we told citizens: the texts as sent, in Kazakh and Russian, whatever the page's language
    assert KK_TEXT in text and RU_TEXT in text
    assert "KASPI-0302-FLIGHTS" in text
    assert "KASPI-0305-IRAN-LAND" not in text  # sent on 5 March, after the moment shown
    assert len(at.get("plotly_chart")) == 3
    assert not leaked_keys(text)
    topics = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert t("contact.topic.leave", lang) in {tr["name"] for tr in topics["data"]}
    missions = json.loads(at.get("plotly_chart")[1].proto.spec)
    assert missions["layout"]["title"]["text"] == t("contact.chart_open_missions", lang)
    assert sum(missions["data"][0]["x"]) == exp["waiting"]  # the per-mission bars add up to the headline


def test_one_country_and_a_later_moment(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse, lang="en", countries="IRN", as_of="2026-03-06T12:00")
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["Country"]) == ["Iran"]
    exp = _expected(sample_warehouse, "2026-03-06T12:00", ("IRN",))
    assert table["Waiting"].iloc[0] == fmt_int(exp["waiting"], "en")
    assert table["Campaign"].iloc[0] == "KASPI-0305-IRAN-LAND"
    text = _text(at)
    assert "Армения (Нордуз – Агарак)" in text  # the Russian text of the Iran campaign, as sent
    assert "KASPI-0302-FLIGHTS" not in text  # that campaign did not go to Iran
    titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]
    if exp["waiting"] == 0:  # Tehran's hotline has answered everyone by then
        assert any(i.value == "Nobody is waiting for an answer" for i in at.info)
        assert "Requests waiting for an answer" not in titles


def test_overview_shows_waiting_and_reach(monkeypatch, sample_warehouse):
    at = open_page(monkeypatch, sample_warehouse, "pages/overview.py", lang="ru", as_of=AS_OF)
    assert not at.exception
    assert len(at.metric) == 7  # the headline cards (with "in unknown airspace") stay as they are; contact is a strip of its own
    strip = plain(next(m.value for m in at.markdown if "sr-contact" in m.value))
    exp = _expected(sample_warehouse, AS_OF)
    assert t("contact.m_waiting", "ru") in strip and f">{plain(fmt_int(exp['waiting'], 'ru'))}<" in strip
    reach = round(100 * exp["delivered"] / exp["present"])
    assert f">{reach} %<" in strip and t("contact.m_reach", "ru") in strip


def test_before_any_contact_and_on_an_empty_warehouse(monkeypatch, sample_warehouse, empty_warehouse):
    at = _page(monkeypatch, sample_warehouse, lang="en", as_of="2026-02-27T00:00")
    assert not at.exception
    assert any("No hotline reports or alerts by" in i.value for i in at.info)
    at = _page(monkeypatch, empty_warehouse, lang="kk")
    assert not at.exception
    assert any(t("contact.none", "kk").split(" ")[0] in i.value or "жоқ" in i.value for i in at.info)
    over = open_page(monkeypatch, sample_warehouse, "pages/overview.py", lang="en", as_of="2026-02-28T06:00")
    assert not over.exception
    assert not [m for m in over.markdown if "sr-contact" in m.value]  # nothing to say before the first report
