"""What the Overview draws from the warehouse, built once and shared by every rerun and every
session: the map (its JSON serialised once), the map figure behind the export buttons, the
readiness table, the details and changes tables.

A warm Overview rerun used to rebuild all of them — 60 % of its CPU in a profile (the export
map's Plotly figure and its copy alone ~40 %), for the same answer every time. Each is keyed on
what it depends on: the warehouse version, the moment its queries read (moments.overview: it
stands still in live mode until a load brings a report, an airspace bound or a movement), the
countries and the language. The readiness table reads report ages, which move with the clock,
so it is keyed on the moment shown (a minute in live mode) as well. Nothing stored here is
changed afterwards: the page passes the objects on as they are (export_buttons(frozen=True)).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from situation.display import overview as view
from situation.display.export_map import map_figure as _map_figure
from situation.display.maps import CompactDeck, overview_deck
from situation.display.page_cache import memo, names
from situation.display.readiness import assess
from situation.queries import moments
from situation.queries import overview as oq
from situation.queries.readiness import stale_hours


class FrozenDeck(CompactDeck):
    """A map whose JSON is made once: st.pydeck_chart calls to_json() on every rerun, and the
    region's polygons and tooltips take ~50 ms to encode. The layers' data is dropped once
    encoded (the JSON holds it), so a cached map keeps one copy, not two."""

    def __init__(self, deck: CompactDeck):  # a copy of `deck`'s settings; pdk.Deck.__init__ is not run
        self.__dict__.update(deck.__dict__)
        self._json = deck.to_json()
        self.layers = []

    def to_json(self) -> str:
        return self._json


def deck(at: dt.datetime, countries: Sequence[str], lang: str) -> FrozenDeck:
    """The overview map (situation.display.maps.overview_deck) at `at`."""
    c = tuple(countries)

    def build() -> FrozenDeck:
        places = oq.places(c)
        by_kind = {k: g for k, g in places.groupby("kind")} if not places.empty else {}
        return FrozenDeck(overview_deck(oq.countries_now(at, c), oq.airspace(at), by_kind.get("mission"),
                                        by_kind.get("crossing"), by_kind.get("route"), by_kind.get("airport"),
                                        lang, names(), c))
    return memo(("deck", moments.overview(at), c, lang), build)


def map_figure(at: dt.datetime, countries: Sequence[str], lang: str) -> go.Figure:
    """The same map drawn for a slide (Plotly geo), for the export buttons (read-only)."""
    c = tuple(countries)

    def build() -> go.Figure:
        crossings = oq.places(c).query("kind == 'crossing'")
        return _map_figure(oq.countries_now(at, c), oq.airspace(at), crossings, lang, names())
    return memo(("map_figure", moments.overview(at), c, lang), build)


def readiness_html(at: dt.datetime, countries: Sequence[str], lang: str) -> str:
    """The readiness table (levels, countries, citizens, why) at `at`, as HTML."""
    c = tuple(countries)

    def build() -> str:
        snapshot, n = oq.countries_now(at, c), names()
        return view.readiness_html(assess(snapshot.to_dict("records"), lang, n), snapshot, lang, n)
    return memo(("readiness", at, stale_hours(), c, lang), build)


def details_table(at: dt.datetime, countries: Sequence[str], lang: str) -> tuple[pd.DataFrame, list[str]]:
    """Citizens by country (display.overview.details_table) and the ISO3 of each of its rows."""
    c = tuple(countries)

    def build() -> tuple[pd.DataFrame, list[str]]:
        snapshot = oq.countries_now(at, c)
        return view.details_table(snapshot, lang, names()), list(snapshot["country_iso3"])
    return memo(("details", moments.overview(at), c, lang), build)


def changes_table(since: dt.datetime, at: dt.datetime, countries: Sequence[str], lang: str) -> pd.DataFrame | None:
    """What changed in (since, at] as a translated table; None when nothing did."""
    c = tuple(countries)

    def build() -> pd.DataFrame | None:
        changed = oq.changes(since, at, c)
        return None if changed.empty else view.changes_table(changed, lang, names())
    return memo(("changes", moments.overview(since), moments.overview(at), c, lang), build)


def metric_cards(at: dt.datetime, countries: Sequence[str], lang: str) -> list[dict[str, Any]]:
    """The six indicators with their changes (display.overview.metric_cards) at `at`."""
    c = tuple(countries)
    return memo(("cards", at, c, lang), lambda: view.metric_cards(oq.indicators(at, c), lang))


def stale_text(at: dt.datetime, countries: Sequence[str], lang: str) -> str | None:
    """The freshness banner at `at` (report ages move with the clock: keyed on the moment shown)."""
    c = tuple(countries)
    return memo(("stale", at, stale_hours(), c, lang),
                 lambda: view.stale_text(oq.freshness(at, c), stale_hours(), lang))


def evacuation_row_html(at: dt.datetime, countries: Sequence[str], lang: str) -> str | None:
    """The evacuation operation's row of cards (the Overview's and the Evacuation page's
    headline) as HTML with its CSS; None when there is no operation at `at`."""
    from situation.display.evacuation import cards_html, leadership, leadership_cards
    from situation.display.styles import style
    from situation.queries import evacuation as eq

    c = tuple(countries)

    def build() -> str | None:
        op = eq.operation(at, c)
        return None if op.empty else style("evacuation_cards") + cards_html(leadership_cards(leadership(op), lang, names()))
    return memo(("evacuation_row", moments.evacuation(at), c, lang), build)
