"""The briefing pack's one content model: Filters in, a Pack of slides out.

PPTX (briefing_pptx) and PDF (briefing_pdf) only lay this out, so the two can never say
different things. Each section is gathered on its own: a section whose query or chart fails
becomes a placeholder slide that says why (translated), and the rest of the pack still builds.
Every text here is already translated and every number formatted for the pack's language.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd

import config
from situation.briefing.contact_slides import s_contact
from situation.briefing.evacuation_slides import s_operation
from situation.display.formatting import fmt_datetime, fmt_int
from situation.i18n import LANGUAGE_NAMES, N_, t
from situation.queries import common as queries
from situation.queries import overview as oq
from situation.queries.filters import Filters

log = logging.getLogger(__name__)

Progress = Callable[[float, str], None]  # (fraction done 0..1, what is being done)
KINDS = ("title", "indicators", "figure", "table", "text", "placeholder")
ROWS_PER_SLIDE = 10  # a 16:9 slide with a readable 14 pt table holds about this many rows


@dataclass
class Slide:
    title: str
    kind: str  # one of KINDS
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass
class Pack:
    lang: str
    marking: str
    footer: str  # "as of …" line printed on every page
    slides: list[Slide]
    notes: str = ""  # speaker notes under every slide: sitrep number, moment, next update, sources


def default_marking(lang: str) -> str:
    """SITROOM_MARKING when set, else the marking of restricted documents in the language."""
    return config.setting("SITROOM_MARKING").strip() or t("briefing.marking_default", lang)


def placeholder(title: str, reason: str, lang: str) -> Slide:
    return Slide(title, "placeholder", {"reason": t("briefing.failed", lang, reason=reason)})


def table_slides(title: str, columns: Sequence[str], rows: Sequence[Sequence[str]], lang: str,
                 widths: Sequence[float] | None = None, note: str = "",
                 per_slide: int = ROWS_PER_SLIDE) -> list[Slide]:
    """One table split over as many slides as needed, "(1/2)" in the title of each part."""
    if not rows:
        return [Slide(title, "text", {"lines": [t("briefing.no_rows", lang)], "note": note})]
    n = -(-len(rows) // per_slide)  # parts needed; rows spread evenly, no part left with one row
    size = -(-len(rows) // n)
    parts = [rows[i:i + size] for i in range(0, len(rows), size)]
    out = []
    for i, part in enumerate(parts, 1):
        name = title if len(parts) == 1 else t("briefing.part", lang, title=title, n=i, total=len(parts))
        out.append(Slide(name, "table", {"columns": list(columns), "rows": [list(map(str, r)) for r in part],
                                         "widths": list(widths or [1] * len(columns)), "note": note}))
    return out


class Context:
    """What every section needs: the filters, the moment, country names; queried once."""

    def __init__(self, f: Filters) -> None:
        self.f, self.lang = f, f.lang
        self.at = oq.moment(f.at(), f.live)
        self.names = queries.countries_table().set_index("iso3").to_dict("index")
        self.snapshot = oq.countries_now(self.at, f.countries)

    def sitrep_no(self) -> int:
        """The situation report's number: day N of the crisis in Astana time, day 1 being the
        day of the first report in the warehouse (the same number for every pack of one day)."""
        from situation.display.formatting import display_tz

        first = queries.data_extent()["first"]
        if first is None:
            return 1
        zone = ZoneInfo(display_tz())
        local = [pd.Timestamp(x).tz_localize("UTC").tz_convert(zone).date() for x in (first, self.at)]
        return max(1, (local[1] - local[0]).days + 1)

    def next_update(self) -> dt.datetime:
        """When the next situation report is due: SITROOM_SITREP_HOURS after this one's moment."""
        try:
            hours = float(config.setting("SITROOM_SITREP_HOURS"))
        except ValueError:
            hours = 12.0
        return self.at + dt.timedelta(hours=hours if 0 < hours < 24 * 14 else 12.0)

    def country_list(self) -> list[str]:
        """The chosen countries, or the ones with the most citizens when none are chosen."""
        from situation.queries import trends
        return list(self.f.countries) or trends.top_countries(self.at)


# --- sections -------------------------------------------------------------------------------

