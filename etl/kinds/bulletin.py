"""Input kind "bulletin": the ministry's prose bulletins (.txt in Kazakh, Russian or English).

The figures are read by etl.bulletin.extract and stored as headcounts of the pseudo-mission
BULLETIN (city '' = the whole country, line = the sentence's line, note = the sentence) and as
evacuations; sentences with numbers the extractor could not attribute become rejects
'not_understood' with the sentence as raw, so the analyst sees them on the data-health page.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import duckdb

from etl.bulletin import Evacuation, Extraction, extract, statements
from etl.kinds.base import LoadResult, Reject, Unusable, write_rejects
from etl.warehouse import sql_file

MISSION = "BULLETIN"
KIND_NAME = "bulletin"
NOTAM_RE = re.compile(r"\bNOTAM[NRC]?\b|(?:^|\s)[QABCE]\)\s", re.MULTILINE)
CSV_DELIMS = (",", ";", "\t", "|")


def _text(head: bytes) -> str | None:
    if head.startswith(b"PK\x03\x04") or b"\x00" in head[:4096]:
        return None
    try:
        return head.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        if e.start < len(head) - 4:  # only a character cut at the end of the head is forgiven
            return None
        return head[:e.start].decode("utf-8-sig")


def looks_tabular(lines: list[str]) -> bool:
    """A CSV/TSV: the first lines carry the same number (≥ 1) of one delimiter, or one line holds
    many short cells."""
    first = lines[:10]
    for d in CSV_DELIMS:
        counts = [ln.count(d) for ln in first]
        if len(first) >= 2 and min(counts) >= 1 and len(set(counts)) == 1:
            return True
        cells = first[0].split(d)
        if len(cells) >= 4 and max(len(c) for c in cells) <= 25:
            return True
    return False


def sniff_text(text: str) -> bool:
    """Prose naming a country and people, with digits; never NOTAMs, JSON or a table."""
    s = text.lstrip()
    if not s or s[0] in "{[<" or NOTAM_RE.search(text):
        return False
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    # Markdown (tables, code fences) is documentation, not a bulletin.
    if not lines or looks_tabular(lines) or any(ln.startswith(("|", "```")) for ln in lines):
        return False
    words = re.findall(r"[^\W\d_]{2,}", text)
    if len(words) < 10 or len(words) < 5 * len(lines) * 0.5 or not re.search(r"\d", text):
        return False
    digits = sum(c.isdigit() for c in text)
    if digits > len(text) * 0.25:  # mostly numbers: a data dump, not prose
        return False
    from config import reference_dir
    from etl.bulletin import lang as L

    toks = L.words(text)
    places = L.gazetteer(reference_dir()).find(toks)
    if not any(p.iso3 != "KAZ" for p in places):
        return False
    norms = [t.norm for t in toks]
    return any(L.is_people(w) or w.startswith(L.EVAC_PREFIXES) for w in norms)


MAX_BULLETIN_BYTES = 2 * 1024 * 1024  # a bulletin is a page or two of prose, not megabytes


def read_text(path: Path) -> str:
    size = path.stat().st_size
    if size > MAX_BULLETIN_BYTES:
        raise Unusable(f"the text is {size / 1e6:.1f} MB; a bulletin is at most {MAX_BULLETIN_BYTES // 2**20} MiB of "
                       "prose — split it, or send the figures as a headcount report")
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:  # UTF-8 at the head, something else further on: as `etl extract` reads it
        return raw.decode("cp1251", errors="replace")


def _loaded_at(con: duckdb.DuckDBPyConnection, source_id: int) -> dt.datetime:
    return con.execute(sql_file("load", "source_loaded_at.sql"), [source_id]).fetchone()[0]


def store(con: duckdb.DuckDBPyConnection, ex: Extraction, source_id: int) -> LoadResult:
    """Insert an extraction's figures, evacuations and not-understood sentences (caller's transaction)."""
    if ex.as_of is None:
        raise Unusable("the bulletin carries no date; run `python -m etl extract FILE --as-of 2026-03-04T10:00+05:00` "
                       "and load the report it writes to data/inbox/")
    if ex.as_of > _loaded_at(con, source_id) + dt.timedelta(minutes=10):
        raise Unusable(f"the bulletin's date {ex.as_of:%Y-%m-%d %H:%M} UTC is in the future; check the date")
    if ex.figures:  # executemany refuses an empty list: a bulletin may hold no figure at all
        con.executemany(
            sql_file("bulletin", "bulletin_headcounts_insert.sql"),
            [(ex.as_of, f.country_iso3, f.category, f.count, f.approximate, MISSION, source_id, f.line, f.sentence)
             for f in ex.figures])
    ids: dict[int, int] = {}
    rows = []
    for e in ex.evacuations:
        ids[e.line] = ids.get(e.line, 0) + 1
        evac_id = f"{source_id}-{e.line}" + (f"-{ids[e.line]}" if ids[e.line] > 1 else "")
        rows.append((evac_id, ex.as_of, e.from_iso3, e.from_city, e.via_iso3, e.to_iso3 or "KAZ", e.people,
                     evacuation_note(e), source_id, e.line))
    if rows:
        con.executemany(sql_file("bulletin", "bulletin_evacuations_insert.sql"), rows)
    stated = statements.insert(con, source_id, [(ex.as_of, st) for st in statements.of_extraction(ex)])
    rejects = [Reject(n.line, None, "not_understood",
                      f"number(s) {', '.join(n.numbers)} not understood ({n.reason}); if it is a figure, enter it "
                      "in a headcount report by hand", n.sentence) for n in ex.not_understood]
    write_rejects(con, source_id, rejects)
    totals = "; ".join(f"{'about ' if t.approximate else ''}{t.count} in total (line {t.line})" for t in ex.totals)
    note = f"bulletin ({ex.lang}) as of {ex.as_of:%Y-%m-%d %H:%M} UTC" + (f"; stated totals: {totals}" if totals else "")
    return LoadResult(len(ex.figures) + len(rows) + stated, len(rejects), note=note)


def evacuation_note(e: Evacuation) -> str:
    """The evacuation's note, the same whether loaded from the text or from the reviewed report. The
    table needs a destination; one the bulletin does not name is stored as home (KAZ) and says so."""
    return f"bulletin: {e.sentence}" + ("" if e.to_iso3 else " [destination not stated; shown as Kazakhstan]")


class BulletinKind:
    name = KIND_NAME

    def sniff(self, head: bytes, path: Path) -> bool:
        text = _text(head)
        return text is not None and (statements.is_report(text) or sniff_text(text))

    def load(self, con: duckdb.DuckDBPyConnection, path: Path, source_id: int) -> LoadResult:
        text = read_text(path)
        if statements.is_report(text):  # the plans and totals `etl extract` wrote for review
            return statements.load_report(con, text, source_id)
        return store(con, extract(text), source_id)

    def derive(self, con: duckdb.DuckDBPyConnection) -> None:
        # A headcount report written by `python -m etl extract` and loaded after review holds only
        # BULLETIN rows: it is a bulletin's figures, and the sources table says so.
        con.execute(sql_file("bulletin", "bulletin_sources_kind_update.sql"), [KIND_NAME, MISSION])


KIND = BulletinKind()
