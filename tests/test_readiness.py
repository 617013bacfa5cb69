"""Readiness rules (data/reference/readiness.toml): each rule on its own, the clause language,
the translated reasons, and the sample's countries."""
from __future__ import annotations

import datetime as dt
import tomllib

import pytest

from situation.display import readiness as rw
from situation.display.formatting import plain_spaces
from situation.queries import readiness as r

RULES = r.load_rules()

# Facts of a country where nothing is wrong: airspace open, everyone housed and reached.
CALM = {"airspace": "open", "land_route": False, "land_open_to": [], "exit": True,
        "housed_share": 1.0, "contacted_share": 1.0, "report_age_hours": 1.0,
        "vulnerable": 10.0, "citizens": 100.0, "casualties": 0.0}
CLOSED = {**CALM, "airspace": "closed", "exit": False}


def facts(**kw: object) -> dict:
    return {**CALM, **kw}


# One case per rule: the facts that make exactly this rule the first to match.
CASES = {
    "casualties": facts(casualties=2.0),
    "stale_report": facts(report_age_hours=30.0),
    "no_exit_low_contact": {**CLOSED, "contacted_share": 0.7},
    "no_exit_unhoused": {**CLOSED, "housed_share": 0.4},
    "airspace_unknown": facts(airspace="unknown", exit=False),
    "land_route": {**CLOSED, "land_route": True, "land_open_to": ["ARM"], "exit": True},
    "land_route_low_contact": {**CLOSED, "land_route": True, "land_open_to": ["ARM"], "exit": True,
                               "contacted_share": 0.85},
    "flights_restricted": facts(airspace="restricted", exit=False),
    "sheltering": CLOSED,
    "low_contact": facts(contacted_share=0.85),
    "ready": CALM,
    # The evacuation operation: people registered to leave and no seat planned in 72 h.
    "no_capacity": facts(remaining=14.0, seats_next_72h=0.0),
}
LEVEL = {rule.id: rule.level for rule in RULES}


def test_every_rule_has_a_case():
    assert set(CASES) == {rule.id for rule in RULES}


@pytest.mark.parametrize("rule_id", list(CASES))
def test_rule_on_its_own(rule_id):
    v = r.evaluate(CASES[rule_id], RULES, {"stale_hours": 24.0})
    assert (v.rule, v.level) == (rule_id, LEVEL[rule_id])
    assert v.reason == f"readiness.reason.{rule_id}"


def test_levels_by_severity():
    assert LEVEL["casualties"] == LEVEL["stale_report"] == "red"
    assert LEVEL["land_route_low_contact"] == LEVEL["sheltering"] == "amber"
    # A way out by land and people registered: ready to evacuate, although the sky is shut.
    assert LEVEL["land_route"] == LEVEL["ready"] == "green"


def test_stale_threshold_comes_from_the_setting(monkeypatch):
    f = facts(report_age_hours=30.0)
    assert r.evaluate(f, RULES, {"stale_hours": 48.0}).rule == "ready"
    monkeypatch.setenv("SITROOM_STALE_HOURS", "12")
    assert r.stale_hours() == 12.0
    monkeypatch.setenv("SITROOM_STALE_HOURS", "soon")
    assert r.stale_hours() == 24.0  # a broken setting does not break the page


def test_missing_figure_never_matches_a_comparison():
    # contacted not reported: "contacted_share < 0.8" must not fire (unknown is not "low")
    v = r.evaluate({**CLOSED, "contacted_share": None}, RULES, {"stale_hours": 24.0})
    assert v.rule == "sheltering"
    assert r.holds(r.Clause("contacted_share", "is null"), {"contacted_share": None}, {})
    assert r.holds(r.Clause("contacted_share", "not null"), {"contacted_share": 0.5}, {})
    assert not r.holds(r.Clause("contacted_share", "<", 0.8), {"contacted_share": float("nan")}, {})


@pytest.mark.parametrize(("op", "value", "x", "expected"), [
    ("==", "closed", "closed", True), ("!=", "open", "closed", True),
    ("<", 0.5, 0.4, True), ("<=", 0.5, 0.5, True), (">", 3, 3, False), (">=", 3, 3, True),
    ("in", ["closed", "restricted"], "restricted", True), ("not in", ["open"], "open", False),
    ("<", 5, "text", False),  # a type mismatch is a non-match, not a crash
])
def test_operators(op, value, x, expected):
    assert r.holds(r.Clause("airspace", op, value), {"airspace": x}, {}) is expected


def test_rule_file_is_data_not_code():
    data = {"rule": [
        {"id": "x", "level": "red", "reason": "readiness.reason.casualties",
         "when": [{"field": "airspace", "op": "==", "value": "__import__('os').system('false')"}]},
        {"id": "d", "level": "green", "reason": "readiness.reason.ready", "when": []}]}
    rules = r.parse_rules(data)
    assert r.evaluate({"airspace": "closed"}, rules).rule == "d"  # compared as text, never run


