"""`python -m etl preview FILE [--json]` — what a load of FILE would do, without writing anything.

The same detection and the same kind.load as `etl load`, run in an in-memory DuckDB: the
published warehouse is ATTACHed read-only only to copy the reference tables (and the NOTAMs
already known, so repeats are not counted as new), the schema is created, the file is loaded
under a scratch source inside a transaction, the good rows and the rejects are collected, and
the transaction is rolled back. Neither the warehouse nor the archive is touched, and no lock is
taken against readers or loads. The upload page calls this as a subprocess and shows the result.
"""
from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
import tempfile
from pathlib import Path

import duckdb

from etl.files import probe
from etl.kinds.base import Unusable
from etl.registry import detect
from etl.unrecognised import explain_unknown
from etl.warehouse import REFERENCE, connect, create_schema, limit_memory, load_reference, sql_file

# Tables copied from the published warehouse: reference data, and what a kind deduplicates against.
COPIED = tuple({"categories": "category_aliases"}.get(n, n) for n in REFERENCE) + ("notams", "movements", "hotline_periods")
SKIP_TABLES = {"sources", "rejects", "notam_sources"}


def _connect(scratch: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:")
    con.execute(sql_file("session", "time_zone_utc.sql"))
    limit_memory(con, scratch)  # a big file spills here, removed after
    return con


def _copy_published(con: duckdb.DuckDBPyConnection, db: Path, ref_dir: Path) -> tuple[int, int | None]:
    """Fill the reference tables; return (next source_id, source_id of this file if loaded)."""
    if not db.exists():
        load_reference(con, ref_dir)
        return 1, None
    con.execute(sql_file("preview", "published_attach.sql"), [str(db)])
    have = {r[0] for r in con.execute(sql_file("preview", "published_tables.sql")).fetchall()}
    for table in COPIED:
        if table in have:
            # Dynamic on purpose: one copy per table named in COPIED (built from REFERENCE above).
            con.execute(f"INSERT INTO main.{table} BY NAME SELECT * FROM wh.{table}")  # noqa: S608 — the project's own table names, never input
    next_id = con.execute(sql_file("preview", "published_next_source_id.sql")).fetchone()[0]
    return next_id, None


def _rows(con: duckdb.DuckDBPyConnection, source_id: int, limit: int) -> dict[str, dict]:
    """Every table that received rows of the scratch source: columns, the first rows, the total."""
    out: dict[str, dict] = {}
    tables = [r[0] for r in con.execute(sql_file("preview", "tables_with_source_id.sql")).fetchall()]
    for table in tables:
        if table in SKIP_TABLES:
            continue
        # Dynamic on purpose: one query per table of the schema that holds rows of a source.
        total = con.execute(f"SELECT count(*) FROM main.{table} WHERE source_id = ?", [source_id]).fetchone()[0]  # noqa: S608 — the project's own table names, never input
        if not total:
            continue
        cur = con.execute(f"SELECT * FROM main.{table} WHERE source_id = ? LIMIT ?", [source_id, limit])  # noqa: S608 — the project's own table names, never input
        cols = [d[0] for d in cur.description]
        out[table] = {"columns": cols, "rows": [list(r) for r in cur.fetchall()], "total": total}
    return out


def preview(path: Path, db: Path, ref_dir: Path, limit: int = 500) -> dict:
    """The JSON-able outcome of loading `path`, computed without writing anything."""
    from etl.load import machine_fault, one_line_reason, utcnow

    facts = probe(path)
    result: dict = {"sha256": facts.sha256, "size": facts.size, "kind": None, "already_loaded": None,
                    "unusable": None, "rows_loaded": 0, "rows_rejected": 0, "note": "",
                    "tables": {}, "rejects": []}
    if db.exists():
        ro = connect(db, read_only=True)
        try:
            hit = ro.execute(sql_file("preview", "source_by_sha.sql"), [facts.sha256]).fetchone()
        finally:
            ro.close()
        if hit:
            result["already_loaded"] = hit[0]
            return result
    try:
        kind = detect(path)
    except Exception as e:  # noqa: BLE001 — a dangerous or broken file is reported like any unusable one
        result["unusable"] = str(e) if isinstance(e, Unusable) else one_line_reason(e)
        return result
    if kind is None:
        result["unusable"] = explain_unknown(path)
        return result
    result["kind"] = kind.name
    scratch = Path(tempfile.mkdtemp(prefix="sitroom-preview-"))
    con = _connect(scratch)
    reading_file = False  # until the published warehouse is copied, a failure is the warehouse's
    try:
        create_schema(con)
        source_id, _ = _copy_published(con, db, ref_dir)
        reading_file = True
        con.begin()
        con.execute(sql_file("preview", "preview_source_insert.sql"), [source_id, facts.sha256, kind.name, utcnow()])
        try:
            res = kind.load(con, path, source_id)
        except Unusable as e:
            result["unusable"] = str(e)
            return result
        result.update(rows_loaded=res.rows_loaded, rows_rejected=res.rows_rejected, note=res.note,
                      tables=_rows(con, source_id, limit))
        cur = con.execute(sql_file("preview", "preview_rejects.sql"), [source_id, limit])
        result["rejects"] = [dict(zip(("line", "col", "code", "reason", "raw"), r, strict=True)) for r in cur.fetchall()]
        con.rollback()
    except Exception as e:
        if not reading_file or machine_fault(e):
            raise  # the CLI says: exit 2, run `python -m etl rebuild`
        result["unusable"] = one_line_reason(e)
    finally:
        con.close()
        shutil.rmtree(scratch, ignore_errors=True)
    return result


def _default(v: object) -> str:
    return v.isoformat() if isinstance(v, dt.datetime | dt.date | dt.time) else str(v)


def run(path: Path, db: Path, ref_dir: Path, as_json: bool, limit: int) -> int:
    """CLI entry: exit 0 all rows good, 1 rejects or an unusable file, 2 no such file."""
    if not path.is_file():
        print(f"error: {path}: no such file", file=sys.stderr)
        return 2
    r = preview(path, db, ref_dir, limit)
    if as_json:
        json.dump(r, sys.stdout, ensure_ascii=False, default=_default)
        sys.stdout.write("\n")
    elif r["already_loaded"]:
        print(f"{path.name}: already loaded as source {r['already_loaded']}; a load would change nothing")
    elif r["unusable"]:
        print(f"{path.name}: NOT LOADABLE — {r['unusable']}")
    else:
        print(f"{path.name}: {r['kind']}, {r['rows_loaded']} rows would load, {r['rows_rejected']} rejected")
        for rej in r["rejects"]:
            print(f"  line {rej['line']}: {rej['reason']}")
    return 1 if (r["unusable"] or r["rows_rejected"]) else 0
