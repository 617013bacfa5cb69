"""Publishing a new warehouse without ever blocking readers, and without copying it whole.

DuckDB allows one writer or many readers per file across processes, never both. So a load never
writes the published file: it builds `<db>.tmp`, checkpoints and closes it, removes any stale
WAL, then `os.replace()`s it over the published file. Readers that hold the old file keep reading
it; new connections see the new one. Loads are serialised by an flock of their own because the
swap defeats DuckDB's file lock.

Where `<db>.tmp` comes from (the cost of a small load must not grow with the warehouse):
- the **standby**: at each publish the version being replaced keeps a second name,
  `<db>.standby`. It is one publish behind. The next load renames it to `<db>.tmp`, opens it for
  writing — which DuckDB refuses while any reader still has that old version open, so a reader is
  never written under — and catches it up by appending the rows the last publish added, read from
  the published file itself (`catch_up`): work in proportion to what the last load added, not to
  the warehouse's size;
- a **copy** of the published file, when there is no usable standby (the first load after a
  build, a reader still on the old version, a killed load, a schema that differs). Always correct,
  only slower.
Either way the published file is only ever read, so a killed load leaves it untouched; the next
load removes what the killed one left (`<db>.tmp` and its WAL; a standby that a kill left as a
second name of the published file).
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb

from etl.warehouse import REFERENCE, connect, sql_file

# Tables that loads only ever append to, a file's rows under its own source_id (a load may delete
# within the file it is loading, before it commits). The standby catches up on these by appending
# the rows of newer sources; every other table (reference data, sources, NOTAMs and the derived
# airspace, which later loads update) is small and is copied whole. catch_up verifies row counts,
# and tests/test_publish.py compares the caught-up file with a copy row for row.
APPEND_ONLY = ("headcounts", "rejects", "evacuations")
# Reference tables are written by a fresh build only (etl/warehouse.py load_reference), never by a
# load: the standby already holds them as published. (Row counts are still compared.)
REFERENCE_TABLES = {"categories": "category_aliases"}


class Busy(Exception):
    """Another load holds the lock."""


@contextlib.contextmanager
def load_lock(db: Path, wait: bool = True) -> Iterator[None]:
    db.parent.mkdir(parents=True, exist_ok=True)
    lock_path = db.with_name(db.name + ".lock")
    with open(lock_path, "a+") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError as e:
            raise Busy(f"another load is running (lock {lock_path})") from e
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def tmp_path(db: Path) -> Path:
    return db.with_name(db.name + ".tmp")


def standby_path(db: Path) -> Path:
    return db.with_name(db.name + ".standby")


def wal(p: Path) -> Path:
    return p.with_name(p.name + ".wal")


def _remove(p: Path) -> None:
    for f in (p, wal(p)):
        f.unlink(missing_ok=True)


def start_build(db: Path, fresh: bool) -> tuple[duckdb.DuckDBPyConnection, str]:
    """Open `<db>.tmp` for writing, holding the published warehouse (empty when fresh).

    Returns the connection and how the file was made: 'fresh', 'standby' (caught up) or 'copy'.
    """
    tmp = tmp_path(db)
    _remove(tmp)
    standby = standby_path(db)
    if fresh or not db.exists():
        _remove(standby)
        return connect(tmp), "fresh"
    con = _reuse_standby(db, standby, tmp)
    if con is not None:
        return con, "standby"
    shutil.copyfile(db, tmp)
    return connect(tmp), "copy"


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _reuse_standby(db: Path, standby: Path, tmp: Path) -> duckdb.DuckDBPyConnection | None:
    if not standby.exists():
        return None
    if wal(standby).exists() or _same_file(standby, db):
        _remove(standby)  # written to after its publish, or still the published file: unusable
        return None
    os.replace(standby, tmp)
    try:
        # Refused (IOException: could not set lock) while a reader still has this old version open.
        con = connect(tmp)
    except duckdb.Error:
        _remove(tmp)
        return None
    try:
        if catch_up(con, db):
            return con
    except duckdb.Error:
        pass
    con.close()
    _remove(tmp)
    return None


def _shape(con: duckdb.DuckDBPyConnection, catalog: str) -> list[tuple]:
    """Tables with their columns, and views, of one attached database, comparable. (Macros are
    left out: listing them walks every built-in function, and loads never create any — the
    schema is only ever made by a fresh build, which drops the standby.)"""
    cols = con.execute(sql_file("publish", "shape_columns.sql"), [catalog]).fetchall()
    views = con.execute(sql_file("publish", "shape_views.sql"), [catalog]).fetchall()
    return cols + views


def catch_up(con: duckdb.DuckDBPyConnection, db: Path) -> bool:
    """Bring the standby (open read-write on `con`) up to the published `db`, in one transaction;
    False = not possible (the standby is not an earlier state of the published file), so the
    caller copies instead."""
    me = con.execute(sql_file("publish", "standby_catalog.sql")).fetchone()[0]
    # Identifiers (catalog and table names read from the files themselves), never values.
    mine_db = '"' + me.replace('"', '""') + '"'
    con.execute(sql_file("publish", "published_attach.sql"), [str(db)])
    try:
        if _shape(con, me) != _shape(con, "pub"):
            return False
        # Every file the standby holds is in the published warehouse under the same id.
        stray = con.execute(f"SELECT count(*) FROM {mine_db}.main.sources s ANTI JOIN pub.main.sources p "  # noqa: S608 — the warehouse's own table and schema names, never input
                            "USING (source_id, sha256)").fetchone()[0]
        if stray:
            return False
        upto = con.execute(f"SELECT coalesce(max(source_id), 0) FROM {mine_db}.main.sources").fetchone()[0]  # noqa: S608 — the warehouse's own table and schema names, never input
        tables = [r[0] for r in con.execute(sql_file("publish", "standby_tables.sql"), [me]).fetchall()]
        reference = {REFERENCE_TABLES.get(name, name) for name in REFERENCE}
        con.begin()
        for t in tables:
            mine, theirs = f'{mine_db}.main."{t}"', f'pub.main."{t}"'
            if t in reference:
                continue
            if t in APPEND_ONLY:
                con.execute(f"INSERT INTO {mine} SELECT * FROM {theirs} WHERE source_id > ?", [upto])  # noqa: S608 — the warehouse's own table and schema names, never input
            else:
                con.execute(f"DELETE FROM {mine}")  # noqa: S608 — the warehouse's own table and schema names, never input
                con.execute(f"INSERT INTO {mine} SELECT * FROM {theirs}")  # noqa: S608 — the warehouse's own table and schema names, never input
        counts = " UNION ALL ".join(
            f"SELECT (SELECT count(*) FROM {mine_db}.main.\"{t}\") = (SELECT count(*) FROM pub.main.\"{t}\")"  # noqa: S608 — the warehouse's own table and schema names, never input
            for t in tables)
        if not all(ok for (ok,) in con.execute(counts).fetchall()):
            con.rollback()
            return False
        con.commit()
        return True
    finally:
        con.execute(sql_file("publish", "published_detach.sql"))


def swap_in(db: Path) -> None:
    """Atomically replace the published warehouse with the finished `<db>.tmp` (closed,
    checkpointed); the replaced version stays as `<db>.standby` for the next load."""
    tmp = tmp_path(db)
    wal(tmp).unlink(missing_ok=True)
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    # A WAL beside the published file would not match the new file and make every open fail.
    wal(db).unlink(missing_ok=True)
    standby = standby_path(db)
    _remove(standby)
    if db.exists():
        # Killed between these two lines, the standby is a second name of the published file;
        # the next load sees that (_same_file) and copies instead.
        os.link(db, standby)
    os.replace(tmp, db)
    dir_fd = os.open(db.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def abandon(db: Path) -> None:
    _remove(tmp_path(db))
