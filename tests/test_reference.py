"""The versioned reference data (data/reference/) and the embedded sample (data/sample/).

Reads the files directly with csv/json/openpyxl — not through the ETL — so a broken reference
file or a sample that no longer adds up to the bulletin is caught on its own.
"""
from __future__ import annotations

import csv
import importlib.util
import json
import re
import sys
from collections import defaultdict
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import pycountry
import pytest

ROOT = Path(__file__).resolve().parent.parent
REF = ROOT / "data" / "reference"
SAMPLE = ROOT / "data" / "sample"
GEO_SHARED = ROOT.parent / "shared" / "geo"

IN_REGION = {
    "ARE", "SAU", "QAT", "BHR", "KWT", "JOR", "ISR", "IRN", "IRQ", "OMN",
    "YEM", "LBN", "SYR", "ARM", "AZE", "TKM", "TUR", "EGY", "CYP", "PSE",
}
LON_MIN, LAT_MIN, LON_MAX, LAT_MAX = 24.0, 10.0, 90.0, 56.0

# The ministry bulletin of 2026-03-04 (SITUATION.md): citizens per country, "about" or exact.
BULLETIN = {"ARE": (3500, True), "SAU": (3000, True), "QAT": (1500, True), "BHR": (168, False),
            "KWT": (134, False), "JOR": (134, False), "ISR": (100, True), "IRN": (82, False)}
SAMPLE_MARK = ("SAMPLE DATA — illustrative history; the 2026-03-04 figures are from the "
               "ministry's public bulletin")
WEEK_MARK = "SAMPLE DATA — illustrative week after the reference day"  # 2026-03-05 … 03-11 (issue 15)

# Header names per data/templates/README.md: English name → the ru/kk names also accepted.
HEADCOUNT_COLUMNS = {
    "as_of": {"дата", "дата_время", "күні"}, "mission": {"миссия", "өкілдік"},
    "country": {"страна", "ел"}, "city": {"город", "қала"}, "category": {"категория", "санат"},
    "citizens": {"граждан", "количество", "азаматтар", "саны"},
    "approximate": {"примерно", "шамамен"}, "elderly": {"пожилые", "қарттар"},
    "women": {"женщины", "әйелдер"}, "children": {"дети", "балалар"},
    "housed": {"в_гостинице", "размещены", "қонақүйде"}, "contacted": {"на_связи", "байланыста"},
    "casualties": {"пострадавшие", "зардап_шеккендер"}, "note": {"примечание", "ескерту"},
    "want_to_leave": {"хотят_выехать", "шығуға_ниетті"}, "medical": {"нуждаются_в_медпомощи", "медициналық_көмек"},
}
EVACUATION_COLUMNS = ["date", "from_country", "from_city", "via", "to_country", "people", "mode", "note"]


# ---------------------------------------------------------------- helpers

def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV, skipping leading `#` comment lines; separator sniffed from the header."""
    text = path.read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    delim = ";" if lines[0].count(";") > lines[0].count(",") else ","
    return list(csv.DictReader(lines, delimiter=delim, strict=True))


@cache
def ref(name: str) -> list[dict[str, str]]:
    rows = read_csv(REF / f"{name}.csv")
    for r in rows:  # a stray comma shifts columns; DictReader files the excess under None
        assert None not in r and None not in r.values(), f"{name}.csv: wrong field count in {r}"
    return rows


def norm_name(s: str) -> str:
    """The ETL's norm_name() (etl/sql/schema/00_macros.sql) in Python."""
    s = s.lower().replace("ё", "е")
    s = re.sub(r"[.,'’\"()«»]", "", s)
    return re.sub(r"[\s\-–—_]+", " ", s).strip()


def in_bbox(lat: float, lon: float) -> bool:
    return LAT_MIN <= lat <= LAT_MAX and LON_MIN <= lon <= LON_MAX


def iso3_set() -> set[str]:
    return {r["iso3"] for r in ref("countries")}