@pytest.mark.parametrize(("bad", "message"), [
    ({"field": "mood", "op": "==", "value": 1}, "unknown field"),
    ({"field": "airspace", "op": "matches", "value": 1}, "unknown op"),
    ({"field": "airspace", "op": "=="}, "needs a value"),
])
def test_bad_rule_file_is_rejected(bad, message):
    data = {"rule": [{"id": "x", "level": "red", "reason": "readiness.reason.casualties", "when": [bad]},
                     {"id": "d", "level": "green", "reason": "readiness.reason.ready", "when": []}]}
    with pytest.raises(ValueError, match=message):
        r.parse_rules(data)


def test_rule_file_needs_a_default_last_and_known_reasons():
    with pytest.raises(ValueError, match="last rule"):
        r.parse_rules({"rule": [{"id": "x", "level": "red", "reason": "readiness.reason.casualties",
                                 "when": [{"field": "casualties", "op": ">", "value": 0}]}]})
    with pytest.raises(ValueError, match="reason"):
        r.parse_rules({"rule": [{"id": "d", "level": "green", "reason": "readiness.reason.nope", "when": []}]})
    with pytest.raises(ValueError, match="level"):
        r.parse_rules({"rule": [{"id": "d", "level": "blue", "reason": "readiness.reason.ready", "when": []}]})


def test_shipped_file_uses_only_known_reasons():
    with r.rules_path().open("rb") as fh:
        data = tomllib.load(fh)
    assert {rule["reason"] for rule in data["rule"]} <= set(r.REASONS)


NAMES = {"ARM": {"name_en": "Armenia", "name_ru": "Армения", "name_kk": "Армения"},
         "TKM": {"name_en": "Turkmenistan", "name_ru": "Туркменистан", "name_kk": "Түрікменстан"}}


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "Ready to evacuate — way out by land open to Armenia, Turkmenistan (airspace closed); 92% contacted"),
    ("ru", ("Готовы к эвакуации — открыт выезд по суше — Армения, Туркменистан (воздушное пространство: "
            "закрыто); на связи 92 %")),
    ("kk", ("Эвакуацияға дайын — құрлықпен шығу жолы ашық: Армения, Түрікменстан (әуе кеңістігі жабық); "
            "байланыста 92%")),
])
def test_reason_reads_in_each_language(lang, expected):
    f = {**CLOSED, "land_route": True, "land_open_to": ["ARM", "TKM"], "exit": True, "contacted_share": 0.92}
    v = r.evaluate(f, RULES, {"stale_hours": 24.0})
    assert plain_spaces(rw.reason_text(v, f, lang, NAMES)) == expected
    assert plain_spaces(rw.reason_text(v, f, lang, NAMES, with_level=False)) == expected.split(" — ", 1)[1]


def test_stale_reason_formats_the_age():
    f = facts(report_age_hours=30.0)
    v = r.evaluate(f, RULES, {"stale_hours": 24.0})
    assert plain_spaces(rw.reason_text(v, f, "en")) == "Not ready — no fresh report: the last came 1 day ago"
    assert plain_spaces(rw.reason_text(v, f, "ru")) == "Не готовы — нет свежих данных: с последнего отчёта прошло 1 дн."


def test_sample_countries(monkeypatch, sample_warehouse):
    monkeypatch.setenv("SITROOM_DB", str(sample_warehouse))
    from situation.queries import overview as oq
    rows = oq.countries_now(dt.datetime(2026, 3, 4, 11, 0)).to_dict("records")
    got = {a["country_iso3"]: a for a in rw.assess(rows, "en", NAMES)}
    assert got["IRN"]["rule"] == "land_route"  # closed sky, Nordooz–Agarak and Turkmenistan open
    assert "Armenia" in got["IRN"]["reason"]
    assert got["ARE"]["rule"] == "sheltering"  # closed, no land route, housed in hotels
    assert got["SAU"]["rule"] == "flights_restricted"
    # Iran (open land route, people registered) and the UAE (3 500 people, no way out) differ in
    # level and in reason: the table tells a leader where an evacuation can start today.
    assert (got["IRN"]["level"], got["ARE"]["level"]) == ("green", "amber")
    assert "no way out" in got["ARE"]["reason"] and "housed" in got["ARE"]["reason"]
    assert "way out by land" in got["IRN"]["reason"]
    assert len({a["why"] for a in got.values()}) >= 4, "every country reads alike"
    assert {a["level"] for a in got.values()} <= {"green", "amber", "red"}


def test_no_capacity_needs_people_left_and_no_seats():
    params = {"stale_hours": 24.0}
    assert r.evaluate(facts(remaining=14.0, seats_next_72h=180.0), RULES, params).rule == "ready"
    assert r.evaluate(facts(remaining=0.0, seats_next_72h=0.0), RULES, params).rule == "ready"
    assert r.evaluate(facts(remaining=None, seats_next_72h=0.0), RULES, params).rule == "ready"  # not reported
    v = r.evaluate(facts(remaining=14.0, seats_next_72h=0.0), RULES, params)
    text = plain_spaces(rw.reason_text(v, facts(remaining=14.0, seats_next_72h=0.0), "ru"))
    assert "хотят выехать 14 чел." in text and "не запланировано" in text


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_level_states_what_it_means(lang):
    from situation.i18n import t

    meanings = {level: t(r.MEANINGS[level], lang) for level in r.LEVELS}
    assert len(set(meanings.values())) == 3 and all(len(m) > 40 for m in meanings.values())
    assert "90" in meanings["green"]  # the threshold the green rule uses is the one stated
