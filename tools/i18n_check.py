"""Check that every message key used in code is translated in kk, ru and en.

    python tools/i18n_check.py            # report; exit 1 on missing/empty/placeholder problems
    python tools/i18n_check.py --strict   # also fail on catalog keys no code uses
    python tools/i18n_check.py --update   # add missing keys with an empty msgstr to each catalog

Keys are found with `ast` in dashboard.py, pages/, situation/ and etl/: the first argument of any
call to `t(...)` / `i18n.t(...)` / `N_(...)` when it is a string literal. An f-string such as
t(f"status.{s}") counts as using every key under "status." (enum-like families), so dynamic keys
do not show up as unused. A literal that is not key-shaped ("Overview") is an error: pages must
use symbolic keys. ast rather than Babel's extractor because the extractor skips f-strings.
"""
from __future__ import annotations

import argparse
import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from situation.i18n import LANGS, is_key, placeholders

SCAN = ("dashboard.py", "pages", "situation", "etl")
FUNCS = {"t", "N_"}


@dataclass
class Usage:
    keys: dict[str, list[str]] = field(default_factory=dict)       # key → ["file:line", ...]
    prefixes: dict[str, list[str]] = field(default_factory=dict)   # "status." → places
    bad: list[tuple[str, str]] = field(default_factory=list)       # (literal, place)
    skipped: list[str] = field(default_factory=list)               # files that did not parse


def _py_files(root: Path) -> Iterator[Path]:
    for name in SCAN:
        p = root / name
        if p.is_file():
            yield p
        elif p.is_dir():
            yield from sorted(q for q in p.rglob("*.py") if "__pycache__" not in q.parts)


def _called_name(node: ast.Call) -> str | None:
    f = node.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None


def _collect(arg: ast.expr, place: str, usage: Usage) -> None:
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        if is_key(arg.value):
            usage.keys.setdefault(arg.value, []).append(place)
        else:
            usage.bad.append((arg.value, place))
    elif isinstance(arg, ast.IfExp):
        _collect(arg.body, place, usage)
        _collect(arg.orelse, place, usage)
    elif isinstance(arg, ast.JoinedStr) and arg.values:
        head = arg.values[0]
        if isinstance(head, ast.Constant) and isinstance(head.value, str) and "." in head.value:
            usage.prefixes.setdefault(head.value, []).append(place)
    elif isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Add):
        left = arg.left
        if isinstance(left, ast.Constant) and isinstance(left.value, str) and "." in left.value:
            usage.prefixes.setdefault(left.value, []).append(place)


def scan(root: Path) -> Usage:
    """Every key (and key family) the code under `root` asks for."""
    usage = Usage()
    for path in _py_files(root):
        rel = path.relative_to(root).as_posix()
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
        except (SyntaxError, UnicodeDecodeError):
            usage.skipped.append(rel)
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and node.args and _called_name(node) in FUNCS:
                _collect(node.args[0], f"{rel}:{node.lineno}", usage)
    return usage


def _po_path(root: Path, lang: str) -> Path:
    return root / "locales" / lang / "LC_MESSAGES" / "messages.po"


def load(root: Path, lang: str):  # -> babel.messages.catalog.Catalog
    """All of a language's .po files merged (messages.po and one file per area)."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    merged = Catalog(locale=lang, project="Situation Room", fuzzy=False)
    merged.duplicates = []  # type: ignore[attr-defined]
    for path in sorted(_po_path(root, lang).parent.glob("*.po")):
        with path.open("rb") as fh:
            cat = read_po(fh, locale=lang, ignore_obsolete=True)
        for msg in cat:
            if not msg.id:
                continue
            if msg.id in merged:
                merged.duplicates.append(f"{msg.id} ({path.name})")  # type: ignore[attr-defined]
            merged[msg.id] = msg
    return merged


def _load_main(root: Path, lang: str):
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    path = _po_path(root, lang)
    if not path.exists():
        return Catalog(locale=lang, project="Situation Room", fuzzy=False)
    with path.open("rb") as fh:
        return read_po(fh, locale=lang, ignore_obsolete=True)


def _entries(cat) -> dict[str, str | None]:
    """key → msgstr, None when empty or fuzzy (untranslated)."""
    out: dict[str, str | None] = {}
    for msg in cat:
        if msg.id and isinstance(msg.id, str):
            s = msg.string if isinstance(msg.string, str) else ""
            out[msg.id] = s if s and not msg.fuzzy else None
    return out


def check(root: Path = ROOT, strict: bool = False) -> tuple[list[str], list[str]]:
    """(errors, warnings) as printable lines."""
    usage = scan(root)
    loaded = {lang: load(root, lang) for lang in LANGS}
    cats = {lang: _entries(c) for lang, c in loaded.items()}
    errors: list[str] = [f"DUPLICATE {lang} {d}: a key lives in one .po file only"
                         for lang, c in loaded.items() for d in c.duplicates]
    warnings = [f"SKIPPED {f}: does not parse" for f in usage.skipped]
    for literal, place in usage.bad:
        errors.append(f"NOT-A-KEY {literal!r} at {place}: use a symbolic key like 'page.title'")
    wanted = sorted(set(usage.keys) | set(cats["en"]))
    for lang in LANGS:
        for key in wanted:
            where = ", ".join(usage.keys.get(key, [])[:3]) or "en catalog"
            if key not in cats[lang]:
                errors.append(f"MISSING {lang} {key} (used at {where})")
            elif cats[lang][key] is None:
                errors.append(f"EMPTY {lang} {key}")
    for key in wanted:
        en = cats["en"].get(key)
        if en is None:
            continue
        for lang in LANGS:
            other = cats[lang].get(key)
            if other is not None and placeholders(other) != placeholders(en):
                errors.append(f"PLACEHOLDERS {lang} {key}: {sorted(placeholders(other))} "
                              f"!= en {sorted(placeholders(en))}")
    all_keys = sorted(set().union(*(set(c) for c in cats.values())))
    for key in all_keys:
        if key in usage.keys or any(key.startswith(p) for p in usage.prefixes):
            continue
        (errors if strict else warnings).append(f"UNUSED {key}: in a catalog, not in code")
    return errors, warnings


def update(root: Path = ROOT) -> list[str]:
    """Add keys used in code (or present in en) but absent from a catalog, with empty msgstr."""
    from babel.messages.pofile import write_po

    usage = scan(root)
    en = _entries(load(root, "en"))
    wanted = sorted(set(usage.keys) | set(en))
    added: list[str] = []
    for lang in LANGS:
        cat = _load_main(root, lang)
        have = {m.id for m in load(root, lang) if m.id}
        new = [k for k in wanted if k not in have]
        for key in new:
            notes = [f"used at {p}" for p in usage.keys.get(key, [])[:3]]
            if lang != "en" and en.get(key):
                notes.append(f"en: {en[key]}")
            cat.add(key, "", auto_comments=notes)
            added.append(f"ADDED {lang} {key}")
        if new:
            path = _po_path(root, lang)
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as fh:
                write_po(fh, cat, width=0, sort_output=True, ignore_obsolete=True)
    return added


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--strict", action="store_true", help="unused catalog keys are errors too")
    ap.add_argument("--update", action="store_true", help="add missing keys with empty msgstr")
    ap.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.update:
        for line in update(args.root):
            print(line)
    errors, warnings = check(args.root, strict=args.strict)
    for line in warnings:
        print("warning:", line)
    for line in errors:
        print("error:", line)
    print(f"i18n: {len(errors)} error(s), {len(warnings)} warning(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
