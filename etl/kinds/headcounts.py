"""Mission headcount reports (CSV/XLSX, template in data/templates/README.md)."""
from __future__ import annotations

from dataclasses import dataclass
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
    Column("want_to_leave", ("хотят_выехать", "шығуға_ниетті")),
    Column("medical", ("нуждаются_в_медпомощи", "медпомощь", "медициналық_көмек")),
))

INSERT_GOOD = """
INSERT INTO headcounts (as_of, country_iso3, city, category, count, approximate, mission_id, source_id, line,
                        elderly, women, children, housed, contacted, casualties, note, want_to_leave, medical)
SELECT as_of, country_iso3, city, category, count, approximate, mission_id, $source_id, line,
       elderly, women, children, housed, contacted, casualties, note, want_to_leave, medical
FROM validated WHERE err_code IS NULL
"""


@dataclass(frozen=True)
class Validation:
    """How a tabular kind validates and stores its staged rows."""

    view_sql: str  # file under sql/stage creating the TEMP VIEW `validated` over `stage`
    table: str  # where good rows go (they carry source_id and line)
    insert_good: str  # INSERT … SELECT … FROM validated WHERE err_code IS NULL
    duplicates_sql: str | None = None  # file under sql/stage: (line, first_line) of repeated rows


HEADCOUNTS = Validation("headcounts_validated.sql", "headcounts", INSERT_GOOD, "headcounts_duplicates.sql")


def loaded_at(con: duckdb.DuckDBPyConnection, source_id: int):
    """The source's load moment: 'in the future' is judged against it, so a rebuild judges alike."""
    return con.execute("SELECT loaded_at FROM sources WHERE source_id = ?", [source_id]).fetchone()[0]


def load_validated(con: duckdb.DuckDBPyConnection, path: Path, source_id: int, spec: TableSpec,
                   v: Validation) -> LoadResult:
    """Stage, stream the good rows into their table, then reject the rest with reasons.

    One pass over the staged rows does the work for the good ones; the validation view is then
    evaluated again only on the rows that did not make it (usually none or a handful), to store
    their reasons. Shared by the tabular kinds.
    """
    staged = tabular.stage(con, path, spec)
    # Views cannot hold parameters: the moment "now" is for this load lives in a one-row table.
    con.execute("CREATE OR REPLACE TEMP TABLE load_context AS SELECT $now::TIMESTAMP AS now",
                {"now": loaded_at(con, source_id)})
    con.execute(sql_file("stage", v.view_sql))
    con.execute(v.insert_good, {"source_id": source_id})
    good = con.execute(f"SELECT count(*) FROM {v.table} WHERE source_id = ?", [source_id]).fetchone()[0]  # noqa: S608
    if good < staged.rows:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE _left AS SELECT s.* FROM stage s "  # noqa: S608 (own table name)
            f"ANTI JOIN (SELECT line FROM {v.table} WHERE source_id = $sid) g USING (line)",
            {"sid": source_id})
        tabular.drop_stage(con)
        con.execute("CREATE TEMP VIEW stage AS SELECT * FROM _left")  # `validated` binds to it by name
        con.execute(
            "INSERT INTO rejects (source_id, line, col, code, reason, raw) "
            "SELECT $sid, line, err_col, err_code, err_reason, raw FROM validated WHERE err_code IS NOT NULL",
            {"sid": source_id})
    if v.duplicates_sql:
        _reject_duplicates(con, source_id, v)
    write_rejects(con, source_id, staged.structural)
    con.execute("DROP VIEW validated; DROP TABLE load_context; DROP TABLE IF EXISTS _left")
    tabular.drop_stage(con)
    note = f"ignored columns: {', '.join(staged.ignored_columns)}" if staged.ignored_columns else ""
    loaded, rejected = con.execute(
        f"SELECT (SELECT count(*) FROM {v.table} WHERE source_id = $sid), "  # noqa: S608 (own table name)
        "(SELECT count(*) FROM rejects WHERE source_id = $sid)", {"sid": source_id}).fetchone()
    return LoadResult(loaded, rejected, note=note, is_sample=staged.is_sample)


def _reject_duplicates(con: duckdb.DuckDBPyConnection, source_id: int, v: Validation) -> int:
    dups = con.execute(sql_file("stage", v.duplicates_sql), {"source_id": source_id}).fetchall()
    if not dups:
        return 0
    con.execute("CREATE OR REPLACE TEMP TABLE _dups AS SELECT * FROM (VALUES (0, 0)) t(line, first_line) LIMIT 0")
    con.executemany("INSERT INTO _dups VALUES (?, ?)", dups)
    con.execute(
        f"INSERT INTO rejects (source_id, line, col, code, reason, raw) "  # noqa: S608 (own table name)
        f"SELECT $sid, d.line, NULL, 'duplicate_row', "
        f"format('same as_of, mission, country, city and category as line {{}}; keep one row', d.first_line), "
        f"(SELECT CAST(t AS VARCHAR) FROM {v.table} t WHERE t.source_id = $sid AND t.line = d.line) "
        f"FROM _dups d",
        {"sid": source_id})
    con.execute(f"DELETE FROM {v.table} WHERE source_id = $sid AND line IN (SELECT line FROM _dups)",  # noqa: S608
                {"sid": source_id})
    con.execute("DROP TABLE _dups")
    return len(dups)


class HeadcountKind:
    name = "headcounts"

    def sniff(self, head: bytes, path: Path) -> bool:
        return tabular.sniff(head, path, SPEC)

    def load(self, con: duckdb.DuckDBPyConnection, path: Path, source_id: int) -> LoadResult:
        return load_validated(con, path, source_id, SPEC, HEADCOUNTS)

    def derive(self, con: duckdb.DuckDBPyConnection) -> None:
        return None


KIND = HeadcountKind()
