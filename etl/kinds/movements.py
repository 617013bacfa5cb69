"""Evacuation movements: the mission's flight/convoy list, one row per movement per report.

Template in data/templates/README.md. A later report of the same flight supersedes the earlier
one (movements_at / evacuation_at in etl/sql/schema); this module only stages, validates (SQL in
etl/sql/stage/movements_validated.sql) and stores the rows with their rejects.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from etl import tabular
from etl.kinds.base import LoadResult, write_rejects
from etl.kinds.validation import loaded_at
from etl.tabular import Column, TableSpec
from etl.warehouse import sql_file

SPEC = TableSpec("movements", (
    Column("reported_at", ("reported", "дата_сообщения", "сообщено", "хабарланған_уақыты", "хабарланды"), True),
    Column("mission", ("mission_id", "миссия", "представительство", "өкілдік"), True),
    Column("flight", ("flight_id", "movement", "рейс", "рейс_колонна", "рейс_немесе_колонна"), True),
    Column("mode", ("вид", "способ", "түрі", "тәсіл")),
    Column("from_country", ("откуда_страна", "из_страны", "қай_елден"), True),
    Column("from_place", ("откуда", "пункт_отправления", "шығу_орны")),
    Column("to_place", ("куда", "пункт_назначения", "бару_орны")),
    Column("scheduled", ("departure", "вылет_отправление", "отправление", "жөнелту_уақыты"), True),
    Column("arrival", ("прибытие", "келу_уақыты")),
    Column("status", ("статус", "күйі"), True),
    Column("seats", ("места", "мест", "орындар", "орын")),
    Column("passengers", ("пассажиры", "пассажиров", "жолаушылар")),
    Column("elderly", ("пожилые", "қарттар", "егде")),
    Column("women", ("женщины", "әйелдер")),
    Column("children", ("дети", "балалар")),
    Column("medical", ("нуждаются_в_медпомощи", "медпомощь", "медициналық_көмек")),
    Column("note", ("comment", "примечание", "комментарий", "ескерту")),
))


def load_movements(con: duckdb.DuckDBPyConnection, path: Path, source_id: int) -> LoadResult:
    """Stage, judge every row once (the status check looks at earlier rows of the same flight,
    so the judgement is kept rather than re-evaluated after the good rows are stored), then store
    the good rows and the rejects with their reasons."""
    staged = tabular.stage(con, path, SPEC)
    con.execute(sql_file("stage", "load_context.sql"), {"now": loaded_at(con, source_id)})
    con.execute(sql_file("stage", "movements_validated.sql"))
    con.execute(sql_file("stage", "movements_judged.sql"))
    con.execute(sql_file("store", "movements_insert.sql"), {"sid": source_id})
    con.execute(sql_file("store", "movements_rejects_insert.sql"), {"sid": source_id})
    write_rejects(con, source_id, staged.structural)
    con.execute(sql_file("stage", "movements_judged_drop.sql"))
    tabular.drop_stage(con)
    loaded, rejected = con.execute(sql_file("store", "movements_source_counts.sql"), {"sid": source_id}).fetchone()
    note = f"ignored columns: {', '.join(staged.ignored_columns)}" if staged.ignored_columns else ""
    return LoadResult(loaded, rejected, note=note, is_sample=staged.is_sample)


class MovementKind:
    name = "movements"

    def sniff(self, head: bytes, path: Path) -> bool:
        return tabular.sniff(head, path, SPEC)

    def load(self, con: duckdb.DuckDBPyConnection, path: Path, source_id: int) -> LoadResult:
        return load_movements(con, path, source_id)

    def derive(self, con: duckdb.DuckDBPyConnection) -> None:
        return None


KIND = MovementKind()
