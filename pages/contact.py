"""Citizen contact: how many citizens wait for an answer from the missions' hotlines and chats,
what they ask for, and what the ministry told them by push alert (Kaspi), when — as of the
chosen moment and for the chosen countries. Figures at a moment come from contact_at(t); the
page's content is built once per warehouse version (situation.display.contact_page)."""
from __future__ import annotations

import streamlit as st

from pages import entry_only
from pages.parts.common import empty, page_start
from pages.parts.export_ui import export_buttons, table_download
from situation.display import contact_page
from situation.display.formatting import fmt_datetime, fmt_int
from situation.i18n import N_, t

PLOTLY = {"displaylogo": False}


def page() -> None:
    """The contact page; dashboard.py registers it with st.Page(page, url_path=…)."""
    ctx = page_start("viewer", N_("contact.title"))
    at, lang = ctx.at, ctx.lang
    st.caption(t("contact.as_of", time=fmt_datetime(at, lang)))

    p = contact_page.page(at, ctx.countries, lang)
    if p.empty:
        empty(N_("contact.none"), time=fmt_datetime(at, lang))
        st.stop()

    for col, card in zip(st.columns(5), p.cards, strict=True):
        col.metric(**card)

    st.subheader(t("contact.by_country"))
    st.dataframe(p.table, hide_index=True, width="stretch")
    table_download(p.table, "contact_by_country")
    st.caption(t("contact.reach_note"))

    st.subheader(t("contact.what_asked"))
    if p.topics is None:
        empty(N_("contact.no_requests"))
    else:
        st.plotly_chart(p.topics, width="stretch", theme=None, config=PLOTLY)
        export_buttons(p.topics, "contact_topics", frozen=True)
        st.caption(t("contact.topics_caption"))

    st.subheader(t("contact.waiting_missions"))
    if p.missions is None:
        empty(N_("contact.nobody_waiting"))
    else:
        st.plotly_chart(p.missions, width="stretch", theme=None, config=PLOTLY)
        export_buttons(p.missions, "contact_open_missions", frozen=True)

    st.subheader(t("contact.what_told"))
    if p.alerts is None:
        empty(N_("contact.no_alerts"))
    else:
        st.plotly_chart(p.alerts, width="stretch", theme=None, config=PLOTLY)
        export_buttons(p.alerts, "contact_alerts", frozen=True)
        for heading, messages in p.recent:
            with st.container(border=True):
                st.markdown(f"**{heading}**")
                for language, text in messages:
                    st.markdown(f"*{language}*")
                    st.text(text)  # as sent: plain text, never read as Markdown
        st.caption(t("contact.alerts_note", n=fmt_int(p.n_campaigns, lang)))
        with st.expander(t("contact.all_alerts", n=fmt_int(len(p.alert_rows), lang))):
            st.dataframe(p.alert_rows, hide_index=True, width="stretch")
            table_download(p.alert_rows, "contact_alerts")


if __name__ == "__main__":  # run as a file, not through dashboard.py: see pages/__init__.py
    entry_only()
