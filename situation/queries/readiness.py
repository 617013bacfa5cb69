"""Readiness per country (green / amber / red) from the declarative rules in readiness.toml.

The rules are data, not code: each is a list of {field, op, value} clauses compared against a
country's facts with a fixed table of operators, so a rule file can never run anything. The
first matching rule wins and its reason key says why (translated, with the figures formatted).
See docs/readiness.md.
"""
from __future__ import annotations

import math
import operator
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import config
from situation.i18n import N_

LEVELS: tuple[str, ...] = ("green", "amber", "red")
# What each level states, shown under every readiness table ("ready for what?").
MEANINGS: dict[str, str] = {"green": N_("readiness.meaning.green"), "amber": N_("readiness.meaning.amber"),
                            "red": N_("readiness.meaning.red")}
FIELDS: frozenset[str] = frozenset({
    "airspace",          # open / restricted / closed / unknown at the moment shown
    "land_route",        # an open land crossing leaves the country
    "exit",              # land_route or airspace open for flights
    "housed_share",      # housed visitors / visitors (0..1), NULL when not reported
    "contacted_share",   # contacted / citizens (0..1), NULL when not reported
    "report_age_hours",  # hours since the country's newest report
    "vulnerable",        # elderly + women + children
    "citizens",
    "casualties",
    "remaining",         # registered to leave and not yet gone (evacuation_at), NULL when not reported
    "seats_next_72h",    # seats of movements planned in the next 72 hours (evacuation_at)
})


def _in(a: Any, b: Any) -> bool:
    return a in b


def _not_in(a: Any, b: Any) -> bool:
    return a not in b


# Every reason a rule may name; tests check readiness.toml uses only these (translated) keys.
REASONS: tuple[str, ...] = (
    N_("readiness.reason.casualties"), N_("readiness.reason.stale_report"),
    N_("readiness.reason.no_exit_low_contact"), N_("readiness.reason.no_exit_unhoused"),
    N_("readiness.reason.airspace_unknown"), N_("readiness.reason.land_route"),
    N_("readiness.reason.land_route_low_contact"),
    N_("readiness.reason.flights_restricted"), N_("readiness.reason.sheltering"),
    N_("readiness.reason.low_contact"), N_("readiness.reason.ready"),
)
REASONS += (N_("readiness.reason.no_capacity"),)  # the evacuation operation (evacuation_at)

_BINARY: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
    ">": operator.gt, ">=": operator.ge, "in": _in, "not in": _not_in,
}
_UNARY = {"is null", "not null"}


@dataclass(frozen=True)
class Clause:
    field: str
    op: str
    value: Any = None


@dataclass(frozen=True)
class Rule:
    id: str
    level: str
    reason: str
    when: tuple[Clause, ...]


@dataclass(frozen=True)
class Verdict:
    level: str
    rule: str
    reason: str  # message key


def _missing(x: Any) -> bool:
    if x is None:
        return True
    try:
        return bool(x != x)  # noqa: PLR0124 — NaN, NaT, pd.NA
    except (TypeError, ValueError):
        return True


def parse_rules(data: Mapping[str, Any]) -> tuple[Rule, ...]:
    """Validate a parsed rule file; a mistake is reported with the rule's id, not at evaluation."""
    rules: list[Rule] = []
    seen: set[str] = set()
    for i, raw in enumerate(data.get("rule", [])):
        rid = str(raw.get("id") or f"#{i + 1}")
        if rid in seen:
            raise ValueError(f"readiness rule {rid}: duplicate id")
        seen.add(rid)
        if raw.get("level") not in LEVELS:
            raise ValueError(f"readiness rule {rid}: level must be one of {LEVELS}")
        if raw.get("reason") not in REASONS:
            raise ValueError(f"readiness rule {rid}: reason must be one of readiness.REASONS")
        clauses = []
        for c in raw.get("when", []):
            field, op = c.get("field"), c.get("op")
            if field not in FIELDS:
                raise ValueError(f"readiness rule {rid}: unknown field {field!r}")
            if op not in _BINARY and op not in _UNARY:
                raise ValueError(f"readiness rule {rid}: unknown op {op!r}")
            if op in _BINARY and "value" not in c:
                raise ValueError(f"readiness rule {rid}: {field} {op} needs a value")
            clauses.append(Clause(field, op, c.get("value")))
        rules.append(Rule(rid, raw["level"], raw["reason"], tuple(clauses)))
    if not rules or rules[-1].when:
        raise ValueError("readiness rules: the last rule must have no clauses (the default)")
    return tuple(rules)


