"""Overview (leadership): the picture at the chosen moment, readable on a wall screen unscrolled.

Top to bottom: a one-line title, a freshness banner when a mission is late, six indicators with
their changes, the map beside the readiness table, then "what changed" and the details.
"""
from __future__ import annotations

import datetime as dt

import streamlit as st

from situation import overview_queries as oq
from situation import queries
from situation.formatting import fmt_datetime
from situation.i18n import N_, set_lang, t
from situation.maps import overview_deck
from situation.overview_view import (
    READINESS_CSS,
    changes_table,
    details_table,
    metric_cards,
    readiness_html,
    stale_text,
)
from situation.readiness import assess, stale_hours
from views.common import country_names, empty, filters, guard_warehouse
from views.common_auth import require
from views.export_ui import table_download

require("viewer")  # defence in depth: the navigation list already leaves out what a role may not use

f = filters()
lang = set_lang(f.lang)  # dashboard.py already did; repeated so the page reads right on its own too
if not guard_warehouse():
    st.stop()

at = oq.moment(f.at(), f.live)
names = country_names()
st.markdown(READINESS_CSS, unsafe_allow_html=True)
head, when = st.columns([3, 2], vertical_alignment="bottom")
head.markdown(f"### {t('overview.title')}")
when.markdown(f"<div style='text-align:right;font-size:18px'>{t('overview.as_of', time=fmt_datetime(at))}</div>",
              unsafe_allow_html=True)

snapshot = oq.countries_now(at, f.countries)
places = oq.places(f.countries)
by_kind = {k: g for k, g in places.groupby("kind")} if not places.empty else {}


def show_map(height: int = 520) -> None:
    deck = overview_deck(snapshot, oq.airspace(at), by_kind.get("mission"), by_kind.get("crossing"),
                         by_kind.get("route"), by_kind.get("airport"), lang, names, f.countries)
    st.pydeck_chart(deck, height=height)
    st.caption(t("map.legend") + " " + t("map.legend_unknown"))


if snapshot.empty:
    first = queries.data_extent()["first"]
    if first is not None and at < first:
        empty(N_("empty.before_first"), time=fmt_datetime(first))
    else:
        empty(N_("overview.no_reports") if f.countries else N_("empty.no_data"))
    with st.columns([1, 1])[0]:  # same place and size as with data: the region, not a stretched strip
        show_map()
    st.stop()

late = stale_text(oq.freshness(at, f.countries), stale_hours(), lang)
if late:
    st.warning(late, icon=":material/schedule:")

cards = metric_cards(oq.indicators(at, f.countries), lang)
for col, card in zip(st.columns(len(cards)), cards, strict=True):
    col.metric(**card)
st.caption(t("overview.delta_note"))

left, right = st.columns([1, 1], gap="medium")
with left:
    show_map()
with right:
    st.markdown(f"**{t('readiness.title')}**")
    rows = snapshot.to_dict("records")
    st.markdown(readiness_html(assess(rows, lang, names), snapshot, lang, names), unsafe_allow_html=True)
    st.caption(t("readiness.caption"))

st.markdown(f"#### {t('change.title')}")
presets = [6, 12, 24, 48, 168, 0]  # hours before the moment shown; 0 = a moment typed in
c1, c2, c3 = st.columns([3, 1, 1], vertical_alignment="bottom")
# lang passed explicitly: AppTest calls format_func outside the page's thread and language.
back = c1.segmented_control(t("change.since"), presets, default=24, key="ov_since",
                            format_func=lambda h: t("change.preset_custom", lang) if h == 0 else
                            t("change.preset_h", lang, n=h) if h < 72 else t("change.preset_d", lang, n=h // 24))
since = at - dt.timedelta(hours=back or 24)
if back == 0:
    d = c2.date_input(t("change.since_date"), value=(at - dt.timedelta(hours=24)).date(), key="ov_since_d")
    tm = c3.time_input(t("change.since_time"), value=(at - dt.timedelta(hours=24)).time(), key="ov_since_t",
                       step=dt.timedelta(minutes=30))
    since = dt.datetime.combine(d, tm)
changed = oq.changes(since, at, f.countries)
if changed.empty:
    empty(N_("change.none"), time=fmt_datetime(since))
else:
    st.dataframe(changes_table(changed, lang, names), hide_index=True, width="stretch",
                 height=min(38 + 35 * len(changed), 320))

st.markdown(f"#### {t('overview.by_country')}")
details = details_table(snapshot, lang, names)
st.dataframe(details, hide_index=True, width="stretch")
table_download(details, "citizens_by_country")
