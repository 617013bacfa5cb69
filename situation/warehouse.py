"""The read side's only door to the warehouse: read-only, reconnecting when a load swapped the file.

A load replaces the file atomically (etl/publish.py), so the file's identity (inode, mtime, size)
is its version: queries are cached on it, and a connection opened on an older version is
replaced. Each query runs on its own cursor, since one DuckDB connection is not thread-safe and
Streamlit serves every session from its own thread.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

import config


class NoWarehouse(Exception):
    """No warehouse has been built yet."""


@dataclass(frozen=True)
class Version:
    path: str
    inode: int
    mtime_ns: int
    size: int


def db_path() -> Path:
    return config.db_path()


def version(path: Path | None = None) -> Version | None:
    p = path or db_path()
    try:
        st = os.stat(p)
    except FileNotFoundError:
        return None
    return Version(str(p), st.st_ino, st.st_mtime_ns, st.st_size)


_lock = threading.Lock()
_conns: dict[str, tuple[Version, duckdb.DuckDBPyConnection]] = {}


def _connection(v: Version) -> duckdb.DuckDBPyConnection:
    with _lock:
        held = _conns.get(v.path)
        if held and held[0] == v:
            return held[1]
        con = duckdb.connect(v.path, read_only=True)
        con.execute("SET TimeZone = 'UTC'")
        if held:
            # Sessions still reading the old file keep their cursors; the old connection is
            # closed by DuckDB once the last cursor goes away.
            pass
        _conns[v.path] = (v, con)
        return con


def query(sql: str, params: list | dict | None = None, v: Version | None = None) -> pd.DataFrame:
    """Run one read query with parameters; raises NoWarehouse when none is built yet."""
    v = v or version()
    if v is None:
        raise NoWarehouse(str(db_path()))
    cur = _connection(v).cursor()
    try:
        return cur.execute(sql, params or []).df()
    finally:
        cur.close()


_CACHE_MAX = 256
_cache: dict[tuple, pd.DataFrame] = {}


def cached(sql: str, params: list | dict | None = None) -> pd.DataFrame:
    """query() memoised on the warehouse version: a load shows up on the next call, no restart.

    Each caller gets its own copy, so a page that adds a column cannot change another's result.
    """
    v = version()
    if v is None:
        raise NoWarehouse(str(db_path()))
    key = (v, sql, repr(params))
    with _lock:
        hit = _cache.get(key)
    if hit is None:
        hit = query(sql, params, v)
        with _lock:
            if len(_cache) >= _CACHE_MAX:
                # Entries for older versions go first; they can never be hit again.
                for k in [k for k in _cache if k[0] != v] or list(_cache)[: _CACHE_MAX // 4]:
                    _cache.pop(k, None)
            _cache[key] = hit
    return hit.copy()