@cache
def lookup() -> dict[str, str]:
    """Every accepted country spelling (normalised) → ISO3, as the ETL builds country_aliases."""
    out: dict[str, str] = {}
    for r in ref("countries"):
        for k in ("iso3", "iso2", "name_en", "name_ru", "name_kk", "short_en", "short_ru", "short_kk"):
            if r[k]:
                out[norm_name(r[k])] = r["iso3"]
    for a in ref("country_aliases"):
        out[norm_name(a["alias"])] = a["iso3"]
    return out


def parse_count(raw: object) -> tuple[int, bool]:
    """'около 1 900' → (1900, True); 3500 → (3500, False)."""
    if isinstance(raw, int):
        return raw, False
    s = str(raw).strip().lower()
    approx = bool(re.search(r"~|около|порядка|шамамен|about", s))
    digits = re.sub(r"~|около|порядка|шамамен|about|\s", "", s)
    assert digits.isdigit(), f"not a count: {raw!r}"
    return int(digits), approx


def parse_time(raw: object) -> datetime:
    """UTC datetime from '2026-03-04 09:00', '2026-03-04T12:00+03:00' or an XLSX datetime."""
    t = raw if isinstance(raw, datetime) else datetime.fromisoformat(str(raw).strip())
    return t.replace(tzinfo=UTC) if t.tzinfo is None else t.astimezone(UTC)


def canonical(header: list[str]) -> list[str]:
    """Map a headcount header to the English column names; fail on an unknown column."""
    out = []
    for h in header:
        h = h.strip().lower()
        name = next((en for en, alt in HEADCOUNT_COLUMNS.items() if h == en or h in alt), None)
        assert name, f"column {h!r} is not in the headcount template"
        out.append(name)
    return out


@cache
def headcount_files() -> dict[str, tuple[str, list[dict]]]:
    """file name → (first line/title, rows keyed by English column names)."""
    files: dict[str, tuple[str, list[dict]]] = {}
    for p in sorted(SAMPLE.glob("headcounts_*.csv")):
        text = p.read_text(encoding="utf-8-sig")
        first = text.splitlines()[0]
        lines = [ln for ln in text.splitlines() if not ln.startswith("#")]
        delim = ";" if lines[0].count(";") > lines[0].count(",") else ","
        rows = list(csv.reader(lines, delimiter=delim, strict=True))
        header = canonical(rows[0])
        files[p.name] = (first, [dict(zip(header, r, strict=True)) for r in rows[1:]])
    for p in sorted(SAMPLE.glob("headcounts_*.xlsx")):
        from openpyxl import load_workbook

        ws = load_workbook(p, read_only=False).worksheets[0]
        values = [list(r) for r in ws.iter_rows(values_only=True)]
        header_at = next(i for i, r in enumerate(values) if r and r[0] == "as_of")
        assert header_at >= 1, "the XLSX sample should have a title row above the header"
        assert any(str(rng).startswith("A1:") for rng in ws.merged_cells.ranges), "title row not merged"
        header = canonical([str(c) for c in values[header_at]])
        title = " ".join(str(c) for r in values[:header_at] for c in r if c)
        rows = [dict(zip(header, r, strict=True)) for r in values[header_at + 1:] if any(r)]
        files[p.name] = (title, rows)
    return files


# Russian/Kazakh category words used in the sample → template category. Cross-checked with the
# ETL's data/reference/categories.csv when that file is present.
CATEGORY_WORDS = {"турист": "tourist", "паломник": "pilgrim", "транзит": "transit",
                  "проживающие": "resident", "студент": "student", "сотрудники": "official"}
CATEGORIES = {"tourist", "pilgrim", "transit", "resident", "official", "student", "other"}


def category(raw: str) -> str:
    word = raw.strip().lower()
    return word if word in CATEGORIES else CATEGORY_WORDS[word]


def all_headcount_rows() -> list[dict]:
    out = []
    for name, (_, rows) in headcount_files().items():
        for r in rows:
            count, approx_in_count = parse_count(r["citizens"])
            flag = str(r.get("approximate") or "").strip().lower() in {"yes", "да", "иә", "true", "1"}
            out.append({
                "file": name, "as_of": parse_time(r["as_of"]), "mission": r["mission"],
                "iso3": lookup()[norm_name(str(r["country"]))], "city": r["city"] or "",
                "category": category(str(r["category"])), "raw_category": str(r["category"]), "count": count, "approximate": flag or approx_in_count,
                "raw": r,
            })
    return out


