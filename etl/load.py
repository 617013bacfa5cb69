"""Loading input files into the warehouse: detect each file's kind, load it whole in one
transaction, keep rejects, run the checks, publish atomically (etl/publish.py)."""
from __future__ import annotations

import datetime as dt
import errno
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from config import reference_dir
from etl import archive, publish
from etl.files import probe
from etl.kinds.base import Unusable
from etl.registry import KINDS, detect
from etl.unrecognised import explain_unknown
from etl.warehouse import connect, create_schema, load_reference, run_checks, sql_file

Progress = Callable[[str], None]
SKIP_NAMES = ("readme", ".")


@dataclass
class Outcome:
    name: str
    status: str  # loaded, partial, unchanged, unusable
    kind: str = ""
    source_id: int | None = None
    rows_loaded: int = 0
    rows_rejected: int = 0
    message: str = ""
    seconds: float = 0.0


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)
    check_failures: list[tuple] = field(default_factory=list)
    published: bool = False
    error: str = ""
    built_from: str = ""  # fresh, standby (caught up) or copy: see etl/publish.py

    @property
    def exit_code(self) -> int:
        if self.error or self.check_failures:
            return 2
        if any(o.status in ("partial", "unusable") for o in self.outcomes):
            return 1
        return 0


@dataclass
class Input:
    path: Path  # where the bytes are read from now
    original_name: str
    loaded_at: dt.datetime | None = None  # set when replaying the manifest
    uploaded_by: str | None = None
    archived: str | None = None


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def expand(paths: list[Path]) -> list[Path]:
    """Files named, and the files in folders named (sorted, so loads are repeatable)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(f for f in p.iterdir() if f.is_file() and not f.name.lower().startswith(SKIP_NAMES))
        else:
            out.append(p)
    return out


def load_paths(paths: list[Path], data: Path, db: Path, *, uploaded_by: str | None = None,
               original_name: str | None = None, progress: Progress | None = None) -> Report:
    """original_name: the name to record for a single file saved under another (an upload)."""
    inbox = (data / "inbox").resolve()
    inputs = []
    for p in expand(paths):
        if not p.exists():
            raise FileNotFoundError(f"{p}: no such file or folder")
        inputs.append(Input(p, original_name or p.name, uploaded_by=uploaded_by))
    # Files the warehouse already holds change nothing: say so without copying the warehouse
    # (which can be large) only to find there is nothing to add.
    known = _loaded_shas(db)
    if inputs and known and all(_sha(i.path) in known for i in inputs):
        report = Report(outcomes=[
            Outcome(i.original_name, "unchanged", source_id=known[probe(i.path).sha256],
                    message=f"already loaded as source {known[probe(i.path).sha256]}; nothing changed")
            for i in inputs])
        _tidy_inbox(report, inputs, inbox, data)
        return report
    report = build(inputs, data, db, fresh=False, progress=progress)
    if report.published or not report.error:
        _tidy_inbox(report, inputs, inbox, data)
    return report


def _sha(path: Path) -> str | None:
    try:
        return probe(path).sha256
    except OSError:
        return None  # reported by the load itself, file by file


def _loaded_shas(db: Path) -> dict[str, int]:
    """sha256 → source_id of the published warehouse (read-only; empty when there is none)."""
    if not db.exists():
        return {}
    con = connect(db, read_only=True)
    try:
        return dict(con.execute(sql_file("load", "sources_by_sha.sql")).fetchall())
    finally:
        con.close()


def rebuild(data: Path, db: Path, progress: Progress | None = None) -> Report:
    """Recreate the warehouse from reference data and the archive alone, in the original order."""
    entries = archive.read(data)
    known = {e.sha256 for e in entries}
    inputs = [Input(data / e.archive_path, e.original_name, dt.datetime.fromisoformat(e.loaded_at),
                    e.uploaded_by, e.archive_path) for e in entries]
    # Files archived by a load that died before writing the manifest: replay them last.
    for f in sorted((data / "archive").glob("*/*")):
        if f.suffix != ".part" and f.name.split(".")[0] not in known:
            inputs.append(Input(f, f.name, archived=str(f.relative_to(data))))
    return build(inputs, data, db, fresh=True, progress=progress)


def build(inputs: list[Input], data: Path, db: Path, *, fresh: bool, progress: Progress | None = None) -> Report:
    say = progress or (lambda _m: None)
    report = Report()
    with publish.load_lock(db):
        fresh = fresh or not db.exists()
        con, report.built_from = publish.start_build(db, fresh)
        try:
            if fresh:
                create_schema(con)
                load_reference(con, reference_dir(data))
            # Rows already published passed the checks when they were loaded: the checks look at
            # the sources this load adds (source_id >= since), so a small load costs what it adds.
            since = con.execute(sql_file("load", "next_source_id.sql")).fetchone()[0]
            new_entries = _load_all(con, inputs, data, report, say)
            if not (fresh or new_entries):
                con.close()
                publish.abandon(db)
                return report
            # Derived tables change only when their inputs did: a fresh build derives everything,
            # a load only for the kinds it added rows of (a headcount report leaves airspace as it was).
            touched = {o.kind for o in report.outcomes if o.status in ("loaded", "partial")}
            # Kinds sharing a derive step (notams and status_sheet: the airspace rebuild) run it once.
            steps = []
            for kind in KINDS:
                if (fresh or kind.name in touched) and kind.derive not in steps:
                    steps.append(kind.derive)
            for step in steps:
                step(con)
            report.check_failures = run_checks(con, since=1 if fresh else since)
            if report.check_failures:
                report.error = "checks failed; the published warehouse was left unchanged"
                con.close()
                publish.abandon(db)
                return report
            con.checkpoint()
            con.close()
            publish.swap_in(db)
            report.published = True
            if not all(i.archived for i in inputs):  # a rebuild replays the manifest; it does not extend it
                archive.append(data, new_entries)
        except BaseException:
            con.close()
            publish.abandon(db)
            raise
    return report


def _load_all(con: duckdb.DuckDBPyConnection, inputs: list[Input], data: Path, report: Report,
              say: Progress) -> list[archive.Entry]:
    seen = dict(con.execute(sql_file("load", "sources_by_sha.sql")).fetchall())
    next_id = con.execute(sql_file("load", "next_source_id.sql")).fetchone()[0]
    entries: list[archive.Entry] = []
    for inp in inputs:
        t0 = time.perf_counter()
        try:
            sha = probe(inp.path).sha256
        except OSError as e:  # unreadable (permissions, a device, vanished): this file only
            if machine_fault(e):
                raise
            report.outcomes.append(Outcome(inp.original_name, "unusable", message=(
                f"cannot be read ({e.strerror or type(e).__name__}); give the service user read access "
                "and load it again")))
            continue
        if sha in seen:
            report.outcomes.append(Outcome(inp.original_name, "unchanged", source_id=seen[sha],
                                           message=f"already loaded as source {seen[sha]}; nothing changed"))
            continue
        rel = inp.archived or archive.archive_file(data, inp.path, sha)
        loaded_at = inp.loaded_at or utcnow()
        say(f"loading {inp.original_name} ({probe(inp.path).size / 1e6:.1f} MB)…")
        out = _load_one(con, inp, next_id, sha, rel, loaded_at)
        out.seconds = time.perf_counter() - t0
        report.outcomes.append(out)
        say(_summary(out))
        seen[sha] = next_id
        next_id += 1
        entries.append(archive.Entry(sha, rel, inp.original_name, loaded_at.isoformat(), inp.uploaded_by))
    return entries


def _load_one(con, inp: Input, source_id: int, sha: str, rel: str, loaded_at: dt.datetime) -> Outcome:
    kind = None
    try:
        kind = detect(inp.path)
        if kind is None:
            raise Unusable(explain_unknown(inp.path))
        con.begin()
        _insert_source(con, source_id, rel, inp, sha, kind.name, loaded_at)
        res = kind.load(con, inp.path, source_id)
        con.execute(sql_file("load", "source_outcome_update.sql"),
                    [res.rows_loaded, res.rows_rejected, res.is_sample, res.note or None, source_id])
        con.commit()
        status = "partial" if res.rows_rejected else "loaded"
        return Outcome(inp.original_name, status, kind.name, source_id, res.rows_loaded, res.rows_rejected, res.note)
    except Unusable as e:
        _rollback(con)
        _record_unusable(con, source_id, rel, inp, sha, loaded_at, "unusable_file", str(e))
        return Outcome(inp.original_name, "unusable", kind.name if kind else "", source_id, 0, 1, str(e))
    except Exception as e:  # whatever one file does, the others still load
        if machine_fault(e):
            raise  # a full disk or a lost warehouse is no fault of this file: the whole load stops
        _rollback(con)
        msg = one_line_reason(e)
        _record_unusable(con, source_id, rel, inp, sha, loaded_at, "load_error", msg)
        return Outcome(inp.original_name, "unusable", kind.name if kind else "", source_id, 0, 1, msg)


def machine_fault(e: BaseException) -> bool:
    """Faults of the machine, not of the file: out of disk space, or the warehouse itself failing."""
    if isinstance(e, OSError) and e.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO):
        return True
    text = str(e)
    return isinstance(e, duckdb.Error) and ("No space left" in text or "database has been invalidated" in text
                                            or "FATAL" in text)


def one_line_reason(e: BaseException) -> str:
    """What went wrong with a file, in one line a person can act on (no internal stack)."""
    if isinstance(e, RecursionError):
        return ("could not be loaded: it is nested too deeply (JSON or XML structures hundreds of levels deep are "
                "not reports); export the file again from the system that made it")
    if isinstance(e, MemoryError):
        return "could not be loaded: reading it needed more memory than a report may use; split it or send it as CSV"
    first = (str(e).strip().splitlines() or [""])[0][:300]
    return f"could not be loaded ({type(e).__name__}: {first}); check the file or send it to the data team"


def _rollback(con) -> None:
    try:
        con.rollback()
    except duckdb.Error:
        pass  # no transaction was open


def _insert_source(con, source_id, rel, inp: Input, sha, kind, loaded_at) -> None:
    con.execute(sql_file("load", "source_insert.sql"),
                [source_id, rel, inp.original_name, sha, kind, loaded_at, inp.uploaded_by])


def _record_unusable(con, source_id, rel, inp, sha, loaded_at, code, reason) -> None:
    con.begin()
    _insert_source(con, source_id, rel, inp, sha, "unusable", loaded_at)
    con.execute(sql_file("load", "source_unusable_update.sql"), [reason, source_id])
    con.execute(sql_file("load", "unusable_file_reject_insert.sql"), [source_id, code, reason])
    con.commit()


def _summary(o: Outcome) -> str:
    if o.status == "unusable":
        return f"  {o.name}: NOT LOADED — {o.message}"
    extra = f", {o.rows_rejected} rejected" if o.rows_rejected else ""
    return f"  {o.name}: {o.kind}, {o.rows_loaded} rows loaded{extra} ({o.seconds:.2f} s)"


def _tidy_inbox(report: Report, inputs: list[Input], inbox: Path, data: Path) -> None:
    """Files taken from the inbox leave it: loaded ones are in the archive; unusable ones go to
    quarantine/ with a note saying why, so the inbox shows only what still waits."""
    if not report.published and any(o.status != "unchanged" for o in report.outcomes):
        return
    by_name = {o.name: o for o in report.outcomes}
    for inp in inputs:
        try:
            if inp.path.resolve().parent != inbox:
                continue
        except OSError:
            continue
        o = by_name.get(inp.original_name)
        if o is None:
            continue
        if o.status == "unusable":
            q = data / "quarantine"
            q.mkdir(parents=True, exist_ok=True)
            shutil.move(str(inp.path), q / inp.path.name)
            (q / (inp.path.name + ".reason.txt")).write_text(o.message + "\n", encoding="utf-8")
        else:
            inp.path.unlink(missing_ok=True)
