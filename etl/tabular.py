"""Reading tabular reports (CSV or XLSX) into a staging table of text cells with line numbers.

A TableSpec names the template's columns and the other spellings accepted for each (Russian,
Kazakh). The header row is found by content — the first row naming every required column —
so title rows, comments and a merged title cell above the header are skipped. Every staged row
keeps its 1-based line in the file (the row number in a spreadsheet) for messages.
"""
from __future__ import annotations

import csv
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl.files import FileFacts, head_text, probe, transcode_to_utf8
from etl.kinds.base import Reject, Unusable
from etl.warehouse import sql_file

XLSX_MAGIC = b"PK\x03\x04"
HEADER_SCAN_LINES = 50
# Limits on what one report may make a parser consume. A real mission report is a few hundred
# rows; these leave room for a synthetic year while stopping a zip bomb before it inflates.
XLSX_MAX_UNCOMPRESSED = 200 * 1024 * 1024  # bytes of XML inside one workbook
XLSX_MAX_ROWS = 1_048_576  # Excel's own sheet limit
MAX_FIELD = 32 * 1024  # characters in one cell (a note longer than this is not a note)
# Characters no cell may hold: they break terminals, CSV exports and line numbering.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Column:
    name: str
    aliases: tuple[str, ...] = ()
    required: bool = False


@dataclass(frozen=True)
class TableSpec:
    kind: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def lookup(self) -> dict[str, str]:
        out = {}
        for c in self.columns:
            for a in (c.name, *c.aliases):
                out[norm_header(a)] = c.name
        return out


@dataclass
class Staged:
    rows: int
    is_sample: bool
    structural: list[Reject]
    ignored_columns: list[str]


def norm_header(s: object) -> str:
    text = str(s or "").strip().lower().replace("ё", "е").lstrip("\ufeff")
    return re.sub(r"[\s\-./]+", "_", text).strip("_")


def match_header(cells: list[object], spec: TableSpec) -> dict[int, str] | None:
    """Map cell positions to template names when the cells hold every required column."""
    lookup = spec.lookup()
    found: dict[int, str] = {}
    for i, cell in enumerate(cells):
        name = lookup.get(norm_header(cell))
        if name and name not in found.values():
            found[i] = name
    required = {c.name for c in spec.columns if c.required}
    return found if required <= set(found.values()) else None


def duplicate_columns(cells: list[object], spec: TableSpec) -> str | None:
    """A sentence naming a template column the header holds twice (which of two cells would be
    the figure?), or None."""
    lookup = spec.lookup()
    seen: dict[str, int] = {}
    for i, cell in enumerate(cells):
        name = lookup.get(norm_header(cell))
        if name is None:
            continue
        if name in seen:
            return (f"the header names the column {name} twice (columns {seen[name] + 1} and {i + 1}); "
                    "keep one and load the file again")
        seen[name] = i
    return None


def _split(line: str, delim: str) -> list[str]:
    return next(csv.reader([line], delimiter=delim), [])


def _delimiter(line: str) -> str:
    counts = {d: line.count(d) for d in (",", ";", "\t", "|")}
    return max(counts, key=lambda d: counts[d])


def find_csv_header(text: str, spec: TableSpec) -> tuple[int, str, dict[int, str]] | None:
    """(0-based line index, delimiter, column map) of the header in the file's first lines."""
    for i, line in enumerate(text.splitlines()[:HEADER_SCAN_LINES]):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        delim = _delimiter(line)
        cols = match_header(_split(line, delim), spec)
        if cols:
            return i, delim, cols
    return None


def sniff(head: bytes, path: Path, spec: TableSpec) -> bool:
    if head.startswith(XLSX_MAGIC):
        check_workbook(path)  # raises Unusable for a bomb or entities: no kind may open it
        try:
            return _xlsx_header(path, spec) is not None
        except Unusable:
            raise
        except Exception:  # noqa: BLE001 — not a workbook we can read: another kind may take it
            return False
    facts = probe(path)
    if facts.encoding == "binary":
        return False
    return find_csv_header(head_text(path, facts), spec) is not None


