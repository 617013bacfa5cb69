"""Regenerate the derived reference files in data/reference/ from their upstream sources.

Derived (written by this script, never edited by hand):
  countries.csv                  pycountry (ISO 3166-1 + its ru/kk gettext catalogues) + centroids
  airports.csv                   the airportsdata package, region countries + KAZ
  geo/countries_region.geojson   regional cut of ../shared/geo/world-atlas_ne_50m_countries.geojson
  geo/firs_region.geojson        the FIRs listed in firs.csv, cut from vatspy_Boundaries.geojson
  geo/*LICENSE*                  the upstream licence files, copied beside the geometry

Hand-curated (read here, not written): firs.csv (which FIR polygons to cut).

    .venv/bin/python tools/build_reference.py            # write the files
    .venv/bin/python tools/build_reference.py --check    # exit 1 if a committed file differs

Output is byte-for-byte deterministic so `--check` (and tests) can prove the committed files are
what the script makes. Pure Python on purpose: shapely/GDAL are not in the pinned stack.
"""
from __future__ import annotations

import argparse
import csv
import gettext
import io
import itertools
import json
import math
import re
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REF = ROOT / "data" / "reference"
GEO_DIR_DEFAULT = ROOT.parent / "shared" / "geo"

WORLD = "world-atlas_ne_50m_countries.geojson"
VATSPY = "vatspy_Boundaries.geojson"
LICENCES = ("world-atlas_LICENSE_ISC.txt", "vatspy_LICENSE_CC-BY-SA-4.0.txt")

# The countries the crisis centre watches (the bulletin's countries, the land routes out of Iran
# and their neighbours). KAZ is deliberately not "in region": it is home, not a crisis country.
IN_REGION = [
    "ARE", "SAU", "QAT", "BHR", "KWT", "JOR", "ISR", "IRN", "IRQ", "OMN",
    "YEM", "LBN", "SYR", "ARM", "AZE", "TKM", "TUR", "EGY", "CYP", "PSE",
]

# The map frame (lon_min, lat_min, lon_max, lat_max): the Gulf, the Levant, Egypt, Türkiye,
# the Caucasus and Kazakhstan. Every regional coordinate in data/reference must fall inside it.
BBOX = (24.0, 10.0, 90.0, 56.0)

# Common short names where pycountry's name is the long/official form. English uses pycountry's
# own `common_name` first; these fill the gaps and the Russian/Kazakh side.
EN_OVERRIDES = {
    "PSE": "Palestine", "COD": "DR Congo", "FSM": "Micronesia", "RUS": "Russia",
    "VAT": "Vatican City", "BRN": "Brunei",
}
RU_OVERRIDES = {
    "SYR": "Сирия", "LAO": "Лаос", "MDA": "Молдова", "PRK": "КНДР", "VEN": "Венесуэла",
    "TWN": "Тайвань", "FSM": "Микронезия", "RUS": "Россия", "USA": "США",
    "GBR": "Великобритания", "VAT": "Ватикан",
}
KK_OVERRIDES = {
    "SYR": "Сирия", "LAO": "Лаос", "MDA": "Молдова", "VEN": "Венесуэла", "TWN": "Тайвань",
    "BOL": "Боливия", "PSE": "Палестина",
    # Corrections of plain mistranslations in pycountry's kk catalogue (see SOURCES.md):
    "ATF": "Францияның Оңтүстік аймақтары",  # catalogue says "Northern" (Солтүстік)
    "MYT": "Майотта",  # catalogue says "Мариотт"
    "ASM": "Америкалық Самоа",  # catalogue says "Eastern Samoa"
}
# The ministry's bulletin short forms (en, ru, kk); other countries leave short_* blank.
SHORT = {"ARE": ("UAE", "ОАЭ", "БАӘ"), "SAU": ("KSA", "КСА", "САҚ")}

# airports.csv: keep civil airports with an IATA code; air bases and airfields are dropped so
# the file stays small (< 300 rows) and only lists places a citizen could fly from.
MILITARY = re.compile(r"air ?base|air force|heliport|military|\bAB\b|naval|army|airfield", re.IGNORECASE)

Ring = list[list[float]]
Polygon = list[Ring]


