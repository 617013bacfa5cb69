"""Mission headcount reports (CSV/XLSX, template in data/templates/README.md)."""
from __future__ import annotations

from pathlib import Path

import duckdb

from etl import tabular
from etl.kinds.base import LoadResult
from etl.kinds.validation import Validation, load_validated
from etl.tabular import Column, TableSpec
from etl.warehouse import sql_file

SPEC = TableSpec("headcounts", (
    Column("as_of", ("as of", "datetime", "date_time", "дата", "дата_время", "дата и время", "по_состоянию_на", "күні", "уақыты"), True),
    Column("mission", ("mission_id", "миссия", "представительство", "өкілдік"), True),
    Column("country", ("country_iso3", "страна", "ел", "мемлекет"), True),
    Column("city", ("location", "город", "место", "қала", "орны")),
    Column("category", ("категория", "санат"), True),
    Column("citizens", ("count", "people", "граждан", "граждане", "количество", "число", "азаматтар", "саны"), True),
    Column("approximate", ("approx", "примерно", "приблизительно", "шамамен")),
    Column("elderly", ("пожилые", "қарттар", "егде")),
    Column("women", ("женщины", "әйелдер")),
    Column("children", ("дети", "балалар")),
    Column("housed", ("housed_in_hotel", "in_hotel", "в_гостинице", "размещены", "қонақүйде", "орналастырылған")),
    Column("contacted", ("на_связи", "связь_установлена", "байланыста", "хабарласқан")),
    Column("casualties", ("пострадавшие", "жертвы", "зардап_шеккендер")),
    Column("note", ("comment", "примечание", "комментарий", "ескерту")),
    Column("want_to_leave", ("хотят_выехать", "шығуға_ниетті")),
    Column("medical", ("нуждаются_в_медпомощи", "медпомощь", "медициналық_көмек")),
))

HEADCOUNTS = Validation("headcounts_validated.sql", "headcounts", sql_file("stage", "headcounts_insert.sql"),
                        "headcounts_duplicates.sql")


class HeadcountKind:
    name = "headcounts"

    def sniff(self, head: bytes, path: Path) -> bool:
        return tabular.sniff(head, path, SPEC)

    def load(self, con: duckdb.DuckDBPyConnection, path: Path, source_id: int) -> LoadResult:
        return load_validated(con, path, source_id, SPEC, HEADCOUNTS)

    def derive(self, con: duckdb.DuckDBPyConnection) -> None:
        return None


KIND = HeadcountKind()
