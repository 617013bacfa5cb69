"""Countries (analysts): trends, vulnerable groups, missions, airspace, routes out, and the files
behind every figure down to their rows, for the selected countries as of the chosen moment."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from pages import entry_only
from pages.parts.common import PageContext, country_names, data_key, empty, page_start
from pages.parts.export_ui import export_buttons, table_download
from situation.display import charts
from situation.display import trend_tables as tables
from situation.display.countries_i18n import country_name
from situation.display.formatting import (
    display_tz,
    fmt_age,
    fmt_count,
    fmt_date,
    fmt_datetime,
    fmt_int,
    fmt_time,
)
from situation.i18n import N_, t
from situation.queries import trends

PLOTLY = {"displaylogo": False}
MAX_SOURCES = 20  # expanders; the table above lists every file


def page() -> None:
    """The countries page; dashboard.py registers it with st.Page(page, url_path=…)."""
    ctx = page_start("viewer", N_("countries.title"))
    at, lang, names = ctx.at, ctx.lang, ctx.names
    first = trends.first_report()
    if first is None:
        empty(N_("countries.no_reports"))
        st.stop()
    if at < first:
        empty("empty.before_first", time=fmt_datetime(first, lang))
        st.stop()

    selected = list(ctx.countries) or trends.top_countries(at)
    if not ctx.countries:
        st.caption(t("countries.top_note", n=fmt_int(len(selected), lang), time=fmt_datetime(at, lang)))
    snap = trends.vulnerable(at, selected)
    silent = [c for c in selected if c not in set(snap["country_iso3"])]
    if silent:
        st.warning(t("countries.no_reports_for", countries=", ".join(country_name(c, lang, names) for c in silent)))
    if snap.empty:
        empty("empty.no_match")
        st.stop()

    vuln = snap[list(charts.GROUPS)].sum(min_count=1)
    _headline(ctx, snap, vuln)
    _trends(ctx, selected)
    _vulnerable_and_missions(ctx, selected, snap, vuln)
    _airspace_and_routes(ctx, selected)
    _sources(ctx, selected)


def _headline(ctx: PageContext, snap: pd.DataFrame, vuln: pd.Series) -> None:
    last = snap["as_of"].max()
    cols = st.columns([2, 3, 2, 3])
    cols[0].metric(t("metric.citizens"), fmt_count(int(snap["citizens"].sum()), bool(snap["approximate"].any())))
    cols[1].metric(t("metric.vulnerable"), fmt_int(vuln.sum(min_count=1)))
    cols[2].metric(t("countries.countries_shown"), fmt_int(len(snap)))
    # Astana time in a narrow card (the full "… (11:00 UTC)" form is in the tables below).
    cols[3].metric(t("metric.last_report"), f"{fmt_date(last, short=True, tz=display_tz())}, {fmt_time(last, tz=display_tz())}",
                   fmt_age(pd.Timestamp(ctx.at) - last), delta_color="off", delta_arrow="off")


def _trends(ctx: PageContext, selected: list[str]) -> None:
    at, lang = ctx.at, ctx.lang
    st.subheader(t("countries.trends"))
    # A log scale lets Iran's 82 be read next to the UAE's 3 500 (not for stacked categories).
    log = st.toggle(t("countries.log_scale"), key="countries_log")
    tabs = st.tabs([t("countries.tab_country"), t("countries.tab_category"), t("countries.tab_city")])
    for tab, dim in zip(tabs, trends.DIMS):
        with tab:
            df, fig = trend_figure(data_key(at), tuple(selected), dim, lang, log and dim != "category", _at=at)
            if df.empty:
                empty("empty.no_data")
                continue
            # A click on a point shows the files behind it: provenance on demand, not in every point.
            event = st.plotly_chart(fig, width="stretch", theme=None, config=PLOTLY, key=f"trend_{dim}",
                                    on_select="rerun", selection_mode="points")
            for p in (event.selection.points if event else [])[:1]:
                row = charts.trend_point(df, fig, p.get("curve_number", -1), p.get("point_index", -1))
                if row is not None:
                    st.info(t("countries.point_files", name=fig.data[p["curve_number"]].name,
                              time=fmt_datetime(row["as_of"], lang), files=charts.files_text(row["files"])))
            export_buttons(fig, f"trend_{dim}", frozen=True)
    st.caption(t("countries.trend_note"))


def _vulnerable_and_missions(ctx: PageContext, selected: list[str], snap: pd.DataFrame, vuln: pd.Series) -> None:
    st.subheader(t("countries.vulnerable"))
    if vuln.isna().all():
        empty(N_("countries.no_vulnerable"))
    else:
        fig = vulnerable_figure(data_key(ctx.at), tuple(selected), ctx.lang, _snap=snap)
        st.plotly_chart(fig, width="stretch", theme=None, config=PLOTLY)
        export_buttons(fig, "vulnerable", frozen=True)
    st.subheader(t("countries.missions"))
    missions_df = tables.missions_table(trends.missions(ctx.at, selected), ctx.lang, ctx.names, ctx.at)
    st.dataframe(missions_df, hide_index=True, width="stretch")
    table_download(missions_df, "missions")


def _airspace_and_routes(ctx: PageContext, selected: list[str]) -> None:
    st.subheader(t("countries.airspace"))
    air = trends.airspace_intervals(selected)
    if air.empty:
        empty(N_("countries.no_airspace"))
    else:
        fig = charts.airspace_gantt(air, ctx.lang, ctx.names, at=ctx.at)
        st.plotly_chart(fig, width="stretch", theme=None, config=PLOTLY)
        export_buttons(fig, "airspace_timeline")

    st.subheader(t("countries.routes"))
    routes = trends.routes(selected)
    routes = routes[routes["start_iso3"].isin(selected)]
    if routes.empty:
        empty(N_("countries.no_routes"))
    else:
        st.dataframe(tables.routes_table(routes, ctx.lang, ctx.names), hide_index=True, width="stretch")


def _sources(ctx: PageContext, selected: list[str]) -> None:
    """The files behind the figures, and the rows of the first MAX_SOURCES."""
    lang = ctx.lang
    st.subheader(t("source.title"))
    st.caption(t("source.intro", time=fmt_datetime(ctx.at, lang)))
    src, sources_df, items = sources_section(data_key(ctx.at), tuple(selected), lang, _at=ctx.at)
    if src.empty:
        empty("empty.no_data")
        return
    st.dataframe(sources_df, hide_index=True, width="stretch")
    table_download(sources_df, "sources")
    for name, n_rows, used, path, loaded_at, rows_df in items:
        label = t("source.expander", file=name, rows=fmt_int(n_rows, lang), used=fmt_int(used, lang))
        with st.expander(label):
            st.caption(t("source.archived", path=path, time=fmt_datetime(loaded_at, lang)))
            st.dataframe(rows_df, hide_index=True, width="stretch")
    if len(src) > MAX_SOURCES:
        st.caption(t("source.more", n=fmt_int(len(src) - MAX_SOURCES, lang)))


# Figures are cached like the queries behind them: on the warehouse version and the newest report
# at the moment shown (data_key), so a rerun or another viewer of the same picture reuses the
# built figure. Shared between sessions: never changed after building (the log scale is part of
# the key). `_at`/`_snap` are not part of the key: data_key stands for them.
@st.cache_resource(max_entries=64, show_spinner=False)
def trend_figure(key: tuple, countries: tuple[str, ...], dim: str, lang: str, log: bool, _at: dt.datetime) -> tuple:
    df = trends.trend(_at, countries, dim)
    if df.empty:
        return df, None
    fig = charts.trend_chart(df, lang, dim, country_names())
    if log:
        fig.update_yaxes(type="log", rangemode=None)
    return df, fig


@st.cache_resource(max_entries=32, show_spinner=False)
def sources_section(key: tuple, countries: tuple[str, ...], lang: str, _at: dt.datetime) -> tuple:
    """The files behind the figures and, for the first MAX_SOURCES, their rows formatted for
    display (formatting a few thousand cells was most of a warm rerun)."""
    src = trends.sources_behind(_at, countries)
    if src.empty:
        return src, None, []
    shown = src.head(MAX_SOURCES)
    rows = trends.source_rows(_at, countries, shown["source_id"].tolist())
    names = country_names()
    items = []
    for s in shown.itertuples():
        mine = rows[rows["source_id"] == s.source_id]
        items.append((s.original_name, len(mine), s.rows_used, s.path, s.loaded_at,
                      tables.rows_table(mine, lang, names)))
    return src, tables.sources_table(src, lang), items


@st.cache_resource(max_entries=32, show_spinner=False)
def vulnerable_figure(key: tuple, countries: tuple[str, ...], lang: str, _snap: pd.DataFrame):
    return charts.vulnerable_bar(_snap, lang, country_names())


if __name__ == "__main__":  # run as a file, not through dashboard.py: see pages/__init__.py
    entry_only()
