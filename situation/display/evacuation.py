"""What the evacuation operation shows, as plain data: leadership figures, the movements board,
the per-country table, priority groups, the forecast's defaults and its assumptions in words.

No Streamlit here (the pages and the briefing pack both use it). Every text is translated and
every number formatted for `lang`.
"""
from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from situation.display.countries_i18n import country_name
from situation.display.formatting import (
    NO_VALUE,
    fmt_date,
    fmt_datetime,
    fmt_int,
    fmt_moment_parts,
    fmt_number,
    fmt_pct,
)
from situation.i18n import t
from situation.queries.forecast import CountryPlan, Forecast

Names = Mapping[str, Mapping[str, Any]] | None
STATUS_COLORS = {"planned": "#1565C0", "confirmed": "#6A1B9A", "departed": "#2E7D32", "arrived": "#1B5E20",
                 "cancelled": "#C62828"}
NO_CAPACITY_COLOR = "#C62828"


@functools.lru_cache(maxsize=8192)
def _int(n: int | None, lang: str) -> str:
    """fmt_int memoised: the tables repeat small counts, and Babel's formatting is the slow part."""
    return fmt_int(n, lang)


def _count(x: Any, lang: str) -> str:
    x = _v(x)
    return _int(None if x is None else int(x), lang)


def _v(x: Any) -> Any:
    return None if x is None or x is pd.NA or (not isinstance(x, str) and pd.isna(x)) else x


def _name(iso3: str, lang: str, names: Names) -> str:
    return country_name(iso3, lang, dict(names or {}))


@dataclass(frozen=True)
class Leadership:
    """The Overview's evacuation row and the Evacuation page's headline, for one moment."""
    want_to_leave: int | None
    evacuated: int
    remaining: int | None
    seats_next_72h: int
    next_departure: dt.datetime | None
    next_from: str | None
    next_from_iso3: str | None
    next_seats: int | None
    days_to_clear: float | None      # the slowest country with capacity planned
    no_capacity: list[str]           # ISO3 of countries with people left and no seats planned


def leadership(op: pd.DataFrame) -> Leadership:
    """Totals over the countries of evacuation_at: the last one home is the slowest country."""
    rows = [{k: _v(v) for k, v in r.items()} for r in op.to_dict("records")]
    wants = [r["want_to_leave"] for r in rows if r["want_to_leave"] is not None]
    rem = [r["remaining"] for r in rows if r["remaining"] is not None]
    nxt = sorted((r for r in rows if r["next_departure"] is not None), key=lambda r: r["next_departure"])
    days = [r["days_to_clear"] for r in rows if r["days_to_clear"] is not None]
    no_cap = [r["country_iso3"] for r in rows if (r["remaining"] or 0) > 0 and r["days_to_clear"] is None]
    first = nxt[0] if nxt else None
    return Leadership(
        want_to_leave=int(sum(wants)) if wants else None,
        evacuated=int(sum(r["evacuated"] or 0 for r in rows)),
        remaining=int(sum(rem)) if rem else None,
        seats_next_72h=int(sum(r["seats_next_72h"] or 0 for r in rows)),
        next_departure=pd.Timestamp(first["next_departure"]).to_pydatetime() if first else None,
        next_from=first["next_from_place"] if first else None,
        next_from_iso3=first["country_iso3"] if first else None,
        next_seats=int(first["next_seats"]) if first and first["next_seats"] is not None else None,
        days_to_clear=max(days) if days else None,
        no_capacity=no_cap,
    )


def leadership_cards(lead: Leadership, lang: str, names: Names = None) -> list[dict[str, Any]]:
    """Label, value, caption and whether it is an alarm (red), one per figure."""
    if lead.next_departure is not None:
        # one line on a wall card: the day and Astana time as the value, UTC in the caption
        nxt, utc = fmt_moment_parts(lead.next_departure, lang)
        nxt_caption = t("evop.next_caption", lang, place=lead.next_from or NO_VALUE,
                        country=_name(lead.next_from_iso3 or "", lang, names), seats=fmt_int(lead.next_seats, lang))
        nxt_caption = f"{utc} · {nxt_caption}" if utc else nxt_caption
    else:
        nxt, nxt_caption = NO_VALUE, t("evop.next_none", lang)
    if lead.remaining == 0:
        days, days_caption, alarm = fmt_number(0, lang), t("evop.days_done", lang), False
    elif lead.days_to_clear is None:
        days, days_caption, alarm = t("evop.no_capacity", lang), t("evop.no_capacity_help", lang), True
    else:
        days, alarm = fmt_number(lead.days_to_clear, lang), bool(lead.no_capacity)
        days_caption = (t("evop.days_caption", lang, seats=fmt_int(lead.seats_next_72h, lang)) if not alarm else
                        t("evop.no_capacity_in", lang, countries=", ".join(_name(c, lang, names) for c in lead.no_capacity)))
    return [
        {"label": t("evop.want_to_leave", lang), "value": fmt_int(lead.want_to_leave, lang),
         "caption": t("evop.want_caption", lang), "alarm": False},
        {"label": t("evop.evacuated", lang), "value": fmt_int(lead.evacuated, lang),
         "caption": t("evop.evacuated_caption", lang), "alarm": False},
        {"label": t("evop.remaining", lang), "value": fmt_int(lead.remaining, lang),
         "caption": t("evop.remaining_caption", lang), "alarm": False},
        {"label": t("evop.next_departure", lang), "value": nxt, "caption": nxt_caption, "alarm": False},
        {"label": t("evop.days_to_clear", lang), "value": days, "caption": days_caption, "alarm": alarm},
    ]


