"""Evacuation: the land routes out of Iran (crossings, permit rules, onward airports), who has been
brought out so far, and who goes first if a flight is organised — as of the chosen moment."""
from __future__ import annotations

import streamlit as st

from situation import charts, trends
from situation import trend_tables as tables
from situation.countries_i18n import country_name
from situation.formatting import fmt_count, fmt_datetime, fmt_int
from situation.i18n import N_, t
from views.common import country_names, empty, filters, guard_warehouse
from views.common_auth import require
from views.export_ui import export_buttons, table_download

require("viewer")  # defence in depth: the navigation list already leaves out what a role may not use

PLOTLY = {"displaylogo": False}
BADGE = {"open": "green", "limited": "orange", "closed": "red"}

f = filters()
st.title(t("evac.title"))
if not guard_warehouse():
    st.stop()
at, lang, names = f.at(), f.lang, country_names()
crossings = trends.crossings(f.countries)
routes = trends.routes(f.countries)
done = trends.evacuations(at, f.countries)
prio = trends.vulnerable(at, f.countries)

# --- headline ------------------------------------------------------------------------------
groups = prio[list(charts.GROUPS)].sum(min_count=1)
cols = st.columns(4)
cols[0].metric(t("metric.evacuated"), fmt_int(int(done["people"].sum()) if len(done) else 0))
cols[1].metric(t("evac.groups"), fmt_int(len(done)))
cols[2].metric(t("evac.crossings_open"), t("evac.n_of_m", n=fmt_int(int((crossings["status"] != "closed").sum())),
                                             m=fmt_int(len(crossings))))
cols[3].metric(t("evac.priority_total"), fmt_int(groups.sum(min_count=1)))
st.caption(t("evac.as_of", time=fmt_datetime(at, lang)))

# --- land routes: a card per crossing, grouped by the country it leads into ---------------------
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

# --- evacuations so far -----------------------------------------------------------------------
st.subheader(t("evac.done_title"))
if done.empty:
    empty(N_("evac.none_yet"), time=fmt_datetime(at, lang))
else:
    by_country = done.groupby("from_iso3")["people"].sum()
    st.markdown(" · ".join(t("evac.from_total", country=country_name(c, lang, names), n=fmt_int(n, lang))
                           for c, n in by_country.items()))
    fig = charts.evacuations_chart(done, lang, names, at=at)
    st.plotly_chart(fig, width="stretch", theme=None, config=PLOTLY)
    export_buttons(fig, "evacuations")
    evac_df = tables.evacuations_table(done, lang, names)
    st.dataframe(evac_df, hide_index=True, width="stretch")
    table_download(evac_df, "evacuations")

# --- priority groups ---------------------------------------------------------------------------
st.subheader(t("evac.priority_title"))
st.info(t("evac.priority_rule"))
if prio.empty:
    empty("empty.no_match")
elif groups.isna().all():
    empty(N_("countries.no_vulnerable"))
else:
    fig = charts.vulnerable_bar(prio, lang, names)
    st.plotly_chart(fig, width="stretch", theme=None, config=PLOTLY)
    export_buttons(fig, "priority")
    prio_df = tables.priority_table(prio, lang, names)
    st.dataframe(prio_df, hide_index=True, width="stretch")
    table_download(prio_df, "priority")
    total = fmt_count(int(prio["citizens"].sum()), bool(prio["approximate"].any()))
    st.caption(t("evac.priority_note", total=total))