def check_workbook(path: Path) -> None:
    """Refuse a workbook before any XML is parsed: too much XML once inflated (a zip bomb), or
    a DOCTYPE (entity expansion, external entities) — a spreadsheet program never writes one.
    Reads only the zip directory and the first bytes of each XML part: milliseconds."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            total = sum(i.file_size for i in infos)
            if total > XLSX_MAX_UNCOMPRESSED:
                packed = sum(i.compress_size for i in infos)
                raise Unusable(f"the workbook inflates from {packed / 1e6:.1f} MB to {total / 1e6:.0f} MB of XML, more "
                               f"than the {XLSX_MAX_UNCOMPRESSED // 2**20} MiB a report may hold; send it as CSV "
                               "or split it")
            for i in infos:
                if i.filename.endswith((".xml", ".rels")):
                    with z.open(i) as f:
                        start = f.read(4096)
                    if b"<!DOCTYPE" in start.upper() or b"<!ENTITY" in start.upper():
                        raise Unusable(f"the workbook part {i.filename} declares a DOCTYPE or entities, which "
                                       "spreadsheet programs never write; save the report again from Excel or "
                                       "LibreOffice")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as e:
        raise Unusable(f"the file starts like a workbook but is not a readable one ({e}); save it again as XLSX "
                       "or CSV") from e


def stage(con: duckdb.DuckDBPyConnection, path: Path, spec: TableSpec, table: str = "stage") -> Staged:
    """Create TEMP table `table` (line, raw, one VARCHAR per template column)."""
    if head_bytes(path).startswith(XLSX_MAGIC):
        return _stage_xlsx(con, path, spec, table)
    return _stage_csv(con, path, spec, table)


def head_bytes(path: Path) -> bytes:
    with open(path, "rb") as f:
        return f.read(8)


def _is_sample(preamble: list[str]) -> bool:
    return any("SAMPLE" in p.upper() for p in preamble)


def _stage_csv(con: duckdb.DuckDBPyConnection, path: Path, spec: TableSpec, table: str) -> Staged:
    facts = probe(path)
    text = head_text(path, facts)
    found = find_csv_header(text, spec)
    if not found:
        raise Unusable(f"no header row naming the columns {', '.join(c.name for c in spec.columns if c.required)} "
                       f"in the first {HEADER_SCAN_LINES} lines; start from the template in data/templates/")
    idx, delim, cols = found
    lines = text.splitlines()
    preamble = lines[:idx]
    header_cells = _split(lines[idx], delim)
    if dup := duplicate_columns(header_cells, spec):
        raise Unusable(dup)
    ignored = [c for i, c in enumerate(header_cells) if i not in cols and c.strip()]
    with tempfile.TemporaryDirectory(prefix="sitroom-") as tmp:
        src = path
        damaged = facts.bad_bytes
        if facts.encoding not in ("utf-8", "utf-8-sig") or damaged:
            src = Path(tmp) / "utf8.csv"
            transcode_to_utf8(path, facts.encoding, src)
            facts = probe(src)
        structural = None
        # DuckDB's reader takes only plain files; anything odd goes to the careful reader, which
        # rejects the odd row alone (a CR-only file is read line by line like any other).
        if not (facts.blank_lines or facts.has_quote or 0 < facts.crlf < facts.newlines or facts.bare_cr
                or facts.nul or damaged):
            structural = _stage_fast(con, src, idx, delim, cols, len(header_cells), spec, table, facts)
        if structural is None:
            # Careful path: Python's csv module knows on which line each record starts.
            structural = _stage_careful(con, src, idx, delim, cols, len(header_cells), spec, table, tmp)
    # Dynamic on purpose (here and below): the staging table is the caller's, its columns the kind's TableSpec.
    rows = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 — staging table and generated column names, never header text
    return Staged(rows, _is_sample(preamble), structural, ignored)


def _file_names(cols: dict[int, str], width: int) -> list[str]:
    return [cols.get(i, f"_extra{i}") for i in range(width)]


def _select_template(spec: TableSpec, present: set[str]) -> str:
    return ", ".join(c.name if c.name in present else f"NULL::VARCHAR AS {c.name}" for c in spec.columns)


def _stage_fast(con, src: Path, idx: int, delim: str, cols: dict[int, str], width: int,
                spec: TableSpec, table: str, facts: FileFacts) -> list[Reject] | None:
    """DuckDB's parallel reader into a temp table, whose rowid keeps the file's order; a row's
    line is its position among the lines the reader did not reject. `stage` is a view over it,
    and `raw` is left NULL: it is rebuilt from the cells only for the few rows that are rejected."""
    names = _file_names(cols, width)
    con.execute(sql_file("stage", "csv_rejects_drop.sql"))
    con.execute(
        sql_file("stage", "csv_raw.sql"),
        {"p": str(src), "skip": idx + 1, "d": delim, "c": {n: "VARCHAR" for n in names},
         "nl": "\\r\\n" if facts.crlf else "\\n"},
    )
    # Inside a transaction DuckDB numbers new rows from a large offset: lines count from the first.
    n_rows, first_rowid = con.execute(sql_file("stage", "csv_raw_size.sql")).fetchone()
    rejected = con.execute(sql_file("stage", "csv_rejected_lines.sql")).fetchall()
    if n_rows + len(rejected) != facts.lines - (idx + 1):
        # Rows and lines disagree (an odd line ending, a stray quote): line numbers from
        # positions would be wrong, so let the careful reader do it.
        con.execute(sql_file("stage", "csv_raw_drop.sql"))
        return None
    # strlen (bytes, stored with each string) bounds length (characters, counted by walking the
    # text): only when some cell has more bytes than the limit are its characters counted.
    longest = con.execute(f"SELECT max(greatest({', '.join(f'strlen({n})' for n in names)})) FROM _raw").fetchone()[0]  # noqa: S608 — staging table and generated column names, never header text
    if longest and longest > MAX_FIELD:
        longest = con.execute(f"SELECT max(greatest({', '.join(f'length({n})' for n in names)})) FROM _raw").fetchone()[0]  # noqa: S608 — staging table and generated column names, never header text
    if longest and longest > MAX_FIELD:
        con.execute(sql_file("stage", "csv_raw_drop.sql"))  # the careful reader rejects the overlong rows one by one
        return None
    base = idx + 1  # the header's 1-based line; data starts on the next
    if not rejected:
        line_expr, join = f"(_raw.rowid - {int(first_rowid)} + {base + 1})::INTEGER", ""
    else:
        con.execute(
            sql_file("stage", "csv_lines.sql"),
            {"lo": base + 1, "hi": base + 1 + n_rows + len(rejected)},
        )
        line_expr, join = "(_lines.l)::INTEGER", f" JOIN _lines ON _lines.rn2 = _raw.rowid - {int(first_rowid)}"
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW {table} AS SELECT {line_expr} AS line, NULL::VARCHAR AS raw, "  # noqa: S608 — staging table and generated column names, never header text
        f"{_select_template(spec, set(names))} FROM _raw{join}"
    )
    return [_structural(line, etype, csv_line, width) for line, etype, csv_line in rejected]


def drop_stage(con, table: str = "stage") -> None:
    """Remove the staging objects of one file (the view or table, and the fast path's temp tables)."""
    kind = con.execute(sql_file("stage", "stage_type.sql"), [table]).fetchone()
    if kind:
        # Dynamic on purpose: the staging object's name is the caller's, and a view or a table by path.
        con.execute(f"DROP {'VIEW' if kind[0] == 'VIEW' else 'TABLE'} temp.{table}")
    con.execute(sql_file("stage", "stage_scratch_drop.sql"))


def _structural(line: int, etype: str, raw: str, width: int) -> Reject:
    found = len(_split(raw or "", _delimiter(raw or ","))) if raw else 0
    return Reject(int(line), None, "bad_row_shape",
                  f"expected {width} columns like the header, found {found} ({etype.lower()}); "
                  "check the separators and quotes on this line", raw or "")


def _stage_careful(con, src: Path, idx: int, delim: str, cols: dict[int, str], width: int,
                   spec: TableSpec, table: str, tmp: str) -> list[Reject]:
    structural: list[Reject] = []

    def rows():
        with open(src, encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f, delimiter=delim)
            start = 1
            while True:
                try:
                    rec = next(reader)
                except StopIteration:
                    return
                except csv.Error:
                    # The reader drops the rest of the record's line and goes on with the next.
                    line, start = start, reader.line_num + 1
                    if line > idx + 1:
                        structural.append(_cell_reject(line, "field_too_long", "", MAX_FIELD))
                    continue
                line, start = start, reader.line_num + 1
                if line <= idx + 1 or not any(c.strip() for c in rec):
                    continue
                if len(rec) != width:
                    structural.append(_structural(line, "wrong column count", delim.join(rec)[:500], width))
                    continue
                if bad := _bad_cell(rec, header):
                    structural.append(_cell_reject(line, *bad, raw=delim.join(rec)))
                    continue
                yield line, delim.join(rec), [rec[i] for i in sorted(cols)]

    header = _file_names(cols, width)
    limit = csv.field_size_limit()
    csv.field_size_limit(MAX_FIELD)  # the reader stops at the limit instead of holding a huge cell
    try:
        _write_stage(con, rows(), [cols[i] for i in sorted(cols)], spec, table, tmp)
    finally:
        csv.field_size_limit(limit)
    return structural


def _bad_cell(rec: list[str], names: list[str]) -> tuple[str, str, int] | None:
    """(code, column, limit) for the first cell no report may hold, or None."""
    for name, cell in zip(names, rec):
        if len(cell) > MAX_FIELD:
            return "field_too_long", name, MAX_FIELD
        if "\ufffd" in cell:
            return "bad_encoding", name, 0
        if CONTROL_RE.search(cell.replace("\r\n", "\n")):  # a quoted line break in a Windows file is fine
            return "control_character", name, 0
    return None


def _cell_reject(line: int, code: str, col: str, limit: int, raw: str = "") -> Reject:
    reason = {
        "field_too_long": f"a cell is longer than {limit:,} characters; shorten it (a stray quote can also make the "
                          "rest of the file one cell)",
        "bad_encoding": f"{col} holds bytes that are not UTF-8 (shown as \ufffd); save the file as UTF-8 and "
                        "load it again — the other rows were read as they are",
        "control_character": f"{col} holds a control character (NUL, a lone carriage return or similar); "
                             "retype the cell",
    }[code]
    return Reject(line, None if code == "field_too_long" else col, code, reason, raw[:500].replace("\x00", "\\0"))


def _write_stage(con, rows, present: list[str], spec: TableSpec, table: str, tmp: str) -> None:
    """Stage (line, raw, cells) tuples through a temp UTF-8 CSV (streamed, not held in memory)."""
    out = Path(tmp) / "stage.csv"
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        for line, raw, cells in rows:
            w.writerow([line, raw, *cells])
    names = ["line", "raw", *present]
    types = {n: "VARCHAR" for n in names} | {"line": "INTEGER"}
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT line, raw, {_select_template(spec, set(present))} "  # noqa: S608 — staging table and generated column names, never header text
        "FROM read_csv($p, header = false, columns = $c, delim = ',', quote = '\"', escape = '\"', auto_detect = false)",
        {"p": str(out), "c": types},
    )


