"""The briefing pack's evacuation-operation slides: the leadership figures over the cumulative
chart, the movements of the next 72 hours, and the forecast at the plan's own assumptions with
those assumptions spelled out. Same content model as every other section (briefing_content)."""
from __future__ import annotations

from typing import Any

from situation.i18n import t


def s_operation(c: Any) -> list:
    """Slides for briefing_content.Context `c` (imported lazily: that module registers this one)."""
    from situation.briefing.content import Slide, table_slides
    from situation.display.evacuation import (
        assumptions,
        board_table,
        default_plans,
        forecast_sentence,
        leadership,
        leadership_cards,
    )
    from situation.display.evacuation_charts import forecast_chart, operation_chart
    from situation.queries import evacuation as eq
    from situation.queries import overview as oq
    from situation.queries.forecast import project

    lang, at, countries = c.lang, c.at, c.f.countries
    op = eq.operation(at, countries)
    title = t("evop.slide.operation", lang)
    if op.empty:
        return [Slide(title, "text", {"lines": [t("evop.no_operation", lang)]})]
    cards = leadership_cards(leadership(op), lang, c.names)
    # An alarm ("no capacity planned: Bahrain, Oman") keeps its words on the slide too.
    caption = " · ".join(f"{x['label']}: {x['value']}" + (f" ({x['caption']})" if x["alarm"] else "") for x in cards)
    out = [Slide(title, "figure", {"figure": operation_chart(eq.series(at, countries), lang, c.names),
                                   "name": "evacuation_operation", "caption": caption})]
    board = eq.board(at, countries)
    upcoming = board_table(board[board["upcoming"]], lang, c.names) if len(board) else None
    if upcoming is not None and len(upcoming):
        keep = [t(f"evop.col.{k}", lang) for k in ("departure", "flight", "from", "to", "mode", "status", "seats")]
        out += table_slides(t("evop.slide.movements", lang), keep, upcoming[keep].fillna("—").values.tolist(), lang,
                            widths=[2.2, 1.8, 2.6, 1.4, 1, 1.2, 0.8])
    plans = default_plans(op, eq.plan(at, countries), oq.airspace(at), at)
    if plans:
        fc = project(plans, at)
        out.append(Slide(t("evop.slide.forecast", lang), "figure",
                         {"figure": forecast_chart(fc, lang, c.names), "name": "evacuation_forecast",
                          "caption": forecast_sentence(fc, lang, c.names)}))
        out.append(Slide(t("evop.slide.forecast", lang), "text",
                         {"lines": [t("evop.fc.model", lang).replace("**", ""), *assumptions(plans, lang, c.names)]}))
    return out
