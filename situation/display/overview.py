"""What the overview shows, as plain data: metric texts, the readiness table, "what changed".

Kept out of the page so it can be unit-tested and reused by the briefing export; no streamlit
import here. Every text is translated and every number formatted for `lang`.
"""
from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pandas as pd

from situation.display.countries_i18n import country_name
from situation.display.formatting import (
    NO_VALUE,
    fmt_age,
    fmt_count,
    fmt_datetime,
    fmt_delta,
    fmt_int,
    fmt_pct,
)
from situation.display.palette import READINESS_COLORS
from situation.i18n import N_, t

Names = Mapping[str, Mapping[str, Any]] | None


@dataclass(frozen=True)
class MetricSpec:
    label: str               # message key
    column: str              # column of overview_indicators.sql
    approx: str | None       # column saying the figure is an estimate
    good_when: str           # 'up', 'down' or 'none': colours the change
    help: str                # message key


METRICS: tuple[MetricSpec, ...] = (
    MetricSpec(N_("metric.citizens"), "citizens", "approximate", "none", N_("overview.help.citizens")),
    MetricSpec(N_("metric.citizens_closed"), "in_closed", "in_closed_approximate", "down",
               N_("overview.help.in_closed")),
    # Separate from "in closed airspace": unknown is no data, and must not hide inside closed or open.
    MetricSpec(N_("metric.citizens_unknown"), "in_unknown", "in_unknown_approximate", "down",
               N_("overview.help.in_unknown")),
    MetricSpec(N_("metric.vulnerable"), "vulnerable", "approximate", "none", N_("overview.help.vulnerable")),
    MetricSpec(N_("metric.housed"), "housed", "approximate", "up", N_("overview.help.housed")),
    MetricSpec(N_("metric.evacuated"), "evacuated", None, "up", N_("overview.help.evacuated")),
    MetricSpec(N_("metric.casualties"), "casualties", None, "down", N_("overview.help.casualties")),
)


def _missing(v: Any) -> bool:
    return v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v)  # noqa: PLR0124


def _val(row: Mapping[str, Any] | None, col: str) -> Any:
    if row is None:
        return None
    v = row.get(col)
    return None if v is None or pd.isna(v) else v


def _diff(a: Any, b: Any) -> float | None:
    return None if a is None or b is None else float(a) - float(b)


def metric_cards(ind: pd.DataFrame, lang: str) -> list[dict[str, Any]]:
    """Keyword arguments for st.metric, one dict per indicator (label, value, delta, …).

    delta = change since each mission's previous report; the change over 24 hours goes in the
    delta's description, so both fit one card on a wall screen.
    """
    rows = {s: ind.loc[s].to_dict() for s in ind.index}
    now, prev, day = rows.get("now"), rows.get("prev"), rows.get("day")
    cards = []
    for m in METRICS:
        v = _val(now, m.column)
        approx = bool(_val(now, m.approx)) if m.approx else False
        d_prev, d_day = _diff(v, _val(prev, m.column)), _diff(v, _val(day, m.column))
        arrow = "off" if not d_prev else ("up" if d_prev > 0 else "down")
        color = {"up": "normal", "down": "inverse"}.get(m.good_when, "off")
        cards.append({
            "label": t(m.label, lang),
            "value": fmt_count(v, approx, lang, compact=True) if v is not None else NO_VALUE,
            "delta": fmt_delta(d_prev if d_prev is not None else 0, lang),
            "delta_arrow": arrow,
            "delta_color": color,
            "delta_description": t("overview.delta_desc", lang, day=fmt_delta(d_day, lang)),
            "help": t(m.help, lang),
        })
    return cards


def readiness_html(assessed: Sequence[Mapping[str, Any]], snapshot: pd.DataFrame, lang: str,
                   names: Names = None) -> str:
    """A compact HTML table: coloured level, country, citizens, why. Every value escaped."""
    counts = {r["country_iso3"]: r for r in snapshot.to_dict("records")}
    order = {"red": 0, "amber": 1, "green": 2}
    rows = sorted(assessed, key=lambda a: (order.get(a["level"], 3),
                                           -float(counts.get(a["country_iso3"], {}).get("citizens") or 0)))
    head = "".join(f"<th>{html.escape(t(k, lang))}</th>"
                   for k in ("readiness.col.level", "table.country", "table.citizens", "readiness.col.why"))
    body = []
    for a in rows:
        c = counts.get(a["country_iso3"], {})
        colour = READINESS_COLORS.get(a["level"], "#9E9E9E")
        dot = (f'<span class="sr-dot" style="background:{colour}"></span>'
               f'{html.escape(t("readiness." + a["level"], lang))}')
        body.append("<tr>" + f"<td class='sr-lvl'>{dot}</td>"
                    f"<td>{html.escape(country_name(a['country_iso3'], lang, dict(names or {}), short=True))}</td>"
                    f"<td class='sr-num'>{html.escape(fmt_count(c.get('citizens'), bool(c.get('approximate')), lang))}</td>"
                    f"<td class='sr-why' title='{html.escape(a.get('why') or a['reason'], quote=True)}'>"
                    f"{html.escape(a.get('why') or a['reason'])}</td></tr>")
    # In a scrolling frame: on a narrow screen the table scrolls inside it, never off the page.
    return ("<div class='sr-scroll'><table class='sr-ready'><thead><tr>" + head + "</tr></thead><tbody>"
            + "".join(body) + "</tbody></table></div>")


