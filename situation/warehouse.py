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
_retired: list[duckdb.DuckDBPyConnection] = []
RETIRED_KEPT = 2


def _connection(v: Version) -> duckdb.DuckDBPyConnection:
    """A connection on version v of the file.

    duckdb.connect(path) hands back the same cached instance while any connection to that path
    is open — the old file's data. So each version gets its own in-memory instance that ATTACHes
    the file read-only; connections for older versions stay open a little while for queries still
    running on them in other sessions, then are closed.
    """
    with _lock:
        held = _conns.get(v.path)
        if held and held[0] == v:
            return held[1]
        con = duckdb.connect(":memory:")
        con.execute("SET GLOBAL TimeZone = 'UTC'")  # GLOBAL: cursors do not inherit session settings
        con.execute("ATTACH ? AS wh (READ_ONLY)", [v.path])
        if held:
            _retired.append(held[1])
            while len(_retired) > RETIRED_KEPT:
                _retired.pop(0).close()
        _conns[v.path] = (v, con)
        return con


def is_warehouse_fault(e: BaseException) -> bool:
    """The warehouse file itself failed (damaged, truncated, unreadable): only a rebuild helps."""
    return isinstance(e, duckdb.Error)


def query(sql: str, params: list | dict | None = None, v: Version | None = None) -> pd.DataFrame:
    """Run one read query with parameters; raises NoWarehouse when none is built yet."""
    v = v or version()
    if v is None:
        raise NoWarehouse(str(db_path()))
    cur = _connection(v).cursor()
    try:
        cur.execute("USE wh")  # a cursor does not inherit its connection's USE
        return _plausible_times(cur.execute(sql, params or []).df())
    finally:
        cur.close()


# Times the dashboard can show. The ETL rejects anything outside, but a warehouse built before
# that rule (or edited by hand) may still hold a year-0 row: Python's datetime cannot hold it, and
# one such value must not take every page down. It reads as "no time" instead.
_EARLIEST, _LATEST = pd.Timestamp("1970-01-01"), pd.Timestamp("2200-01-01")


def _plausible_times(df: pd.DataFrame) -> pd.DataFrame:
    for col in df.columns:
        s = df[col]
        if pd.api.types.is_datetime64_any_dtype(s) and len(s):
            naive = s.dt.tz_localize(None) if getattr(s.dt, "tz", None) is not None else s
            bad = (naive < _EARLIEST) | (naive >= _LATEST)
            if bad.any():
                df[col] = s.mask(bad)
    return df


_CACHE_MAX = 256
_cache: dict[tuple, pd.DataFrame] = {}


_inflight: dict[tuple, threading.Event] = {}


def cached(sql: str, params: list | dict | None = None) -> pd.DataFrame:
    """query() memoised on the warehouse version: a load shows up on the next call, no restart.

    Each caller gets its own copy, so a page that adds a column cannot change another's result.
    Single flight: when a load publishes a new version every session misses the cache at once;
    the first caller of a query runs it and the others wait for its result instead of running
    the same query side by side on two cores.
    """
    v = version()
    if v is None:
        raise NoWarehouse(str(db_path()))
    key = (v, sql, repr(params))
    while True:
        with _lock:
            hit = _cache.get(key)
            if hit is not None:
                return hit.copy()
            waiting = _inflight.get(key)
            if waiting is None:
                done = _inflight[key] = threading.Event()
                break
        waiting.wait(timeout=120)  # then look again: the runner stored a result, or failed
    try:
        hit = query(sql, params, v)
        with _lock:
            if len(_cache) >= _CACHE_MAX:
                # Entries for older versions go first; they can never be hit again.
                for k in [k for k in _cache if k[0] != v] or list(_cache)[: _CACHE_MAX // 4]:
                    _cache.pop(k, None)
            _cache[key] = hit
        return hit.copy()
    finally:
        with _lock:
            _inflight.pop(key, None)
        done.set()
