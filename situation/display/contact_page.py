"""Everything the contact page shows, built once per warehouse version, moment, countries and
language: the figures and tables are then reused by every rerun and every session instead of
being drawn again (building three Plotly figures costs ~0.3–1 s on a busy machine; a warm page
must stay under 200 ms). Nothing here changes a cached object after it is stored: the page
passes the figures on as they are (export_buttons(..., frozen=True))."""
from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from situation.display import contact as view
from situation.display import contact_charts as charts
from situation.display.countries_i18n import country_name
from situation.display.formatting import fmt_datetime, fmt_int
from situation.i18n import LANGUAGE_NAMES, t
from situation.queries import common as queries
from situation.queries import contact as q
from situation.queries.warehouse import version

RECENT_CAMPAIGNS = 5  # shown as cards with their texts; every campaign is in the table below them
_CACHE_MAX = 32


@dataclass
class ContactPage:
    empty: bool
    cards: list[dict[str, Any]] = field(default_factory=list)
    table: pd.DataFrame | None = None
    topics: go.Figure | None = None
    missions: go.Figure | None = None
    alerts: go.Figure | None = None
    recent: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)  # heading, (language, text)
    alert_rows: pd.DataFrame | None = None
    n_campaigns: int = 0


_lock = threading.Lock()
_cache: dict[tuple, ContactPage] = {}


def page(at: dt.datetime, countries: Sequence[str], lang: str) -> ContactPage:
    """The contact page's content for the moment, countries and language (cached, see above)."""
    key = (version(), at, tuple(countries), lang)
    with _lock:
        hit = _cache.get(key)
    if hit is not None:
        return hit
    built = _build(at, countries, lang)
    with _lock:
        if len(_cache) >= _CACHE_MAX:
            _cache.clear()  # older versions and moments: cheap to rebuild, never hit again mostly
        _cache[key] = built
    return built


def _build(at: dt.datetime, countries: Sequence[str], lang: str) -> ContactPage:
    names = queries.countries_table().set_index("iso3").to_dict("index")
    per_country = q.by_country(at, countries)
    if per_country.empty:
        return ContactPage(empty=True)
    out = ContactPage(empty=False, cards=view.cards(q.totals(at, countries), lang),
                      table=view.country_table(per_country, lang, names))
    topics = q.topics(at, countries)
    if not topics.empty:
        out.topics = charts.topics_chart(topics, lang)
    missions = q.open_by_mission(at, countries)
    if not missions.empty and int(missions["requests_open"].sum()) > 0:
        out.missions = charts.open_by_mission_chart(missions, lang)
    rows = q.alerts(at, countries)
    camps = charts.campaigns(rows)
    out.n_campaigns = len(camps)
    if not camps.empty:
        out.alerts = charts.alerts_timeline(camps, lang, names)
        out.recent = [(view.campaign_heading(r, lang, names), view.campaign_messages(r))
                      for r in camps.head(RECENT_CAMPAIGNS).to_dict("records")]
        out.alert_rows = pd.DataFrame({
            t("contact.col_sent", lang): [fmt_datetime(x, lang) for x in rows["sent_at"]],
            t("contact.col_campaign", lang): rows["campaign"],
            t("contact.col_channel", lang): [t(f"contact.alert_channel.{c}", lang) for c in rows["channel"]],
            t("table.country", lang): [country_name(c, lang, names) for c in rows["country_iso3"]],
            t("contact.col_language", lang): [LANGUAGE_NAMES.get(x, x) for x in rows["language"]],
            t("contact.col_message", lang): rows["message"],
            t("contact.col_targeted", lang): [fmt_int(x, lang) for x in rows["targeted"]],
            t("contact.col_delivered", lang): [fmt_int(x, lang) for x in rows["delivered"]],
            t("contact.col_opened", lang): [fmt_int(x, lang) for x in rows["opened"]],
            t("table.source", lang): [f"{f}, {t('chart.line', lang)} {n}" for f, n in zip(rows["file"], rows["line"],
                                                                                        strict=True)],
        })
    return out
