"""Overview (leadership): where our citizens are, as of the chosen moment."""
from __future__ import annotations

import streamlit as st

from pages.common import country_names, empty, filters, guard_warehouse
from situation import queries
from situation.countries_i18n import country_name
from situation.formatting import fmt_count, fmt_datetime, fmt_int
from situation.i18n import t

f = filters()
st.title(t("overview.title"))
if not guard_warehouse():
    st.stop()
snap = queries.country_snapshot(f.at(), f.countries)
if snap.empty:
    empty("empty.no_match")
    st.stop()

names = country_names()
total = int(snap["citizens"].sum())
cols = st.columns(3)
cols[0].metric(t("metric.citizens"), fmt_count(total, bool(snap["approximate"].any())))
cols[1].metric(t("metric.casualties"), fmt_int(int(snap["casualties"].fillna(0).sum())))
cols[2].metric(t("metric.last_report"), fmt_datetime(snap["as_of"].max()))

st.subheader(t("overview.by_country"))
table = snap.assign(
    country=[country_name(i, f.lang, names) for i in snap["country_iso3"]],
    citizens_text=[fmt_count(n, a) for n, a in zip(snap["citizens"], snap["approximate"])],
    as_of_text=[fmt_datetime(x) for x in snap["as_of"]],
)[["country", "citizens_text", "as_of_text"]]
table.columns = [t("table.country"), t("table.citizens"), t("table.as_of")]
st.dataframe(table, hide_index=True, width="stretch")
