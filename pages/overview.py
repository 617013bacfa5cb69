"""Overview (leadership): the picture at the chosen moment, readable on a wall screen unscrolled.

Top to bottom: a one-line title, a freshness banner when a mission is late, six indicators with
their changes, the map beside the readiness table, then "what changed" and the details.
"""
from __future__ import annotations

import datetime as dt
import html

import streamlit as st

from pages import entry_only
from pages.parts import contact_strip as contact_overview
from pages.parts.auth_gate import still_signed_in
from pages.parts.common import PageContext, empty, page_start
from pages.parts.evacuation_row import evacuation_row
from pages.parts.export_ui import export_buttons, table_download
from pages.parts.wall import note_wall_session, refresh_seconds, wall_mode
from situation.display import overview_page
from situation.display.formatting import fmt_datetime, fmt_int
from situation.display.overview import WALL_MAP_HEIGHT, readiness_legend_html
from situation.display.styles import style
from situation.i18n import N_, set_lang, t
from situation.queries import common as queries
from situation.queries import overview as oq

SINCE_PRESETS = [6, 12, 24, 48, 168, 0]  # hours before the moment shown; 0 = a moment typed in


def page() -> None:
    """The overview page; dashboard.py registers it with st.Page(page, url_path=…)."""
    ctx = page_start("wall")  # the wall screen account sees this page only
    st.markdown(style("overview"), unsafe_allow_html=True)
    wall = wall_mode()
    if wall:
        st.markdown(style("wall"), unsafe_allow_html=True)

    # The wall screen refreshes only the figures, every SITROOM_REFRESH_SECONDS, without reloading
    # the page: the moment is taken again on each run (live mode moves with the clock) and the
    # queries are cached on the warehouse version, so a published load shows at the next refresh.
    at = st.fragment(run_every=refresh_seconds() if wall else None)(_figures)(ctx, wall)
    if wall or at is None:  # the wall shows the figures only; an empty picture has nothing below
        st.stop()
    _changes(ctx, at)
    _details(ctx, at)


def _figures(ctx: PageContext, wall: bool) -> dt.datetime | None:
    """Title and moment, freshness banner, indicators, evacuation and contact rows, map and
    readiness. Returns the moment shown, or None when there is nothing to show at it."""
    f, lang, names = ctx.filters, ctx.lang, ctx.names
    set_lang(f.lang)  # a fragment's own reruns do not pass through dashboard.py, which sets it
    if wall:
        still_signed_in()
        note_wall_session()
    at = oq.moment(f.at(), f.live)
    head, when = st.columns([3, 2], vertical_alignment="bottom")
    head.markdown(f"### {t('overview.title')}")
    stamp = t("overview.as_of", time=fmt_datetime(at))
    if wall:
        stamp += "<br><span class='sr-refreshed'>" + html.escape(
            t("wall.refreshed", time=fmt_datetime(dt.datetime.now(dt.UTC)), seconds=fmt_int(refresh_seconds()))) + "</span>"
    when.markdown(f"<div class='sr-when'>{stamp}</div>", unsafe_allow_html=True)

    snapshot = oq.countries_now(at, f.countries)
    if snapshot.empty:
        first = queries.data_extent()["first"]
        if first is not None and at < first:
            empty(N_("empty.before_first"), time=fmt_datetime(first))
        else:
            empty(N_("overview.no_reports") if f.countries else N_("empty.no_data"))
        with st.columns([1, 1])[0]:  # same place and size as with data: the region, not a stretched strip
            _map(ctx, at)
        return None

    late = overview_page.stale_text(at, f.countries, lang)
    if late:
        st.warning(late, icon=":material/schedule:")

    cards = overview_page.metric_cards(at, f.countries, lang)
    for col, card in zip(st.columns(len(cards)), cards, strict=True):
        col.metric(**card)
    if not wall:  # the wall keeps its height for the figures; the note is on every other screen
        st.caption(t("overview.delta_note"))
    evacuation_row(at, f.countries, lang, names)  # the evacuation operation's leadership figures
    contact_overview.show(at, f.countries, lang)  # citizen contact: requests waiting, alert reach

    # On the wall the readiness table gets the wider half: its reasons then fit on fewer lines.
    left, right = st.columns([2, 3] if wall else [1, 1], gap="medium")
    with left:
        _map(ctx, at, height=WALL_MAP_HEIGHT if wall else 520)
        if not wall:  # the same map drawn for a slide (Plotly geo, no tiles), captioned
            export_buttons(overview_page.map_figure(at, f.countries, lang), "overview_map", frozen=True)
    with right:
        st.markdown(f"**{t('readiness.title')}**")
        st.markdown(overview_page.readiness_html(at, f.countries, lang), unsafe_allow_html=True)
        st.markdown(readiness_legend_html(lang), unsafe_allow_html=True)
        st.caption(t("readiness.caption"))
    return at


