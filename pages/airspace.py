"""Airspace (duty officers, leadership): which skies are open, restricted or closed at the chosen
moment, since when and until when, on which NOTAMs or status-sheet entries — and why."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from pages import entry_only
from pages.parts.common import PageContext, empty, page_start
from pages.parts.export_ui import export_buttons
from situation.display import airspace_charts, geo
from situation.display.countries_i18n import country_name
from situation.display.formatting import fmt_datetime, fmt_int
from situation.display.palette import STATUS_COLORS, STATUS_ORDER
from situation.i18n import N_, t
from situation.queries import airspace as airspace_view


def page() -> None:
    """The airspace page; dashboard.py registers it with st.Page(page, url_path=…)."""
    ctx = page_start("viewer", N_("airspace.title"))
    at, f = ctx.at, ctx.filters
    st.caption(t("airspace.caption", time=fmt_datetime(at)))

    status = airspace_view.status_at(at, f.countries)
    # Counts cover the region (or the chosen countries): the table also knows every far-away country.
    shown = status[status["in_region"] | status["country_iso3"].isin(f.countries)]
    if shown.empty:
        empty("empty.no_match")
        st.stop()
    cols = st.columns(4)
    for col, s in zip(cols, ("closed", "restricted", "open", "unknown")):
        col.metric(t(f"status.{s}"), fmt_int(int((shown["status"] == s).sum())),
                   help=t("airspace.unknown_metric_help", hours=fmt_int(airspace_view.stale_hours())) if s == "unknown" else None)
    _map(ctx, shown)
    _timeline(ctx)
    _why(ctx, shown)
    _notams(ctx)
    _feeds(ctx)
    _unknown_firs(ctx)


def _map(ctx: PageContext, shown: pd.DataFrame) -> None:
    """The map: countries and FIRs coloured by status."""
    f, at, names = ctx.filters, ctx.at, ctx.names
    st.subheader(t("airspace.map_title"))
    firs = airspace_view.fir_status_at(at, f.countries)
    deck = airspace_charts.airspace_deck(shown, firs, geo.load_countries_geojson(), geo.load_firs_geojson(),
                                         at, f.lang, names, f.countries)
    st.pydeck_chart(deck, height=560)
    legend = " ".join(f'<span style="color:{STATUS_COLORS[s]};font-size:1.4em">■</span> {t(f"status.{s}")}'
                      for s in ("closed", "restricted", "open"))
    legend += (f' <span style="color:{STATUS_COLORS["unknown"]};font-size:1.4em">■</span><b>?</b> '
               f'{t("airspace.legend_unknown")}')
    st.markdown(f'<div style="font-size:1.1em">{legend} · {t("airspace.map_legend_firs")}</div>',
                unsafe_allow_html=True)


def _timeline(ctx: PageContext) -> None:
    """The timeline: each country's status over the window around the moment."""
    f, at, names = ctx.filters, ctx.at, ctx.names
    start, end = airspace_view.timeline_window(at)
    iv = airspace_view.intervals(start, end, f.countries)
    if iv.empty or (iv["rule"] == "no_interval").all():  # nothing but silence: say so instead of a grey chart
        empty(N_("airspace.no_intervals"))
    else:
        fig = airspace_charts.timeline_figure(iv, at, start, end, f.lang, names)
        st.plotly_chart(fig, width="stretch", theme=None, config={"displaylogo": False})  # our wall-screen fonts
        export_buttons(fig, "airspace_timeline")


def _why(ctx: PageContext, shown: pd.DataFrame) -> None:
    """Why: the rule behind each status that is not open."""
    f, at, names = ctx.filters, ctx.at, ctx.names
    st.subheader(t("airspace.why_title"))
    rank = {s: i for i, s in enumerate(STATUS_ORDER)}
    why = shown[shown["status"] != "open"].copy()  # unknown included: "no data" needs a reason too
    if why.empty:
        st.info(t("airspace.all_open"))
    else:
        why["name"] = [country_name(c, f.lang, names, short=True) for c in why["country_iso3"]]  # ОАЭ, КСА: narrow
        why = why.assign(r=why["status"].map(rank)).sort_values(["r", "name"])
        table = pd.DataFrame({
            t("table.country"): why["name"],
            t("table.status"): [t(f"status.{s}") for s in why["status"]],
            t("airspace.since"): [fmt_datetime(x) for x in why["since"]],
            t("airspace.until"): [airspace_charts.until_text(u, e, f.lang, o, at)
                                  for u, e, o in zip(why["until"], why["estimated"], why["overrun_since"])],
            t("airspace.rule_label"): [airspace_charts.rule_text(r, f.lang) for r in why["rule"]],
            "NOTAM": [", ".join(ids) for ids in why["notam_ids"]],
            t("airspace.deciding_text"): why["deciding_text"].fillna("—"),
            t("airspace.col_manual"): [t("airspace.manual_yes") if m else "" for m in why["manual"]],
            t("table.source"): why["source_file"].fillna("—"),
        })
        st.dataframe(table, hide_index=True, width="stretch", height=38 + 35 * len(table),  # no inner scroll
                     column_config={t("airspace.deciding_text"): st.column_config.TextColumn(width="large")})


