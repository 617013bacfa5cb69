"""The briefing pack's citizen-contact slides: the indicators, what people asked for, and what
they were told (the alert campaigns with their text as sent). Built from the same queries and
texts as the contact page; registered in briefing_content.SECTIONS."""
from __future__ import annotations

from typing import TYPE_CHECKING

from situation.display import contact as view
from situation.display import contact_charts as charts
from situation.display.countries_i18n import country_name
from situation.display.formatting import fmt_datetime, fmt_int, fmt_pct
from situation.i18n import t
from situation.queries import contact as q

if TYPE_CHECKING:
    from situation.briefing.content import Context, Slide

MESSAGE_CHARS = 220  # a slide cell holds about this much 14 pt text; the page shows it whole


def s_contact(c: Context) -> list[Slide]:
    # Imported here: briefing_content imports this module for its list of sections.
    from situation.briefing.content import Slide, table_slides

    lang, at, countries = c.lang, c.at, c.f.countries
    title = t("contact.s_briefing", lang)
    if q.by_country(at, countries).empty:
        return [Slide(title, "text", {"lines": [t("contact.none", lang, time=fmt_datetime(at, lang))]})]
    cards = []
    for k in view.cards(q.totals(at, countries), lang):
        # The slide has one small line under each figure: the change with what it is over, or the
        # latest alert's time.
        # U+2212 (fmt_delta's minus) is lost in the PDF's text: a fall of 67 read "67". A hyphen-minus
        # survives both renderers.
        delta = " · ".join(x for x in (k.get("delta"), k.get("delta_description")) if x).replace("\u2212", "-")
        cards.append({"label": k["label"], "value": k["value"], "delta": delta})
    out = [Slide(title, "indicators", {"cards": cards, "note": t("contact.reach_note", lang)})]
    topics = q.topics(at, countries)
    if not topics.empty:
        out.append(Slide(t("contact.what_asked", lang), "figure",
                         {"figure": charts.topics_chart(topics, lang), "name": "contact_topics",
                          "caption": t("contact.topics_caption", lang)}))
    camps = charts.campaigns(q.alerts(at, countries))
    rows = []
    for r in camps.to_dict("records"):
        where = ", ".join(country_name(x, lang, c.names, short=True) for x in r["countries"])
        share = fmt_pct(r["delivered"] / r["targeted"], lang) if r["targeted"] else "—"
        text = " / ".join(f"[{code}] {msg}" for code, msg in r["messages"].items())
        rows.append([fmt_datetime(r["sent_at"], lang), r["campaign"], where,
                     f"{fmt_int(r['delivered'], lang)} ({share})",
                     text if len(text) <= MESSAGE_CHARS else text[:MESSAGE_CHARS - 1] + "…"])
    cols = [t("contact.col_sent", lang), t("contact.col_campaign", lang), t("contact.audience", lang),
            t("contact.col_delivered", lang), t("contact.col_message", lang)]
    return out + table_slides(t("contact.what_told", lang), cols, rows, lang, widths=[1.8, 2, 1.6, 1.4, 6],
                              note=t("contact.slide_alerts_note", lang, n=fmt_int(len(rows), lang)), per_slide=4)
