"""Bulletin extraction: fixtures in three languages with their expected tables, the traps (dates,
phones, flights, totals, other nationalities, permits), the kind's sniff, and the round trip
extract → load → latest_headcounts with mission BULLETIN and sources.kind 'bulletin'."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from etl.bulletin import extract
from etl.bulletin import lang as L
from etl.bulletin.numbers import find_date, numbers, parse_as_of
from etl.files import head
from etl.kinds.bulletin import KIND
from tests.conftest import ROOT, SAMPLE, cli_env, fetch, run_cli

FIX = ROOT / "tests" / "fixtures" / "bulletins"
BULLETINS = sorted(FIX.glob("*.txt"))
# SITUATION.md, reference day: what every dated fixture must yield (count, approximate).
REFERENCE_DAY = {"ARE": (3500, True), "SAU": (3000, True), "QAT": (1500, True), "BHR": (168, False),
                 "KWT": (134, False), "JOR": (134, False), "ISR": (100, True), "IRN": (82, False)}


def _figures(e) -> set[tuple]:
    return {(f.country_iso3, f.count, f.approximate) for f in e.figures}


@pytest.mark.parametrize("path", BULLETINS, ids=lambda p: p.stem)
def test_fixture_matches_expected_table(path: Path) -> None:
    want = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    e = extract(path.read_text(encoding="utf-8"))
    got = _figures(e)
    exp = {(f["country"], f["count"], f["approximate"]) for f in want["figures"]}
    tp = len(got & exp)
    precision = tp / len(got) if got else 1.0
    recall = tp / len(exp) if exp else 1.0
    print(f"{path.name}: figures precision {precision:.2f} recall {recall:.2f} ({tp}/{len(exp)})")
    assert got == exp
    assert e.lang == want["lang"]
    assert (e.as_of.isoformat(sep=" ") if e.as_of else None) == want["as_of"]
    assert [(f.country_iso3, list(f.categories), f.line) for f in e.figures] == \
        [(f["country"], f["categories"], f["line"]) for f in want["figures"]]
    assert [(v.from_iso3, v.from_city, v.via_iso3, v.to_iso3, v.people, v.line) for v in e.evacuations] == \
        [(v["from"], v["from_city"], v["via"], v["to"], v["people"], v["line"]) for v in want["evacuations"]]
    assert [(v.from_iso3, v.from_city, v.via_iso3, v.to_iso3, v.people, v.line) for v in e.plans] == \
        [(v["from"], v["from_city"], v["via"], v["to"], v["people"], v["line"]) for v in want["plans"]]
    assert [(t.count, t.approximate, t.line) for t in e.totals] == \
        [(t["count"], t["approximate"], t["line"]) for t in want["totals"]]
    assert [(n.line, list(n.numbers)) for n in e.not_understood] == \
        [(n["line"], n["numbers"]) for n in want["not_understood"]]
    # Nothing invented: every figure's sentence is in the file, on its line, holding its number.
    lines = path.read_text(encoding="utf-8").splitlines()
    for f in e.figures:
        assert f.sentence in lines[f.line - 1] and f.number in f.sentence


@pytest.mark.parametrize("path", [p for p in BULLETINS if "2026-03-04" in p.name], ids=lambda p: p.stem)
def test_reference_day_in_every_language(path: Path) -> None:
    e = extract(path.read_text(encoding="utf-8"))
    assert {f.country_iso3: (f.count, f.approximate) for f in e.figures} == REFERENCE_DAY
    assert e.as_of is not None and e.as_of.date() == dt.date(2026, 3, 4)
    assert [(v.from_iso3, v.from_city, v.people) for v in e.evacuations] == [("IRN", "Tehran", 50)]
    assert [(t.count, t.approximate) for t in e.totals] == [(8600, True)]
    # The traps: none of these numbers is a figure or an evacuation.
    taken = {f.count for f in e.figures} | {v.people for v in e.evacuations}
    assert not taken & {2, 6, 20, 200, 896, 2026, 7172, 8600, 90}
    assert [n.numbers for n in e.not_understood] == [("2",)], "the 2 permits are for the analyst"


def test_categories_when_stated() -> None:
    e = extract((FIX / "bulletin_ru_2026-03-04.txt").read_text(encoding="utf-8"))
    cats = {f.country_iso3: f.categories for f in e.figures}
    assert cats["ARE"] == ("tourist",) and cats["QAT"] == ("transit",) and cats["SAU"] == ("pilgrim", "tourist")
    assert cats["BHR"] == ()
    assert {f.country_iso3: f.category for f in e.figures}["SAU"] == "other"  # two stated: not one of them


@pytest.mark.parametrize(("text", "expected"), [
    ("Иранда 82 Қазақстан азаматы бар.", {("IRN", 82, False)}),
    ("БАӘ-де шамамен 3\u00a0500 адам бар.", {("ARE", 3500, True)}),
    ("САҚ-та 3 000-ға жуық азамат бар.", {("SAU", 3000, True)}),
    ("Қатарда 1 500-ге жуық азамат бар.", {("QAT", 1500, True)}),
    ("Кувейт пен Иорданияда 134-тен азамат бар.", {("KWT", 134, False), ("JOR", 134, False)}),
    ("В Кувейте и Иордании — по 134 гражданина.", {("KWT", 134, False), ("JOR", 134, False)}),
    ("134 each in Kuwait and Jordan.", {("KWT", 134, False), ("JOR", 134, False)}),
    ("В Саудовской Аравии находятся свыше 3 000 паломников.", {("SAU", 3000, True)}),
    ("В Объединённых Арабских Эмиратах около 3 500 граждан.", {("ARE", 3500, True)}),
    ("Біріккен Араб Әмірліктерінде 3 500-дей азамат бар.", {("ARE", 3500, True)}),
    ("There are approximately 3,500 citizens in the UAE.", {("ARE", 3500, True)}),
    ("В Израиле — 100 граждан.", {("ISR", 100, False)}),
    ("После того в Израиле 100 граждан.", {("ISR", 100, False)}),  # "того" is not Togo
])
def test_sentences(text: str, expected: set) -> None:
    e = extract(text, as_of=dt.datetime(2026, 3, 4))
    assert _figures(e) == expected, (e.figures, e.not_understood)


@pytest.mark.parametrize("text", [
    "Телефон горячей линии: +7 7172 72-00-00.",
    "С 28 февраля 2026 года пространство закрыто.",
    "Рейс KC 896 в Дубай отменён.",
    "Министры 6 стран, включая Иран, договорились.",
    "In Iran, 200 Uzbek citizens await a bus.",
    "В Иране находятся 200 граждан Узбекистана.",
    "Около 90% граждан в ОАЭ на связи.",
    "В 10:00 в Катаре открылся аэропорт.",
])
def test_traps_are_not_figures(text: str) -> None:
    e = extract(text, as_of=dt.datetime(2026, 3, 4))
    assert e.figures == [] and e.not_understood == [], (e.figures, e.not_understood)


@pytest.mark.parametrize("text", [
    "In total about 8 600 citizens are in the region.",
    "Всего в регионе находятся свыше 8 600 казахстанцев.",
    "Барлығы өңірде 8 600-ге жуық отандасымыз жүр.",
])
def test_totals_are_never_a_country(text: str) -> None:
    e = extract(text, as_of=dt.datetime(2026, 3, 4))
    assert e.figures == [] and [(t.count, t.approximate) for t in e.totals] == [(8600, True)]


def test_unattributed_numbers_are_listed_not_guessed() -> None:
    e = extract("In Cyprus and Lebanon there are 40 citizens. 12 are children.", as_of=dt.datetime(2026, 3, 4))
    assert e.figures == []
    assert [(n.line, n.numbers) for n in e.not_understood] == [(1, ("40",)), (1, ("12",))]


@pytest.mark.parametrize(("text", "moment"), [
    ("Брифинг 4 марта 2026 г.", dt.datetime(2026, 3, 4)),
    ("2026 жылғы 4 наурыз", dt.datetime(2026, 3, 4)),
    ("Астана, 4 наурыз 2026", dt.datetime(2026, 3, 4)),
    ("Astana, March 4, 2026", dt.datetime(2026, 3, 4)),
    ("Update 04.03.2026 10:30", dt.datetime(2026, 3, 4, 10, 30)),
    ("March 4, 2026, as of 10:00 Astana time", dt.datetime(2026, 3, 4, 5, 0)),
])
def test_bulletin_dates(text: str, moment: dt.datetime) -> None:
    assert find_date(text)[0] == moment


def test_as_of_option_parsing() -> None:
    assert parse_as_of("2026-03-04T10:00+05:00") == dt.datetime(2026, 3, 4, 5, 0)
    assert parse_as_of("2026-03-04 10:00") == dt.datetime(2026, 3, 4, 10, 0)
    with pytest.raises(ValueError):
        parse_as_of("tomorrow")


def test_numbers_and_language() -> None:
    nums, _ = numbers("около 3\u00a0500, 3 000-ға жуық, 3,500 и 134-тен")
    assert [(n.value, n.suffix) for n in nums] == [(3500, ""), (3000, "ға"), (3500, ""), (134, "тен")]
    assert L.detect_lang("Иранда 82 Қазақстан азаматы бар.") == "kk"
    assert L.detect_lang("В Иране 82 гражданина.") == "ru"
    assert L.detect_lang("82 citizens in Iran.") == "en"


def test_sniff_takes_bulletins_only() -> None:
    for p in BULLETINS:
        assert KIND.sniff(head(p), p), p
    others = [p for p in SAMPLE.iterdir() if p.is_file()] + [p for p in (ROOT / "tests" / "fixtures" / "notams").rglob("*")
                                                             if p.is_file()]
    others += [ROOT / "README.md", ROOT / "data" / "templates" / "README.md"]
    for p in others:
        assert not KIND.sniff(head(p), p), p


def test_sniff_refuses_csv_and_notams(tmp_path: Path) -> None:
    csv_file = tmp_path / "broken.csv"
    csv_file.write_text("дата;страна;граждан\n04.03.2026;Иран;82\n04.03.2026;Катар;1500\n", encoding="utf-8")
    notam = tmp_path / "n.txt"
    notam.write_text("A0793/26 NOTAMN\nQ) OIIX/QAFLC/IV/NBO/E/000/999/\nA) OIIX B) 2603010000 C) PERM\n"
                     "E) IRAN FIR CLOSED. 82 CITIZENS OF KAZAKHSTAN IN IRAN.\n", encoding="utf-8")
    for p in (csv_file, notam):
        assert not KIND.sniff(head(p), p), p


def test_extract_needs_a_date_off_a_terminal(tmp_data: Path) -> None:
    res = subprocess.run([sys.executable, "-m", "etl", "extract", str(FIX / "bulletin_en_nodate.txt")],
                         check=False, cwd=ROOT, env=cli_env(tmp_data), capture_output=True, text=True,
                         stdin=subprocess.DEVNULL,
                         timeout=120)
    assert res.returncode == 2 and "--as-of" in res.stderr
    assert not list((tmp_data / "inbox").iterdir())


def test_round_trip_extract_load(tmp_data: Path) -> None:
    res = run_cli(tmp_data, "extract", str(FIX / "bulletin_en_nodate.txt"), "--as-of", "2026-03-05T12:00+05:00")
    assert res.returncode == 1, res.stdout + res.stderr  # three sentences are for the analyst
    assert "NOT UNDERSTOOD" in res.stdout and "PLANNED" in res.stdout and "Another 30 citizens" in res.stdout
    report = tmp_data / "inbox" / "bulletin_en_nodate.bulletin.csv"
    assert report.exists()
    res = run_cli(tmp_data, "extract", str(FIX / "bulletin_kk_2026-03-04.txt"))
    assert res.returncode == 1 and "ARE" in res.stdout and "Tehran" in res.stdout
    res = run_cli(tmp_data, "load")
    assert res.returncode == 0, res.stdout + res.stderr
    db = tmp_data / "warehouse.duckdb"
    rows = fetch(db, "SELECT h.country_iso3, h.count, h.approximate, h.as_of, h.mission_id, s.kind FROM headcounts h "
                     "JOIN sources s USING (source_id) ORDER BY h.as_of, h.country_iso3")
    assert {r[4] for r in rows} == {"BULLETIN"} and {r[5] for r in rows} == {"bulletin"}
    assert ("OMN", 45, False, dt.datetime(2026, 3, 5, 7, 0), "BULLETIN", "bulletin") in rows
    latest = {c: (n, a) for c, n, a in fetch(db, "SELECT country_iso3, count, approximate FROM latest_headcounts")}
    assert latest == REFERENCE_DAY | {"OMN": (45, False), "EGY": (1200, True), "TUR": (300, True)}
    assert fetch(db, "SELECT from_iso3, from_city, people FROM evacuations") == [("IRN", "Tehran", 50)]


def test_load_bulletin_text_directly(tmp_data: Path) -> None:
    src = tmp_data / "inbox" / "bulletin_ru.txt"
    src.write_bytes((FIX / "bulletin_ru_2026-03-04.txt").read_bytes())
    res = run_cli(tmp_data, "load")
    assert res.returncode == 1, res.stdout + res.stderr  # one sentence not understood: partial
    db = tmp_data / "warehouse.duckdb"
    # 8 figures, 1 evacuation, 1 region-wide total (kept apart as a statement).
    assert fetch(db, "SELECT kind, rows_loaded, rows_rejected FROM sources") == [("bulletin", 10, 1)]
    assert fetch(db, "SELECT statement, people, approximate, line FROM bulletin_statements") == [
        ("total_present", 8600, True, 7)]
    latest = {c: (n, a) for c, n, a in fetch(db, "SELECT country_iso3, count, approximate FROM latest_headcounts")}
    assert latest == REFERENCE_DAY
    hc = fetch(db, "SELECT line, note FROM headcounts WHERE country_iso3 = 'IRN'")
    assert hc[0][0] == 6 and "82 гражданина" in hc[0][1]
    rej = fetch(db, "SELECT line, code, raw FROM rejects")
    assert len(rej) == 1 and rej[0][:2] == (9, "not_understood") and "для 2 граждан" in rej[0][2]
    assert fetch(db, "SELECT from_iso3, to_iso3, people, line FROM evacuations") == [("IRN", "KAZ", 50, 6)]
    assert "destination not stated" in fetch(db, "SELECT note FROM evacuations")[0][0]
    assert not list((tmp_data / "inbox").iterdir())  # loaded files leave the inbox
