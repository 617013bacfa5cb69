"""Display tables for the countries and evacuation pages (and the briefing export): query frames
in, frames with translated column headers and formatted cells out. No Streamlit here.

Cells are text already formatted for the language (figures never wrap, "—" for missing) so a
table reads the same on screen and in an export.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd

from situation.display.countries_i18n import country_name
from situation.display.formatting import NO_VALUE, fmt_age, fmt_count, fmt_datetime, fmt_int
from situation.i18n import t

CROSSING_STATUSES = ("open", "limited", "closed")


def by_lang(row: Mapping, stem: str, lang: str, fallback: str = "") -> str:
    """A field in the reader's language (name_kk …), falling back ru → en like country names."""
    for code in dict.fromkeys((lang, "ru", "en")):
        v = row.get(f"{stem}_{code}")
        if isinstance(v, str) and v.strip():
            return v
    return fallback


def _text(v: object) -> str:
    return v if isinstance(v, str) and v.strip() else NO_VALUE


def crossing_status(status: str, lang: str) -> str:
    s = str(status or "").lower()
    return t(f"route.status_{s}", lang) if s in CROSSING_STATUSES else t("status.unknown", lang)


def _yes_no(v: object, lang: str) -> str:
    return NO_VALUE if v is None or pd.isna(v) else t("route.yes" if bool(v) else "route.no", lang)


def missions_table(df: pd.DataFrame, lang: str, names: Mapping, at: dt.datetime) -> pd.DataFrame:
    rows = [{
        t("table.mission", lang): by_lang(r, "name", lang, r["mission_id"]),
        t("table.country", lang): country_name(r["country_iso3"], lang, names),
        t("table.citizens", lang): fmt_count(r["citizens"], r["approximate"], lang),
        t("countries.col_last_report", lang): fmt_datetime(r["last_as_of"], lang),
        t("countries.col_age", lang): fmt_age(pd.Timestamp(at) - pd.Timestamp(r["last_as_of"]), lang),
    } for r in df.to_dict("records")]
    return pd.DataFrame(rows)


def sources_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    rows = [{
        t("source.col_file", lang): r["original_name"],
        t("source.col_kind", lang): t(f"source.kind_{r['kind']}", lang) if r["kind"] == "headcounts" else r["kind"],
        t("source.col_loaded", lang): fmt_datetime(r["loaded_at"], lang),
        t("source.col_rows", lang): fmt_int(r["rows_loaded"], lang),
        t("source.col_rejected", lang): fmt_int(r["rows_rejected"], lang),
        t("source.col_used", lang): fmt_int(r["rows_used"], lang),
    } for r in df.to_dict("records")]
    return pd.DataFrame(rows)


def rows_table(df: pd.DataFrame, lang: str, names: Mapping) -> pd.DataFrame:
    """The raw headcount rows of one file, line by line, as the mission wrote them."""
    rows = [{
        t("source.col_line", lang): int(r["line"]),
        t("table.as_of", lang): fmt_datetime(r["as_of"], lang),
        t("table.country", lang): country_name(r["country_iso3"], lang, names, short=True),
        t("table.city", lang): r["city"] or t("chart.whole_country", lang),
        t("table.category", lang): t(f"category.{r['category']}", lang),
        t("table.citizens", lang): fmt_count(r["count"], r["approximate"], lang),
        t("group.elderly", lang): fmt_int(r["elderly"], lang),
        t("group.women", lang): fmt_int(r["women"], lang),
        t("group.children", lang): fmt_int(r["children"], lang),
        t("table.mission", lang): r["mission_id"],
        t("source.col_in_picture", lang): "✓" if r["in_picture"] else "",
    } for r in df.to_dict("records")]
    return pd.DataFrame(rows)


def routes_table(df: pd.DataFrame, lang: str, names: Mapping) -> pd.DataFrame:
    rows = [{
        t("route.col_route", lang): by_lang(r, "name", lang, r["route_id"]),
        t("route.col_crossing", lang): by_lang({"x_en": r["crossing_en"], "x_ru": r["crossing_ru"],
                                                 "x_kk": r["crossing_kk"]}, "x", lang, r["crossing_id"]),
        t("route.col_into", lang): country_name(r["to_iso3"], lang, names),
        t("table.status", lang): crossing_status(r["status"], lang),
        t("route.col_permit", lang): _yes_no(r["permit_required"], lang),
        t("route.col_airport", lang): " · ".join(x for x in (
            r["icao"], r["iata"] if isinstance(r["iata"], str) else "", _text(r["airport_name"]),
            r["airport_city"] if isinstance(r["airport_city"], str) else "") if x),
    } for r in df.to_dict("records")]
    return pd.DataFrame(rows)


def evacuations_table(df: pd.DataFrame, lang: str, names: Mapping) -> pd.DataFrame:
    rows = [{
        t("evac.col_group", lang): t("chart.group_no", lang, n=fmt_int(r["group_no"], lang)),
        t("evac.col_date", lang): fmt_datetime(r["date"], lang),
        t("evac.col_from", lang): f"{r['from_city'] or ''} ({country_name(r['from_iso3'], lang, names, short=True)})",
        t("evac.col_via", lang): by_lang(r, "via", lang, _text(r["via"])),
        t("evac.col_to", lang): country_name(r["to_iso3"], lang, names),
        t("evac.col_people", lang): fmt_int(r["people"], lang),
        t("evac.col_total", lang): fmt_int(r["cumulative"], lang),
        t("table.source", lang): f"{r['file']}, {t('chart.line', lang)} {r['line']}",
    } for r in df.to_dict("records")]
    return pd.DataFrame(rows)


def priority_table(df: pd.DataFrame, lang: str, names: Mapping) -> pd.DataFrame:
    """Per country the evacuation priority groups: elderly, women, children, and their sum."""
    rows = []
    for r in df.to_dict("records"):
        groups = [r["elderly"], r["women"], r["children"]]
        known = [g for g in groups if g is not None and not pd.isna(g)]
        rows.append({
            t("table.country", lang): country_name(r["country_iso3"], lang, names),
            t("table.citizens", lang): fmt_count(r["citizens"], r["approximate"], lang),
            t("group.elderly", lang): fmt_int(r["elderly"], lang),
            t("group.women", lang): fmt_int(r["women"], lang),
            t("group.children", lang): fmt_int(r["children"], lang),
            t("evac.col_priority", lang): fmt_int(sum(known), lang) if known else NO_VALUE,
            t("table.as_of", lang): fmt_datetime(r["as_of"], lang),
        })
    return pd.DataFrame(rows)