def readiness_legend_html(lang: str) -> str:
    """What each level means, one line each with its colour: the table answers "ready for what?"."""
    from situation.queries.readiness import LEVELS, MEANINGS

    lines = []
    for level in LEVELS:
        dot = f'<span class="sr-dot" style="background:{READINESS_COLORS.get(level, "#9E9E9E")}"></span>'
        text = t("readiness.meaning_line", lang, level=t(f"readiness.{level}", lang), meaning=t(MEANINGS[level], lang))
        lines.append(f"<div>{dot}{html.escape(text)}</div>")
    return "<div class='sr-legend'>" + "".join(lines) + "</div>"


# The wall screen (1920×1080, read from across a room; its CSS is static/css/wall.css): the map
# sized so the whole picture fits the screen unscrolled.
WALL_MAP_HEIGHT = 440  # with the evacuation and contact rows above it (about 200 px)


def changes_table(df: pd.DataFrame, lang: str, names: Names = None) -> pd.DataFrame:
    """Rows of overview_changes.sql as a translated table: when, what kind, country, what, source."""
    out = []
    for r in ({k: None if _missing(v) else v for k, v in row.items()} for row in df.to_dict("records")):
        kind = r["kind"]
        ref = r.get(f"ref_{lang}") or r.get("ref_en") or r.get("ref") or NO_VALUE
        if kind == "report":
            change = (t("change.vs_prev", lang, change=fmt_delta(r["change"], lang))
                      if r["change"] is not None else t("change.first", lang))
            what = t("change.report_text", lang, mission=ref, change=change,
                     people=fmt_count(r["people"], bool(r["approximate"]), lang))
        elif kind == "airspace":
            what = t("change.airspace_text", lang, before=t(f"status.{r['status_before']}", lang),
                     after=t(f"status.{r['status_after']}", lang))
        else:
            what = t("change.evac_text", lang, people=fmt_int(r["people"], lang), via=ref,
                     to=country_name(r["to_iso3"] or "", lang, dict(names or {})))
        out.append({t("change.col.when", lang): fmt_datetime(r["happened_at"], lang),
                    t("change.col.kind", lang): t(f"change.kind.{kind}", lang),
                    t("table.country", lang): country_name(r["country_iso3"] or "", lang, dict(names or {})),
                    t("change.col.what", lang): what,
                    t("table.source", lang): r["source"] or NO_VALUE})
    return pd.DataFrame(out)


def stale_text(fresh: pd.DataFrame, threshold_h: float, lang: str) -> str | None:
    """The freshness banner's text, or None when every mission reported within the threshold."""
    late = fresh[fresh["age_hours"] > threshold_h]
    if late.empty:
        return None
    items = [t("fresh.item", lang, mission=r.get(f"name_{lang}") or r["mission_id"],
               age=fmt_age(timedelta(hours=float(r["age_hours"])), lang))
             for r in late.to_dict("records")]
    return t("fresh.banner", lang, hours=fmt_int(threshold_h, lang), n=fmt_int(len(items), lang),
             missions="; ".join(items))


def details_table(snapshot: pd.DataFrame, lang: str, names: Names = None) -> pd.DataFrame:
    """Citizens by country, the figures behind the map and the readiness table."""
    rows = []
    for r in snapshot.to_dict("records"):
        approx = bool(r.get("approximate"))
        rows.append({
            t("table.country", lang): country_name(r["country_iso3"], lang, dict(names or {})),
            t("table.citizens", lang): fmt_count(r.get("citizens"), approx, lang),
            t("map.airspace", lang): t(f"status.{r.get('airspace') or 'unknown'}", lang),
            t("metric.vulnerable", lang): fmt_int(r.get("vulnerable"), lang),
            t("metric.housed", lang): fmt_int(r.get("housed"), lang),
            t("metric.contacted", lang): fmt_pct(r.get("contacted_share"), lang),
            t("table.as_of", lang): fmt_datetime(r.get("as_of"), lang),
            t("table.source", lang): ", ".join(r.get("sources") if r.get("sources") is not None else []),
        })
    return pd.DataFrame(rows)