def latest_totals(rows: list[dict], t: datetime) -> dict[str, tuple[int, bool]]:
    """The warehouse's rule (headcounts_at + latest_headcounts): newest row per mission, country,
    city and category at or before t, summed per country; approximate if any row is."""
    newest: dict[tuple, dict] = {}
    for r in rows:
        if r["as_of"] > t:
            continue
        key = (r["mission"], r["iso3"], r["city"], r["category"])
        if key not in newest or r["as_of"] >= newest[key]["as_of"]:
            newest[key] = r
    totals: dict[str, list] = defaultdict(lambda: [0, False])
    for r in newest.values():
        totals[r["iso3"]][0] += r["count"]
        totals[r["iso3"]][1] |= r["approximate"]
    return {k: (v[0], v[1]) for k, v in totals.items()}


END_OF_REFERENCE_DAY = datetime(2026, 3, 4, 23, 59, 59, tzinfo=UTC)


# ---------------------------------------------------------------- countries and aliases

def test_countries_match_pycountry() -> None:
    rows = ref("countries")
    assert len(rows) == len(pycountry.countries)
    assert len({r["iso3"] for r in rows}) == len(rows)
    for r in rows:
        c = pycountry.countries.get(alpha_3=r["iso3"])
        assert c is not None, r["iso3"]
        assert (r["iso2"], r["iso_num"]) == (c.alpha_2, c.numeric)
        assert r["name_en"] and r["name_ru"] and r["name_kk"], r["iso3"]
        assert r["in_region"] in {"true", "false"}


def test_region_countries_have_names_and_points_in_the_frame() -> None:
    rows = {r["iso3"]: r for r in ref("countries")}
    assert {k for k, r in rows.items() if r["in_region"] == "true"} == IN_REGION
    for iso3 in IN_REGION | {"KAZ"}:
        r = rows[iso3]
        assert re.search(r"[а-яәғқңөұүһі]", r["name_ru"].lower()), iso3
        assert re.search(r"[а-яәғқңөұүһі]", r["name_kk"].lower()), iso3
        assert in_bbox(float(r["lat"]), float(r["lon"])), iso3
    assert rows["IRN"]["name_en"] == "Iran" and rows["IRN"]["name_ru"] == "Иран"
    assert (rows["ARE"]["short_en"], rows["ARE"]["short_ru"], rows["ARE"]["short_kk"]) == ("UAE", "ОАЭ", "БАӘ")
    assert (rows["SAU"]["short_en"], rows["SAU"]["short_ru"], rows["SAU"]["short_kk"]) == ("KSA", "КСА", "САҚ")


def test_aliases_point_to_known_countries_without_ambiguity() -> None:
    known = iso3_set()
    names: dict[str, str] = {}
    shorts: dict[str, str] = {}
    for r in ref("countries"):  # names and codes of all countries: one country per spelling
        for k in ("iso3", "iso2", "name_en", "name_ru", "name_kk", "short_en", "short_ru", "short_kk"):
            if r[k]:
                target = shorts if k.startswith("short") else names
                assert target.setdefault(norm_name(r[k]), r["iso3"]) == r["iso3"], (k, r[k])
    seen: set[str] = set()
    for a in ref("country_aliases"):
        key = norm_name(a["alias"])
        assert a["iso3"] in known, a
        assert a["lang"] in {"en", "ru", "kk"}, a
        assert key not in seen, f"duplicate alias after normalisation: {a['alias']}"
        seen.add(key)
        # Only genuinely new spellings: not a name or code the countries file already gives. The
        # bulletin short forms are repeated on purpose so the alias list reads complete.
        assert key not in names, f"{a['alias']!r} already in countries.csv as {names[key]}"
        assert shorts.get(key, a["iso3"]) == a["iso3"], a
    for spelling, iso3 in {"БАӘ": "ARE", "САҚ": "SAU", "САК": "SAU", "КСА": "SAU", "ОАЭ": "ARE",
                           "UAE": "ARE", "U.A.E.": "ARE", "Emirates": "ARE", "Эмираты": "ARE",
                           "Saudi": "SAU", "Иран Ислам Республикасы": "IRN", "Қатар": "QAT",
                           "Катар": "QAT", "Мысыр": "EGY", "Египет": "EGY", "Түркия": "TUR",
                           "Turkey": "TUR", "Әзербайжан": "AZE", "Түрікменстан": "TKM"}.items():
        assert lookup().get(norm_name(spelling)) == iso3, spelling


