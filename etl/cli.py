"""`python -m etl` — load reports, show status, rebuild from the archive, make synthetic data.

Exit codes: 0 everything loaded; 1 some rows or files were rejected (each with its reason);
2 usage or system error; `push` alone: 3 the object storage failed (the local warehouse stands).
"""
from __future__ import annotations

import argparse
import errno
import os
import sys
import time
from pathlib import Path

import duckdb

import config
from etl import extract_cli
from etl.terminal import escaped_output


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m etl", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    ld = sub.add_parser("load", help="load files or folders (default: the inbox)")
    ld.add_argument("paths", nargs="*", type=Path)
    ld.add_argument("--user", help="who loads (recorded on each source)")
    ld.add_argument("--quiet", action="store_true")
    ld.add_argument("--name", help="the file's original name to record (one file only; used by uploads)")
    pv = sub.add_parser("preview", help="what loading FILE would do, without writing anything")
    pv.add_argument("path", type=Path)
    pv.add_argument("--json", action="store_true", help="machine-readable result on stdout")
    pv.add_argument("--limit", type=int, default=500, help="rows and rejects shown at most")
    sub.add_parser("status", help="missions' last reports, sources, totals")
    sub.add_parser("rebuild", help="recreate the warehouse from data/reference and data/archive")
    sub.add_parser("push", help="upload the published warehouse to the object storage (SITROOM_S3_URL)")
    sy = sub.add_parser("synth", help="write deterministic synthetic reports for benchmarks")
    sy.add_argument("--rows", type=int, default=1_000_000)
    sy.add_argument("--out", type=Path, required=True)
    sy.add_argument("--seed", type=int, default=2026)
    sy.add_argument("--movements", type=int, default=0, help="also write this many evacuation movement rows")
    extract_cli.add_parser(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    # Everything a load creates (data folder, warehouse, archive, quarantine) is the service
    # user's alone: the reports name people.
    os.umask(0o077)
    with escaped_output():  # file names and cells are printed: none may drive the terminal
        try:
            args = _parser().parse_args(argv)
        except SystemExit as e:
            return 0 if e.code == 0 else 2
        data, db = config.data_dir(), config.db_path()
        try:
            return _run(args, data, db)
        except FileNotFoundError as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            print("interrupted; the published warehouse is unchanged", file=sys.stderr)
            return 2
        except Exception as e:  # noqa: BLE001 — never a traceback on screen: a sentence and exit 2
            print(f"error: {fault_message(e, db)}", file=sys.stderr)
            return 2


def fault_message(e: BaseException, db: Path) -> str:
    """One sentence for a fault that stopped a whole command (the disk, the warehouse, a bug)."""
    text = (str(e).strip().splitlines() or [""])[0][:300]
    if (isinstance(e, OSError) and e.errno in (errno.ENOSPC, errno.EDQUOT)) or "No space left" in str(e):
        return ("no space left on the disk; free some space and run the command again — the published "
                "warehouse is unchanged and no partial file was kept")
    if isinstance(e, OSError) and e.errno == errno.EACCES:
        return f"permission denied: {getattr(e, 'filename', '') or text}; the service user must own the data folder"
    if isinstance(e, duckdb.Error):
        return (f"the warehouse {db} could not be read or written ({type(e).__name__}: {text}); if it is damaged, "
                "run `python -m etl rebuild` to recreate it from the archive")
    return f"unexpected failure ({type(e).__name__}: {text}); the published warehouse is unchanged"


def _run(args, data: Path, db: Path) -> int:
    if args.cmd == "load":
        return _load(args, data, db)
    if args.cmd == "extract":
        return extract_cli.run(args)
    if args.cmd == "preview":
        from etl.preview import run

        return run(args.path, db, config.reference_dir(), args.json, args.limit)
    if args.cmd == "rebuild":
        return _rebuild(data, db)
    if args.cmd == "push":
        from etl.push_cli import run

        return run(db)
    if args.cmd == "status":
        from etl.status import print_status

        return print_status(db, sys.stdout)
    if args.cmd == "synth":
        from etl.synth import write_synthetic

        t0 = time.perf_counter()
        files = write_synthetic(args.out, args.rows, args.seed)
        if args.movements:
            from etl.synth_movements import write_movements

            files.append(write_movements(args.out, args.movements, args.seed))
        print(f"wrote {args.rows:,} rows in {len(files)} files to {args.out} ({time.perf_counter() - t0:.1f} s)")
        return 0
    return 2


def _say(quiet: bool):
    def say(msg: str) -> None:
        if not quiet:
            print(msg, file=sys.stderr, flush=True)
    return say


def _load(args, data: Path, db: Path) -> int:
    from etl.load import load_paths

    paths = args.paths or [data / "inbox"]
    if args.name and (len(paths) != 1 or paths[0].is_dir()):
        print("error: --name needs exactly one file", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    report = load_paths(paths, data, db, uploaded_by=args.user, original_name=args.name, progress=_say(args.quiet))
    code = _finish(report, db, time.perf_counter() - t0)
    if report.published:
        from etl.push_cli import after_publish

        after_publish(db)
    return code


def _rebuild(data: Path, db: Path) -> int:
    from etl.load import rebuild

    t0 = time.perf_counter()
    report = rebuild(data, db, progress=_say(False))
    code = _finish(report, db, time.perf_counter() - t0)
    if report.published:
        from etl.push_cli import after_publish

        after_publish(db)
    return code


def _finish(report, db: Path, seconds: float) -> int:
    from etl.status import print_rejects

    for o in report.outcomes:
        if o.status == "unchanged":
            print(f"{o.name}: unchanged — {o.message}")
        elif o.status == "unusable":
            print(f"{o.name}: NOT LOADED — {o.message}")
        else:
            rej = f", {o.rows_rejected} rejected" if o.rows_rejected else ""
            print(f"{o.name}: {o.kind}, {o.rows_loaded} rows loaded{rej}")
    if report.published:
        print_rejects(db, [o.source_id for o in report.outcomes if o.status == "partial"], sys.stdout)
    for name, n, rows in report.check_failures:
        print(f"check {name} failed on {n} rows, e.g. {rows[0]}", file=sys.stderr)
    if report.error:
        print(f"error: {report.error}", file=sys.stderr)
    elif not report.outcomes:
        print("nothing to load")
    loaded = sum(o.rows_loaded for o in report.outcomes)
    rejected = sum(o.rows_rejected for o in report.outcomes)
    state = "published" if report.published else "warehouse unchanged"
    print(f"{loaded} rows loaded, {rejected} rejected, {len(report.outcomes)} files in {seconds:.1f} s — {state} ({db})")
    return report.exit_code
