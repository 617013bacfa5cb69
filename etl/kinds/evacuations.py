"""Evacuation reports: groups of citizens brought out of a country (template in data/templates/)."""
from __future__ import annotations

from pathlib import Path

import duckdb

from etl import tabular
from etl.kinds.base import LoadResult
from etl.kinds.headcounts import Validation, load_validated
from etl.tabular import Column, TableSpec

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

INSERT_GOOD = """
INSERT INTO evacuations (evac_id, date, from_iso3, from_city, via, to_iso3, people, mode, note, source_id, line)
SELECT format('{}-{}', $source_id, line), date, from_iso3, from_city, via, to_iso3, people, mode, note, $source_id, line
FROM validated WHERE err_code IS NULL
"""
EVACUATIONS = Validation("evacuations_validated.sql", "evacuations", INSERT_GOOD)


class EvacuationKind:
    name = "evacuations"

    def sniff(self, head: bytes, path: Path) -> bool:
        return tabular.sniff(head, path, SPEC)

    def load(self, con: duckdb.DuckDBPyConnection, path: Path, source_id: int) -> LoadResult:
        return load_validated(con, path, source_id, SPEC, EVACUATIONS)

    def derive(self, con: duckdb.DuckDBPyConnection) -> None:
        return None


KIND = EvacuationKind()
