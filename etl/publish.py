"""Publishing a new warehouse without ever blocking readers.

DuckDB allows one writer or many readers per file across processes, never both. So a load never
writes the published file: it builds `<db>.tmp` (a copy of the current warehouse, or a new one),
checkpoints and closes it, removes any stale WAL, then `os.replace()`s it over the published
file. Readers that hold the old file keep reading it; new connections see the new one. Loads are
serialised by an flock of their own because the swap defeats DuckDB's file lock.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from collections.abc import Iterator
from pathlib import Path


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


def wal(p: Path) -> Path:
    return p.with_name(p.name + ".wal")


def start_build(db: Path, fresh: bool) -> Path:
    """Prepare `<db>.tmp`: removed leftovers of a killed load, then a copy of the current file."""
    tmp = tmp_path(db)
    for leftover in (tmp, wal(tmp)):
        leftover.unlink(missing_ok=True)
    if not fresh and db.exists():
        shutil.copyfile(db, tmp)
    return tmp


def swap_in(db: Path) -> None:
    """Atomically replace the published warehouse with the finished `<db>.tmp` (closed, checkpointed)."""
    tmp = tmp_path(db)
    wal(tmp).unlink(missing_ok=True)
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    # A WAL beside the published file would not match the new file and make every open fail.
    wal(db).unlink(missing_ok=True)
    os.replace(tmp, db)
    dir_fd = os.open(db.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def abandon(db: Path) -> None:
    for p in (tmp_path(db), wal(tmp_path(db))):
        p.unlink(missing_ok=True)
