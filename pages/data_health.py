"""Data health (analysts): can the picture be trusted? Which missions report late or never, which
rows were rejected and why, what was loaded when, and the warehouse's own figures."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from pages import entry_only
from pages.parts.auth_gate import can
from pages.parts.common import PageContext, page_start
from pages.parts.export_ui import export_buttons
from situation.display import health_charts
from situation.display.countries_i18n import country_name
from situation.display.formatting import fmt_age, fmt_datetime, fmt_int, fmt_number
from situation.display.page_cache import memo
from situation.display.palette import STATUS_COLORS
from situation.i18n import N_, t
from situation.queries import health


def page() -> None:
    """The data health page; dashboard.py registers it with st.Page(page, url_path=…)."""
    ctx = page_start("viewer", N_("health.title"))
    _warehouse_figures()
    _freshness(ctx)
    _rejects(ctx)
    _loads(ctx)


def _warehouse_figures() -> None:
    """The warehouse's own figures: files, rows, rejects, and how old the published version is."""
    fig = health.figures()
    cols = st.columns(4)
    cols[0].metric(t("health.sources"), fmt_int(fig["sources"]))
    cols[1].metric(t("health.rows_loaded"), fmt_int(fig["rows_loaded"]))
    cols[2].metric(t("health.rejects"), fmt_int(fig["rejects"]))
    # The publish time is long ("25 қараша 2026, 12:01 UTC"): its age fits a metric, the time goes below.
    age = None if fig["version_time"] is None else dt.datetime.now(dt.UTC).replace(tzinfo=None) - fig["version_time"]
    cols[3].metric(t("health.version"), fmt_age(age))
    st.caption(t("health.version_caption", time=fmt_datetime(fig["version_time"]), last=fmt_datetime(fig["last_load"])))


def _freshness(ctx: PageContext) -> None:
    """Freshness per mission: who reported when, who is late, who never reported."""
    f, at, names = ctx.filters, ctx.at, ctx.names
    hours = health.stale_hours()
    st.subheader(t("health.freshness_title", time=fmt_datetime(at)))
    fresh = health.freshness(at, f.countries)
    if fresh.empty:
        st.info(t("health.no_missions"))
    else:
        reported = fresh[fresh["last_report"].notna()]
        never = fresh[fresh["last_report"].isna()]
        stale = fresh[fresh["stale"].astype(bool)]
        mission = [str(r.get(f"name_{f.lang}") or r["name_en"] or r["mission_id"]) for r in fresh.to_dict("records")]
        if reported.empty:
            st.info(t("health.none_reported", time=fmt_datetime(at)))
        if len(stale):
            st.warning(t("health.stale_warning", n=fmt_int(len(stale)), hours=fmt_number(hours)))
        state = [t("health.state_never") if pd.isna(r["last_report"]) else
                 t("health.state_stale") if r["stale"] else t("health.state_fresh") for r in fresh.to_dict("records")]
        table = pd.DataFrame({
            t("table.mission"): mission,
            t("health.covers"): [", ".join(country_name(c, f.lang, names) for c in cs) for cs in fresh["covers"]],
            t("metric.last_report"): [fmt_datetime(x) for x in fresh["last_report"]],
            t("health.age"): [fmt_age(a) if pd.notna(a) else "—" for a in fresh["age"]],
            t("health.rows_last"): [fmt_int(n) for n in fresh["rows_last"]],
            t("health.rows_total"): [fmt_int(n) for n in fresh["rows_total"]],
            t("health.state"): state,
        })
        bad = {t("health.state_stale"): STATUS_COLORS["restricted"], t("health.state_never"): STATUS_COLORS["closed"]}
        state_col = t("health.state")
        styled = table.style.apply(
            lambda row: [f"background-color: {bad[row[state_col]]}33" if row[state_col] in bad else ""] * len(row), axis=1)
        st.dataframe(styled, hide_index=True, width="stretch", height=38 + 35 * len(table))  # every mission visible
        st.caption(t("health.stale_rule", hours=fmt_number(hours)))
        if len(never):
            st.info(t("health.never_list", missions=", ".join(m for m, n in zip(mission, fresh["last_report"].isna()) if n)))


def _rejects(ctx: PageContext) -> None:
    """Rejected rows, by file, with the reason and what to fix."""
    f = ctx.filters
    st.subheader(t("health.rejects_title"))
    files = health.reject_files()
    if not can("rejected_rows"):
        # Rejected rows carry raw report lines (names of places, counts): analysts and admins only.
        st.info(t("health.rejects_restricted", n=fmt_int(int(files["rejects"].sum()) if not files.empty else 0)))
    elif files.empty:
        st.success(t("health.no_rejects"))
    else:
        counts = dict(zip(files["file"], files["rejects"]))
        chosen = st.multiselect(t("health.filter_files"), list(files["file"]), key="health_files",
                                format_func=lambda x: f"{x} ({fmt_int(counts[x])})", placeholder=t("health.all_files"))
        rej = health.rejects(chosen)
        total = int(sum(counts[x] for x in chosen) if chosen else files["rejects"].sum())
        if total > len(rej):
            st.caption(t("health.rejects_truncated", shown=fmt_int(len(rej)), total=fmt_int(total)))
        st.dataframe(pd.DataFrame({
            t("health.file"): rej["file"],
            t("health.line"): [fmt_int(n) if pd.notna(n) and n > 0 else t("health.whole_file") for n in rej["line"]],
            t("health.column"): rej["col"].fillna("—"),
            t("health.reason"): [health.reject_reason(c, r, f.lang) for c, r in zip(rej["code"], rej["reason"])],
            t("health.detail"): rej["reason"],
            t("health.raw"): rej["raw"].fillna(""),
        }), hide_index=True, width="stretch")


def _loads(ctx: PageContext) -> None:
    """Load history: what was loaded when, by whom."""
    f = ctx.filters
    st.subheader(t("health.loads_title"))
    src = health.sources()
    if src.empty:
        st.info(t("health.no_loads"))
    else:
        # The load history changes only with the warehouse version: the chart is built once per
        # version and language and shared (page_cache), and nothing changes it after (frozen export).
        fig = memo(("loads_figure", f.lang), lambda: health_charts.loads_figure(health.loads_over_time(src), f.lang))
        st.plotly_chart(fig, width="stretch", theme=None, config={"displaylogo": False})
        export_buttons(fig, "loads", frozen=True)
        st.dataframe(pd.DataFrame({
            t("health.file"): src["file"],
            t("health.kind"): [health.kind_label(k, f.lang) for k in src["kind"]],
            t("health.loaded_at"): [fmt_datetime(x) for x in src["loaded_at"]],
            t("health.rows_loaded"): [fmt_int(n) for n in src["rows_loaded"]],
            t("health.rows_rejected"): [fmt_int(n) for n in src["rows_rejected"]],
            t("health.sample"): [t("health.sample_yes") if s else "" for s in src["is_sample"]],
            t("health.uploaded_by"): src["uploaded_by"].fillna("—"),
        }), hide_index=True, width="stretch")
    st.caption(t("health.files_not_filtered"))


if __name__ == "__main__":  # run as a file, not through dashboard.py: see pages/__init__.py
    entry_only()