# ---------------------------------------------------------------- missions, FIRs, crossings, routes

def test_missions() -> None:
    known = iso3_set()
    rows = ref("missions")
    assert len({r["mission_id"] for r in rows}) == len(rows)
    # The pseudo-mission for figures read from official bulletins is not a place on the map.
    assert [r["mission_id"] for r in rows if r["kind"] == "bulletin"] == ["BULLETIN"]
    rows = [r for r in rows if r["kind"] != "bulletin"]
    covered: set[str] = set()
    for r in rows:
        assert re.fullmatch(r"KZ-(EMB|CG)-[A-Z]{3}", r["mission_id"]), r["mission_id"]
        assert r["kind"] in {"embassy", "consulate_general"}
        assert r["iso3"] in known and r["name_en"] and r["name_ru"] and r["name_kk"] and r["city"]
        covers = r["covers"].split()
        assert covers and set(covers) <= known, r["mission_id"]
        assert r["iso3"] in covers, "a mission reports at least on its host country"
        assert in_bbox(float(r["lat"]), float(r["lon"])), r["mission_id"]
        covered |= set(covers)
    assert set(BULLETIN) <= covered
    assert IN_REGION - covered <= {"CYP"}, "only Cyprus is knowingly left without a mission"


def test_firs() -> None:
    known = iso3_set()
    rows = ref("firs")
    assert len({(r["fir"], r["iso3"]) for r in rows}) == len(rows)
    for r in rows:
        assert re.fullmatch(r"[A-Z]{4}", r["fir"]) and r["name"] and r["iso3"] in known, r
    assert IN_REGION | {"KAZ"} <= {r["iso3"] for r in rows}


def test_crossings() -> None:
    known = iso3_set()
    rows = {r["crossing_id"]: r for r in ref("crossings")}
    for cid, r in rows.items():
        assert r["from_iso3"] in known and r["to_iso3"] in known, cid
        assert r["status"] in {"open", "limited", "closed"}, cid
        assert r["permit_required"] in {"true", "false"}, cid
        assert all(r[k] for k in ("name_en", "name_ru", "name_kk", "rule_en", "rule_ru", "rule_kk", "source"))
        assert in_bbox(float(r["lat"]), float(r["lon"])), cid
    # The bulletin's facts.
    assert (rows["NORDOOZ-AGARAK"]["to_iso3"], rows["NORDOOZ-AGARAK"]["status"],
            rows["NORDOOZ-AGARAK"]["permit_required"]) == ("ARM", "open", "false")
    assert (rows["JULFA"]["to_iso3"], rows["JULFA"]["status"], rows["JULFA"]["permit_required"]) == (
        "AZE", "limited", "true")
    assert {r["to_iso3"] for r in rows.values()} == {"ARM", "AZE", "TKM"}


def test_routes() -> None:
    crossings = {r["crossing_id"]: r for r in ref("crossings")}
    airports = {r["icao"]: r for r in ref("airports")}
    for r in ref("routes"):
        c = crossings[r["crossing_id"]]
        assert r["start_iso3"] == c["from_iso3"], r["route_id"]
        assert airports[r["onward_airport_icao"]]["iso3"] == c["to_iso3"], r["route_id"]
        assert in_bbox(float(r["start_lat"]), float(r["start_lon"])), r["route_id"]
        assert r["name_en"] and r["name_ru"] and r["name_kk"]
    assert set(crossings) == {r["crossing_id"] for r in ref("routes")}, "every crossing has a route"


