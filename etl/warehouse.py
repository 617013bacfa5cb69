"""Building a warehouse file: schema, reference data, checks. The ETL's only DDL entry point."""
from __future__ import annotations

from functools import cache
from pathlib import Path

import duckdb

SQL = Path(__file__).resolve().parent / "sql"

# Reference files loaded into a new warehouse, in dependency order (aliases need countries).
REFERENCE = ("countries", "country_aliases", "missions", "firs", "crossings", "routes", "airports",
             "categories")


@cache
def sql_file(*parts: str) -> str:
    """The text of a fixed statement under etl/sql/ (read once per process)."""
    return (SQL.joinpath(*parts)).read_text(encoding="utf-8")


def connect(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path), read_only=read_only)
    con.execute(sql_file("session", "time_zone_utc.sql"))
    if not read_only:
        limit_memory(con, path.parent / ".duckdb_tmp")  # spills beside the warehouse being built
    return con


def limit_memory(con: duckdb.DuckDBPyConnection, temp_dir: Path) -> None:
    """A load's memory limit (SITROOM_LOAD_MEMORY), spilling to temp_dir past it."""
    from config import setting

    con.execute(sql_file("session", "memory_limit.sql"), [setting("SITROOM_LOAD_MEMORY")])
    con.execute(sql_file("session", "temp_directory.sql"), [str(temp_dir)])


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    for f in sorted((SQL / "schema").glob("*.sql")):
        con.execute(f.read_text(encoding="utf-8"))


def load_reference(con: duckdb.DuckDBPyConnection, ref_dir: Path) -> dict[str, int]:
    """Fill the reference tables from ref_dir; a missing optional file leaves its table empty."""
    counts: dict[str, int] = {}
    for name in REFERENCE:
        path = ref_dir / f"{name}.csv"
        if not path.exists():
            if name == "countries":
                raise FileNotFoundError(f"{path}: the country list is required to build a warehouse")
            counts[name] = 0
            continue
        con.execute(sql_file("reference", f"{name}.sql"), {"path": str(path)})
        table = {"categories": "category_aliases"}.get(name, name)
        # Dynamic on purpose: the table name comes from REFERENCE above, one count per reference table.
        counts[name] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 — a reference table name from REFERENCE
    return counts


def run_checks(con: duckdb.DuckDBPyConnection, since: int = 1) -> list[tuple[str, int, list[tuple]]]:
    """Run every check under sql/checks/; return the failing ones with a few offending rows.

    A check that takes `$since` looks only at rows of sources with source_id >= since (the ones
    a load added; rows loaded before passed it then); since=1 checks everything.
    """
    failures = []
    for f in sorted((SQL / "checks").glob("*.sql")):
        text = f.read_text(encoding="utf-8")
        rows = con.execute(text, {"since": int(since)} if "$since" in text else None).fetchall()
        if rows:
            failures.append((f.stem, len(rows), rows[:5]))
    return failures