def _xlsx_header(path: Path, spec: TableSpec):
    import openpyxl  # imported here: only XLSX reports need it

    wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        for ws in wb.worksheets:
            preamble = []
            for r, row in enumerate(ws.iter_rows(max_row=HEADER_SCAN_LINES, values_only=True), start=1):
                cols = match_header(list(row), spec)
                if cols:
                    if dup := duplicate_columns(list(row), spec):
                        raise Unusable(dup)
                    return ws.title, r, cols, preamble + [ws.title]
                preamble.append(" ".join(str(c) for c in row if c is not None))
    finally:
        wb.close()
    return None


def _xlsx_cell(v) -> str:
    if v is None:
        return ""
    if hasattr(v, "isoformat"):
        return v.isoformat(sep=" ") if hasattr(v, "hour") else v.isoformat()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _stage_xlsx(con, path: Path, spec: TableSpec, table: str) -> Staged:
    import openpyxl
    from openpyxl.utils import get_column_letter

    check_workbook(path)
    found = _xlsx_header(path, spec)
    if not found:
        raise Unusable("no sheet has a header row naming the columns "
                       f"{', '.join(c.name for c in spec.columns if c.required)}; start from the template in data/templates/")
    sheet, header_row, cols, preamble = found
    structural: list[Reject] = []
    wb = openpyxl.load_workbook(path, read_only=True, data_only=False)

    def rows():
        ws = wb[sheet]
        for r, row in enumerate(ws.iter_rows(min_row=header_row + 1, values_only=True), start=header_row + 1):
            if r > XLSX_MAX_ROWS:
                raise Unusable(f"the sheet has more than {XLSX_MAX_ROWS:,} rows; send it as CSV or split it")
            cells = [_xlsx_cell(row[i]) if i < len(row) else "" for i in sorted(cols)]
            if not any(c.strip() for c in cells):
                continue
            raw = ",".join(cells)
            formulas = [f"{get_column_letter(i + 1)}{r}" for i in sorted(cols)
                        if i < len(row) and isinstance(row[i], str) and row[i].startswith("=")]
            if formulas:
                structural.append(Reject(r, None, "formula_cell",
                                         f"cell {', '.join(formulas)} holds a formula; type the value itself "
                                         "(formulas are never run)", raw))
                continue
            if bad := _bad_cell(cells, [cols[i] for i in sorted(cols)]):
                structural.append(_cell_reject(r, *bad, raw=raw))
                continue
            yield r, raw, cells

    try:
        with tempfile.TemporaryDirectory(prefix="sitroom-") as tmp:
            _write_stage(con, rows(), [cols[i] for i in sorted(cols)], spec, table, tmp)
    finally:
        wb.close()
    n = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 — staging table and generated column names, never header text
    return Staged(n, _is_sample(preamble), structural, [])
