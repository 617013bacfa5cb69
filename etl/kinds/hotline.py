"""Hotline and chat logs: citizens' requests per period, mission, country, channel and topic
(template in data/templates/README.md). Checks that need other rows — overlapping periods of
one mission and channel, more resolved than received plus what was open before — are in
sql/stage/hotline_validated.sql."""
from __future__ import annotations

from pathlib import Path

import duckdb

from etl import tabular
from etl.kinds.base import LoadResult
from etl.kinds.validation import Validation, load_validated
from etl.tabular import Column, TableSpec
from etl.warehouse import sql_file

SPEC = TableSpec("hotline", (
    Column("period_start", ("from", "start", "начало", "начало_периода", "с", "кезең_басы", "басы"), True),
    Column("period_end", ("to", "end", "конец", "конец_периода", "по", "кезең_соңы", "соңы"), True),
    Column("mission", ("mission_id", "миссия", "представительство", "өкілдік"), True),
    Column("country", ("country_iso3", "страна", "ел", "мемлекет"), True),
    Column("channel", ("канал", "арна"), True),
    Column("topic", ("subject", "тема", "тақырып"), True),
    Column("received", ("new", "поступило", "получено", "обращений", "түсті", "келіп_түсті", "өтініштер"), True),
    Column("resolved", ("answered", "closed", "решено", "отвечено", "закрыто", "шешілді", "жауап_берілді"), True),
    Column("open_at_end", ("open", "waiting", "открыто_на_конец", "ожидают_ответа", "ожидают", "соңында_ашық",
                           "жауап_күтуде", "күтуде"), True),
    Column("oldest_open_hours", ("oldest_open_h", "oldest_waiting_hours", "старейшее_открытое_ч",
                                 "дольше_всех_ждут_ч", "ең_ұзақ_күткен_сағ", "ең_ескі_ашық_сағ")),
    Column("note", ("comment", "примечание", "комментарий", "ескерту")),
))

HOTLINE = Validation("hotline_validated.sql", "hotline_periods", sql_file("store", "hotline_periods_insert.sql"))


class HotlineKind:
    name = "hotline"

    def sniff(self, head: bytes, path: Path) -> bool:
        return tabular.sniff(head, path, SPEC)

    def load(self, con: duckdb.DuckDBPyConnection, path: Path, source_id: int) -> LoadResult:
        return load_validated(con, path, source_id, SPEC, HOTLINE)

    def derive(self, con: duckdb.DuckDBPyConnection) -> None:
        return None


KIND = HotlineKind()