def cards_html(cards: Sequence[Mapping[str, Any]]) -> str:
    """The figures as one row of cards (HTML, every text escaped); an alarm is drawn in red."""
    import html

    cells = []
    for c in cards:
        colour = NO_CAPACITY_COLOR if c["alarm"] else "inherit"
        cells.append(
            "<div class='ev-card'>"
            f"<div class='ev-label'>{html.escape(c['label'])}</div>"
            f"<div class='ev-value' style='color:{colour}'>{html.escape(str(c['value']))}</div>"
            f"<div class='ev-caption' style='color:{colour if c['alarm'] else '#555'}'>{html.escape(c['caption'])}</div>"
            "</div>")
    return "<div class='ev-row'>" + "".join(cells) + "</div>"


def status_text(status: str | None, lang: str) -> str:
    return t(f"evop.status.{status}", lang) if status else NO_VALUE


BOARD_ROWS = 40  # per part of the board: a wall screen reads the next few dozen, not hundreds


def board_table(board: pd.DataFrame, lang: str, names: Names = None) -> pd.DataFrame:
    """The movements board: departure, flight, from, to, mode, status, seats, passengers, load."""
    from situation.display.charts import _Times

    times = _Times(lang)  # a board repeats the same departure times; format each once
    rows = []
    for r in ({k: _v(v) for k, v in row.items()} for row in board.to_dict("records")):
        rows.append({
            t("evop.col.departure", lang): times(r["scheduled"]),
            t("evop.col.flight", lang): r["flight"],
            t("evop.col.from", lang): f"{r['from_place'] or NO_VALUE} ({_name(r['from_iso3'], lang, names)})",
            t("evop.col.to", lang): r["to_place"] or NO_VALUE,
            t("evop.col.mode", lang): t(f"evop.mode.{r['mode']}", lang),
            t("evop.col.status", lang): status_text(r["status"], lang),
            # counts as text: a plan has no passengers yet, and an empty cell says so better than "None"
            t("evop.col.seats", lang): "" if r["seats"] is None else _count(r["seats"], lang),
            t("evop.col.passengers", lang): "" if r["passengers"] is None else _count(r["passengers"], lang),
            t("evop.col.load", lang): round(100 * float(r["load_factor"])) if r["load_factor"] is not None else None,
            t("evop.col.note", lang): r["note"] or "",
            t("table.source", lang): f"{r['file'] or NO_VALUE}:{r['line']}",
        })
    return pd.DataFrame(rows)


def operation_table(op: pd.DataFrame, lang: str, names: Names = None) -> pd.DataFrame:
    """evacuation_at per country with the same words as the leadership figures."""
    rows = []
    for r in ({k: _v(v) for k, v in row.items()} for row in op.to_dict("records")):
        if r["remaining"] == 0:
            days = fmt_number(0, lang)
        elif r["days_to_clear"] is None:
            days = t("evop.no_capacity", lang) if (r["remaining"] or 0) > 0 else NO_VALUE
        else:
            days = fmt_number(r["days_to_clear"], lang)
        rows.append({
            t("table.country", lang): _name(r["country_iso3"], lang, names),
            t("evop.present", lang): _count(r["present"], lang),
            t("evop.want_to_leave", lang): _count(r["want_to_leave"], lang),
            t("evop.evacuated", lang): _count(r["evacuated"], lang),
            t("evop.remaining", lang): _count(r["remaining"], lang),
            t("evop.seats_72h", lang): _count(r["seats_next_72h"], lang),
            t("evop.next_departure", lang): fmt_datetime(r["next_departure"], lang) if r["next_departure"] else NO_VALUE,
            t("evop.days_to_clear", lang): days,
        })
    return pd.DataFrame(rows)


