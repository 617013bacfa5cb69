"""`python -m etl extract FILE [--as-of TIME] [--lang kk|ru|en]`: read a ministry bulletin, print
what was found and write it as a headcount report (mission BULLETIN) to data/inbox/ for review.

Exit codes: 0 every number was understood; 1 some sentences need the analyst (listed, and kept
as comments in the report); 2 usage error (no such file, no date and no --as-of off a terminal).
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import sys
from pathlib import Path

import config
from etl.bulletin import Extraction, extract, statements
from etl.bulletin.numbers import parse_as_of
from etl.kinds.bulletin import MISSION, evacuation_note

HEADCOUNT_COLUMNS = ["as_of", "mission", "country", "city", "category", "citizens", "approximate", "note"]
EVACUATION_COLUMNS = ["date", "from_country", "from_city", "via", "to_country", "people", "mode", "note"]
MAX_COMMENTS = 40  # the loader looks for the header in a file's first 50 lines


def add_parser(sub) -> None:
    ex = sub.add_parser("extract", help="read a ministry bulletin (kk/ru/en prose) into a headcount report for review")
    ex.add_argument("file", type=Path)
    ex.add_argument("--as-of", dest="as_of", help="moment the figures describe when the bulletin has no date "
                    "(e.g. 2026-03-04T10:00+05:00; no offset = UTC)")
    ex.add_argument("--lang", choices=("kk", "ru", "en"), help="the bulletin's language (detected when not given)")


def run(args: argparse.Namespace) -> int:
    path: Path = args.file
    if not path.is_file():
        print(f"error: {path}: no such file", file=sys.stderr)
        return 2
    given = None
    if args.as_of:
        try:
            given = parse_as_of(args.as_of)
        except ValueError as e:
            print(f"error: --as-of: {e}", file=sys.stderr)
            return 2
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1251")  # Russian/Kazakh Windows editors still save .txt this way
    ex = extract(text, lang=args.lang, as_of=given)
    if ex.as_of is None:
        ex.as_of = _ask_as_of()
        if ex.as_of is None:
            return 2
    print(render(ex, path.name))
    inbox = config.data_dir() / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    written = []
    if ex.figures:
        out = inbox / f"{path.stem}.bulletin.csv"
        out.write_text(headcount_report(ex, path.name), encoding="utf-8")
        written.append(out)
    if ex.evacuations:
        out = inbox / f"{path.stem}.bulletin-evacuations.csv"
        out.write_text(evacuation_report(ex), encoding="utf-8")
        written.append(out)
    if ex.plans or ex.totals:
        out = inbox / f"{path.stem}.bulletin-statements.csv"
        out.write_text(statements.report(ex), encoding="utf-8")
        written.append(out)
    for w in written:
        print(f"wrote {w} — review it, then `python -m etl load`")
    if not written:
        print("no figures found; nothing written")
    return 1 if ex.not_understood else 0


def _ask_as_of() -> dt.datetime | None:
    if not sys.stdin.isatty():
        print("error: the bulletin carries no date; pass --as-of (e.g. --as-of 2026-03-04T10:00+05:00)",
              file=sys.stderr)
        return None
    while True:
        try:
            answer = input("The bulletin has no date. As of (e.g. 2026-03-04 10:00, UTC; or with +05:00): ")
        except EOFError:
            return None
        try:
            return parse_as_of(answer)
        except ValueError as e:
            print(e)


def _fmt_time(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%d %H:%M")


def _clip(s: str, n: int = 90) -> str:
    return s if len(s) <= n else s[:n - 1] + "…"


def render(ex: Extraction, name: str) -> str:
    """The review table printed on the terminal."""
    as_of = _fmt_time(ex.as_of) + " UTC" if ex.as_of else "?"
    src = f' (from "{ex.as_of_text}")' if ex.as_of_text else " (given)"
    lines = [f"{name}: language {ex.lang}, as of {as_of}{src}", ""]
    lines.append(f"{'line':>4}  {'country':7} {'count':>6} {'~':1}  {'category':16} sentence")
    for f in ex.figures:
        lines.append(f"{f.line:>4}  {f.country_iso3:7} {f.count:>6} {'~' if f.approximate else ' '}  "
                     f"{'+'.join(f.categories) or '-':16} {_clip(f.sentence)}")
    if not ex.figures:
        lines.append("      (no figures)")
    moves = (("evacuated:", ex.evacuations), ("PLANNED — announced, not a fact (listed for the analyst):", ex.plans))
    for title, items in moves:
        if not items:
            continue
        lines += ["", title, f"{'line':>4}  {'from':16} {'via':5} {'to':5} {'people':>6}  sentence"]
        for e in items:
            frm = (e.from_iso3 or "?") + (f" {e.from_city}" if e.from_city else "")
            lines.append(f"{e.line:>4}  {frm:16} {e.via_iso3 or '-':5} {e.to_iso3 or '?':5} {e.people:>6}"
                         f"{'~' if e.approximate else ' '} {_clip(e.sentence)}")
    for t in ex.totals:
        lines.append(f"\nregion-wide total, {t.what} (not a country's figure), line {t.line}: "
                     f"{'about ' if t.approximate else ''}{t.count} — {_clip(t.sentence)}")
    if ex.not_understood:
        lines += ["", "NOT UNDERSTOOD — read these sentences yourself:"]
        for n in ex.not_understood:
            lines.append(f"{n.line:>4}  {', '.join(n.numbers)}: {n.reason}\n      {n.sentence}")
    if ex.asides:
        lines += ["", "numbers set aside: " + "; ".join(f"{a.number} ({a.reason})" for a in ex.asides)]
    return "\n".join(lines)


def _comment(s: str) -> str:
    # A comment naming SAMPLE would mark the whole report as sample data (etl/tabular.py).
    return "# " + " ".join(s.split()).replace("SAMPLE", "Sample").replace("sample", "samp1e")


def headcount_report(ex: Extraction, name: str) -> str:
    buf = io.StringIO()
    buf.write(_comment(f"Figures read from the ministry bulletin {name} by `python -m etl extract` "
                       f"(language {ex.lang}); review before loading.") + "\n")
    for n in ex.not_understood[:MAX_COMMENTS]:
        buf.write(_comment(f"not understood, line {n.line}: {', '.join(n.numbers)} ({n.reason}): {n.sentence}") + "\n")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(HEADCOUNT_COLUMNS)
    for f in ex.figures:
        w.writerow([_fmt_time(ex.as_of), MISSION, f.country_iso3, "", f.category, f.count,
                    "yes" if f.approximate else "no", f.sentence])
    return buf.getvalue()


def evacuation_report(ex: Extraction) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    buf.write(_comment("Evacuations read from a ministry bulletin by `python -m etl extract`; the date is the "
                       "bulletin's; a destination the bulletin does not name is written as KAZ (home).") + "\n")
    w.writerow(EVACUATION_COLUMNS)
    for e in ex.evacuations:
        w.writerow([_fmt_time(ex.as_of), e.from_iso3, e.from_city or "", e.via_iso3 or "", e.to_iso3 or "KAZ",
                    e.people, "", evacuation_note(e)])
    return buf.getvalue()
