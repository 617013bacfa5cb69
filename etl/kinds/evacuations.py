"""Evacuation reports: groups of citizens brought out of a country (template in data/templates/)."""
from __future__ import annotations

from pathlib import Path

import duckdb

from etl import tabular
from etl.kinds.base import LoadResult
from etl.kinds.validation import Validation, load_validated
from etl.tabular import Column, TableSpec
from etl.warehouse import sql_file

SPEC = TableSpec("evacuations", (
    Column("date", ("evacuated_at", "дата", "күні"), True),
    Column("from_country", ("from", "откуда_страна", "из_страны", "қай_елден"), True),
    Column("from_city", ("откуда_город", "из_города", "қай_қаладан")),
    Column("via", ("crossing", "через", "арқылы")),
    Column("to_country", ("to", "куда_страна", "в_страну", "қай_елге"), True),
    Column("people", ("человек", "количество", "адам", "саны"), True),
    Column("mode", ("способ", "тәсіл")),
    Column("note", ("comment", "примечание", "ескерту")),
))

EVACUATIONS = Validation("evacuations_validated.sql", "evacuations", sql_file("stage", "evacuations_insert.sql"))


class EvacuationKind:
    name = "evacuations"

    def sniff(self, head: bytes, path: Path) -> bool:
        return tabular.sniff(head, path, SPEC)

    def load(self, con: duckdb.DuckDBPyConnection, path: Path, source_id: int) -> LoadResult:
        return load_validated(con, path, source_id, SPEC, EVACUATIONS)

    def derive(self, con: duckdb.DuckDBPyConnection) -> None:
        return None


KIND = EvacuationKind()
