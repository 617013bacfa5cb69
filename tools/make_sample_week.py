"""Write the embedded sample's week after the reference day (2026-03-05 … 2026-03-11).

The public trajectory (../shared/SITUATION.md, "The week after") is followed in its totals: a
first group of 306 flown out of Dubai on 3 March, flights from Dubai, Abu Dhabi, Riyadh, Jeddah,
Doha and Muscat, 343 first planned from Qatar and 467 from Oman, 52 out of Iran over land by
6 March (17 in all through Turkmenistan), more than 8,500 home by 10 March and 9,517 by
11 March. Everything else — flight numbers, seats, times, the split over cities and categories,
who registered to leave — is invented to be plausible, and every file says SAMPLE.

    .venv/bin/python tools/make_sample_week.py           # write the files
    .venv/bin/python tools/make_sample_week.py --check   # exit 1 if the committed files differ

The 2026-03-04 report (the bulletin's figures) is the base: every mission keeps reporting each
of its rows daily, so no stale row lingers. People registered to leave are all the tourists,
pilgrims and transit passengers and a fifth of the residents, students and officials; those
categories stay when the others fly home. Iran's rows shrink in proportion instead.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
BANNER = ("# SAMPLE DATA — illustrative week after the reference day; the totals follow the public "
          "reports of 2–11 March 2026, the details are invented")
DAYS = [dt.date(2026, 3, d) for d in range(5, 12)]
STAYERS = {"resident", "student", "official"}

# Passengers flown per origin airport and day (after the reference day). Sums per country:
# ARE 4,162, SAU 3,150, QAT 1,160, OMN 467, BHR 160, KWT 45 → 9,144, plus 306 on 3 March.
FLOWN = {
    "DXB": [420, 470, 480, 500, 450, 420, 398], "AUH": [140, 150, 160, 160, 150, 140, 124],
    "JED": [240, 290, 300, 320, 300, 280, 250], "RUH": [140, 160, 180, 180, 180, 180, 150],
    "DOH": [0, 0, 343, 300, 280, 237, 0], "MCT": [0, 0, 230, 237, 0, 0, 0],
    "BAH": [0, 0, 0, 0, 160, 0, 0], "KWI": [0, 0, 0, 0, 0, 45, 0],
}
AIRPORT = {"DXB": ("ARE", "KZ-CG-DXB"), "AUH": ("ARE", "KZ-EMB-ABU"), "JED": ("SAU", "KZ-CG-JED"),
           "RUH": ("SAU", "KZ-EMB-RUH"), "DOH": ("QAT", "KZ-EMB-DOH"), "MCT": ("OMN", "KZ-EMB-MCT"),
           "BAH": ("BHR", "KZ-EMB-KWI"), "KWI": ("KWT", "KZ-EMB-KWI")}
# People who came forward and registered with the mission after the flights were announced.
NEW = {"ARE": [300, 300, 250, 200, 132, 0, 0], "SAU": [150, 150, 150, 120, 0, 0, 0], "BHR": [40, 0, 0, 0, 0, 0, 0]}
LAND = [  # Iran over land: (flight, departure, from, crossing, people, note)
    ("CONVOY-MHD-0305", dt.datetime(2026, 3, 5, 7), "Mashhad", "SARAKHS", 2,
     "Two pilgrims by car through Sarakhs–Saragt; onward from Ashgabat"),
    ("CONVOY-MHD-0309", dt.datetime(2026, 3, 9, 6), "Mashhad", "SARAKHS", 15,
     "Students and residents by bus through Sarakhs–Saragt (17 through Turkmenistan in all)"),
]
OMAN = [("Muscat", "tourist", 467), ("Muscat", "resident", 25)]
REPORT_HOUR = {d: 6 for d in DAYS} | {DAYS[-1]: 18}  # the last day's summary comes in the evening


def base_rows() -> list[dict]:
    """The newest 2026-03-04 row per mission, country, city and category (the bulletin's figures)."""
    text = (SAMPLE / "headcounts_2026-03-04.csv").read_text(encoding="utf-8").splitlines()
    rows: dict[tuple, dict] = {}
    for r in csv.DictReader(line for line in text if not line.startswith("#")):
        rows[(r["mission"], r["country"], r["city"], r["category"])] = r  # the later report wins
    return list(rows.values())


ISO = {"United Arab Emirates": "ARE", "Saudi Arabia": "SAU", "Qatar": "QAT", "Bahrain": "BHR",
       "Kuwait": "KWT", "Jordan": "JOR", "Israel": "ISR", "Iran": "IRN", "Oman": "OMN"}


def flown_before(iso3: str, day_index: int, hour: int) -> int:
    """Passengers flown from iso3 after the reference day and before report day_index at hour."""
    n = 0
    for code, per_day in FLOWN.items():
        if AIRPORT[code][0] != iso3:
            continue
        for i, pax in enumerate(per_day):
            for dep, p in _split(code, i, pax):
                if dep < dt.datetime.combine(DAYS[day_index], dt.time(hour)):
                    n += p
    if iso3 == "IRN":
        n += sum(p for _f, dep, _a, _b, p, _n in LAND
                 if dep < dt.datetime.combine(DAYS[day_index], dt.time(hour)))
    return n


def _split(code: str, i: int, pax: int) -> list[tuple[dt.datetime, int]]:
    """A day's passengers from one airport as flights of at most 240, three hours apart."""
    if pax == 0:
        return []
    n = math.ceil(pax / 240)
    first = 8 if code not in ("AUH", "RUH", "MCT") else 9
    sizes = [pax // n + (1 if k < pax % n else 0) for k in range(n)]
    return [(dt.datetime.combine(DAYS[i], dt.time(first + 3 * k)), s) for k, s in enumerate(sizes)]


def _spread(total: int, weights: list[int]) -> list[int]:
    """total split over weights by largest remainder (deterministic)."""
    w = sum(weights) or 1
    raw = [total * x / w for x in weights]
    out = [int(x) for x in raw]
    for k in sorted(range(len(raw)), key=lambda k: (out[k] - raw[k], k))[: total - sum(out)]:
        out[k] += 1
    return out


def headcount_day(i: int, base: list[dict]) -> list[dict]:
    day = DAYS[i]
    at = dt.datetime.combine(day, dt.time(REPORT_HOUR[day]))
    out = []
    rows = base + [{"mission": "KZ-EMB-MCT", "country": "Oman", "city": c, "category": k, "citizens": str(n),
                    "approximate": "no", "elderly": str(n // 12), "women": str(n // 2), "children": str(n // 5),
                    "housed": str(n if k == "tourist" else 0), "contacted": str(n), "casualties": "0", "note": ""}
                   for c, k, n in OMAN]
    by_country: dict[str, list[dict]] = {}
    for r in rows:
        by_country.setdefault(ISO[r["country"]], []).append(r)
    for iso3, group in by_country.items():
        base_total = sum(int(r["citizens"]) for r in group)
        present = base_total + sum(NEW.get(iso3, [0] * 7)[: i + 1]) - flown_before(iso3, i, REPORT_HOUR[day])
        if iso3 == "IRN":
            counts = _spread(present, [int(r["citizens"]) for r in group])
        else:
            stay = [int(r["citizens"]) if r["category"] in STAYERS else 0 for r in group]
            leave = _spread(present - sum(stay), [0 if r["category"] in STAYERS else int(r["citizens"]) for r in group])
            counts = [s + lv for s, lv in zip(stay, leave)]
        for r, n in zip(group, counts):
            b = max(int(r["citizens"]), 1)
            scale = {k: min(n, round(int(r[k]) * n / b)) if r.get(k, "") != "" else "" for k in
                     ("elderly", "women", "children", "housed", "contacted")}
            want = round(n * 0.6) if iso3 == "IRN" else n if r["category"] not in STAYERS else round(n * 0.2)
            out.append({"as_of": at.strftime("%Y-%m-%d %H:%M"), "mission": r["mission"], "country": iso3,
                        "city": r["city"], "category": r["category"], "citizens": n,
                        "approximate": r["approximate"], **scale, "casualties": 0,
                        "want_to_leave": want, "medical": round(n * 0.01), "note": ""})
    return out


HEADERS = {
    "en": ["as_of", "mission", "country", "city", "category", "citizens", "approximate", "elderly", "women",
           "children", "housed", "contacted", "casualties", "want_to_leave", "medical", "note"],
    "ru": ["дата", "миссия", "страна", "город", "категория", "граждан", "примерно", "пожилые", "женщины", "дети",
           "в_гостинице", "на_связи", "пострадавшие", "хотят_выехать", "нуждаются_в_медпомощи", "примечание"],
    "kk": ["күні", "өкілдік", "ел", "қала", "санат", "азаматтар", "шамамен", "қарттар", "әйелдер", "балалар",
           "қонақүйде", "байланыста", "зардап_шеккендер", "шығуға_ниетті", "медициналық_көмек", "ескерту"],
}
DAY_LANG = {DAYS[3]: "ru", DAYS[5]: "kk"}


def _csv(header: list[str], rows: list[list]) -> str:
    buf = io.StringIO()
    buf.write(BANNER + "\n")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def headcount_files() -> dict[str, str]:
    base = base_rows()
    files = {}
    for i, day in enumerate(DAYS):
        rows = headcount_day(i, base)
        keys = HEADERS["en"]
        files[f"headcounts_{day}.csv"] = _csv(HEADERS[DAY_LANG.get(day, "en")], [[r[k] for k in keys] for r in rows])
    return files


MOVE_HEADERS = {
    "en": ["reported_at", "mission", "flight", "mode", "from_country", "from_place", "to_place", "scheduled",
           "arrival", "status", "seats", "passengers", "elderly", "women", "children", "medical", "note"],
    "ru": ["дата_сообщения", "миссия", "рейс", "вид", "откуда_страна", "откуда", "куда", "отправление", "прибытие",
           "статус", "места", "пассажиры", "пожилые", "женщины", "дети", "нуждаются_в_медпомощи", "примечание"],
}
RU_STATUS = {"planned": "запланирован", "confirmed": "подтверждён", "departed": "вылетел", "arrived": "прибыл",
             "cancelled": "отменён"}


def _fmt(t: dt.datetime | None) -> str:
    return t.strftime("%Y-%m-%d %H:%M") if t else ""


def movement_rows() -> list[dict]:
    """Every report of every movement: planned two days ahead, confirmed the eve, departed, arrived."""
    rows = []

    def add(reported, flight, mode, iso3, mission, src, dst, dep, status, seats, pax="", arr=None, note=""):
        groups = {"elderly": "", "women": "", "children": "", "medical": ""}
        if pax != "":
            groups = {"elderly": pax // 12, "women": pax // 2, "children": pax // 5, "medical": pax // 100}
        rows.append({"reported_at": reported, "mission": mission, "flight": flight, "mode": mode,
                     "from_country": iso3, "from_place": src, "to_place": dst, "scheduled": dep, "arrival": arr,
                     "status": status, "seats": seats, "passengers": pax, **groups, "note": note})

    def flight(code, k, dep, pax, seats, dst, cancel_before=None):
        iso3, mission = AIRPORT[code]
        fid = f"KC-{code}-{dep:%m%d}-{k + 1}"
        add(dep - dt.timedelta(days=2, hours=-2), fid, "air", iso3, mission, code, dst, dep, "planned", seats)
        add(dep - dt.timedelta(hours=16), fid, "air", iso3, mission, code, dst, dep, "confirmed", seats)
        add(dep + dt.timedelta(hours=1), fid, "air", iso3, mission, code, dst, dep, "departed", seats, pax)
        add(dep + dt.timedelta(hours=6), fid, "air", iso3, mission, code, dst, dep, "arrived", seats, pax,
            dep + dt.timedelta(hours=5, minutes=30))

    # 3 March: the first group of 306 out of Dubai (a special flight planned on 2 March).
    d0 = dt.datetime(2026, 3, 3, 10)
    add(dt.datetime(2026, 3, 2, 9), "KC-DXB-0303-1", "air", "ARE", "KZ-CG-DXB", "DXB", "NQZ", d0, "planned", 320)
    add(d0 + dt.timedelta(hours=1), "KC-DXB-0303-1", "air", "ARE", "KZ-CG-DXB", "DXB", "NQZ", d0, "departed", 320, 306,
        note="First special flight; lands in Astana, then Almaty")
    add(d0 + dt.timedelta(hours=7), "KC-DXB-0303-1", "air", "ARE", "KZ-CG-DXB", "DXB", "NQZ", d0, "arrived", 320, 306,
        d0 + dt.timedelta(hours=5, minutes=40))
    # The Doha flight first planned for 343 on 6 March is cancelled (Doha closed that day) and
    # flown on 7 March instead.
    doh = dt.datetime(2026, 3, 6, 10)
    add(dt.datetime(2026, 3, 3, 12), "KC-DOH-0306-1", "air", "QAT", "KZ-EMB-DOH", "DOH", "ALA", doh, "planned", 343,
        note="Planned to bring 343 home from Qatar")
    add(dt.datetime(2026, 3, 5, 20), "KC-DOH-0306-1", "air", "QAT", "KZ-EMB-DOH", "DOH", "ALA", doh, "cancelled", 343,
        note="Cancelled: no slot while Doha airspace is closed; passengers moved to 7 March")
    for code, per_day in FLOWN.items():
        for i, pax in enumerate(per_day):
            for k, (dep, p) in enumerate(_split(code, i, pax)):
                seats = 180 if p <= 180 else 240
                flight(code, k, dep, p, max(seats, p), "ALA" if (k + i) % 2 else "NQZ")
    # A correction: the Jeddah flight of 6 March reported 9 too many (a double-counted family).
    jed = next(r for r in rows if r["flight"] == "KC-JED-0306-1" and r["status"] == "departed")
    wrong = dict(jed, passengers=jed["passengers"] + 9, reported_at=jed["reported_at"] - dt.timedelta(minutes=30))
    rows.insert(rows.index(jed), wrong)
    jed["note"] = "Correction: 9 passengers counted twice on the manifest"
    # Land: Iran through Turkmenistan.
    for fid, dep, src, via, people, note in LAND:
        add(dep - dt.timedelta(days=1), fid, "land", "IRN", "KZ-EMB-THR", src, via, dep, "planned", people + 3)
        add(dep + dt.timedelta(hours=5), fid, "land", "IRN", "KZ-EMB-THR", src, via, dep, "departed", people + 3,
            people, note=note)
    # Still planned at the end of the sample (11 March, evening).
    end = dt.datetime(2026, 3, 11, 16)
    for fid, code, dep, seats, dst in (("KC-DXB-0312-1", "DXB", dt.datetime(2026, 3, 12, 8), 240, "NQZ"),
                                       ("KC-DXB-0312-2", "DXB", dt.datetime(2026, 3, 12, 14), 180, "ALA"),
                                       ("KC-DOH-0312-1", "DOH", dt.datetime(2026, 3, 12, 11), 240, "ALA"),
                                       ("KC-JED-0313-1", "JED", dt.datetime(2026, 3, 13, 10), 180, "ALA")):
        iso3, mission = AIRPORT[code]
        add(end, fid, "air", iso3, mission, code, dst, dep, "planned", seats)
    add(end, "CONVOY-THR-0313", "land", "IRN", "KZ-EMB-THR", "Tehran", "NORDOOZ-AGARAK",
        dt.datetime(2026, 3, 13, 5), "planned", 20, note="Bus to Agarak; onward from Yerevan")
    add(end, "KC-AMM-0313-1", "air", "JOR", "KZ-EMB-AMM", "AMM", "ALA", dt.datetime(2026, 3, 13, 12), "planned", 180,
        note="Also carries the group from Israel")
    add(end, "CONVOY-TLV-0312", "land", "ISR", "KZ-EMB-TLV", "Tel Aviv", "Amman", dt.datetime(2026, 3, 12, 6),
        "planned", 45, note="Bus to Amman through the Allenby crossing for the flight of 13 March")
    add(end, "KC-KWI-0313-1", "air", "KWT", "KZ-EMB-KWI", "KWI", "NQZ", dt.datetime(2026, 3, 13, 9), "planned", 60)
    rows.sort(key=lambda r: (r["reported_at"], r["flight"]))
    return rows


def movement_files() -> dict[str, str]:
    rows = movement_rows()
    split = dt.datetime(2026, 3, 8)
    files = {}
    for name, lang, part in (("movements_2026-03-02_07.csv", "en", [r for r in rows if r["reported_at"] < split]),
                             ("movements_2026-03-08_11.csv", "ru", [r for r in rows if r["reported_at"] >= split])):
        keys = MOVE_HEADERS["en"]
        out = []
        for r in part:
            v = {k: _fmt(r[k]) if isinstance(r[k], dt.datetime) or k == "arrival" else r[k] for k in keys}
            if lang == "ru":
                v["status"] = RU_STATUS[v["status"]]
                v["mode"] = {"air": "авиа", "land": "автобус"}[v["mode"]]
            out.append([v[k] for k in keys])
        files[name] = _csv(MOVE_HEADERS[lang], out)
    return files


def main(argv: list[str]) -> int:
    files = headcount_files() | movement_files()
    if "--check" in argv:
        bad = [n for n, text in files.items() if (SAMPLE / n).read_text(encoding="utf-8") != text]
        print("differs: " + ", ".join(bad) if bad else "sample week is up to date")
        return 1 if bad else 0
    for name, text in files.items():
        (SAMPLE / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} files to {SAMPLE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