# ---------------------------------------------------------------- geometry (planar lon/lat)

def ring_area_centroid(ring: Ring) -> tuple[float, float, float]:
    """Signed shoelace area and centroid of a closed ring in degrees."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in itertools.pairwise(ring):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    a /= 2.0
    if a == 0:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return a, cx / (6 * a), cy / (6 * a)


def inside(x: float, y: float, ring: Ring) -> bool:
    """Ray casting point-in-ring test."""
    hit = False
    for (x0, y0), (x1, y1) in itertools.pairwise(ring):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            hit = not hit
    return hit


def representative_point(polygons: list[Polygon]) -> tuple[float, float] | None:
    """Centroid of the largest polygon's outer ring; if that falls outside the shape (a crescent,
    an archipelago), the middle of the widest run along the centroid's latitude instead."""
    best: tuple[float, Ring] | None = None
    for poly in polygons:
        if not poly or len(poly[0]) < 4:
            continue
        a, _, cy = ring_area_centroid(unwrap(poly[0]))
        # Degrees of longitude shrink with latitude; weight so "largest" means on the ground.
        size = abs(a) * math.cos(math.radians(cy))
        if best is None or size > best[0]:
            best = (size, poly[0])
    if best is None:
        return None
    ring = unwrap(best[1])
    _, cx, cy = ring_area_centroid(ring)
    if inside(cx, cy, ring):
        return wrap(cx), cy
    xs = sorted(
        x0 + (cy - y0) * (x1 - x0) / (y1 - y0)
        for (x0, y0), (x1, y1) in itertools.pairwise(ring)
        if (y0 > cy) != (y1 > cy)
    )
    runs = [(xs[i + 1] - xs[i], (xs[i] + xs[i + 1]) / 2) for i in range(0, len(xs) - 1, 2)]
    return (wrap(max(runs)[1]), cy) if runs else (wrap(cx), cy)


def unwrap(ring: Ring) -> Ring:
    """A ring drawn across the antimeridian (Fiji, Chukotka) jumps from +180 to −180; move its
    western half east by 360° so the area and centroid maths see one continuous shape."""
    xs = [p[0] for p in ring]
    if max(xs) - min(xs) <= 180:
        return ring
    return [[x + 360 if x < 0 else x, y] for x, y in ring]


def wrap(x: float) -> float:
    return x - 360 if x > 180 else x


def polygons_of(geometry: dict) -> list[Polygon]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


def clip_ring(ring: Ring, bbox: tuple[float, float, float, float]) -> Ring:
    """Sutherland–Hodgman against an axis-aligned box. Concave shapes may gain zero-width
    slivers along the frame; harmless for filled choropleths."""
    x_min, y_min, x_max, y_max = bbox
    pts = ring[:-1] if ring and ring[0] == ring[-1] else ring[:]
    edges = (
        (lambda p: p[0] >= x_min, lambda a, b: _cut_x(a, b, x_min)),
        (lambda p: p[0] <= x_max, lambda a, b: _cut_x(a, b, x_max)),
        (lambda p: p[1] >= y_min, lambda a, b: _cut_y(a, b, y_min)),
        (lambda p: p[1] <= y_max, lambda a, b: _cut_y(a, b, y_max)),
    )
    for keep, cut in edges:
        if not pts:
            break
        out: Ring = []
        prev = pts[-1]
        for cur in pts:
            if keep(cur):
                if not keep(prev):
                    out.append(cut(prev, cur))
                out.append(cur)
            elif keep(prev):
                out.append(cut(prev, cur))
            prev = cur
        pts = out
    return pts + [pts[0]] if pts else []


def _cut_x(a: list[float], b: list[float], x: float) -> list[float]:
    t = (x - a[0]) / (b[0] - a[0])
    return [x, a[1] + t * (b[1] - a[1])]


def _cut_y(a: list[float], b: list[float], y: float) -> list[float]:
    t = (y - a[1]) / (b[1] - a[1])
    return [a[0] + t * (b[0] - a[0]), y]


