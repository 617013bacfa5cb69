"""What the contact page, the overview strip and the briefing slide say, as plain data: the
indicator cards, the table per country, the campaign texts. No Streamlit; every text translated
and every number formatted for `lang`."""
from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import pandas as pd

from situation.display.contact_charts import hours_text
from situation.display.countries_i18n import country_name
from situation.display.formatting import NO_VALUE, fmt_datetime, fmt_delta, fmt_int, fmt_pct
from situation.display.styles import style
from situation.i18n import LANGUAGE_NAMES, t


def _v(row: Mapping[str, Any] | None, col: str) -> Any:
    if row is None:
        return None
    v = row.get(col)
    return None if v is None or (not isinstance(v, str) and pd.isna(v)) else v


def cards(tot: pd.DataFrame, lang: str) -> list[dict[str, Any]]:
    """st.metric keyword arguments: waiting (with the change over 24 h), received and resolved
    in 24 h, the longest wait, the reach of the latest alerts."""
    now = tot.loc["now"].to_dict() if "now" in tot.index else None
    day = tot.loc["day"].to_dict() if "day" in tot.index else None
    waiting, before = _v(now, "requests_open"), _v(day, "requests_open")
    delta = None if waiting is None or before is None else int(waiting) - int(before)
    reach = _v(now, "alert_reach")
    last = _v(now, "last_alert_at")
    return [
        {"label": t("contact.m_waiting", lang), "value": fmt_int(waiting or 0, lang),
         # Colour named, not "inverse": Streamlit reads the sign from the text, and fmt_delta writes
         # a typographic minus (−) it does not recognise, so a fall would show red.
         "delta": fmt_delta(delta or 0, lang), "delta_color": "green" if (delta or 0) < 0 else "red" if delta else "gray",
         "delta_arrow": "off" if not delta else ("up" if delta > 0 else "down"),
         "delta_description": t("contact.delta_24h", lang), "help": t("contact.help_waiting", lang)},
        {"label": t("contact.m_received", lang), "value": fmt_int(_v(now, "requests_24h") or 0, lang),
         "help": t("contact.help_received", lang)},
        {"label": t("contact.m_resolved", lang), "value": fmt_int(_v(now, "resolved_24h") or 0, lang),
         "help": t("contact.help_resolved", lang)},
        {"label": t("contact.m_oldest", lang), "value": hours_text(_v(now, "oldest_open_hours"), lang),
         "help": t("contact.help_oldest", lang)},
        {"label": t("contact.m_reach", lang), "value": fmt_pct(reach, lang) if reach is not None else NO_VALUE,
         "help": t("contact.help_reach", lang),
         # the moment only (a label would be cut in a fifth of a wall screen); the help says what it is
         "delta": fmt_datetime(last, lang) if last is not None else None,
         "delta_color": "off", "delta_arrow": "off"},
    ]


def country_table(df: pd.DataFrame, lang: str, names: Mapping | None = None) -> pd.DataFrame:
    """contact_at rows as a table with translated headers, numbers formatted for the language."""
    rows = []
    for r in df.to_dict("records"):
        rows.append({
            t("table.country", lang): country_name(r["country_iso3"], lang, names),
            t("table.citizens", lang): fmt_int(r["present"], lang),
            t("contact.col_waiting", lang): fmt_int(r["requests_open"], lang),
            t("contact.col_received", lang): fmt_int(r["requests_24h"], lang),
            t("contact.col_resolved", lang): fmt_int(r["resolved_24h"], lang),
            t("contact.col_oldest", lang): hours_text(r["oldest_open_hours"], lang),
            t("contact.col_last_alert", lang): fmt_datetime(_v(r, "last_alert_at"), lang),
            t("contact.col_campaign", lang): _v(r, "last_campaign") or NO_VALUE,
            t("contact.col_delivered", lang): fmt_int(_v(r, "alert_delivered"), lang),
            t("contact.col_opened", lang): fmt_int(_v(r, "alert_opened"), lang),
            t("contact.col_reach", lang): fmt_pct(_v(r, "alert_reach"), lang),
        })
    return pd.DataFrame(rows)


def campaign_heading(r: Mapping[str, Any], lang: str, names: Mapping | None = None) -> str:
    """'4 Mar 2026, 08:00 UTC — KASPI-… · Kaspi · Iran · delivered 72 of 78 (92%)'."""
    where = ", ".join(country_name(c, lang, names) for c in r["countries"])
    channels = ", ".join(t(f"contact.alert_channel.{c}", lang) for c in r["channels"])
    share = fmt_pct(r["delivered"] / r["targeted"], lang) if r["targeted"] else NO_VALUE
    delivered = t("contact.delivered_of", lang, delivered=fmt_int(r["delivered"], lang),
                  targeted=fmt_int(r["targeted"], lang), share=share)
    opened = "" if r.get("opened") is None else " · " + t("contact.opened_n", lang, n=fmt_int(r["opened"], lang))
    return f"{fmt_datetime(r['sent_at'], lang)} — {r['campaign']} · {channels} · {where} · {delivered}{opened}"


def campaign_messages(r: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(language name in itself, text as sent) for each language of a campaign: never translated."""
    return [(LANGUAGE_NAMES.get(code, code), text) for code, text in r["messages"].items()]


def overview_strip(tot: pd.DataFrame, lang: str) -> str:
    """Two indicator boxes for the overview (HTML, every value escaped): requests waiting with
    the longest wait and the day's requests; the latest alerts' reach with when they went out."""
    now = tot.loc["now"].to_dict() if "now" in tot.index else {}
    waiting = fmt_int(_v(now, "requests_open") or 0, lang)
    sub1 = t("contact.strip_waiting_sub", lang, oldest=hours_text(_v(now, "oldest_open_hours"), lang),
             received=fmt_int(_v(now, "requests_24h") or 0, lang))
    reach = _v(now, "alert_reach")
    last = _v(now, "last_alert_at")
    sub2 = (t("contact.strip_reach_sub", lang, time=fmt_datetime(last, lang),
              delivered=fmt_int(_v(now, "alert_delivered"), lang), present=fmt_int(_v(now, "present"), lang))
            if last is not None else t("contact.no_alerts", lang))
    boxes = [(t("contact.m_waiting", lang), waiting, sub1),
             (t("contact.m_reach", lang), fmt_pct(reach, lang) if reach is not None else NO_VALUE, sub2)]
    body = "".join(f"<div class='box'><div class='lbl'>{html.escape(a)}</div><div class='num'>{html.escape(b)}</div>"
                   f"<div class='sub'>{html.escape(c)}</div></div>" for a, b, c in boxes)
    return style("contact_strip") + f"<div class='sr-contact'>{body}</div>"
