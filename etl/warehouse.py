"""Building a warehouse file: schema, reference data, checks. The ETL's only DDL entry point."""
from __future__ import annotations

from pathlib import Path

import duckdb

SQL = Path(__file__).resolve().parent / "sql"

# Reference files loaded into a new warehouse, in dependency order (aliases need countries).
REFERENCE = ("countries", "country_aliases", "missions", "firs", "crossings", "routes", "airports",
             "categories")


def sql_file(*parts: str) -> str:
    return (SQL.joinpath(*parts)).read_text(encoding="utf-8")


def connect(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path), read_only=read_only)
    # Times are stored and compared in UTC whatever the machine's zone.
    con.execute("SET TimeZone = 'UTC'")
    if not read_only:
        # A huge report must not take the machine's memory from the dashboard: past the limit
        # DuckDB spills to a temp folder beside the warehouse being built.
        from config import setting

        con.execute("SET memory_limit = ?", [setting("SITROOM_LOAD_MEMORY")])
        con.execute("SET temp_directory = ?", [str(path.parent / ".duckdb_tmp")])
    return con


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
