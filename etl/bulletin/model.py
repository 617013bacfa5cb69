"""What the bulletin extractor reads out of a bulletin: figures, evacuations, plans, totals, the
numbers set aside and the sentences left for the analyst (etl.bulletin.reader fills them)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from etl.bulletin import lang as L
from etl.bulletin.numbers import Num


@dataclass(frozen=True)
class Figure:
    country_iso3: str
    count: int
    approximate: bool
    categories: tuple[str, ...]  # as stated (tourist, pilgrim, transit …); empty when not stated
    sentence: str
    line: int
    number: str  # the digits as written, for the review table

    @property
    def category(self) -> str:
        """The headcount template's category: the one stated, else "other" (several or none)."""
        return self.categories[0] if len(self.categories) == 1 else "other"


@dataclass(frozen=True)
class Evacuation:
    from_iso3: str
    from_city: str | None
    to_iso3: str | None  # None: the bulletin does not say where to
    people: int
    approximate: bool
    sentence: str
    line: int
    number: str
    via_iso3: str | None = None  # "через территорию Туркменистана", "Әзербайжан арқылы"


@dataclass(frozen=True)
class Plan:
    """A movement the bulletin announces ("планируется вывезти 343 из Катара", "will be flown out"):
    listed for the analyst, never stored as a fact."""
    from_iso3: str | None
    from_city: str | None
    via_iso3: str | None
    to_iso3: str | None
    people: int
    approximate: bool
    sentence: str
    line: int
    number: str


@dataclass(frozen=True)
class Total:
    """A figure for the whole region: people present, evacuated so far, or planned — shown, never a
    country's figure."""
    count: int
    approximate: bool
    sentence: str
    line: int
    number: str
    what: str = "present"  # present | evacuated | planned


@dataclass(frozen=True)
class Aside:
    """A number read and deliberately not taken as a figure (a date, a phone, …)."""
    number: str
    reason: str
    sentence: str
    line: int


@dataclass(frozen=True)
class NotUnderstood:
    numbers: tuple[str, ...]
    reason: str
    sentence: str
    line: int


@dataclass
class Extraction:
    figures: list[Figure]
    evacuations: list[Evacuation]
    not_understood: list[NotUnderstood]
    lang: str
    as_of: dt.datetime | None  # naive UTC
    as_of_text: str = ""  # the words the date was read from ("4 марта 2026 г."), or "" if given
    totals: list[Total] = field(default_factory=list)
    asides: list[Aside] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)


# ---------------------------------------------------------------------------------- reading

@dataclass
class Count:
    num: Num
    approx: bool
    each: bool
    people: bool  # a people noun follows
    sub: bool  # written as part of a figure ("в том числе", "among them")
    clause: int



@dataclass
class Sentence:
    text: str
    line: int
    toks: list[L.Token]
    places: list[L.Place]
    movers: list[L.Place]  # places a movement may name: not other countries' nationalities
    roles: dict[int, str]  # id(place) → from / via / to / at
    words: list[str]
    out: Extraction
    where: list[L.Place] = field(default_factory=list)  # countries of the figures read so far
    puzzling: list[tuple[str, str]] = field(default_factory=list)  # (number, why) for the analyst
