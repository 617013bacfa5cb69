"""Evacuation: the operation at the chosen moment — who wants to leave, what flies next, who has
gone and who is left, when the last one is home (with a what-if forecast) — and the land routes
out of Iran with their crossings."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from pages import entry_only
from pages.parts.common import PageContext, empty, page_start
from pages.parts.evacuation_forecast import forecast_section
from pages.parts.evacuation_row import evacuation_row
from pages.parts.export_ui import export_buttons, table_download
from situation.display import evacuation_page
from situation.display import trend_tables as tables
from situation.display.countries_i18n import country_name
from situation.display.evacuation import (
    BOARD_ROWS,
    STATUS_COLORS,
    board_table,
    default_plans,
    groups_table,
    operation_table,
)
from situation.display.formatting import fmt_datetime, fmt_int
from situation.i18n import N_, t
from situation.queries import evacuation as eq
from situation.queries import overview as oq
from situation.queries import trends

PLOTLY = {"displaylogo": False}
BADGE = {"open": "green", "limited": "orange", "closed": "red"}


def page() -> None:
    """The evacuation page; dashboard.py registers it with st.Page(page, url_path=…)."""
    ctx = page_start("viewer", N_("evac.title"))
    op = eq.operation(ctx.at, ctx.countries)
    # The operation at a glance: the leadership cards the Overview shows too.
    evacuation_row(ctx.at, ctx.countries, ctx.lang, ctx.names)
    st.caption(t("evac.as_of", time=fmt_datetime(ctx.at, ctx.lang)))
    _board(ctx)
    _per_country(ctx, op)
    _forecast(ctx, op)
    _priority_groups(ctx)
    _land_routes(ctx)
    _done(ctx)


def _board(ctx: PageContext) -> None:
    """Movements board: the next 72 h and the last 72 h."""
    lang = ctx.lang
    st.subheader(t("evop.board_title"))
    board = eq.board(ctx.at, ctx.countries)
    if board.empty:
        empty(N_("evop.board_empty"), time=fmt_datetime(ctx.at, lang))
        return
    status_col, load_col = t("evop.col.status"), t("evop.col.load")
    colours = {t(f"evop.status.{s}"): c for s, c in STATUS_COLORS.items()}
    for upcoming, key in ((True, N_("evop.board_next")), (False, N_("evop.board_recent"))):
        part = board[board["upcoming"] == upcoming]
        st.markdown(f"**{t(key)}**")
        if part.empty:
            st.caption(t("evop.board_none"))
            continue
        if len(part) > BOARD_ROWS:  # the soonest ahead, the latest behind (the query orders them so)
            st.caption(t("evop.board_more", shown=fmt_int(BOARD_ROWS, lang), n=fmt_int(len(part), lang)))
            part = part.head(BOARD_ROWS)
        shown = board_table(part, lang, ctx.names)
        styled = shown.style.map(_status_style, subset=[status_col], colours=colours)
        st.dataframe(styled, hide_index=True, width="stretch",
                     column_config={load_col: st.column_config.ProgressColumn(load_col, format="%d %%",
                                                                              min_value=0, max_value=100)})
        table_download(shown, "movements_next" if upcoming else "movements_recent")


def _status_style(v: str, colours: dict[str, str]) -> str:
    """A status cell in its colour (colours: translated status → colour)."""
    return f"color:white;background-color:{colours[v]}" if v in colours else ""


def _per_country(ctx: PageContext, op: pd.DataFrame) -> None:
    """Per country: cumulative evacuated against remaining."""
    lang, names = ctx.lang, ctx.names
    st.subheader(t("evop.countries_title"))
    if op.empty:
        empty(N_("evop.no_operation"))
        return
    op_df = operation_table(op, lang, names)
    st.dataframe(op_df, hide_index=True, width="stretch")
    table_download(op_df, "evacuation_by_country")
    choices = [None, *op["country_iso3"].tolist()]
    pick = st.selectbox(t("evop.chart_country"), choices, key="evop_country",
                        format_func=lambda c: t("evop.chart.all", lang) if c is None else country_name(c, lang, names))
    fig = evacuation_page.operation_chart(ctx.at, ctx.countries, lang, pick)  # built once, shared
    st.plotly_chart(fig, width="stretch", theme=None, config=PLOTLY)
    export_buttons(fig, "evacuation_operation", frozen=True)


def _forecast(ctx: PageContext, op: pd.DataFrame) -> None:
    """What-if forecast: when the last one is home, with the plans as the user changes them."""
    st.subheader(t("evop.fc.title"))
    plans = default_plans(op, eq.plan(ctx.at, ctx.countries), oq.airspace(ctx.at), ctx.at)
    if not plans:
        empty(N_("evop.fc.no_plans"))
    else:
        forecast_section(plans, eq.land_plan(ctx.at, ctx.countries), ctx.at, ctx.lang, ctx.names)


def _priority_groups(ctx: PageContext) -> None:
    """Priority groups: who is left and who has gone."""
    st.subheader(t("evac.priority_title"))
    st.info(t("evac.priority_rule"))
    grp = eq.groups(ctx.at, ctx.countries)
    if grp.empty:
        empty("empty.no_match")
    else:
        grp_df = groups_table(grp, ctx.lang, ctx.names)
        st.dataframe(grp_df, hide_index=True, width="stretch")
        table_download(grp_df, "priority")


def _land_routes(ctx: PageContext) -> None:
    """Land routes: a card per crossing, grouped by the country it leads into."""
    lang, names = ctx.lang, ctx.names
    crossings = trends.crossings(ctx.countries)
    routes = trends.routes(ctx.countries)
    st.subheader(t("evac.routes_title"))
    if crossings.empty:
        empty(N_("evac.no_crossings"))
        return
    for to_iso3, group in crossings.groupby("to_iso3", sort=False):
        st.markdown(f"#### {t('evac.into', country=country_name(str(to_iso3), lang, names))}")
        cards = st.columns(max(2, len(group)))
        for card, r in zip(cards, group.to_dict("records")):
            with card.container(border=True):
                st.markdown(f"**{tables.by_lang(r, 'name', lang, r['crossing_id'])}**")
                st.badge(tables.crossing_status(r["status"], lang), color=BADGE.get(r["status"], "gray"))
                st.markdown(t("evac.permit_yes" if r["permit_required"] else "evac.permit_no"))
                st.caption(tables.by_lang(r, "rule", lang, "—"))
    st.markdown(f"#### {t('evac.onward')}")
    if routes.empty:
        empty(N_("evac.no_routes"))
    else:
        st.dataframe(tables.routes_table(routes, lang, names), hide_index=True, width="stretch")
    st.caption(t("evac.crossings_note"))


def _done(ctx: PageContext) -> None:
    """Groups already out, from the evacuation reports (they count in the totals above)."""
    lang, names = ctx.lang, ctx.names
    st.subheader(t("evac.done_title"))
    st.caption(t("evop.groups_note"))
    done = trends.evacuations(ctx.at, ctx.countries)
    if done.empty:
        empty(N_("evac.none_yet"), time=fmt_datetime(ctx.at, lang))
        return
    by_country = done.groupby("from_iso3")["people"].sum()
    st.markdown(" · ".join(t("evac.from_total", country=country_name(c, lang, names), n=fmt_int(n, lang))
                           for c, n in by_country.items()))
    fig = evacuation_page.evacuations_chart(ctx.at, ctx.countries, lang)  # built once, shared
    st.plotly_chart(fig, width="stretch", theme=None, config=PLOTLY)
    export_buttons(fig, "evacuations", frozen=True)
    evac_df = tables.evacuations_table(done, lang, names)
    st.dataframe(evac_df, hide_index=True, width="stretch")
    table_download(evac_df, "evacuations")


if __name__ == "__main__":  # run as a file, not through dashboard.py: see pages/__init__.py
    entry_only()
