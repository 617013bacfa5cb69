"""The validation machinery the tabular kinds share: stage a report, judge every row in SQL,
store the good rows under their source and line, and every bad one in `rejects` with its reason.

A kind describes itself with a `Validation` (its view under etl/sql/stage, its table, its insert)
and calls `load_validated`. The statements are in etl/sql/stage; the only SQL built here is the
DELETE of a kind's repeated rows, whose table name is the kind's own.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl import tabular
from etl.kinds.base import LoadResult, write_rejects
from etl.tabular import TableSpec
from etl.warehouse import sql_file


@dataclass(frozen=True)
class Validation:
    """How a tabular kind validates and stores its staged rows."""

    view_sql: str  # file under sql/stage creating the TEMP VIEW `validated` over `stage`
    table: str  # where good rows go (they carry source_id and line)
    insert_good: str  # INSERT … SELECT … FROM validated WHERE err_code IS NULL (SQL text, from a .sql file)
    duplicates_sql: str | None = None  # file under sql/stage creating TEMP TABLE _dups(line, first_line)


def loaded_at(con: duckdb.DuckDBPyConnection, source_id: int) -> dt.datetime:
    """The source's load moment: 'in the future' is judged against it, so a rebuild judges alike."""
    return con.execute(sql_file("stage", "source_loaded_at.sql"), {"source_id": source_id}).fetchone()[0]


def load_validated(con: duckdb.DuckDBPyConnection, path: Path, source_id: int, spec: TableSpec,
                   v: Validation) -> LoadResult:
    """Stage, stream the good rows into their table, then reject the rest with reasons.

    One pass over the staged rows does the work for the good ones; the validation view is then
    evaluated again only on the rows that did not make it (usually none or a handful), to store
    their reasons.
    """
    staged = tabular.stage(con, path, spec)
    con.execute(sql_file("stage", "load_context.sql"), {"now": loaded_at(con, source_id)})
    con.execute(sql_file("stage", v.view_sql))
    con.execute(v.insert_good, {"source_id": source_id})
    own = {"table": v.table, "source_id": source_id}
    good = con.execute(sql_file("stage", "rows_of_source.sql"), own).fetchone()[0]
    if good < staged.rows:
        con.execute(sql_file("stage", "left_over_rows.sql"), own)
        tabular.drop_stage(con)
        con.execute(sql_file("stage", "left_over_stage.sql"))
        con.execute(sql_file("stage", "rejects_from_validated.sql"), {"source_id": source_id})
    if v.duplicates_sql:
        _reject_duplicates(con, source_id, v)
    write_rejects(con, source_id, staged.structural)
    con.execute(sql_file("stage", "validation_done.sql"))
    tabular.drop_stage(con)
    note = f"ignored columns: {', '.join(staged.ignored_columns)}" if staged.ignored_columns else ""
    loaded, rejected = con.execute(sql_file("stage", "loaded_and_rejected.sql"), own).fetchone()
    return LoadResult(loaded, rejected, note=note, is_sample=staged.is_sample)


def _reject_duplicates(con: duckdb.DuckDBPyConnection, source_id: int, v: Validation) -> None:
    # Cheap when the file repeats nothing (the usual case): both statements find _dups empty.
    con.execute(sql_file("stage", v.duplicates_sql), {"source_id": source_id})
    con.execute(sql_file("stage", "duplicates_rejected.sql"), {"table": v.table, "source_id": source_id})
    # DELETE cannot name its table through a parameter; the name is the kind's own, never input.
    con.execute(f"DELETE FROM {v.table} WHERE source_id = $sid AND line IN (SELECT line FROM _dups)",  # noqa: S608
                {"sid": source_id})