def test_airports() -> None:
    rows = ref("airports")
    assert 50 < len(rows) < 300
    assert len({r["icao"] for r in rows}) == len(rows)
    for r in rows:
        assert re.fullmatch(r"[A-Z]{4}", r["icao"]) and re.fullmatch(r"[A-Z0-9]{3}", r["iata"]), r
        assert r["iso3"] in IN_REGION | {"KAZ"} and r["tz"], r
        assert in_bbox(float(r["lat"]), float(r["lon"])), r["icao"]
    for icao in ("OMDB", "OMAA", "OEJN", "OTHH", "OIIE", "UDYZ", "UBBB", "UBBN", "UTAA", "UAAA", "UACC"):
        assert icao in {r["icao"] for r in rows}, icao


# ---------------------------------------------------------------- geometry

def _coords(geom: dict):
    def walk(c):
        if isinstance(c[0], (int, float)):
            yield c
        else:
            for x in c:
                yield from walk(x)
    yield from walk(geom["coordinates"])


def test_countries_geojson() -> None:
    path = REF / "geo" / "countries_region.geojson"
    assert path.stat().st_size < 1_500_000
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    iso3s = set()
    for f in doc["features"]:
        assert f["type"] == "Feature" and f["geometry"]["type"] in {"Polygon", "MultiPolygon"}
        assert f["properties"]["iso3"] in iso3_set() and f["properties"]["name"]
        iso3s.add(f["properties"]["iso3"])
        for x, y in _coords(f["geometry"]):
            assert LON_MIN <= x <= LON_MAX and LAT_MIN <= y <= LAT_MAX
    assert IN_REGION | {"KAZ"} <= iso3s
    assert len(iso3s) == len(doc["features"])
    assert (REF / "geo" / "world-atlas_LICENSE_ISC.txt").exists()


def test_firs_geojson() -> None:
    doc = json.loads((REF / "geo" / "firs_region.geojson").read_text(encoding="utf-8"))
    firs = {f["properties"]["fir"] for f in doc["features"]}
    assert firs == {r["fir"] for r in ref("firs")}
    assert all(f["geometry"]["type"] in {"Polygon", "MultiPolygon"} for f in doc["features"])
    assert (REF / "geo" / "vatspy_LICENSE_CC-BY-SA-4.0.txt").exists()


