"""Helpers every page uses: the page's start (role, filters, language, title, warehouse guard),
empty states, country names. UI only."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import streamlit as st

from pages.parts.auth_gate import require
from situation.display.countries_i18n import country_name
from situation.i18n import N_, set_lang, t
from situation.queries import common as queries
from situation.queries import moments, warehouse
from situation.queries.filters import Filters
from situation.queries.warehouse import NoWarehouse
from situation.shell.auth import User


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


@dataclass(frozen=True)
class PageContext:
    """What a page starts from (page_start): who is signed in, the shared filters, their language,
    the moment they show and the countries' names in every language."""
    user: User
    filters: Filters
    lang: str
    at: dt.datetime  # filters.at() once, at the top of the run: every figure of the page shows one moment
    names: dict[str, dict] = field(default_factory=dict)  # ISO3 → names (empty without a warehouse)

    @property
    def countries(self) -> tuple[str, ...]:
        """The chosen countries (ISO3); empty = all."""
        return self.filters.countries


def page_start(role: str = "viewer", title: str | None = None, *, warehouse: bool = True) -> PageContext:
    """The top of every page: stop unless the user has `role` (defence in depth: the navigation
    list already leaves out what a role may not use), read the shared filters and set their
    language (dashboard.py did too; repeated so a page, and a fragment rerun of it, reads right on
    its own), write the page's title (a catalog key), and, for a page that reads the warehouse,
    stop with what to do when none is built yet."""
    user = require(role)
    f = filters()
    lang = set_lang(f.lang)
    if title:
        st.title(t(title))
    if not warehouse:
        return PageContext(user, f, lang, f.at())
    if not guard_warehouse():
        st.stop()
    return PageContext(user, f, lang, f.at(), country_names())