def round_ring(ring: Ring, nd: int = 3) -> Ring | None:
    """Round to nd decimals (≈100 m at 3) and drop repeated points; None if nothing is left."""
    out: Ring = []
    for x, y in ring:
        p = [round(x, nd), round(y, nd)]
        if not out or p != out[-1]:
            out.append(p)
    if len(out) < 4 or ring_area_centroid(out)[0] == 0:
        return None
    return out


def rounded_polygons(polygons: Iterable[Polygon], bbox=None) -> list[Polygon]:
    result: list[Polygon] = []
    for poly in polygons:
        rings: Polygon = []
        for i, ring in enumerate(poly):
            r = clip_ring(ring, bbox) if bbox else ring
            r = round_ring(r) if r else None
            if r is None:
                if i == 0:  # outer ring gone: its holes go too
                    break
                continue
            rings.append(r)
        if rings:
            result.append(rings)
    return result


def bbox_of(polygons: list[Polygon]) -> tuple[float, float, float, float]:
    xs = [p[0] for poly in polygons for p in poly[0]]
    ys = [p[1] for poly in polygons for p in poly[0]]
    return min(xs), min(ys), max(xs), max(ys)


def overlaps(a, b) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def geojson_bytes(features: list[dict]) -> bytes:
    doc = {"type": "FeatureCollection", "features": features}
    return (json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def multipolygon(polys: list[Polygon]) -> dict:
    if len(polys) == 1:
        return {"type": "Polygon", "coordinates": polys[0]}
    return {"type": "MultiPolygon", "coordinates": polys}


# ---------------------------------------------------------------- builders

def world_polygons(geo_dir: Path) -> dict[str, list[Polygon]]:
    """ISO3 → polygons from Natural Earth. Features without an ISO id are folded into the
    UN-recognised state (N. Cyprus → CYP, Somaliland → SOM) so the map has no holes there;
    Siachen Glacier, Indian Ocean Ter. (no single ISO owner) are dropped."""
    import pycountry

    fold = {"N. Cyprus": "CYP", "Somaliland": "SOM"}
    out: dict[str, list[Polygon]] = {}
    world = json.loads((geo_dir / WORLD).read_text(encoding="utf-8"))
    for f in world["features"]:
        fid = f.get("id")
        c = pycountry.countries.get(numeric=fid) if fid else None
        iso3 = c.alpha_3 if c else fold.get(f["properties"].get("name", ""))
        if iso3:
            out.setdefault(iso3, []).extend(polygons_of(f["geometry"]))
    return out


def fmt(x: float | None, nd: int = 3) -> str:
    return "" if x is None else f"{x:.{nd}f}"


def build_countries(world: dict[str, list[Polygon]]) -> tuple[bytes, list[str]]:
    """countries.csv and the list of ISO3 codes whose Kazakh name fell back to Russian."""
    import pycountry

    ru = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
    kk = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["kk"])
    fallbacks: list[str] = []
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["iso3", "iso2", "iso_num", "name_en", "name_ru", "name_kk",
                "short_en", "short_ru", "short_kk", "lat", "lon", "in_region"])
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        iso3 = c.alpha_3
        name_en = EN_OVERRIDES.get(iso3) or getattr(c, "common_name", None) or c.name
        name_ru = RU_OVERRIDES.get(iso3) or ru.gettext(c.name)
        kk_raw = kk.gettext(c.name)
        if iso3 in KK_OVERRIDES:
            name_kk = KK_OVERRIDES[iso3]
        elif kk_raw != c.name:  # gettext hands back the msgid when there is no translation
            name_kk = kk_raw
        else:
            name_kk = name_ru
            fallbacks.append(iso3)
        short = SHORT.get(iso3, ("", "", ""))
        pt = representative_point(world.get(iso3, []))
        w.writerow([iso3, c.alpha_2, c.numeric, name_en, name_ru, name_kk, *short,
                    fmt(pt[1] if pt else None), fmt(pt[0] if pt else None),
                    "true" if iso3 in IN_REGION else "false"])
    return buf.getvalue().encode("utf-8"), fallbacks


