"""Evacuation: the operation at the chosen moment — who wants to leave, what flies next, who has
gone and who is left, when the last one is home (with a what-if forecast) — and the land routes
out of Iran with their crossings."""
from __future__ import annotations

import streamlit as st

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
from views.common import country_names, empty, filters, guard_warehouse
from views.common_auth import require
from views.evacuation_forecast import forecast_section
from views.evacuation_row import evacuation_row
from views.export_ui import export_buttons, table_download

require("viewer")  # defence in depth: the navigation list already leaves out what a role may not use

PLOTLY = {"displaylogo": False}
BADGE = {"open": "green", "limited": "orange", "closed": "red"}

f = filters()
st.title(t("evac.title"))
if not guard_warehouse():
    st.stop()
at, lang, names = f.at(), f.lang, country_names()
op = eq.operation(at, f.countries)

# --- the operation at a glance ---------------------------------------------------------------
evacuation_row(at, f.countries, lang, names)
st.caption(t("evac.as_of", time=fmt_datetime(at, lang)))

# --- movements board: next 72 h and the last 72 h ---------------------------------------------
st.subheader(t("evop.board_title"))
board = eq.board(at, f.countries)
if board.empty:
    empty(N_("evop.board_empty"), time=fmt_datetime(at, lang))
else:
    status_col, load_col = t("evop.col.status"), t("evop.col.load")
    colours = {t(f"evop.status.{s}"): c for s, c in STATUS_COLORS.items()}

    def status_style(v: str) -> str:
        return f"color:white;background-color:{colours[v]}" if v in colours else ""

    for upcoming, key in ((True, N_("evop.board_next")), (False, N_("evop.board_recent"))):
        part = board[board["upcoming"] == upcoming]
        st.markdown(f"**{t(key)}**")
        if part.empty:
            st.caption(t("evop.board_none"))
            continue
        if len(part) > BOARD_ROWS:  # the soonest ahead, the latest behind (the query orders them so)
            st.caption(t("evop.board_more", shown=fmt_int(BOARD_ROWS, lang), n=fmt_int(len(part), lang)))
            part = part.head(BOARD_ROWS)
        shown = board_table(part, lang, names)
        styled = shown.style.map(status_style, subset=[status_col])
        st.dataframe(styled, hide_index=True, width="stretch",
                     column_config={load_col: st.column_config.ProgressColumn(load_col, format="%d %%",
                                                                              min_value=0, max_value=100)})
        table_download(shown, "movements_next" if upcoming else "movements_recent")

# --- per country: cumulative evacuated against remaining --------------------------------------
st.subheader(t("evop.countries_title"))
if op.empty:
    empty(N_("evop.no_operation"))
else:
    op_df = operation_table(op, lang, names)
    st.dataframe(op_df, hide_index=True, width="stretch")
    table_download(op_df, "evacuation_by_country")
    choices = [None, *op["country_iso3"].tolist()]
    pick = st.selectbox(t("evop.chart_country"), choices, key="evop_country",
                        format_func=lambda c: t("evop.chart.all", lang) if c is None else country_name(c, lang, names))
    fig = evacuation_page.operation_chart(at, f.countries, lang, pick)  # built once, shared
    st.plotly_chart(fig, width="stretch", theme=None, config=PLOTLY)
    export_buttons(fig, "evacuation_operation", frozen=True)

# --- what-if forecast ------------------------------------------------------------------------
st.subheader(t("evop.fc.title"))
plans = default_plans(op, eq.plan(at, f.countries), oq.airspace(at), at)
if not plans:
    empty(N_("evop.fc.no_plans"))
else:
    forecast_section(plans, eq.land_plan(at, f.countries), at, lang, names)

# --- priority groups: who is left and who has gone --------------------------------------------
st.subheader(t("evac.priority_title"))
st.info(t("evac.priority_rule"))
grp = eq.groups(at, f.countries)
if grp.empty:
    empty("empty.no_match")
else:
    grp_df = groups_table(grp, lang, names)
    st.dataframe(grp_df, hide_index=True, width="stretch")
    table_download(grp_df, "priority")

# --- land routes: a card per crossing, grouped by the country it leads into ---------------------
crossings = trends.crossings(f.countries)
routes = trends.routes(f.countries)
st.subheader(t("evac.routes_title"))
if crossings.empty:
    empty(N_("evac.no_crossings"))
else:
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

# --- groups already out, from the evacuation reports (they count in the totals above) ----------
st.subheader(t("evac.done_title"))
st.caption(t("evop.groups_note"))
done = trends.evacuations(at, f.countries)
if done.empty:
    empty(N_("evac.none_yet"), time=fmt_datetime(at, lang))
else:
    by_country = done.groupby("from_iso3")["people"].sum()
    st.markdown(" · ".join(t("evac.from_total", country=country_name(c, lang, names), n=fmt_int(n, lang))
                           for c, n in by_country.items()))
    fig = evacuation_page.evacuations_chart(at, f.countries, lang)  # built once, shared
    st.plotly_chart(fig, width="stretch", theme=None, config=PLOTLY)
    export_buttons(fig, "evacuations", frozen=True)
    evac_df = tables.evacuations_table(done, lang, names)
    st.dataframe(evac_df, hide_index=True, width="stretch")
    table_download(evac_df, "evacuations")
