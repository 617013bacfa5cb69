"""The code's shape, checked on the source itself (no warehouse, no Streamlit run): fixed SQL lives
in .sql files on the read side, and imports go one way (README, "How it fits together").

Both checks read the files with `ast`, so a statement in a docstring's prose, a comment or an
English sentence that merely starts with "Set" or "Load" is not mistaken for SQL, while an import
hidden inside a function is still seen. The write side (etl/) has its own SQL check; the two can
share this file's scanner later.
"""
from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The read side: everything that runs behind a page or the briefing export.
READ_SIDE = [ROOT / "situation", ROOT / "pages", ROOT / "dashboard.py"]

# A string literal that opens like one of these is a SQL statement, not prose: each keyword needs
# the word that makes it a statement (SELECT … FROM, INSERT INTO, CREATE TABLE, SET x = …), so
# "Set the language" or "install chromium" in a message does not count. Case-insensitive: a
# statement in lower case is still SQL.
_SQL = re.compile(
    r"""\A\s*(?:--[^\n]*\n\s*)*(?:
        SELECT\s.+?\bFROM\b
      | SELECT\s+(?:\*|\d|'|\$|\?|[\w.]+\s*\()
      | INSERT\s+(?:OR\s+\w+\s+)?INTO\b
      | CREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMP(?:ORARY)?\s+)?(?:TABLE|VIEW|MACRO|INDEX|UNIQUE|SCHEMA|SEQUENCE|TYPE|SECRET)\b
      | UPDATE\s+[\w.]+\s+SET\b
      | DELETE\s+FROM\b
      | WITH\s+(?:RECURSIVE\s+)?\w+(?:\s*\([^)]*\))?\s+AS\s*(?:NOT\s+)?(?:MATERIALIZED\s*)?\(
      | (?:ATTACH|DETACH)\s+(?:DATABASE\s+)?(?:IF\s+\w+\s+)?(?:\?|'|\$|[\w.]+\s*(?:AS\b|\(|;|\Z))
      | DROP\s+(?:TABLE|VIEW|MACRO|INDEX|SCHEMA|SEQUENCE|TYPE)\b
      | ALTER\s+(?:TABLE|VIEW)\b
      | COPY\s+.+?\b(?:TO|FROM)\s+(?:'|\?|\$)
      | PRAGMA\s+\w+
      | SET\s+(?:GLOBAL\s+|SESSION\s+|LOCAL\s+)?[\w.]+\s*(?:=|TO\b)
      | RESET\s+\w+
      | USE\s+[\w.]+\s*;?\s*\Z
      | (?:INSTALL|LOAD)\s+\w+\s*;?\s*\Z
      | CHECKPOINT\s*;?\s*\Z
      | (?:BEGIN|COMMIT|ROLLBACK)(?:\s+TRANSACTION)?\s*;?\s*\Z
      | (?:SUMMARIZE|DESCRIBE|EXPLAIN)\s+(?:SELECT|[\w.]+\s*;?\s*\Z)
    )""",
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)

# (path relative to the repository, the statement's first words) → why it stays in Python.
# Empty today: every fixed statement of the read side is in situation/queries/sql/. A statement
# that is genuinely dynamic (built from names only known at run time, never from values) is
# added here with its reason.
ALLOWED_SQL: dict[tuple[str, str], str] = {}


def _python_files(roots: list[Path]) -> Iterator[Path]:
    for root in roots:
        if root.is_file():
            yield root
        else:
            yield from sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts)


