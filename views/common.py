"""Helpers every page uses: the current filters, empty states, country names. UI only."""
from __future__ import annotations

import datetime as dt

import streamlit as st

from situation.display.countries_i18n import country_name
from situation.i18n import N_, t
from situation.queries import common as queries
from situation.queries import moments, warehouse
from situation.queries.filters import Filters
from situation.queries.warehouse import NoWarehouse


def filters() -> Filters:
    """The filters chosen in the shared sidebar (dashboard.py puts them in the session)."""
    return st.session_state.get("filters") or Filters()


def country_names() -> dict[str, dict]:
    """ISO3 → row with name_en/name_ru/name_kk/short_*, for country_name(); one per warehouse
    version, shared by every session (read-only: ~15 ms to build, asked for several times a run)."""
    return warehouse.per_version("country_names", lambda v: queries.countries_table().set_index("iso3").to_dict("index"))


def name(iso3: str, f: Filters | None = None) -> str:
    return country_name(iso3, (f or filters()).lang, country_names())


def guard_warehouse() -> bool:
    """False (after showing what to do) when no warehouse exists yet."""
    try:
        queries.countries_table()
        return True
    except NoWarehouse:
        st.info(t("empty.no_warehouse"))
        return False


def empty(key: str = N_("empty.no_match"), **params: object) -> None:
    st.info(t(key, **params))


def data_key(at: dt.datetime) -> tuple:
    """What a page's headcount figures at `at` depend on: the warehouse version and the newest
    report at or before `at` (not the clock: live mode keeps its key until a load adds a report).
    For st.cache_resource keys of figures built from those figures."""
    return warehouse.version(), moments.reports(at)
