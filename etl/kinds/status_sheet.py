"""Input kind "status_sheet": the analysts' airspace status sheet (CSV or XLSX).

One row per country (or FIR) and period: what the crisis centre learned elsewhere than from
NOTAMs (airline notices, embassy calls, news). Rows land in `airspace_manual` and win over the
NOTAM-derived status for their interval (see etl/airspace/timeline.py). Headers in English or
Russian/Kazakh; the file is recognised by its header row, never its name.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

import duckdb

from etl import tabular
from etl.airspace.rebuild import rebuild_airspace
from etl.kinds.base import LoadResult, Reject, write_rejects
from etl.tabular import Column, TableSpec
from etl.warehouse import sql_file

SPEC = TableSpec("status_sheet", (
    Column("country", ("страна", "ел", "мемлекет", "country_or_fir", "area")),
    Column("fir", ("рпи", "fir_code", "ұаа")),
    Column("status", ("статус", "состояние", "airspace_status", "мәртебе", "жағдайы"), required=True),
    # "from"/"to" in the sheet; named valid_from/valid_to here because FROM and TO are SQL words.
    Column("valid_from", ("from", "с", "от", "начало", "since", "бастап", "басы"), required=True),
    Column("valid_to", ("to", "по", "до", "конец", "until", "дейін", "соңы")),
    Column("note", ("примечание", "комментарий", "ескерту")),
    Column("source", ("источник", "дереккөз")),
))

# Status words accepted in the sheet, by language; anything else is rejected with this list.
STATUS_WORDS = {
    "open": "open", "opened": "open", "открыт": "open", "открыто": "open", "открыта": "open", "ашық": "open",
    "restricted": "restricted", "partial": "restricted", "ограничен": "restricted", "ограничено": "restricted",
    "ограничена": "restricted", "частично": "restricted", "шектеулі": "restricted",
    "closed": "closed", "закрыт": "closed", "закрыто": "closed", "закрыта": "closed", "жабық": "closed",
}


class StatusSheetKind:
    name = "status_sheet"

    def sniff(self, head: bytes, path: Path) -> bool:
        if not tabular.sniff(head, path, SPEC):
            return False
        found = tabular.find_csv_header(head.decode("utf-8", "replace"), SPEC)
        # A status sheet names where (country or FIR); the generic "status"/"from" alone is not enough.
        return found is None or bool({"country", "fir"} & set(found[2].values()))

    def load(self, con: duckdb.DuckDBPyConnection, path: Path, source_id: int) -> LoadResult:
        staged = tabular.stage(con, path, SPEC)
        con.execute(sql_file("stage", "status_checked.sql"))
        known_firs = {r[0] for r in con.execute(sql_file("stage", "known_firs.sql")).fetchall()}
        good: list[tuple] = []
        rejects: list[Reject] = list(staged.structural)
        for row in con.execute(sql_file("stage", "status_checked_rows.sql")).fetchall():
            judged = _judge(_Checked._make(row), known_firs, source_id)
            if isinstance(judged, Reject):
                rejects.append(judged)
            else:
                good.append(judged)
        if good:
            con.executemany(sql_file("store", "airspace_manual_insert.sql"), good)
        write_rejects(con, source_id, rejects)
        con.execute(sql_file("stage", "status_checked_drop.sql"))
        tabular.drop_stage(con)  # the stage may be a view or a table: tabular knows which
        return LoadResult(len(good), len(rejects), is_sample=staged.is_sample)

    derive = staticmethod(rebuild_airspace)  # the notams kind's too: etl.load runs it once per load


class _Checked(NamedTuple):
    """One row of status_checked (sql/stage/status_checked.sql)."""

    line: int
    raw: str
    word: str | None  # the status as written, lower case
    fir: str | None
    iso3: str | None
    country_raw: str | None
    start: dt.datetime | None
    end: dt.datetime | None
    to_raw: str | None  # 'to' as written: empty means until further notice
    note: str | None
    source: str | None


def _judge(row: _Checked, known_firs: set[str], source_id: int) -> tuple | Reject:
    """The row for airspace_manual, or the reject saying what to fix."""
    status = STATUS_WORDS.get(row.word or "")
    problem = _problem(row, status, known_firs)
    if problem:
        return Reject(row.line, *problem, row.raw)
    return (None if row.fir else row.iso3, row.fir, status, row.start, row.end, row.note, row.source, source_id,
            row.line)


def _problem(row: _Checked, status: str | None, known_firs: set[str]) -> tuple[str, str, str] | None:
    """(column, code, reason) of the first thing wrong with a checked row, or None."""
    if status is None:
        return ("status", "bad_status", (f"status {row.word!r} is not one of open, restricted, closed "
                                         "(открыт, ограничен, закрыт / ашық, шектеулі, жабық)"))
    if row.fir is None and row.iso3 is None:
        return ("country", "unknown_country", (f"country {row.country_raw!r} is not known: use the name "
                                               "or ISO code as in data/reference/countries.csv, or a FIR code"))
    if row.fir is not None and row.fir not in known_firs:
        return ("fir", "unknown_fir", f"FIR {row.fir} is not in data/reference/firs.csv")
    if row.start is None:
        return ("from", "bad_time", "'from' is not a date and time such as 2026-03-04 09:00 (UTC)")
    if row.to_raw and row.end is None:
        return ("to", "bad_time", "'to' is not a date and time; leave it empty for 'until further notice'")
    if row.end is not None and row.end <= row.start:
        return ("to", "end_before_start", "'to' is not after 'from'")
    return None


KIND = StatusSheetKind()