def _notams(ctx: PageContext) -> None:
    """NOTAMs in force, searchable, with each one's raw text."""
    f, at, names = ctx.filters, ctx.at, ctx.names
    st.subheader(t("notam.title", time=fmt_datetime(at)))
    q = st.text_input(t("notam.search"), key="notam_q", placeholder=t("notam.search_hint", example="OIIX, A0215/26, CLSD"))
    notams = airspace_view.notams_at(at, q, f.countries)
    if notams.empty:
        empty(N_("notam.none_search") if q.strip() else N_("notam.none"))
    else:
        st.caption(t("notam.count", n=fmt_int(len(notams))))
        st.dataframe(pd.DataFrame({
            "NOTAM": notams["notam_id"],
            t("term.fir"): notams["fir"],
            t("table.country"): [country_name(c, f.lang, names, short=True) if isinstance(c, str) else "—"
                                 for c in notams["country_iso3"]],
            t("notam.effect"): [airspace_charts.notam_effect(s, f.lang) for s in notams["status"]],
            t("airspace.rule_label"): [airspace_charts.rule_text(r, f.lang) for r in notams["rule"]],
            t("airspace.since"): [fmt_datetime(x) for x in notams["valid_from"]],
            t("airspace.until"): [airspace_charts.until_text(u if pd.notna(u) else v, e, f.lang, v if o else None, at)
                                  for u, v, e, o in zip(notams["effective_end"], notams["valid_to"], notams["estimated_end"],
                                                        notams["overrun"])],
            t("airspace.schedule"): notams["schedule"].fillna(""),
            t("notam.text"): notams["text"],
        }), hide_index=True, width="stretch")
        with st.expander(t("notam.raw_title")):
            pick = st.selectbox(t("notam.pick"), list(notams["notam_id"]), key="notam_pick")
            row = notams[notams["notam_id"] == pick].iloc[0]
            st.caption(t("notam.raw_source", source=row["source_file"] or "—"))
            st.code(row["raw"], language=None)


def _feeds(ctx: PageContext) -> None:
    """Feed coverage: which FIRs we hear from, and since when not."""
    f, at, names = ctx.filters, ctx.at, ctx.names
    st.subheader(t("airspace.feeds_title"))
    feeds = airspace_view.feeds_at(at, f.countries)
    silent = feeds[feeds["no_feed"]]
    if len(silent):
        st.warning(t("airspace.feeds_warning", n=fmt_int(len(silent)), hours=fmt_int(airspace_view.stale_hours())))
    st.dataframe(pd.DataFrame({
        "FIR": feeds["fir"] + " " + feeds["name"].fillna(""),
        t("table.country"): [", ".join(country_name(c, f.lang, names, short=True) for c in cs) for cs in feeds["countries"]],
        t("table.status"): [t(f"status.{s}") for s in feeds["status"]],
        t("airspace.feeds_last_notam"): [f"{i} · {fmt_datetime(x)}" if pd.notna(x) else t("airspace.feeds_never")
                                         for i, x in zip(feeds["last_notam_id"], feeds["last_notam"])],
        t("airspace.feeds_age"): [airspace_charts.age_text(x, at, f.lang) if pd.notna(x) else "—" for x in feeds["last_notam"]],
        t("airspace.feeds_last_sheet"): [fmt_datetime(x) if pd.notna(x) else "—" for x in feeds["last_sheet"]],
        t("airspace.feeds_unknown_since"): [("—" if not u else fmt_datetime(x) if pd.notna(x) else t("airspace.feeds_never"))
                                            for u, x in zip(feeds["no_feed"], feeds["stale_at"])],
    }), hide_index=True, width="stretch")
    st.caption(t("airspace.feeds_how_to_fill"))


def _unknown_firs(ctx: PageContext) -> None:
    """FIRs not in the reference list."""
    at = ctx.at
    st.subheader(t("airspace.unknown_title"))
    unknown = airspace_view.unknown_firs(at)
    if unknown.empty:
        st.caption(t("airspace.unknown_none"))
    else:
        st.warning(t("airspace.unknown_warning", n=fmt_int(len(unknown))))
        st.dataframe(pd.DataFrame({
            t("term.fir"): unknown["fir"],
            t("airspace.unknown_notams"): [fmt_int(n) for n in unknown["notams"]],
            t("airspace.unknown_in_force"): [fmt_int(n) for n in unknown["in_force"]],
            "NOTAM": [", ".join(ids) for ids in unknown["notam_ids"]],
            t("table.source"): [", ".join(x) for x in unknown["files"]],
        }), hide_index=True, width="stretch")


if __name__ == "__main__":  # run as a file, not through dashboard.py: see pages/__init__.py
    entry_only()
