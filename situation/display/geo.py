"""Reference geometry for maps: the region's country and FIR polygons and the countries' centroids.

Read once per process (lru_cache): the files are versioned reference data that change only with
a deployment, and a page must not parse 250 kB of GeoJSON on every rerun. Callers get the same
dict object back, so they must not modify it (the map builders copy what they change).
"""
from __future__ import annotations

import csv
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import config

_BUNDLED = config.ROOT / "data" / "reference"


def _reference_file(*parts: str) -> Path:
    """A deployment's own reference file when it brings one, else the versioned copy."""
    own = config.reference_dir().joinpath(*parts)
    return own if own.exists() else _BUNDLED.joinpath(*parts)


@lru_cache(maxsize=1)
def load_countries_geojson() -> dict[str, Any]:
    """FeatureCollection of the region's countries; each feature has properties iso3 and name."""
    with _reference_file("geo", "countries_region.geojson").open(encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=1)
def load_firs_geojson() -> dict[str, Any]:
    """FeatureCollection of the region's flight information regions; property fir (ICAO code)."""
    with _reference_file("geo", "firs_region.geojson").open(encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=1)
def country_centroids() -> dict[str, tuple[float, float]]:
    """ISO3 → (lat, lon) of the country's label point, from countries.csv (rows without one skipped)."""
    out: dict[str, tuple[float, float]] = {}
    with _reference_file("countries.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            try:
                out[row["iso3"]] = (float(row["lat"]), float(row["lon"]))
            except (TypeError, ValueError):
                continue  # e.g. BES has no centroid in the source
    return out


@lru_cache(maxsize=1)
def region_iso3() -> frozenset[str]:
    """ISO3 codes that have a polygon in countries_region.geojson."""
    return frozenset(f["properties"]["iso3"] for f in load_countries_geojson()["features"])