def _map(ctx: PageContext, at: dt.datetime, height: int = 520) -> None:
    st.pydeck_chart(overview_page.deck(at, ctx.countries, ctx.lang), height=height)  # built once, shared
    st.caption(t("map.legend") + " " + t("map.legend_unknown"))


def _changes(ctx: PageContext, at: dt.datetime) -> None:
    """What changed between a moment chosen before `at` and `at`."""
    lang = ctx.lang
    st.markdown(f"#### {t('change.title')}")
    c1, c2, c3 = st.columns([3, 1, 1], vertical_alignment="bottom")
    # lang passed explicitly: AppTest calls format_func outside the page's thread and language.
    back = c1.segmented_control(t("change.since"), SINCE_PRESETS, default=24, key="ov_since",
                                format_func=lambda h: t("change.preset_custom", lang) if h == 0 else
                                t("change.preset_h", lang, n=h) if h < 72 else t("change.preset_d", lang, n=h // 24))
    since = at - dt.timedelta(hours=back or 24)
    if back == 0:
        d = c2.date_input(t("change.since_date"), value=(at - dt.timedelta(hours=24)).date(), key="ov_since_d")
        tm = c3.time_input(t("change.since_time"), value=(at - dt.timedelta(hours=24)).time(), key="ov_since_t",
                           step=dt.timedelta(minutes=30))
        since = dt.datetime.combine(d, tm)
    changed = overview_page.changes_table(since, at, ctx.countries, lang)
    if changed is None:
        empty(N_("change.none"), time=fmt_datetime(since))
    else:
        st.dataframe(changed, hide_index=True, width="stretch", height=min(38 + 35 * len(changed), 320))


def _details(ctx: PageContext, at: dt.datetime) -> None:
    """Citizens by country; a row picked in the table becomes the country filter."""
    st.markdown(f"#### {t('overview.by_country')}")
    details, codes = overview_page.details_table(at, ctx.countries, ctx.lang)  # codes: each row's ISO3

    def picked_in_table() -> None:  # a widget callback: reads the selection of this run's table
        rows = (st.session_state.get("ov_details") or {}).get("selection", {}).get("rows") or []
        _filter_to(codes[rows[0]] if rows and rows[0] < len(codes) else None)

    st.dataframe(details, hide_index=True, width="stretch", on_select=picked_in_table, selection_mode="single-row",
                 key="ov_details")
    st.caption(t("overview.cross_filter_hint"))
    table_download(details, "citizens_by_country")


def _filter_to(iso3: str | None) -> None:
    """Cross-filtering: a country picked in the table becomes the page's country filter (the
    sidebar's widget, so it is kept in the URL like a choice made there). Runs as a widget
    callback, before the next run, where the sidebar's key may still be set."""
    if iso3:
        st.session_state["w_countries"] = [iso3]


if __name__ == "__main__":  # run as a file, not through dashboard.py: see pages/__init__.py
    entry_only()
