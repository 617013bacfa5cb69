"""The contract every input kind (mission report, evacuation sheet, NOTAMs, status sheet, …) meets.

The registry (etl/registry.py) detects a file's kind from its content with `sniff`; the loader
(etl/load.py) opens one transaction per file and calls `load`, which inserts the good rows and
writes every rejected row to `rejects` itself (so bulk kinds can do it in SQL). After all files,
each kind's `derive` runs once to rebuild tables computed from what was loaded (e.g. airspace
intervals from NOTAMs).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import duckdb

from etl.warehouse import sql_file


class Unusable(Exception):
    """The file as a whole cannot be loaded (wrong header, not a report, empty…).

    The message says what is wrong and what to fix, in plain words; the loader records it as a
    reject with line 0 and moves on to the next file.
    """


@dataclass
class LoadResult:
    rows_loaded: int
    rows_rejected: int
    # Whole-file facts shown by `etl status` and the data-health page.
    note: str = ""
    is_sample: bool = False


@dataclass
class Reject:
    line: int | None
    column: str | None
    code: str  # stable machine code, e.g. "count_not_number"; translated in the UI
    reason: str  # plain English: what is wrong and what to fix
    raw: str


def write_rejects(con: duckdb.DuckDBPyConnection, source_id: int, rejects: list[Reject]) -> None:
    """Insert rejects for kinds that produce them in Python."""
    if rejects:
        con.executemany(sql_file("load", "rejects_insert.sql"),
                        [(source_id, r.line, r.column, r.code, r.reason, r.raw) for r in rejects])


class Kind(Protocol):
    name: str  # stored in sources.kind: "headcounts", "evacuations", "notams", "status_sheet", …

    def sniff(self, head: bytes, path: Path) -> bool:
        """True when the first bytes of the file (≤ 64 KiB) look like this kind."""
        ...

    def load(self, con: duckdb.DuckDBPyConnection, path: Path, source_id: int) -> LoadResult:
        """Insert the file's good rows and its rejects, inside the caller's transaction."""
        ...

    def derive(self, con: duckdb.DuckDBPyConnection) -> None:
        """Recompute tables derived from this kind's rows (may do nothing)."""
        ...