def rules_path() -> Path:
    own = config.reference_dir() / "readiness.toml"
    return own if own.exists() else config.ROOT / "data" / "reference" / "readiness.toml"


@lru_cache(maxsize=4)
def _load(path: str, mtime_ns: int) -> tuple[Rule, ...]:
    with open(path, "rb") as fh:
        return parse_rules(tomllib.load(fh))


def load_rules(path: Path | None = None) -> tuple[Rule, ...]:
    """The rules, re-read when the file changes (an edit shows without a restart)."""
    p = path or rules_path()
    return _load(str(p), p.stat().st_mtime_ns)


def _value(v: Any, params: Mapping[str, Any]) -> Any:
    if isinstance(v, str) and v.startswith("@"):
        if v[1:] not in params:
            raise ValueError(f"readiness: no parameter {v}")
        return params[v[1:]]
    return v


def holds(clause: Clause, facts: Mapping[str, Any], params: Mapping[str, Any]) -> bool:
    """One clause against one country's facts; a missing fact makes any comparison false."""
    x = facts.get(clause.field)
    if clause.op == "is null":
        return _missing(x)
    if clause.op == "not null":
        return not _missing(x)
    if _missing(x):
        return False
    try:
        return bool(_BINARY[clause.op](x, _value(clause.value, params)))
    except TypeError:  # e.g. text compared with a number: a rule-file mistake, not a match
        return False


def evaluate(facts: Mapping[str, Any], rules: Sequence[Rule] | None = None,
             params: Mapping[str, Any] | None = None) -> Verdict:
    """The first rule whose clauses all hold."""
    rules = rules if rules is not None else load_rules()
    params = params or {}
    for rule in rules:
        if all(holds(c, facts, params) for c in rule.when):
            return Verdict(rule.level, rule.id, rule.reason)
    raise ValueError("readiness: no rule matched (the last rule must have no clauses)")


def _num(x: Any) -> float | None:
    return None if _missing(x) else float(x)


def facts_of(row: Mapping[str, Any]) -> dict[str, Any]:
    """Facts of one row of situation/queries/sql/overview_countries.sql."""
    land = list(row.get("land_open_to") if row.get("land_open_to") is not None else [])
    airspace = row.get("airspace")
    airspace = "unknown" if _missing(airspace) else str(airspace)
    return {
        "airspace": airspace,
        "land_route": bool(land),
        "land_open_to": land,
        "exit": bool(land) or airspace == "open",
        "housed_share": _num(row.get("housed_share")),
        "contacted_share": _num(row.get("contacted_share")),
        "report_age_hours": _num(row.get("report_age_hours")),
        "vulnerable": _num(row.get("vulnerable")),
        "citizens": _num(row.get("citizens")),
        "casualties": _num(row.get("casualties")),
        "remaining": _num(row.get("evac_remaining")),
        "seats_next_72h": _num(row.get("seats_next_72h")),
    }


def stale_hours() -> float:
    """SITROOM_STALE_HOURS as a number; a broken setting falls back to 24 rather than failing."""
    try:
        v = float(config.setting("SITROOM_STALE_HOURS"))
        return v if math.isfinite(v) and v > 0 else 24.0
    except ValueError:
        return 24.0
