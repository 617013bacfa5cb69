"""Entry point: page config, language, the headline figures read from the warehouse.

The full page set (overview, countries, airspace, evacuation, data health) arrives with its own
issue; this page already reads only through situation/ and translates every string.
"""
from __future__ import annotations

import streamlit as st

from situation import queries
from situation.countries_i18n import country_name
from situation.formatting import fmt_count, fmt_datetime, fmt_int
from situation.i18n import LANGS, set_lang, t
from situation.warehouse import NoWarehouse

st.set_page_config(page_title="Situation Room", page_icon="🛰", layout="wide")

lang = set_lang(st.query_params.get("lang", st.session_state.get("lang")))
st.session_state["lang"] = lang
st.query_params["lang"] = lang

st.title(t("app.title"))
with st.sidebar:
    choice = st.selectbox(t("app.language"), LANGS, index=LANGS.index(lang), key="lang_pick")
    if choice != lang:
        st.session_state["lang"] = choice
        st.query_params["lang"] = choice
        st.rerun()

try:
    snap = queries.country_snapshot()
except NoWarehouse:
    st.info(t("empty.no_warehouse"))
    st.stop()

if snap.empty:
    st.info(t("empty.no_data"))
    st.stop()
if queries.any_sample():
    st.warning(t("app.sample_banner"))

names = queries.countries_table().set_index("iso3").to_dict("index")
total = int(snap["citizens"].sum())
cols = st.columns(3)
cols[0].metric(t("metric.citizens"), fmt_count(total, bool(snap["approximate"].any())))
cols[1].metric(t("metric.casualties"), fmt_int(int(snap["casualties"].fillna(0).sum())))
cols[2].metric(t("metric.last_report"), fmt_datetime(snap["as_of"].max()))

st.subheader(t("overview.by_country"))
table = snap.assign(
    country=[country_name(i, lang, names) for i in snap["country_iso3"]],
    citizens_text=[fmt_count(n, a) for n, a in zip(snap["citizens"], snap["approximate"])],
    as_of_text=[fmt_datetime(x) for x in snap["as_of"]],
)[["country", "citizens_text", "as_of_text"]]
table.columns = [t("table.country"), t("table.citizens"), t("table.as_of")]
st.dataframe(table, hide_index=True, width="stretch")