def _literal_text(node: ast.AST) -> str | None:
    """The text of a string constant, or of an f-string with each {…} read as a placeholder
    (an f-string that builds SQL is the worse case: values may be pasted into it)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{…}" for v in node.values)
    return None


def sql_literals(path: Path) -> list[tuple[int, str]]:
    """(line, first words) of every string literal in `path` that is a SQL statement."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    inner = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    found = []
    for node in ast.walk(tree):
        if id(node) in inner:  # a piece of an f-string: judged as part of the whole
            continue
        text = _literal_text(node)
        if text is not None and _SQL.match(text):
            found.append((node.lineno, " ".join(text.split())[:40]))
    return found


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_the_scanner_tells_sql_from_prose(tmp_path: Path) -> None:
    """The pattern itself, on statements the project writes and sentences it shows or logs."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        'A = "SELECT iso3 FROM countries"\n'
        'B = f"select * from {table} where x = ?"\n'
        'C = "ATTACH ? AS wh (READ_ONLY)"\n'
        'D = """\n  -- why\n  WITH pick AS (SELECT 1) SELECT * FROM pick"""\n'
        "E = \"SET GLOBAL TimeZone = 'UTC'\"\n"
        'F = "USE wh"\n'
        'G = "INSERT INTO rejects VALUES (?, ?)"\n'
        'H = "CREATE OR REPLACE MACRO m(t) AS TABLE SELECT 1"\n'
        'I = "Set the current language for this thread"\n'
        'J = "install Debian\'s chromium and fonts-noto-core"\n'
        'K = " with SITROOM_AUTH=local (no login)"\n'
        'L = "Load through `python -m etl load`, recording the uploader"\n'
        'M = "insert indirect nocache httponly"\n'
        'N = "Select the countries to show"\n'
        'O = "export"\n',
        encoding="utf-8")
    assert [line for line, _ in sql_literals(sample)] == [1, 2, 3, 4, 7, 8, 9, 10]


def test_no_fixed_sql_in_read_side_python() -> None:
    """Fixed SQL on the read side lives in .sql files named after what they answer
    (situation/queries/sql/, loaded with queries.common.sql); values go in as parameters."""
    found = [f"{_rel(p)}:{line}: {words}" for p in _python_files(READ_SIDE)
             for line, words in sql_literals(p)
             if not any(_rel(p) == f and words.startswith(w) for f, w in ALLOWED_SQL)]
    assert not found, "fixed SQL in a Python string; move it to a .sql file:\n" + "\n".join(found)


def test_allowed_sql_is_still_there() -> None:
    """An allow-list entry whose statement is gone is removed, so the list says only what is true."""
    for (file, words), reason in ALLOWED_SQL.items():
        assert reason, f"{file}: an allowed statement needs its reason"
        assert any(w.startswith(words) for _, w in sql_literals(ROOT / file)), f"{file}: {words!r} is gone"


def test_sql_files_the_read_side_names_exist() -> None:
    """Every sql("name") the read side calls names a file in situation/queries/sql/ (a typo would
    otherwise fail only when that page is opened)."""
    sql_dir = ROOT / "situation" / "queries" / "sql"
    missing = []
    for path in _python_files(READ_SIDE):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "sql"
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                if not (sql_dir / f"{node.args[0].value}.sql").is_file():
                    missing.append(f"{_rel(path)}:{node.lineno}: {node.args[0].value}")
    assert not missing, "\n".join(missing)


# --- one-way imports ---------------------------------------------------------------------------------


def imported_modules(path: Path, root: Path = ROOT) -> set[str]:
    """Every module `path` imports, at the top or inside a function, as dotted names (a relative
    import resolved against the file's own package under `root`)."""
    package = path.relative_to(root).as_posix().removesuffix(".py").split("/")[:-1]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package[: len(package) - node.level + 1], *([base] if base else [])])
            out.add(base)
            # `from situation import display` imports situation.display: count the names too.
            out.update(f"{base}.{a.name}" for a in node.names)
    return out


def _starts(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


# (folder whose files are checked, module prefixes they must never import, why)
RULES = [
    ("situation", ("streamlit", "pages", "dashboard"), "the read side runs without Streamlit (briefing CLI, tests)"),
    ("situation/queries", ("situation.display", "situation.briefing", "situation.shell"),
     "queries sit below presentation, briefing and the shell"),
    ("situation/display", ("situation.briefing", "situation.shell"), "display sits below briefing and the shell"),
    ("etl", ("situation", "pages", "dashboard", "streamlit"), "the write side never depends on the read side"),
]


# (file, module prefix) → why that file may import it against its folder's rule.
ALLOWED_IMPORTS: dict[tuple[str, str], str] = {
    ("situation/shell/serve.py", "streamlit.web"):
        "the safe launcher starts Streamlit's server through its command line after its checks; it draws nothing",
}


def _allowed(path: Path, module: str) -> bool:
    return any(_rel(path) == f and _starts(module, m) for f, m in ALLOWED_IMPORTS)


@pytest.mark.parametrize(("folder", "forbidden", "why"), RULES, ids=[r[0] for r in RULES])
def test_imports_go_one_way(folder: str, forbidden: tuple[str, ...], why: str) -> None:
    files = list(_python_files([ROOT / folder]))
    assert files, f"{folder} holds no Python files: the rule checks nothing"
    bad = sorted(f"{_rel(p)} imports {m}" for p in files for m in imported_modules(p)
                 if any(_starts(m, f) for f in forbidden) and not _allowed(p, m))
    assert not bad, f"{why}:\n" + "\n".join(bad)


def test_allowed_imports_are_still_there() -> None:
    for (file, module), reason in ALLOWED_IMPORTS.items():
        assert reason and any(_starts(m, module) for m in imported_modules(ROOT / file)), f"{file}: {module} is gone"


def test_the_import_scan_sees_function_level_and_relative_imports(tmp_path: Path) -> None:
    probe = tmp_path / "situation" / "queries" / "probe.py"
    probe.parent.mkdir(parents=True)
    probe.write_text("from . import common\n"
                     "def f():\n    import streamlit as st\n    from situation import display\n", encoding="utf-8")
    found = imported_modules(probe, root=tmp_path)
    assert {"situation.queries.common", "streamlit", "situation.display"} <= found


# --- pages ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted((ROOT / "pages").glob("[!_]*.py")), ids=lambda p: p.stem)
def test_every_page_starts_with_page_start(path: Path) -> None:
    """The role check, filters, language and warehouse guard come first, in one place
    (pages/parts/common.page_start): a page cannot draw a figure before them."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    page = next((n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "page"), None)
    assert page is not None, f"{path.name} has no page() function"
    body = [n for n in page.body if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))]  # docstring
    first = body[0]
    call = first.value if isinstance(first, ast.Assign | ast.Expr) else None
    assert isinstance(call, ast.Call) and getattr(call.func, "id", None) == "page_start", \
        f"{path.name}: page() must begin with ctx = page_start(role, title)"
