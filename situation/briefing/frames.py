"""The tables a user can download (CSV/XLSX) for the current filters: exactly the rows the pages
show, with figures as numbers (a spreadsheet can sum them), times as UTC datetimes, translated
headers, and on every row the moment of the picture and the source file behind it.

Pure read side: Filters in, DataFrames out; export_tables turns them into bytes.
"""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from situation.display.countries_i18n import country_name
from situation.i18n import N_, t
from situation.queries import common as queries
from situation.queries import overview as oq
from situation.queries.filters import Filters

TABLES: tuple[str, ...] = (N_("export.table.headcounts"), N_("export.table.readiness"),
                           N_("export.table.notams"), N_("export.table.sources"))


def _files(x: object) -> str:
    if x is None or isinstance(x, float):
        return ""
    return x if isinstance(x, str) else ", ".join(str(v) for v in x)


def _int(x: object) -> object:
    return pd.NA if x is None or pd.isna(x) else int(x)


def _names() -> dict:
    return queries.countries_table().set_index("iso3").to_dict("index")


def headcounts(f: Filters) -> pd.DataFrame:
    lang, at, names = f.lang, oq.moment(f.at(), f.live), _names()
    rows = [{
        t("export.col.iso3", lang): r["country_iso3"],
        t("table.country", lang): country_name(r["country_iso3"], lang, names),
        t("table.citizens", lang): _int(r["citizens"]),
        t("export.col.approximate", lang): bool(r["approximate"]),
        t("group.elderly", lang): _int(r["elderly"]), t("group.women", lang): _int(r["women"]),
        t("group.children", lang): _int(r["children"]), t("metric.housed", lang): _int(r["housed"]),
        t("metric.contacted", lang): _int(r["contacted"]),
        t("map.airspace", lang): t(f"status.{r['airspace'] or 'unknown'}", lang),
        t("export.col.report_as_of", lang): r["as_of"],
        t("table.source", lang): _files(r["sources"]),
        t("export.col.picture_as_of", lang): at,
    } for r in oq.countries_now(at, f.countries).to_dict("records")]
    return pd.DataFrame(rows)


def readiness(f: Filters) -> pd.DataFrame:
    from situation.display.readiness import assess

    lang, at, names = f.lang, oq.moment(f.at(), f.live), _names()
    snap = oq.countries_now(at, f.countries).to_dict("records")
    by = {r["country_iso3"]: r for r in snap}
    rows = [{
        t("export.col.iso3", lang): a["country_iso3"],
        t("table.country", lang): country_name(a["country_iso3"], lang, names),
        t("readiness.col.level", lang): t(f"readiness.{a['level']}", lang),
        t("table.citizens", lang): _int(by[a["country_iso3"]]["citizens"]),
        t("readiness.col.why", lang): a["why"],
        t("export.col.report_as_of", lang): by[a["country_iso3"]]["as_of"],
        t("table.source", lang): _files(by[a["country_iso3"]]["sources"]),
        t("export.col.picture_as_of", lang): at,
    } for a in assess(snap, lang, names)]
    return pd.DataFrame(rows)


def notams(f: Filters) -> pd.DataFrame:
    from situation.display.airspace_charts import notam_effect
    from situation.queries import airspace as airspace_view

    lang, at = f.lang, oq.moment(f.at(), f.live)
    rows = [{
        "NOTAM": r["notam_id"], t("term.fir", lang): r["fir"], t("export.col.iso3", lang): r["country_iso3"],
        t("briefing.col_effect", lang): notam_effect(r["status"], lang),
        t("export.col.valid_from", lang): r["valid_from"],
        t("export.col.valid_to", lang): r["effective_end"] if pd.notna(r["effective_end"]) else r["valid_to"],
        t("export.col.estimated", lang): bool(r["estimated_end"]),
        t("briefing.col_text", lang): r["text"],
        t("table.source", lang): r["source_file"],
        t("export.col.picture_as_of", lang): at,
    } for r in airspace_view.notams_at(at, "", f.countries).to_dict("records")]
    return pd.DataFrame(rows)


def sources(f: Filters) -> pd.DataFrame:
    from situation.queries import trends
    lang, at = f.lang, oq.moment(f.at(), f.live)
    rows = [{
        t("table.source", lang): r["original_name"], t("export.col.kind", lang): r["kind"],
        t("export.col.loaded_at", lang): r["loaded_at"],
        t("export.col.rows_loaded", lang): _int(r["rows_loaded"]),
        t("export.col.rows_rejected", lang): _int(r["rows_rejected"]),
        t("export.col.rows_used", lang): _int(r["rows_used"]),
        t("export.col.report_as_of", lang): r["last_as_of"],
        t("export.col.picture_as_of", lang): at,
    } for r in trends.sources_behind(at, f.countries).to_dict("records")]
    return pd.DataFrame(rows)


BUILDERS: dict[str, Callable[[Filters], pd.DataFrame]] = dict(zip(TABLES, (headcounts, readiness, notams, sources)))


def frame(name: str, f: Filters) -> pd.DataFrame:
    """One downloadable table by its key (export.table.*)."""
    return BUILDERS[name](f)
