"""Input kind "status_sheet": the analysts' airspace status sheet (CSV or XLSX).

One row per country (or FIR) and period: what the crisis centre learned elsewhere than from
NOTAMs (airline notices, embassy calls, news). Rows land in `airspace_manual` and win over the
NOTAM-derived status for their interval (see etl/airspace/timeline.py). Headers in English or
Russian/Kazakh; the file is recognised by its header row, never its name.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from etl import tabular
from etl.airspace.rebuild import rebuild_airspace
from etl.kinds.base import LoadResult, Reject, write_rejects
from etl.tabular import Column, TableSpec

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

# Everything in SQL, values as parameters: resolve country names through country_aliases,
# a known FIR code in the country column as that FIR, times through the lead's parse_utc macro.
CHECKED_SQL = """
CREATE OR REPLACE TEMP TABLE status_checked AS
SELECT s.line, s.raw, s.note, s.source,
       lower(trim(s.status)) AS status_word,
       -- A FIR code in the country column counts as a FIR only when it is a known FIR: "Oman" is
       -- four letters too, and must stay a country.
       CASE WHEN s.fir IS NOT NULL AND trim(s.fir) <> '' THEN upper(trim(s.fir))
            WHEN upper(trim(coalesce(s.country, ''))) IN (SELECT fir FROM firs) THEN upper(trim(s.country)) END AS fir,
       CASE WHEN upper(trim(coalesce(s.country, ''))) IN (SELECT fir FROM firs) THEN NULL
            ELSE (SELECT min(a.iso3) FROM country_aliases a WHERE a.alias_norm = norm_name(s.country)) END AS iso3,
       nullif(trim(coalesce(s.country, '')), '') AS country_raw,
       parse_utc(s.valid_from) AS valid_from, parse_utc(s.valid_to) AS valid_to,
       nullif(trim(coalesce(s.valid_to, '')), '') AS to_raw
FROM stage s
"""


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
        con.execute(CHECKED_SQL)
        known_firs = {r[0] for r in con.execute("SELECT DISTINCT fir FROM firs").fetchall()}
        good: list[tuple] = []
        rejects: list[Reject] = list(staged.structural)
        rows = con.execute("SELECT line, raw, status_word, fir, iso3, country_raw, valid_from, valid_to, to_raw, "
                           "note, source FROM status_checked ORDER BY line").fetchall()
        for line, raw, word, fir, iso3, country_raw, start, end, to_raw, note, src in rows:
            status = STATUS_WORDS.get(word or "")
            problem = None
            if status is None:
                problem = ("status", "bad_status", (f"status {word!r} is not one of open, restricted, closed "
                                                   "(открыт, ограничен, закрыт / ашық, шектеулі, жабық)"))
            elif fir is None and iso3 is None:
                problem = ("country", "unknown_country", (f"country {country_raw!r} is not known: use the name "
                                                           "or ISO code as in data/reference/countries.csv, or a FIR code"))
            elif fir is not None and fir not in known_firs:
                problem = ("fir", "unknown_fir", f"FIR {fir} is not in data/reference/firs.csv")
            elif start is None:
                problem = ("from", "bad_time", "'from' is not a date and time such as 2026-03-04 09:00 (UTC)")
            elif to_raw and end is None:
                problem = ("to", "bad_time", "'to' is not a date and time; leave it empty for 'until further notice'")
            elif end is not None and end <= start:
                problem = ("to", "end_before_start", "'to' is not after 'from'")
            if problem:
                rejects.append(Reject(line, problem[0], problem[1], problem[2], raw))
            else:
                good.append((None if fir else iso3, fir, status, start, end, note, src, source_id, line))
        if good:
            con.executemany("INSERT INTO airspace_manual (country_iso3, fir, status, valid_from, valid_to, note, "
                            "source, source_id, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", good)
        write_rejects(con, source_id, rejects)
        con.execute("DROP TABLE IF EXISTS status_checked")
        tabular.drop_stage(con)  # the stage may be a view or a table: tabular knows which
        return LoadResult(len(good), len(rejects), is_sample=staged.is_sample)

    derive = staticmethod(rebuild_airspace)  # the notams kind's too: etl.load runs it once per load


KIND = StatusSheetKind()
