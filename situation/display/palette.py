"""The one palette of the Situation Room: every chart, map and export takes its colours here.

Why one module: a duty officer learns on the overview that "amber = restricted" and the UAE is
teal; the same colour must mean the same thing on every page, in every export.

Status and readiness colours start from Okabe & Ito ("Color Universal Design"): green #009E73
and amber #E69F00 are theirs; the red is darker than their vermillion, which read as orange
under a map's transparency. The three differ in lightness as well as hue (red darkest, amber
lightest), so they stay apart for deuteranopia and protanopia and on a washed-out projector. Grey means "unknown / no data", never a status.
"""
from __future__ import annotations

import zlib
from typing import Any

# --- Status of a country's airspace (airspace_at(t).status) --------------------------------
STATUS_COLORS: dict[str, str] = {
    "open": "#009E73",        # bluish green
    "restricted": "#E69F00",  # orange-amber
    "closed": "#C0392B",      # deep red: darker than the amber and the green, so the three
                              # also differ in lightness (deuteranopia, a faded projector)
    "unknown": "#9E9E9E",     # neutral grey
}
STATUS_ORDER: tuple[str, ...] = ("closed", "restricted", "open", "unknown")

# --- Readiness level of a country (situation/queries/readiness.py) -----------------------------------
READINESS_COLORS: dict[str, str] = {
    "green": STATUS_COLORS["open"],
    "amber": STATUS_COLORS["restricted"],
    "red": STATUS_COLORS["closed"],
}
READINESS_ORDER: tuple[str, ...] = ("red", "amber", "green")

# --- Countries of the region: fixed so a country keeps its colour across pages and days ------
# Okabe-Ito first for the countries with the most citizens, then well-separated tableau-like
# shades; no pure status green/amber/red, so a country series is not read as a status.
COUNTRY_COLORS: dict[str, str] = {
    "ARE": "#0072B2",  # blue
    "SAU": "#56B4E9",  # sky blue
    "QAT": "#CC79A7",  # reddish purple
    "TUR": "#882255",  # wine
    "IRN": "#332288",  # indigo
    "EGY": "#B8860B",  # dark goldenrod
    "KWT": "#117733",  # dark green
    "BHR": "#44AA99",  # teal
    "OMN": "#88CCEE",  # cyan
    "JOR": "#AA4499",  # purple
    "ISR": "#6699CC",  # steel blue
    "IRQ": "#997700",  # olive brown
    "YEM": "#994455",  # rose brown
    "LBN": "#EE99AA",  # pink
    "SYR": "#666633",  # olive
    "ARM": "#004488",  # dark blue
    "AZE": "#DDAA33",  # sand yellow
    "TKM": "#228833",  # green
    "CYP": "#66CCEE",  # light cyan
    "PSE": "#BB5566",  # muted red
    "KAZ": "#00A3C4",  # Kazakh flag sky blue
}
# Others (a country outside the region in a report) get a colour from this list by a stable
# hash of the ISO3 code: the same code gives the same colour in every process and run
# (Python's hash() is salted per process, crc32 is not).
_FALLBACK: tuple[str, ...] = (
    "#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377",
    "#BBBBBB", "#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF",
    "#44BB99", "#AAAA00", "#5D4037", "#7986CB",
)


def country_color(iso3: str | None) -> str:
    """The colour of a country: fixed for the region, a stable hashed one for any other."""
    if not iso3:
        return STATUS_COLORS["unknown"]
    code = str(iso3).upper()
    if code in COUNTRY_COLORS:
        return COUNTRY_COLORS[code]
    return _FALLBACK[zlib.crc32(code.encode("ascii", "replace")) % len(_FALLBACK)]


# --- Categories of citizens (categories.csv) and vulnerable groups ---------------------------
CATEGORY_COLORS: dict[str, str] = {
    "tourist": "#0072B2",
    "pilgrim": "#009E73",
    "transit": "#E69F00",
    "resident": "#56B4E9",
    "official": "#332288",
    "student": "#CC79A7",
    "other": "#9E9E9E",
}
GROUP_COLORS: dict[str, str] = {
    "elderly": "#882255",
    "women": "#CC79A7",
    "children": "#DDAA33",
}

# Neutral colours used by maps and tables.
NEUTRAL: dict[str, str] = {
    "outline": "#FFFFFF",
    "land": "#F2F2EE",      # countries outside the region
    "land_line": "#B0B0B0",
    "background": "#E6EEF5",
    "citizens": "#0072B2",
    "mission": "#1A1A1A",
    "route": "#332288",
    "airport": "#000000",
    "text": "#1A1A1A",
}

# --- Fonts for a 1920×1080 wall screen, read from 3–5 m ---------------------------------------
FONT: dict[str, int] = {
    "base": 18,     # axis ticks, annotations
    "title": 22,    # chart titles
    "axis": 18,     # axis titles
    "legend": 16,
    "hover": 16,
    "small": 16,    # the smallest anything may be
}
FONT_FAMILY = "Noto Sans, DejaVu Sans, Arial, sans-serif"  # both carry Kazakh Cyrillic


def hex_to_rgb(color: str, alpha: int | None = None) -> list[int]:
    """'#D55E00' → [213, 94, 0] (or with alpha appended) for pydeck layers."""
    h = color.lstrip("#")
    rgb = [int(h[i:i + 2], 16) for i in (0, 2, 4)]
    return rgb + [int(alpha)] if alpha is not None else rgb


def status_color(status: str | None) -> str:
    """The colour of an airspace/crossing status; anything unrecognised is 'unknown' grey."""
    return STATUS_COLORS.get(str(status or "unknown").lower(), STATUS_COLORS["unknown"])


def plotly_layout(lang: str | None = None, **overrides: Any) -> dict[str, Any]:
    """Base layout for every Plotly figure: `fig.update_layout(**plotly_layout(f.lang))`.

    Fonts sized for the wall screen, numbers grouped as the language expects ("3 500"),
    white template, hover labels readable from a distance. Extra keyword arguments are
    merged on top (e.g. height=420).
    """
    from situation.display.formatting import plotly_separators

    layout: dict[str, Any] = {
        "template": "plotly_white",
        "separators": plotly_separators(lang),
        "font": {"size": FONT["base"], "family": FONT_FAMILY, "color": NEUTRAL["text"]},
        "title": {"font": {"size": FONT["title"]}, "x": 0.0, "xanchor": "left"},
        "legend": {"font": {"size": FONT["legend"]}},
        "hoverlabel": {"font": {"size": FONT["hover"], "family": FONT_FAMILY}},
        "margin": {"l": 60, "r": 20, "t": 60, "b": 50},
        # Plotly groups thousands on ticks only from 10 000 up unless told: "3 500" on an axis,
        # like every other figure on the page, not "3500".
        "xaxis": {"separatethousands": True},
        "yaxis": {"separatethousands": True},
    }
    for key, value in overrides.items():
        both = isinstance(value, dict) and key in ("xaxis", "yaxis")
        layout[key] = {**layout[key], **value} if both else value
    return layout