def _load_tool(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.skipif(not (GEO_SHARED / "vatspy_Boundaries.geojson").exists(), reason="../shared/geo absent")
def test_derived_files_are_reproducible() -> None:
    pytest.importorskip("airportsdata")
    files, _ = _load_tool("build_reference").build_all(GEO_SHARED)
    differ = [rel for rel, data in files.items() if (REF / rel).read_bytes() != data]
    assert not differ, f"run tools/build_reference.py: {differ}"


def test_sample_xlsx_is_reproducible() -> None:
    mod = _load_tool("make_sample_xlsx")
    assert mod.OUT.read_bytes() == mod.workbook_bytes(), "run tools/make_sample_xlsx.py"


# ---------------------------------------------------------------- sample

def test_sample_files_are_marked_and_follow_the_template() -> None:
    files = headcount_files()
    assert {"headcounts_2026-02-28.csv", "headcounts_2026-03-04.csv"} <= set(files)
    assert any(n.endswith(".xlsx") for n in files)
    for name, (first, rows) in files.items():
        assert SAMPLE_MARK in first or (WEEK_MARK in first and name >= "headcounts_2026-03-05"), name
        assert rows, name
    ru = (SAMPLE / "headcounts_2026-03-01.csv").read_text(encoding="utf-8-sig").splitlines()[1]
    assert ru.startswith("дата;миссия;страна"), "one file proves the Russian-header path"
    lines = (SAMPLE / "evacuations.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# " + SAMPLE_MARK
    assert lines[1].split(",") == EVACUATION_COLUMNS


def test_sample_rows_are_consistent() -> None:
    missions = {r["mission_id"]: r["covers"].split() for r in ref("missions")}
    cat_file = REF / "categories.csv"  # the ETL's category spellings, when present
    cat_alias = {norm_name(r["alias"]): r["category"] for r in read_csv(cat_file)} if cat_file.exists() else {}
    keys = set()
    for r in all_headcount_rows():
        assert r["iso3"] in missions[r["mission"]], (r["file"], r["mission"], r["iso3"])
        if cat_alias:
            assert cat_alias.get(norm_name(r["raw_category"])) == r["category"], (r["file"], r["raw_category"])
        key = (r["as_of"], r["mission"], r["iso3"], r["city"], r["category"])
        assert key not in keys, f"duplicate row {key}"
        keys.add(key)
        for k in ("elderly", "women", "children", "housed", "contacted", "casualties", "want_to_leave", "medical"):
            v = r["raw"].get(k)
            if v not in (None, ""):
                assert 0 <= int(v) <= r["count"], (r["file"], k, v)
        if r["raw"].get("casualties") not in (None, ""):
            assert int(r["raw"]["casualties"]) == 0, "the bulletin reports no casualties"


def test_reference_day_totals_match_the_bulletin() -> None:
    rows = [r for r in all_headcount_rows() if r["as_of"] <= END_OF_REFERENCE_DAY]  # the week after runs on
    totals = latest_totals(rows, END_OF_REFERENCE_DAY)
    assert totals == BULLETIN
    # Every mission/country/city/category seen in the history is reported again on the day, so
    # "newest per country" readings agree with "newest per mission/city/category".
    day = {(r["mission"], r["iso3"], r["city"], r["category"]) for r in rows
           if r["as_of"].date().isoformat() == "2026-03-04"}
    assert {(r["mission"], r["iso3"], r["city"], r["category"]) for r in rows} == day


def test_history_grows_and_iran_falls_by_the_evacuated() -> None:
    rows = all_headcount_rows()
    by_day = {d: latest_totals(rows, datetime(2026, 3, d2, 23, 59, tzinfo=UTC))
              for d, d2 in (("03-01", 1), ("03-02", 2), ("03-03", 3))}
    first = latest_totals(rows, datetime(2026, 2, 28, 23, 59, tzinfo=UTC))
    assert set(first) < set(BULLETIN), "2026-02-28 holds only the first partial reports"
    for iso3 in set(BULLETIN) - {"IRN"}:
        series = [t[iso3][0] for t in by_day.values()] + [BULLETIN[iso3][0]]
        assert series == sorted(series), (iso3, series)
    assert by_day["03-01"]["IRN"][0] == 132 and by_day["03-03"]["IRN"][0] == 82

    evac = read_csv(SAMPLE / "evacuations.csv")
    crossings = {r["crossing_id"] for r in ref("crossings")}
    assert all(lookup()[norm_name(e["from_country"])] == "IRN" for e in evac)
    assert all(e["via"] in crossings and e["mode"] == "land" for e in evac)
    assert sum(int(e["people"]) for e in evac if e["from_city"] == "Tehran") == 50
    assert 132 - sum(int(e["people"]) for e in evac) == 82
    assert all(parse_time(e["date"]) < END_OF_REFERENCE_DAY for e in evac)


def test_the_week_after_reports_every_row_of_the_reference_day_again() -> None:
    """From 2026-03-05 each mission reports all its rows daily, so no 03-04 row lingers as stale."""
    rows = all_headcount_rows()
    day4 = {(r["mission"], r["iso3"], r["city"], r["category"]) for r in rows
            if r["as_of"].date().isoformat() == "2026-03-04"}
    for d in range(5, 12):
        day = {(r["mission"], r["iso3"], r["city"], r["category"]) for r in rows
               if r["as_of"].date().isoformat() == f"2026-03-{d:02d}"}
        assert day4 <= day, d


def test_sample_week_is_reproducible() -> None:
    mod = _load_tool("make_sample_week")
    files = mod.headcount_files() | mod.movement_files()
    assert all((SAMPLE / n).read_text(encoding="utf-8") == text for n, text in files.items()), \
        "run tools/make_sample_week.py"
