"""Citizen contact: how many citizens wait for an answer from the missions' hotlines and chats,
what they ask for, and what the ministry told them by push alert (Kaspi), when — as of the
chosen moment and for the chosen countries. Figures at a moment come from contact_at(t)."""
from __future__ import annotations

import streamlit as st

from situation import contact_charts as charts
from situation import contact_queries as q
from situation import contact_view as view
from situation.formatting import fmt_datetime, fmt_int
from situation.i18n import N_, t
from views.common import country_names, empty, filters, guard_warehouse
from views.common_auth import require
from views.export_ui import export_buttons, table_download

require("viewer")  # defence in depth: the navigation list already leaves out what a role may not use

PLOTLY = {"displaylogo": False}

f = filters()
st.title(t("contact.title"))
if not guard_warehouse():
    st.stop()
at, lang, names = f.at(), f.lang, country_names()
st.caption(t("contact.as_of", time=fmt_datetime(at, lang)))

per_country = q.by_country(at, f.countries)
if per_country.empty:
    empty(N_("contact.none"), time=fmt_datetime(at, lang))
    st.stop()

for col, card in zip(st.columns(5), view.cards(q.totals(at, f.countries), lang), strict=True):
    col.metric(**card)

st.subheader(t("contact.by_country"))
table = view.country_table(per_country, lang, names)
st.dataframe(table, hide_index=True, width="stretch")
table_download(table, "contact_by_country")
st.caption(t("contact.reach_note"))

st.subheader(t("contact.what_asked"))
topics = q.topics(at, f.countries)
if topics.empty:
    empty(N_("contact.no_requests"))
else:
    fig = charts.topics_chart(topics, lang)
    st.plotly_chart(fig, width="stretch", theme=None, config=PLOTLY)
    export_buttons(fig, "contact_topics")
    st.caption(t("contact.topics_caption"))

st.subheader(t("contact.waiting_missions"))
missions = q.open_by_mission(at, f.countries)
if missions.empty or int(missions["requests_open"].sum()) == 0:
    empty(N_("contact.nobody_waiting"))
else:
    fig = charts.open_by_mission_chart(missions, lang)
    st.plotly_chart(fig, width="stretch", theme=None, config=PLOTLY)
    export_buttons(fig, "contact_open_missions")

st.subheader(t("contact.what_told"))
camps = charts.campaigns(q.alerts(at, f.countries))
if camps.empty:
    empty(N_("contact.no_alerts"))
else:
    fig = charts.alerts_timeline(camps, lang, names)
    st.plotly_chart(fig, width="stretch", theme=None, config=PLOTLY)
    export_buttons(fig, "contact_alerts")
    for r in camps.to_dict("records"):
        with st.container(border=True):
            st.markdown(f"**{view.campaign_heading(r, lang, names)}**")
            for language, text in view.campaign_messages(r):
                st.markdown(f"*{language}*")
                st.text(text)  # as sent: plain text, never read as Markdown
    st.caption(t("contact.alerts_note", n=fmt_int(len(camps), lang)))
