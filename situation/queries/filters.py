"""The shared filters every page and the briefing export honour: language, countries, as-of."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from situation.i18n import normalize_lang


@dataclass(frozen=True)
class Filters:
    lang: str = "kk"
    countries: tuple[str, ...] = field(default_factory=tuple)  # ISO3; empty = all countries
    as_of: dt.datetime | None = None  # naive UTC; None = now (live)

    def at(self) -> dt.datetime:
        """The moment the picture is shown for, naive UTC. Live "now" is taken to the minute:
        queries are cached on their parameters, and a moment that moved every second would
        miss the cache on every rerun (reports are never more precise than minutes)."""
        return self.as_of or dt.datetime.now(dt.UTC).replace(tzinfo=None, second=0, microsecond=0)

    @property
    def live(self) -> bool:
        return self.as_of is None


def parse_countries(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    return tuple(dict.fromkeys(c.strip().upper() for c in text.split(",") if c.strip()))


def parse_as_of(text: str | None) -> dt.datetime | None:
    """ISO text from a URL ('2026-03-04T12:00', with or without Z/offset) → naive UTC, or None."""
    if not text or text.lower() == "now":
        return None
    try:
        t = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if t.tzinfo is not None:
        t = t.astimezone(dt.UTC).replace(tzinfo=None)
    return t.replace(microsecond=0)


def from_params(params: dict[str, str]) -> Filters:
    return Filters(normalize_lang(params.get("lang")), parse_countries(params.get("countries")),
                   parse_as_of(params.get("as_of")))


def to_params(f: Filters) -> dict[str, str]:
    out = {"lang": f.lang}
    if f.countries:
        out["countries"] = ",".join(f.countries)
    if f.as_of is not None:
        out["as_of"] = f.as_of.strftime("%Y-%m-%dT%H:%M")
    return out
