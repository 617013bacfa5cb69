"""The read side's only door to the warehouse: read-only, reconnecting when a load swapped the file.

A load replaces the file atomically (etl/publish.py), so the file's identity (inode, mtime, size)
is its version: queries are cached on it, and a connection opened on an older version is
replaced. Each query runs on its own cursor, since one DuckDB connection is not thread-safe and
Streamlit serves every session from its own thread.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd

import config

T = TypeVar("T")


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
_busy: dict[int, int] = {}  # id(connection) → queries running on it


def _connection(v: Version) -> duckdb.DuckDBPyConnection:
    """A connection on version v of the file, counted busy until _release().

    duckdb.connect(path) hands back the same cached instance while any connection to that path
    is open — the old file's data. So each version gets its own in-memory instance that ATTACHes
    the file read-only. A connection on an older version is closed as soon as no query runs on it
    any more: it holds a read lock on that old file, and the next load reuses the old file as its
    standby (etl/publish.py) only when no reader holds it.
    """
    with _lock:
        held = _conns.get(v.path)
        if held and held[0] == v:
            con = held[1]
        else:
            con = duckdb.connect(":memory:")
            con.execute(_statement("warehouse_timezone"))
            con.execute(_statement("warehouse_attach"), [v.path])
            if held:
                _retired.append(held[1])
            _conns[v.path] = (v, con)
            _close_idle()
        _busy[id(con)] = _busy.get(id(con), 0) + 1
        return con


def _statement(name: str) -> str:
    """The door's own fixed statements, from queries/sql/ like every other query. Imported here,
    not at the top, because queries.common imports this module (its sql() is cached)."""
    from situation.queries.common import sql

    return sql(name)


def is_warehouse_fault(e: BaseException) -> bool:
    """The warehouse file itself failed (damaged, truncated, unreadable): only a rebuild helps."""
    return isinstance(e, duckdb.Error)


def _release(con: duckdb.DuckDBPyConnection) -> None:
    with _lock:
        n = _busy.get(id(con), 1) - 1
        if n:
            _busy[id(con)] = n
        else:
            _busy.pop(id(con), None)
        _close_idle()


def _close_idle() -> None:
    """Close retired connections no query runs on (caller holds _lock)."""
    for con in [c for c in _retired if id(c) not in _busy]:
        _retired.remove(con)
        con.close()


def query(sql: str, params: list | dict | None = None, v: Version | None = None) -> pd.DataFrame:
    """Run one read query with parameters; raises NoWarehouse when none is built yet."""
    v = v or version()
    if v is None:
        raise NoWarehouse(str(db_path()))
    con = _connection(v)
    try:
        cur = con.cursor()
        try:
            cur.execute(_statement("warehouse_use"))  # a cursor does not inherit its connection's USE
            return _plausible_times(cur.execute(sql, params or []).df())
        finally:
            cur.close()
    finally:
        _release(con)


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


_memo: dict[tuple[Version, str], object] = {}


def per_version(name: str, build: Callable[[Version], T], v: Version | None = None) -> T:
    """build(version) once per warehouse version, shared by every session (treat it as read-only).

    For small derived lookups the pages consult on every rerun (the report moments), where a
    DataFrame copy per call (cached()) would cost more than the lookup itself. `v`: the version
    the caller already looked up (a look-up is a stat of the file).
    """
    v = v or version()
    if v is None:
        raise NoWarehouse(str(db_path()))
    key = (v, name)
    with _lock:
        if key in _memo:
            return _memo[key]  # type: ignore[return-value]
    value = build(v)
    with _lock:
        for k in [k for k in _memo if k[0] != v]:
            del _memo[k]  # an older version's: never asked for again
        _memo[key] = value
    return value
