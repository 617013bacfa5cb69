"""Readiness in words: a country's level, the rule that decided it and its reason, translated.

The rules and their evaluation are data and logic (situation/queries/readiness.py); this is how
they read on the overview, the wall screen, the briefing pack and the exported table.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any

from situation.display.countries_i18n import country_name
from situation.display.formatting import fmt_duration, fmt_int, fmt_pct
from situation.i18n import t
from situation.queries.readiness import Rule, Verdict, evaluate, facts_of, stale_hours


def reason_text(v: Verdict, facts: Mapping[str, Any], lang: str,
                names: Mapping[str, Mapping[str, Any]] | None = None, with_level: bool = True) -> str:
    """'Partly ready — airspace closed; land route via Armenia open; 100% contacted' in `lang`.

    Every reason template may use {airspace} {via} {contacted} {housed} {age} {vulnerable} {casualties}
    {citizens} {remaining} {seats}; all are formatted here so the TOML never holds a number format.
    """
    via = ", ".join(country_name(c, lang, dict(names or {})) for c in facts.get("land_open_to") or [])
    age = facts.get("report_age_hours")
    airspace = str(facts.get("airspace") or "unknown")
    reason = t(v.reason, lang,
               via=via or "—",
               airspace=t(f"status.{airspace}", lang).lower(),
               contacted=fmt_pct(facts.get("contacted_share"), lang),
               housed=fmt_pct(facts.get("housed_share"), lang),
               age=fmt_duration(None if age is None else timedelta(hours=age), lang),
               vulnerable=fmt_int(facts.get("vulnerable"), lang),
               casualties=fmt_int(facts.get("casualties"), lang),
               citizens=fmt_int(facts.get("citizens"), lang),
               remaining=fmt_int(facts.get("remaining"), lang),
               seats=fmt_int(facts.get("seats_next_72h"), lang))
    if not with_level:
        return reason
    return t("readiness.explain", lang, level=t(f"readiness.{v.level}", lang), reason=reason)


def assess(rows: Sequence[Mapping[str, Any]], lang: str,
           names: Mapping[str, Mapping[str, Any]] | None = None,
           rules: Sequence[Rule] | None = None) -> list[dict[str, Any]]:
    """Level, rule and translated reason for each country row (overview_countries.sql).

    reason: "Partly ready — airspace closed; …"; why: the same without the level (for a table
    that shows the level in a column of its own).
    """
    params = {"stale_hours": stale_hours()}
    out = []
    for row in rows:
        facts = facts_of(row)
        v = evaluate(facts, rules, params)
        out.append({"country_iso3": row["country_iso3"], "level": v.level, "rule": v.rule,
                    "reason": reason_text(v, facts, lang, names),
                    "why": reason_text(v, facts, lang, names, with_level=False)})
    return out