def build_airports() -> bytes:
    import airportsdata
    import pycountry

    wanted = {pycountry.countries.get(alpha_3=a).alpha_2: a for a in [*IN_REGION, "KAZ"]}
    rows = []
    for a in airportsdata.load("ICAO").values():
        iso3 = wanted.get(a["country"])
        if not iso3 or not a["iata"] or not re.fullmatch(r"[A-Z]{4}", a["icao"]):
            continue
        if MILITARY.search(a["name"]):
            continue
        rows.append([a["icao"], a["iata"], a["name"], a["city"], iso3,
                     f"{a['lat']:.4f}", f"{a['lon']:.4f}", a["tz"]])
    rows.sort(key=lambda r: (r[4], r[0]))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["icao", "iata", "name", "city", "iso3", "lat", "lon", "tz"])
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def build_countries_geo(world: dict[str, list[Polygon]], names: dict[str, str]) -> bytes:
    features = []
    for iso3 in sorted(world):
        polys = [p for p in world[iso3] if p and p[0]]
        if not polys or not overlaps(bbox_of(polys), BBOX):
            continue
        cut = rounded_polygons(polys, BBOX)
        if cut:
            features.append({"type": "Feature", "id": iso3,
                             "properties": {"iso3": iso3, "name": names.get(iso3, iso3)},
                             "geometry": multipolygon(cut)})
    return geojson_bytes(features)


def read_firs(path: Path) -> dict[str, str]:
    """FIR id → name, in file order, from the hand-curated firs.csv."""
    firs: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            firs.setdefault(row["fir"], row["name"])
    return firs


def build_firs_geo(geo_dir: Path, firs: dict[str, str]) -> tuple[bytes, list[str]]:
    """The FIR polygons plus the ids from firs.csv that vatspy does not draw."""
    vat = json.loads((geo_dir / VATSPY).read_text(encoding="utf-8"))
    by_id = {f["properties"]["id"]: f for f in vat["features"]}
    features, missing = [], []
    for fir in sorted(firs):
        f = by_id.get(fir)
        if f is None:
            missing.append(fir)
            continue
        features.append({"type": "Feature", "id": fir,
                         "properties": {"fir": fir, "name": firs[fir]},
                         "geometry": multipolygon(rounded_polygons(polygons_of(f["geometry"])))})
    return geojson_bytes(features), missing


def build_all(geo_dir: Path, ref_dir: Path = REF) -> tuple[dict[str, bytes], list[str]]:
    """Every derived file as {path relative to ref_dir: bytes}, plus notes for the operator."""
    notes: list[str] = []
    world = world_polygons(geo_dir)
    countries, fallbacks = build_countries(world)
    if fallbacks:
        notes.append(f"kk name fell back to ru for: {' '.join(fallbacks)}")
    names = {r["iso3"]: r["name_en"] for r in csv.DictReader(io.StringIO(countries.decode()))}
    no_geom = [r for r in names if r not in world]
    notes.append(f"no Natural Earth geometry (lat/lon blank) for: {' '.join(no_geom)}")
    firs_geo, missing = build_firs_geo(geo_dir, read_firs(ref_dir / "firs.csv"))
    if missing:
        notes.append(f"FIRs in firs.csv not drawn by vatspy: {' '.join(missing)}")
    files = {
        "countries.csv": countries,
        "airports.csv": build_airports(),
        "geo/countries_region.geojson": build_countries_geo(world, names),
        "geo/firs_region.geojson": firs_geo,
    }
    for lic in LICENCES:
        files[f"geo/{lic}"] = (geo_dir / lic).read_bytes()
    return files, notes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--geo-dir", type=Path, default=GEO_DIR_DEFAULT,
                    help="folder holding the world-atlas and vatspy geojson (default ../shared/geo)")
    ap.add_argument("--check", action="store_true",
                    help="compare with the committed files instead of writing; exit 1 on a difference")
    args = ap.parse_args(argv)
    files, notes = build_all(args.geo_dir)
    for n in notes:
        print("note:", n, file=sys.stderr)
    differ = []
    for rel, data in files.items():
        path = REF / rel
        if args.check:
            if not path.exists() or path.read_bytes() != data:
                differ.append(rel)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"wrote {path.relative_to(ROOT)} ({len(data):,} bytes)")
    if differ:
        print("differs from the build: " + ", ".join(differ), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