def s_title(c: Context, marking: str) -> list[Slide]:
    from situation.display.countries_i18n import country_names

    lang = c.lang
    chosen = country_names(list(c.f.countries), lang, c.names) if c.f.countries else {}
    lines = [
        (t("briefing.sitrep_no", lang), t("briefing.sitrep_value", lang, n=fmt_int(c.sitrep_no(), lang))),
        (t("briefing.as_of", lang), fmt_datetime(c.at, lang)),
        (t("briefing.next_update", lang), fmt_datetime(c.next_update(), lang)),
        (t("briefing.countries", lang), ", ".join(chosen.values()) or t("app.all_countries", lang)),
        (t("briefing.language", lang), LANGUAGE_NAMES[lang]),
        (t("briefing.generated", lang), fmt_datetime(dt.datetime.now(dt.UTC).replace(microsecond=0), lang)),
    ]
    notes = [t("app.sample_banner", lang)] if queries.data_extent()["sample_only"] else []
    return [Slide(t("briefing.pack_title", lang), "title", {"lines": lines, "marking": marking, "notes": notes})]


def key_messages(c: Context) -> list[str]:
    """Three to five sentences a minister reads first: how many people, how many can leave, where
    nobody can, what needs action now, and what has been done (all figures from the same queries
    as the overview, formatted for the pack's language)."""
    from situation.display.countries_i18n import country_name
    from situation.display.formatting import fmt_count, fmt_delta
    from situation.display.readiness import assess

    lang = c.lang
    ind = oq.indicators(c.at, c.f.countries)
    now = ind.loc["now"].to_dict() if "now" in ind.index else {}
    day = ind.loc["day"].to_dict() if "day" in ind.index else {}

    def num(row: dict, col: str) -> float | None:
        v = row.get(col)
        return None if v is None or pd.isna(v) else float(v)

    out = []
    citizens = num(now, "citizens")
    if citizens is not None:
        change = citizens - (num(day, "citizens") or 0) if num(day, "citizens") is not None else None
        out.append(t("briefing.km.citizens", lang,
                     citizens=fmt_count(citizens, bool(now.get("approximate")), lang),
                     change=fmt_delta(change, lang) if change is not None else "—",
                     closed=fmt_count(num(now, "in_closed") or 0, bool(now.get("in_closed_approximate")), lang)))
    rows = c.snapshot.to_dict("records")
    people = {r["country_iso3"]: float(r.get("citizens") or 0) for r in rows}
    approx = {r["country_iso3"]: bool(r.get("approximate")) for r in rows}
    by_level: dict[str, list[str]] = {"green": [], "amber": [], "red": []}
    for a in sorted(assess(rows, lang, c.names), key=lambda a: -people.get(a["country_iso3"], 0)):
        by_level.setdefault(a["level"], []).append(a["country_iso3"])

    def names_of(codes: list[str]) -> str:
        return ", ".join(country_name(x, lang, c.names) for x in codes)

    def total(codes: list[str]) -> str:
        return fmt_count(sum(people.get(x, 0) for x in codes), any(approx.get(x) for x in codes), lang)

    if by_level["green"]:
        out.append(t("briefing.km.ready", lang, countries=names_of(by_level["green"]), people=total(by_level["green"])))
    else:
        out.append(t("briefing.km.none_ready", lang))
    if by_level["amber"]:
        out.append(t("briefing.km.partly", lang, countries=names_of(by_level["amber"]), people=total(by_level["amber"])))
    if by_level["red"]:
        out.append(t("briefing.km.act_now", lang, countries=names_of(by_level["red"]), people=total(by_level["red"])))
    else:
        out.append(t("briefing.km.no_red", lang))
    out.append(t("briefing.km.done", lang, evacuated=fmt_int(num(now, "evacuated") or 0, lang),
                 casualties=fmt_int(num(now, "casualties") or 0, lang)))
    return out[:5]


def s_key_messages(c: Context) -> list[Slide]:
    return [Slide(t("briefing.s_key_messages", c.lang), "text",
                  {"lines": key_messages(c), "note": t("briefing.km_note", c.lang)})]


def s_indicators(c: Context) -> list[Slide]:
    from situation.display.overview import metric_cards

    cards = metric_cards(oq.indicators(c.at, c.f.countries), c.lang)
    items = [{"label": k["label"], "value": k["value"],
              "delta": t("briefing.delta", c.lang, prev=k["delta"], day=k["delta_description"])}
             for k in cards]
    return [Slide(t("briefing.s_indicators", c.lang), "indicators",
                  {"cards": items, "note": t("briefing.indicators_note", c.lang)})]


def s_map(c: Context) -> list[Slide]:
    from situation.display.export_map import map_figure

    places = oq.places(c.f.countries)
    xs = places[places["kind"] == "crossing"] if len(places) else places
    fig = map_figure(c.snapshot, oq.airspace(c.at), xs, c.lang, c.names, c.at)
    return [Slide(t("briefing.s_map", c.lang), "figure", {"figure": fig, "name": "map",
                                                          "caption": t("map.legend", c.lang)})]


