"""The Evacuation page's what-if forecast: the analyst edits the assumptions (per origin country:
flights a day, seats per flight, closed airspace until a date with the flights permitted meanwhile;
per crossing: people a day) and sees the day the last registered citizen is home move.

A fragment: a change reruns only this part, and the forecast itself is a pure function
(situation/queries/forecast.py) — nothing here queries the warehouse."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from pages.parts.export_ui import export_buttons
from situation.display.countries_i18n import country_name
from situation.display.evacuation import assumptions, forecast_sentence, forecast_table
from situation.display.evacuation_charts import forecast_chart
from situation.display.trend_tables import by_lang
from situation.i18n import t
from situation.queries.forecast import CountryPlan, project

PLOTLY = {"displaylogo": False}


def _edit_plans(plans: Sequence[CountryPlan], key: str, lang: str, names: dict) -> list[CountryPlan]:
    cols = {k: t(f"evop.fc.col.{k}", lang) for k in ("country", "remaining", "flights", "seats", "closed", "permitted")}
    df = pd.DataFrame([{cols["country"]: country_name(p.iso3, lang, names), cols["remaining"]: p.remaining,
                        cols["flights"]: p.flights_per_day, cols["seats"]: p.seats_per_flight,
                        cols["closed"]: p.closed_until, cols["permitted"]: p.permitted_per_day} for p in plans])
    df[cols["closed"]] = pd.to_datetime(df[cols["closed"]])  # an open sky is an empty cell, not "None"
    edited = st.data_editor(
        df, key=key, hide_index=True, width="stretch", num_rows="fixed",
        disabled=[cols["country"], cols["remaining"]],
        column_config={
            # step sets the shown precision too: fine enough that the plan's 0.67 a day shows as it is
            cols["flights"]: st.column_config.NumberColumn(min_value=0.0, max_value=50.0, step=0.01, format="%.2f"),
            cols["seats"]: st.column_config.NumberColumn(min_value=0, max_value=600, step=10),
            cols["closed"]: st.column_config.DateColumn(help=t("evop.fc.closed_help", lang)),
            cols["permitted"]: st.column_config.NumberColumn(min_value=0.0, max_value=50.0, step=0.01, format="%.2f",
                                                             help=t("evop.fc.permitted_help", lang)),
        })
    out = []
    for p, row in zip(plans, edited.to_dict("records")):
        closed = row[cols["closed"]]
        out.append(dataclasses.replace(
            p, flights_per_day=float(row[cols["flights"]] or 0), seats_per_flight=float(row[cols["seats"]] or 0),
            closed_until=None if closed is None or pd.isna(closed) else pd.Timestamp(closed).date(),
            permitted_per_day=float(row[cols["permitted"]] or 0)))
    return out


def _edit_land(land: pd.DataFrame, key: str, lang: str, names: dict) -> dict[str, float]:
    """People a day per origin country over its crossings (default: convoys planned in 72 h ÷ 3)."""
    if land.empty:
        return {}
    c_name, c_from, c_rate = (t("evop.fc.col.crossing", lang), t("evop.fc.col.from", lang),
                              t("evop.fc.col.land", lang))
    df = pd.DataFrame([{c_name: by_lang(r, "name", lang, r["crossing_id"]),
                        c_from: country_name(r["from_iso3"], lang, names),
                        c_rate: round(float(r["seats_next_72h"]) / 3, 1)} for r in land.to_dict("records")])
    edited = st.data_editor(df, key=key, hide_index=True, width="stretch", num_rows="fixed",
                            disabled=[c_name, c_from],
                            column_config={c_rate: st.column_config.NumberColumn(min_value=0.0, max_value=5000.0,
                                                                                 step=0.1, format="%.1f")})
    per: dict[str, float] = {}
    for iso3, rate in zip(land["from_iso3"], edited[c_rate]):
        per[iso3] = per.get(iso3, 0.0) + float(rate or 0)
    return per


@st.fragment
def forecast_section(plans: Sequence[CountryPlan], land: pd.DataFrame, at: dt.datetime, lang: str,
                     names: dict) -> None:
    """Editors, the projected day, the assumptions in words, the chart and the table."""
    stamp = f"{at:%Y%m%d%H%M}_{lang}"
    st.caption(t("evop.fc.intro", lang))
    scale = st.slider(t("evop.fc.scale", lang), min_value=0, max_value=300, value=100, step=10, format="%d %%",
                      key="evop_fc_scale", help=t("evop.fc.scale_help", lang))
    left, right = st.columns([3, 2])
    with left:
        edited = _edit_plans(plans, f"evop_fc_air_{stamp}", lang, names)
    with right:
        land_per = _edit_land(land, f"evop_fc_land_{stamp}", lang, names)
    used = [dataclasses.replace(p, flights_per_day=p.flights_per_day * scale / 100,
                                permitted_per_day=p.permitted_per_day * scale / 100,
                                land_per_day=land_per.get(p.iso3, p.land_per_day)) for p in edited]
    fc = project(used, at)
    st.markdown(f"### {forecast_sentence(fc, lang, names)}")
    st.markdown(t("evop.fc.model", lang))
    st.markdown("\n".join(f"- {s}" for s in assumptions(used, lang, names)))
    if scale != 100:
        st.caption(t("evop.fc.scaled", lang, pct=scale))
    c1, c2 = st.columns([3, 2])
    with c1:
        fig = forecast_chart(fc, lang, names)
        st.plotly_chart(fig, width="stretch", theme=None, config=PLOTLY)
        export_buttons(fig, "evacuation_forecast", frozen=True)  # nothing changes fig after this
    with c2:
        st.dataframe(forecast_table(fc, lang, names), hide_index=True, width="stretch")
