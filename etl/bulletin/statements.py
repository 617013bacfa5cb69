"""Planned movements and region-wide figures a bulletin states, kept in `bulletin_statements` for
the analyst — never a country's headcount, never an evacuation.

Two ways in, the same rows: `store` from an extraction (`etl load` of the bulletin's text), and a
reviewed report written by `etl extract` (`<name>.bulletin-statements.csv`, its header below),
loaded row by row with a reason for each row it cannot take.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

import duckdb

from etl.bulletin.model import Extraction
from etl.bulletin.numbers import parse_as_of
from etl.kinds.base import LoadResult, Reject, write_rejects
from etl.kinds.validation import loaded_at
from etl.warehouse import sql_file

HEADER = ["statement", "as_of", "from_country", "from_city", "via", "to_country", "people", "approximate", "note"]
STATEMENTS = ("plan", "total_present", "total_evacuated", "total_planned")
MAX_ROWS = 100_000  # a reviewed report holds a bulletin's statements: a few, never millions


@dataclass(frozen=True)
class Statement:
    statement: str
    from_iso3: str | None
    from_city: str | None
    via_iso3: str | None
    to_iso3: str | None
    people: int
    approximate: bool
    note: str
    line: int


def of_extraction(ex: Extraction) -> list[Statement]:
    out = [Statement("plan", p.from_iso3, p.from_city, p.via_iso3, p.to_iso3, p.people, p.approximate,
                     p.sentence, p.line) for p in ex.plans]
    out += [Statement(f"total_{t.what}", None, None, None, None, t.count, t.approximate, t.sentence, t.line)
            for t in ex.totals]
    return out


def insert(con: duckdb.DuckDBPyConnection, source_id: int, rows: list[tuple[dt.datetime, Statement]]) -> int:
    """Insert (as_of, statement) pairs; returns how many."""
    if rows:  # executemany refuses an empty list: a bulletin may state no plan and no total
        con.executemany(sql_file("bulletin", "bulletin_statements_insert.sql"),
                        [(source_id, r.line, r.statement, as_of, r.from_iso3, r.from_city, r.via_iso3, r.to_iso3,
                          r.people, r.approximate, r.note) for as_of, r in rows])
    return len(rows)


def report(ex: Extraction) -> str:
    """The statements as a CSV for review; `etl load` takes it back unchanged or edited."""
    buf = io.StringIO()
    buf.write("# Planned movements and region-wide figures read from a ministry bulletin by `python -m etl "
              "extract`: listed for the analyst, never a country's figure. statement: "
              + " | ".join(STATEMENTS) + "; countries as ISO codes; as_of in UTC.\n")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(HEADER)
    for r in of_extraction(ex):
        w.writerow([r.statement, ex.as_of.strftime("%Y-%m-%d %H:%M") if ex.as_of else "", r.from_iso3 or "",
                    r.from_city or "", r.via_iso3 or "", r.to_iso3 or "", r.people,
                    "yes" if r.approximate else "no", r.note])
    return buf.getvalue()


def _first_line(text: str) -> tuple[int, str] | None:
    for i, ln in enumerate(text.splitlines()):
        if ln.strip() and not ln.lstrip().startswith("#"):
            return i, ln.strip()
    return None


def is_report(text: str) -> bool:
    first = _first_line(text)
    return bool(first and [c.strip().lower() for c in first[1].split(",")] == HEADER)


def load_report(con: duckdb.DuckDBPyConnection, text: str, source_id: int) -> LoadResult:
    first = _first_line(text)
    assert first is not None  # is_report held
    known = {r[0] for r in con.execute(sql_file("bulletin", "known_countries.sql")).fetchall()}
    latest = loaded_at(con, source_id) + dt.timedelta(minutes=10)
    lines = text.splitlines()[first[0] + 1:]
    good: list[tuple[dt.datetime, Statement]] = []
    rejects: list[Reject] = []
    for n, cells in enumerate(csv.reader(lines[:MAX_ROWS]), start=first[0] + 2):
        if not cells or not "".join(cells).strip() or cells[0].lstrip().startswith("#"):
            continue
        raw = ",".join(cells)
        row = dict(zip(HEADER, [c.strip() for c in cells] + [""] * (len(HEADER) - len(cells))))
        problem = _check(row, known, latest)
        if problem:
            rejects.append(Reject(n, problem[0], problem[1], problem[2], raw))
            continue
        good.append((parse_as_of(row["as_of"]), Statement(
            row["statement"], row["from_country"].upper() or None, row["from_city"] or None,
            row["via"].upper() or None, row["to_country"].upper() or None,
            int(row["people"].replace(" ", "")), row["approximate"].lower() in ("yes", "true", "1", "да", "иә"),
            row["note"], n)))
    if len(lines) > MAX_ROWS:
        rejects.append(Reject(MAX_ROWS + first[0] + 2, None, "too_many_rows",
                              f"more than {MAX_ROWS} statements; a bulletin's report holds a few", ""))
    insert(con, source_id, good)
    write_rejects(con, source_id, rejects)
    return LoadResult(len(good), len(rejects), note="bulletin statements (plans, region-wide figures), reviewed")


def _check(row: dict[str, str], known: set[str], latest: dt.datetime) -> tuple[str, str, str] | None:
    """(column, code, what to fix) for a row that cannot be taken, else None."""
    if row["statement"] not in STATEMENTS:
        return ("statement", "bad_statement", f'statement "{row["statement"]}" is not one of {", ".join(STATEMENTS)}')
    try:
        as_of = parse_as_of(row["as_of"])
    except ValueError:
        return ("as_of", "bad_date", f'as_of "{row["as_of"]}" is not a date; write e.g. 2026-03-04 10:00 (UTC)')
    if as_of > latest:
        return ("as_of", "future_date", f"as_of {as_of:%Y-%m-%d %H:%M} is in the future; check the date and the zone")
    for col in ("from_country", "via", "to_country"):
        if row[col] and row[col].upper() not in known:
            return (col, "unknown_country", f'{col} "{row[col]}" is not an ISO code (e.g. QAT, OMN, KAZ)')
    people = row["people"].replace(" ", "")
    if not people.isdigit() or int(people) > 2_147_483_647:
        return ("people", "not_a_count", f'people "{row["people"]}" is not a whole number ≥ 0')
    return None