GROUPS = ("elderly", "women", "children", "medical")


def groups_table(df: pd.DataFrame, lang: str, names: Names = None) -> pd.DataFrame:
    """Priority groups per country: left / gone, each "not reported" (—) when no row gave it."""
    rows = []
    for r in ({k: _v(v) for k, v in row.items()} for row in df.to_dict("records")):
        row = {t("table.country", lang): _name(r["country_iso3"], lang, names)}
        for g in GROUPS:
            row[t(f"evop.group.{g}", lang) + " · " + t("evop.left", lang)] = _count(r[f"left_{g}"], lang)
            row[t(f"evop.group.{g}", lang) + " · " + t("evop.gone", lang)] = _count(r[f"gone_{g}"], lang)
        rows.append(row)
    return pd.DataFrame(rows)


def default_plans(op: pd.DataFrame, plan: pd.DataFrame, airspace: pd.DataFrame, at: dt.datetime,
                  default_seats: float = 180.0) -> list[CountryPlan]:
    """The forecast's starting assumptions, from the plan as known at `at`: flights per day and
    seats per flight from the next 72 h of planned flights; people a day over land from the convoys
    planned in those 72 h;
    a country whose airspace is closed now is assumed closed for a week, with the planned flights
    (special, permitted ones) still flying."""
    by = {r["country_iso3"]: {k: _v(v) for k, v in r.items()} for r in plan.to_dict("records")}
    status = dict(zip(airspace["country_iso3"], airspace["status"])) if len(airspace) else {}
    plans = []
    for r in ({k: _v(v) for k, v in row.items()} for row in op.to_dict("records")):
        if r["remaining"] is None:
            continue
        a = by.get(r["country_iso3"]) or {}
        per_day = float(a.get("flights") or 0) / 3
        seats = float(a["seats_per_flight"]) if a.get("seats_per_flight") is not None else default_seats
        closed = status.get(r["country_iso3"]) == "closed"
        plans.append(CountryPlan(
            iso3=r["country_iso3"], remaining=int(r["remaining"]), flights_per_day=round(per_day, 2),
            seats_per_flight=round(seats), closed_until=(at + dt.timedelta(days=7)).date() if closed else None,
            permitted_per_day=round(per_day, 2) if closed else 0.0,
            land_per_day=round(float(a.get("land_seats") or 0) / 3, 1)))
    return plans


def assumptions(plans: Sequence[CountryPlan], lang: str, names: Names = None) -> list[str]:
    """Each country's assumption in one sentence, in the reader's language."""
    out = []
    for p in plans:
        parts = [t("evop.assume.air", lang, flights=fmt_number(p.flights_per_day, lang),
                   seats=fmt_int(p.seats_per_flight, lang))]
        if p.closed_until is not None:
            parts.append(t("evop.assume.closed", lang, date=fmt_date(p.closed_until, lang),
                           permitted=fmt_number(p.permitted_per_day, lang)))
        if p.land_per_day:
            parts.append(t("evop.assume.land", lang, people=fmt_number(p.land_per_day, lang)))
        out.append(f"{_name(p.iso3, lang, names)}: " + "; ".join(parts) + ".")
    return out


def forecast_table(fc: Forecast, lang: str, names: Names = None) -> pd.DataFrame:
    rows = []
    for c in fc.countries:
        rows.append({
            t("table.country", lang): _name(c.iso3, lang, names),
            t("evop.remaining", lang): fmt_int(c.remaining, lang),
            t("evop.fc.capacity", lang): fmt_int(round(c.daily_capacity_open), lang),
            t("evop.fc.days", lang): fmt_number(c.days, lang) if c.days is not None else t("evop.fc.never", lang),
            t("evop.fc.home", lang): fmt_date(c.clear_at, lang) if c.clear_at is not None else t("evop.fc.never", lang),
        })
    return pd.DataFrame(rows)


def forecast_sentence(fc: Forecast, lang: str, names: Names = None) -> str:
    """The projected day the last registered citizen is home, or which countries never clear."""
    ends = [c.clear_at for c in fc.countries if c.clear_at is not None]
    parts = []
    if ends:
        last = max(ends)
        parts.append(t("evop.fc.last_home_others" if fc.never else "evop.fc.last_home", lang,
                       date=fmt_date(last, lang), days=fmt_number((last - fc.start).total_seconds() / 86400, lang)))
    if fc.never:
        parts.append(t("evop.fc.never_sentence", lang, countries=", ".join(_name(c, lang, names) for c in fc.never)))
    return " ".join(parts)


def load_text(x: float | None, lang: str) -> str:
    return fmt_pct(x, lang) if x is not None else NO_VALUE
