"""Mission headcount reports (CSV/XLSX, template in data/templates/README.md)."""
from __future__ import annotations

from pathlib import Path

import duckdb

from etl import tabular
from etl.kinds.base import LoadResult, write_rejects
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
))

INSERT_GOOD = """
INSERT INTO headcounts (as_of, country_iso3, city, category, count, approximate, mission_id, source_id, line,
                        elderly, women, children, housed, contacted, casualties, note)
SELECT as_of, country_iso3, city, category, count, approximate, mission_id, $source_id, line,
       elderly, women, children, housed, contacted, casualties, note
FROM checked WHERE err_code IS NULL
"""
INSERT_BAD = """
INSERT INTO rejects (source_id, line, col, code, reason, raw)
SELECT $source_id, line, err_col, err_code, err_reason, raw FROM checked WHERE err_code IS NOT NULL
"""


def loaded_at(con: duckdb.DuckDBPyConnection, source_id: int):
    """The source's load moment: 'in the future' is judged against it, so a rebuild judges alike."""
    return con.execute("SELECT loaded_at FROM sources WHERE source_id = ?", [source_id]).fetchone()[0]


def load_checked(con: duckdb.DuckDBPyConnection, path: Path, source_id: int, spec: TableSpec,
                 checked_sql: str, insert_good: str, insert_bad: str) -> LoadResult:
    """Stage, validate with the kind's SQL, insert good rows and rejects. Shared by tabular kinds."""
    staged = tabular.stage(con, path, spec)
    con.execute(sql_file("stage", checked_sql), {"now": loaded_at(con, source_id)})
    con.execute(insert_good, {"source_id": source_id})
    con.execute(insert_bad, {"source_id": source_id})
    write_rejects(con, source_id, staged.structural)
    good, bad = con.execute(
        "SELECT count(*) FILTER (WHERE err_code IS NULL), count(*) FILTER (WHERE err_code IS NOT NULL) FROM checked"
    ).fetchone()
    con.execute("DROP TABLE checked")
    tabular.drop_stage(con)
    note = f"ignored columns: {', '.join(staged.ignored_columns)}" if staged.ignored_columns else ""
    return LoadResult(good, bad + len(staged.structural), note=note, is_sample=staged.is_sample)


class HeadcountKind:
    name = "headcounts"

    def sniff(self, head: bytes, path: Path) -> bool:
        return tabular.sniff(head, path, SPEC)

    def load(self, con: duckdb.DuckDBPyConnection, path: Path, source_id: int) -> LoadResult:
        return load_checked(con, path, source_id, SPEC, "headcounts_checked.sql", INSERT_GOOD, INSERT_BAD)

    def derive(self, con: duckdb.DuckDBPyConnection) -> None:
        return None


KIND = HeadcountKind()
