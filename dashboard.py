"""Entry point: page config, language, the shared sidebar filters (mirrored in the URL), navigation.

Widgets that must survive page changes live here, not on pages (Streamlit's st.navigation
pattern). Pages read the chosen filters with pages.parts.common.filters().
"""
from __future__ import annotations

import datetime as dt

import streamlit as st

from pages import admin, airspace, briefing, contact, countries, data_health, evacuation, overview, upload
from pages.parts.auth_gate import allowed_pages, gate
from pages.parts.fault import guarded
from situation.display.countries_i18n import country_names, sort_countries
from situation.i18n import LANGS, LANGUAGE_NAMES, set_lang, t
from situation.queries import common as queries
from situation.queries.filters import Filters, from_params, to_params
from situation.queries.warehouse import NoWarehouse

# The tab title follows the language of a copied link from the first request; the sidebar may
# change it below (set_page_config may be called again).
set_lang(st.session_state.get("w_lang") or st.query_params.get("lang"))
st.set_page_config(page_title=t("app.title"), page_icon="static/favicon.png", layout="wide")
# Access control before anything else: a visitor who is not signed in sees only the login.
USER = gate()


def _init_from_url() -> None:
    """On a session's first run, a copied link's query parameters set the widgets."""
    if st.session_state.get("_init"):
        return
    f = from_params(dict(st.query_params))
    st.session_state["_init"] = True
    st.session_state["w_lang"] = f.lang
    st.session_state["w_countries"] = list(f.countries)
    st.session_state["w_live"] = None if f.as_of is None else False  # None: decided once data is known
    if f.as_of is not None:
        st.session_state["w_date"] = f.as_of.date()
        st.session_state["w_time"] = f.as_of.time()


def _sidebar() -> Filters:
    with st.sidebar:
        lang = st.radio(t("app.language"), LANGS, key="w_lang", format_func=LANGUAGE_NAMES.get, horizontal=True,
                        label_visibility="collapsed")
        set_lang(lang)
        try:
            offered = queries.filter_countries()
            extent = queries.data_extent()
        except NoWarehouse:
            return Filters(lang)
        names = offered.set_index("iso3").to_dict("index")
        options = sort_countries(offered["iso3"], lang, names)
        st.session_state["w_countries"] = [c for c in st.session_state.get("w_countries", []) if c in options]
        countries = st.multiselect(t("app.countries"), options, key="w_countries",
                                   format_func=lambda c: country_names([c], lang, names)[c],
                                   placeholder=t("app.all_countries"))
        # The embedded sample describes a past day: open it at its last report, not "now".
        if st.session_state.get("w_live") is None:
            st.session_state["w_live"] = not extent["sample_only"]
        live = st.toggle(t("app.as_of_now"), key="w_live")
        as_of = None
        if not live:
            default = extent["last"] or dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
            st.session_state.setdefault("w_date", default.date())
            st.session_state.setdefault("w_time", default.time())
            d = st.date_input(t("app.as_of"), key="w_date", format="DD.MM.YYYY")  # the kk/ru short date
            tm = st.time_input(t("app.as_of_time"), key="w_time", step=dt.timedelta(minutes=30))
            as_of = dt.datetime.combine(d, tm)
        if extent["sample_only"]:
            st.caption(t("app.sample_banner"))
    return Filters(lang, tuple(countries), as_of)


PAGES = [
    st.Page(overview.page, title=t("nav.overview"), icon=":material/public:", default=True, url_path="overview"),
    st.Page(countries.page, title=t("nav.countries"), icon=":material/monitoring:", url_path="countries"),
    st.Page(airspace.page, title=t("nav.airspace"), icon=":material/flight:", url_path="airspace"),
    st.Page(evacuation.page, title=t("nav.evacuation"), icon=":material/directions_bus:", url_path="evacuation"),
    st.Page(contact.page, title=t("nav.contact"), icon=":material/support_agent:", url_path="contact"),
    st.Page(data_health.page, title=t("nav.data_health"), icon=":material/health_and_safety:", url_path="data-health"),
    st.Page(briefing.page, title=t("nav.briefing"), icon=":material/description:", url_path="briefing"),
    st.Page(upload.page, title=t("upload.nav"), icon=":material/upload_file:", url_path="upload"),
    st.Page(admin.page, title=t("admin.nav"), icon=":material/admin_panel_settings:", url_path="admin"),
]
with guarded():  # a failure shows a short message with a reference id; the details go to the log
    _init_from_url()
    filters = _sidebar()
    st.session_state["filters"] = filters
    # The wall screen's ?view=wall is not a filter but must survive the URL being rewritten.
    st.query_params.from_dict(to_params(filters) | ({"view": "wall"} if st.query_params.get("view") == "wall" else {}))
    # Only the pages the user's role may use: a page left out is also refused when reached by URL.
    st.navigation(allowed_pages(USER, PAGES)).run()