def s_trends(c: Context) -> list[Slide]:
    from situation.display import charts
    from situation.queries import trends
    df = trends.trend(c.at, c.country_list(), "country")
    if df.empty:
        return [Slide(t("briefing.s_trends", c.lang), "text", {"lines": [t("empty.no_data", c.lang)]})]
    fig = charts.trend_chart(df, c.lang, "country", c.names)
    return [Slide(t("briefing.s_trends", c.lang), "figure",
                  {"figure": fig, "name": "trends", "caption": t("briefing.trend_note", c.lang)})]


def s_readiness(c: Context) -> list[Slide]:
    from situation.display.countries_i18n import country_name
    from situation.display.formatting import fmt_count
    from situation.display.palette import READINESS_COLORS
    from situation.display.readiness import assess

    lang = c.lang
    rows = c.snapshot.to_dict("records")
    counts = {r["country_iso3"]: r for r in rows}
    order = {"red": 0, "amber": 1, "green": 2}
    assessed = sorted(assess(rows, lang, c.names), key=lambda a: (
        order.get(a["level"], 3), -float(counts[a["country_iso3"]].get("citizens") or 0)))
    table = [[t(f"readiness.{a['level']}", lang), country_name(a["country_iso3"], lang, c.names),
              fmt_count(counts[a["country_iso3"]].get("citizens"), bool(counts[a["country_iso3"]].get("approximate")), lang),
              a["why"]] for a in assessed]
    cols = [t(k, lang) for k in ("readiness.col.level", "table.country", "table.citizens", "readiness.col.why")]
    # What each level means, on the slide itself ("ready for what?"), as under the overview's table.
    from situation.queries.readiness import LEVELS, MEANINGS

    meaning = " ".join(t("readiness.meaning_line", lang, level=t(f"readiness.{lv}", lang),
                         meaning=t(MEANINGS[lv], lang)) + "." for lv in LEVELS)
    slides = table_slides(t("readiness.title", lang), cols, table, lang, widths=[1.5, 1.8, 1.4, 6],
                          note=meaning, per_slide=9)
    levels = iter(READINESS_COLORS[a["level"]] for a in assessed)
    for s in slides:  # the level cell is filled with the level's colour, as on the overview
        if s.kind == "table":
            s.payload["marks"] = [next(levels) for _ in s.payload["rows"]]
    return slides


def s_airspace(c: Context) -> list[Slide]:
    from situation.display import airspace_charts
    from situation.queries import airspace as airspace_view
    lang = c.lang
    status = airspace_view.status_at(c.at, c.f.countries)
    shown = status[status["in_region"] | status["country_iso3"].isin(c.f.countries)]
    counts = " · ".join(f"{t(f'status.{s}', lang)}: {fmt_int(int((shown['status'] == s).sum()), lang)}"
                        for s in ("closed", "restricted", "open", "unknown"))
    start, end = airspace_view.timeline_window(c.at)
    iv = airspace_view.intervals(start, end, c.f.countries)
    out = []
    if iv.empty or (iv["rule"] == "no_interval").all():
        out.append(Slide(t("briefing.s_airspace", lang), "text", {"lines": [counts, t("airspace.no_intervals", lang)]}))
    else:
        fig = airspace_charts.timeline_figure(iv, c.at, start, end, lang, c.names)
        out.append(Slide(t("briefing.s_airspace", lang), "figure", {"figure": fig, "name": "airspace", "caption": counts}))
    notams = airspace_view.notams_at(c.at, "", c.f.countries)
    main = notams.head(ROWS_PER_SLIDE)
    rows = [[r["notam_id"], r["fir"], airspace_charts.notam_effect(r["status"], lang),
             fmt_datetime(r["valid_from"], lang),
             airspace_charts.until_text(r["effective_end"] if pd.notna(r["effective_end"]) else r["valid_to"],
                                        r["estimated_end"], lang, r["valid_to"] if r["overrun"] else None, c.at),
             airspace_charts._excerpt(r["text"], 110)] for r in main.to_dict("records")]
    note = t("briefing.notams_more", lang, n=fmt_int(len(notams) - len(main), lang)) if len(notams) > len(main) else ""
    cols = ["NOTAM", t("term.fir", lang), t("briefing.col_effect", lang), t("airspace.since", lang),
            t("airspace.until", lang), t("briefing.col_text", lang)]
    return out + table_slides(t("briefing.s_notams", lang), cols, rows, lang,
                              widths=[1.3, 0.8, 1.6, 1.8, 1.8, 4.5], note=note)


