"""Fixed SQL of the write side lives in .sql files under etl/sql/, named after what it creates or
answers (README, "How it fits together"); a Python string under etl/ holds SQL only when the
statement is built from identifiers the code owns (a table name from a list, a kind's columns).

The scan reads every string literal of every module under etl/ with `ast`: a plain string that
starts like a statement is fixed SQL and fails the test; an f-string that does is dynamic SQL and
must sit in a function listed in DYNAMIC below.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

ETL = ROOT / "etl"
SQL_DIR = ETL / "sql"

# Upper case, as every statement in this code base is written; "Insert the rows…" in a docstring
# is prose, "INSERT INTO" is SQL.
STATEMENT = re.compile(r"^\s*(?:--[^\n]*\n\s*)*(SELECT|INSERT|CREATE|UPDATE|DELETE|WITH|DROP|ALTER|ATTACH|DETACH|SET"
                       r"|COPY|CHECKPOINT|PRAGMA|EXPORT|IMPORT|MERGE|CALL|VACUUM|SUMMARIZE|DESCRIBE|FROM)\b")

# Genuinely dynamic SQL: identifiers, never values, built from lists the code owns. Each entry is
# (module, function) and says why; a value always goes in as a parameter.
DYNAMIC: dict[tuple[str, str], str] = {
    ("etl/warehouse.py", "load_reference"): "one count per reference table named in REFERENCE",
    ("etl/preview.py", "_copy_published"): "one copy per table named in COPIED",
    ("etl/preview.py", "_rows"): "one query per table of the schema holding a source's rows",
    ("etl/tabular.py", "_stage_csv"): "the caller's staging table",
    ("etl/tabular.py", "_stage_fast"): "the file's column names, the kind's TableSpec columns",
    ("etl/tabular.py", "drop_stage"): "the caller's staging table, a view or a table by path",
    ("etl/tabular.py", "_write_stage"): "the kind's TableSpec columns",
    ("etl/tabular.py", "_stage_xlsx"): "the caller's staging table",
    ("etl/kinds/validation.py", "_reject_duplicates"): "the kind's own table, named by its TableSpec",
    ("etl/publish.py", "catch_up"): "the standby's catalog name (its file's name) and each of its tables",
}


def _modules() -> list[Path]:
    return sorted(p for p in ETL.rglob("*.py") if "__pycache__" not in p.parts)


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _sql_strings(path: Path) -> list[tuple[int, str, str, bool]]:
    """(line, enclosing function, first words, is an f-string) of each string that starts like SQL."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str, str, bool]] = []

    def visit(node: ast.AST, func: str) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            func = node.name
        if isinstance(node, ast.JoinedStr):
            head = node.values[0] if node.values else None
            if isinstance(head, ast.Constant) and STATEMENT.match(head.value):
                found.append((node.lineno, func, head.value.strip()[:50], True))
            return  # its constant parts are pieces of this one statement
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and STATEMENT.match(node.value):
            found.append((node.lineno, func, node.value.strip()[:50], False))
        for child in ast.iter_child_nodes(node):
            visit(child, func)

    visit(tree, "<module>")
    return found


def test_scanner_tells_sql_from_prose(tmp_path: Path) -> None:
    """The scan itself: statements in plain strings and f-strings are found, prose is not."""
    f = tmp_path / "m.py"
    f.write_text('"""Insert the rows; select the best."""\n'
                 'def g(con, t):\n'
                 '    con.execute("SELECT 1")\n'
                 '    con.execute(\n        "INSERT INTO x "\n        "VALUES (?)", [1])\n'
                 '    con.execute(f"DELETE FROM {t}")\n'
                 '    con.execute("-- why\\nCREATE TABLE y (a INT)")\n'
                 '    return "SELECTED items", "Update the file", "checkpoint"\n', encoding="utf-8")
    assert [(line, func, fstring) for line, func, _w, fstring in _sql_strings(f)] == [
        (3, "g", False), (5, "g", False), (7, "g", True), (8, "g", False)]


def test_no_fixed_sql_in_python_strings() -> None:
    fixed = [f"{_rel(p)}:{line} in {func}(): {words!r} — move it to etl/sql/<area>/<what it answers>.sql"
             for p in _modules()
             for line, func, words, fstring in _sql_strings(p) if not fstring]
    assert not fixed, "fixed SQL in Python strings:\n" + "\n".join(fixed)


def test_dynamic_sql_only_where_listed() -> None:
    stray = [f"{_rel(p)}:{line} in {func}(): {words!r}"
             for p in _modules()
             for line, func, words, fstring in _sql_strings(p)
             if fstring and (_rel(p), func) not in DYNAMIC]
    assert not stray, ("SQL built in an f-string outside the functions listed in DYNAMIC: use a .sql file with "
                       "parameters, or (identifiers only) list the function with the reason:\n" + "\n".join(stray))


@pytest.mark.parametrize("entry", sorted(DYNAMIC))
def test_dynamic_entries_still_needed(entry: tuple[str, str]) -> None:
    rel, func = entry
    assert any(f == func and fstring for _l, f, _w, fstring in _sql_strings(ROOT / rel)), (
        f"{rel}:{func} builds no SQL any more: remove it from DYNAMIC")


def _referenced_names() -> set[str]:
    """Every string literal ending in .sql in the etl modules (sql_file parts, Validation file names)."""
    names: set[str] = set()
    for p in _modules():
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.endswith(".sql"):
                names.add(node.value)
    return names


def test_every_sql_file_named_in_code_exists() -> None:
    """A name passed to sql_file(area, name) that is not there would fail only when that path runs."""
    missing = []
    for p in _modules():
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "sql_file"
                    and all(isinstance(a, ast.Constant) for a in node.args)):
                parts = [a.value for a in node.args]
                if not SQL_DIR.joinpath(*parts).is_file():
                    missing.append(f"{_rel(p)}:{node.lineno}: etl/sql/{'/'.join(parts)}")
    assert not missing, "\n".join(missing)


def test_no_orphan_sql_files() -> None:
    """A statement file nothing runs is dead code. schema/ and checks/ run by folder, reference/ by
    the names in warehouse.REFERENCE."""
    from etl.warehouse import REFERENCE

    named = _referenced_names() | {f"{n}.sql" for n in REFERENCE}
    orphans = [_rel(f) for f in sorted(SQL_DIR.rglob("*.sql"))
               if f.parent.name not in ("schema", "checks") and f.name not in named]
    assert not orphans, "SQL files no code runs:\n" + "\n".join(orphans)


def test_sql_files_say_what_they_are() -> None:
    """Each statement file opens with a comment saying what it creates or answers (and for whom)."""
    bare = [_rel(f) for f in sorted(SQL_DIR.rglob("*.sql"))
            if f.parent.name != "reference"
            and not f.read_text(encoding="utf-8").lstrip().startswith("--")]
    assert not bare, "no opening comment:\n" + "\n".join(bare)
