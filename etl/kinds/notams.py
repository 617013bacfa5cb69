"""Input kind "notams": ICAO NOTAM text files and NOTAM JSON (FAA API, icaoMessage records).

load() streams the file through etl.airspace.notam in batches and inserts each batch with one
columnar INSERT (no per-row SQL: that is what makes 20,000+ NOTAMs/s possible). A NOTAM already in
the warehouse from another file gets only a notam_sources link. derive is the airspace package's
`rebuild_airspace` (classification, replacement chains, `airspace` with analysts' rows); the
status_sheet kind names the same function, so a load runs it once however many of both it adds.
"""
from __future__ import annotations

import gc
import json
import operator
import re
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow as pa

from etl.airspace.notam import Notam, TextParser, parse_json
from etl.airspace.rebuild import rebuild_airspace
from etl.kinds.base import LoadResult, Reject, write_rejects
from etl.warehouse import sql_file

BATCH = 20_000
TEXT_SNIFF_RE = re.compile(rb"(?<![A-Z0-9/])[A-Z]\d{1,4}/\d{2}\s?NOTAM[NRC]\b")
ITEM_SNIFF_RE = re.compile(rb"(?:^|\s)[QABE]\)")

COLUMNS = ("notam_id", "fir", "qcode", "valid_from", "valid_to", "permanent", "text", "raw", "series",
           "number", "year", "kind", "replaces", "estimated_end", "subject", "condition", "traffic",
           "purpose", "scope", "locations", "lat", "lon", "radius_nm", "lower", "upper", "item_f",
           "item_g", "schedule", "part", "line")
SCHEMA = pa.schema([
    (c, pa.timestamp("us") if c in ("valid_from", "valid_to")
     else pa.bool_() if c in ("permanent", "estimated_end")
     else pa.float64() if c in ("lat", "lon")
     else pa.int64() if c in ("number", "year", "radius_nm", "lower", "upper", "line")
     else pa.list_(pa.string()) if c == "locations" else pa.string())
    for c in COLUMNS
])
_GET = operator.attrgetter(*COLUMNS)


class NotamKind:
    name = "notams"

    def sniff(self, head: bytes, path: Path) -> bool:
        s = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        if s[:1] in (b"{", b"["):
            return b"coreNOTAMData" in head or b'"icaoMessage"' in head
        return TEXT_SNIFF_RE.search(head) is not None and ITEM_SNIFF_RE.search(head) is not None

    def load(self, con: duckdb.DuckDBPyConnection, path: Path, source_id: int) -> LoadResult:
        parser = TextParser()
        first = _first_char(path)
        if first in ("{", "["):
            with open(path, encoding="utf-8-sig") as f:
                records: Iterator[Notam | Reject] = parse_json(json.load(f))
            fmt = "JSON"
        else:
            f = open(path, encoding="utf-8", errors="replace", newline=None)  # noqa: SIM115 (closed below)
            records, fmt = parser.parse(f), "text"
        # The cyclic GC would rescan every batch of fresh NOTAM objects many times over (≈10 % of
        # a large load) while they cannot form cycles; it is switched back on at the end.
        gc_was_on = gc.isenabled()
        gc.disable()
        loaded = dup = 0
        rejects: list[Reject] = []
        seen: set[str] = set()  # ids read from this file: multi-part NOTAMs repeat their id
        batch: dict[str, Notam] = {}
        try:
            for r in records:
                if isinstance(r, Reject):
                    rejects.append(r)
                    continue
                loaded += 1
                if r.notam_id in batch:  # a later part of a multi-part NOTAM: its text continues
                    batch[r.notam_id].text += " " + r.text
                    continue
                if r.notam_id in seen:
                    dup += 1
                    continue
                seen.add(r.notam_id)
                batch[r.notam_id] = r
                if len(batch) >= BATCH:
                    _insert(con, batch.values(), source_id)
                    batch = {}
            _insert(con, batch.values(), source_id)
        finally:
            if fmt == "text":
                f.close()
            if gc_was_on:
                gc.enable()
        write_rejects(con, source_id, rejects)
        new = con.execute(sql_file("airspace", "notams_new_in_source.sql"), [source_id]).fetchone()[0]
        known = len(seen) - new
        note = f"{fmt}: {new} new NOTAMs" + (f", {known} already known from other files (linked)" if known else "")
        return LoadResult(loaded, len(rejects), note=note, is_sample=parser.is_sample)

    # The same function object as the status_sheet kind's: etl.load runs each derive step once.
    derive = staticmethod(rebuild_airspace)


def _first_char(path: Path) -> str:
    with open(path, "rb") as f:
        return f.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")[:1].decode("latin-1")


def _insert(con: duckdb.DuckDBPyConnection, notams, source_id: int) -> None:
    notams = list(notams)
    if not notams:
        return
    columns = zip(*map(_GET, notams))  # one C-level attrgetter per NOTAM, then transpose
    con.register("notam_batch", pa.Table.from_arrays([pa.array(c, t) for c, t in zip(columns, SCHEMA.types)], schema=SCHEMA))
    try:
        con.execute(sql_file("airspace", "notams_insert_new.sql"), {"sid": source_id})
        con.execute(sql_file("airspace", "notam_sources_link.sql"), {"sid": source_id})
    finally:
        con.unregister("notam_batch")


KIND = NotamKind()