def s_evacuation(c: Context) -> list[Slide]:
    from situation.display import charts
    from situation.display import trend_tables as tables
    from situation.queries import trends
    lang = c.lang
    done = trends.evacuations(c.at, c.f.countries)
    out = []
    if done.empty:
        out.append(Slide(t("briefing.s_evacuations", lang), "text",
                         {"lines": [t("evac.none_yet", lang, time=fmt_datetime(c.at, lang))]}))
    else:
        total = t("briefing.evacuated_total", lang, n=fmt_int(int(done["people"].sum()), lang))
        out.append(Slide(t("briefing.s_evacuations", lang), "figure",
                         {"figure": charts.evacuations_chart(done, lang, c.names, at=c.at),
                          "name": "evacuations", "caption": total}))
    routes = tables.routes_table(trends.routes(c.f.countries), lang, c.names)
    return out + table_slides(t("briefing.s_routes", lang), list(routes.columns), routes.values.tolist(), lang,
                              widths=[2.6, 2.2, 1.4, 1.2, 1, 3], note=t("evac.crossings_note", lang))


def s_sources(c: Context) -> list[Slide]:
    from datetime import timedelta

    from situation.display.charts import files_text
    from situation.display.formatting import fmt_age
    from situation.queries import health

    lang = c.lang
    fresh = health.freshness(c.at, c.f.countries)
    rows = []
    for r in fresh.to_dict("records"):
        last = r["last_report"]
        state = (N_("briefing.never") if pd.isna(last) else N_("briefing.stale") if bool(r["stale"])
                 else N_("briefing.fresh"))
        age = fmt_age(timedelta(seconds=(pd.Timestamp(c.at) - pd.Timestamp(last)).total_seconds()), lang) \
            if pd.notna(last) else "—"
        rows.append([str(r.get(f"name_{lang}") or r["name_en"] or r["mission_id"]),
                     fmt_datetime(last, lang), age, t(state, lang), files_text(r["files"])])
    fig = health.figures()
    note = t("briefing.sources_note", lang, files=fmt_int(fig.get("sources"), lang),
             rejects=fmt_int(fig.get("rejects"), lang), time=fmt_datetime(fig.get("version_time"), lang))
    cols = [t("table.mission", lang), t("metric.last_report", lang), t("briefing.col_age", lang),
            t("table.status", lang), t("table.source", lang)]
    # An annex at the end: freshness backs the figures up, it is not what a minister reads first.
    return table_slides(t("briefing.annex", lang, title=t("briefing.s_sources", lang)), cols, rows, lang,
                        widths=[2.6, 2.4, 1.4, 1.4, 4], note=note, per_slide=14)


SECTIONS: tuple[tuple[str, Callable[[Context], list[Slide]]], ...] = (
    (N_("briefing.s_key_messages"), s_key_messages), (N_("briefing.s_indicators"), s_indicators), (N_("briefing.s_map"), s_map),
    (N_("briefing.s_trends"), s_trends), (N_("readiness.title"), s_readiness),
    (N_("briefing.s_airspace"), s_airspace), (N_("evop.slide.operation"), s_operation),
    (N_("briefing.s_evacuations"), s_evacuation), (N_("contact.s_briefing"), s_contact),
    (N_("briefing.s_sources"), s_sources),
)


def gather(f: Filters, marking: str | None = None, progress: Progress | None = None) -> Pack:
    """Every section's slides for the filters; figures still as Plotly figures (see briefing.py)."""
    say = progress or (lambda _p, _m: None)
    lang = f.lang
    c = Context(f)
    mark = marking.strip() if marking and marking.strip() else default_marking(lang)
    slides = s_title(c, mark)
    for i, (key, section) in enumerate(SECTIONS):
        say(i / len(SECTIONS), t("briefing.progress_section", lang, section=t(key, lang)))
        try:
            slides += section(c)
        except Exception as exc:  # one broken section must not cost the whole pack
            log.exception("briefing section %s failed", key)
            slides.append(placeholder(t(key, lang), f"{type(exc).__name__}: {exc}", lang))
    footer = t("briefing.footer", lang, time=fmt_datetime(c.at, lang))
    notes = t("briefing.speaker_notes", lang, no=fmt_int(c.sitrep_no(), lang), time=fmt_datetime(c.at, lang),
              next=fmt_datetime(c.next_update(), lang), source=t("export.source_line", lang))
    return Pack(lang, mark, footer, slides, notes)
