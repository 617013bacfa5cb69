"""Input kind "notams": ICAO NOTAM text files and NOTAM JSON (FAA API, icaoMessage records).

load() streams the file through etl.notam in batches and inserts each batch with one columnar
INSERT (no per-row SQL: that is what makes 20,000+ NOTAMs/s possible). A NOTAM already in the
warehouse from another file gets only a notam_sources link. derive() classifies new NOTAMs,
applies replacement/cancellation to every NOTAM and rebuilds `airspace` (with analysts' rows).
"""
from __future__ import annotations

import gc
import json
import operator
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import duckdb
import pyarrow as pa

from config import setting
from etl.airspace_rules import classify
from etl.airspace_timeline import (
    Effect,
    Interval,
    country_intervals,
    coverage,
    effective_ends,
    fir_intervals,
    with_coverage,
)
from etl.kinds.base import LoadResult, Reject, write_rejects
from etl.notam import Notam, TextParser, parse_json
from etl.notam_schedule import windows

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
INSERT_NEW = (
    f"INSERT INTO notams ({', '.join(COLUMNS)}, source_id) "  # noqa: S608 — column names from the module's own tuple
    f"SELECT {', '.join('b.' + c for c in COLUMNS)}, $sid FROM notam_batch b "
    "WHERE NOT EXISTS (SELECT 1 FROM notams n WHERE n.notam_id = b.notam_id)"
)
AIRSPACE_COLUMNS = ("level", "country_iso3", "fir", "status", "valid_from", "valid_to", "estimated_end", "source_id",
                    "notam_ids", "rule", "manual", "overrun_since")
# Columnar insert of the rebuilt intervals (tens of thousands on a large feed): one statement.
INSERT_AIRSPACE = (f"INSERT INTO airspace ({', '.join(AIRSPACE_COLUMNS)}) "  # noqa: S608 — column names from the module's own tuple
                   f"SELECT {', '.join(AIRSPACE_COLUMNS)} FROM airspace_rows")
INSERT_LINKS = ("INSERT INTO notam_sources (notam_id, source_id, line) SELECT notam_id, $sid, line FROM notam_batch b "
                "WHERE NOT EXISTS (SELECT 1 FROM notam_sources s WHERE s.notam_id = b.notam_id AND s.source_id = $sid)")


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
        new = con.execute("SELECT count(*) FROM notams WHERE source_id = ?", [source_id]).fetchone()[0]
        known = len(seen) - new
        note = f"{fmt}: {new} new NOTAMs" + (f", {known} already known from other files (linked)" if known else "")
        return LoadResult(loaded, len(rejects), note=note, is_sample=parser.is_sample)

    def derive(self, con: duckdb.DuckDBPyConnection) -> None:
        rebuild_airspace(con)


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
        con.execute(INSERT_NEW, {"sid": source_id})
        con.execute(INSERT_LINKS, {"sid": source_id})
    finally:
        con.unregister("notam_batch")


@dataclass
class _Row:
    notam_id: str
    kind: str
    text: str
    qcode: str | None
    subject: str | None
    radius_nm: int | None


def _expand(fir: str, locations: list[str] | None) -> list[str]:
    """Q) "LTXX" (nationality letters + XX) means several FIRs, listed in A)."""
    if fir.endswith("XX") and locations:
        return [x for x in locations if len(x) == 4] or [fir]
    return [fir]


def stale_after() -> timedelta:
    """SITROOM_AIRSPACE_STALE_HOURS as a timedelta (a bad value falls back to the default)."""
    try:
        hours = float(setting("SITROOM_AIRSPACE_STALE_HOURS"))
    except ValueError:
        hours = 168.0
    return timedelta(hours=max(hours, 1.0))


def _ensure_airspace_table(con: duckdb.DuckDBPyConnection) -> None:
    """`airspace` is derived (rebuilt on every load), so a warehouse built before the `unknown`
    status and `overrun_since` existed simply gets the table recreated from its DDL."""
    cols = {r[0] for r in con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = 'airspace'").fetchall()}
    if "overrun_since" not in cols:
        con.execute("DROP TABLE IF EXISTS airspace")
        con.execute((Path(__file__).resolve().parents[1] / "sql" / "schema" / "52_airspace.sql").read_text(encoding="utf-8"))


def rebuild_airspace(con: duckdb.DuckDBPyConnection) -> None:
    """Classify every NOTAM, apply NOTAMR/NOTAMC, and rebuild `airspace` from scratch
    (NOTAM-derived intervals + airspace_manual, `unknown` where a feed went quiet). Idempotent:
    both kinds' derive call it."""
    _ensure_airspace_table(con)
    stale = stale_after()
    fir_countries: dict[str, list[str]] = {}
    for fir, iso3 in con.execute("SELECT fir, iso3 FROM firs ORDER BY rowid").fetchall():
        fir_countries.setdefault(fir, []).append(iso3)
    rows = con.execute("SELECT notam_id, kind, replaces, valid_from, valid_to, text, qcode, subject, radius_nm, "
                       "fir, locations, estimated_end, source_id, schedule FROM notams").fetchall()
    ends = effective_ends((r[0], r[1], r[2], r[3], r[4], r[11]) for r in rows)
    upd: dict[str, list] = {k: [] for k in ("notam_id", "effective_end", "replaced_by", "status", "rule", "country_iso3")}
    effects: dict[str, list[Effect]] = {}
    seen: dict[str, list[tuple]] = {}  # FIR → (start, firm end or None): what vouches for the FIR being known
    for nid, kind, _rep, start, end, text, qcode, subject, radius, fir, locs, est, sid, sched in rows:
        status, rule = classify(_Row(nid, kind, text, qcode, subject, radius))
        eff_end, by = ends.get(nid, (start, None))  # a NOTAMC itself lasts no time
        firs = _expand(fir, locs)
        # A FIR shared by several countries: the first listed in firs.csv (the principal one).
        first = next((fir_countries[f][0] for f in firs if f in fir_countries), None)
        for k, v in zip(upd, (nid, eff_end, by, status, rule, first)):
            upd[k].append(v)
        sets_status = status in ("closed", "restricted", "open")
        firm = eff_end if sets_status and not est and eff_end is not None else None
        for f in firs:
            seen.setdefault(f, []).append((start, firm))
        if sets_status and (eff_end is None or eff_end > start):
            est_end = end if est and end is not None else None
            spans = windows(sched, start, eff_end) if status != "open" else None
            for f in firs:
                mine = effects.setdefault(f, [])
                if spans is None:
                    mine.append(Effect(start, eff_end, status, (nid,), rule, est_end is not None, False, sid, f, False, est_end))
                else:  # D): active only in its windows
                    mine += [Effect(a, b, status, (nid,), rule, False, False, sid, f) for a, b in spans]
    con.register("notam_derived", pa.table(upd))
    try:
        con.execute("UPDATE notams SET effective_end = d.effective_end, replaced_by = d.replaced_by, status = d.status, "
                    "rule = d.rule, country_iso3 = d.country_iso3 FROM notam_derived d WHERE notams.notam_id = d.notam_id")
    finally:
        con.unregister("notam_derived")
    manual_fir: dict[str, list[Effect]] = {}
    manual_country: dict[str, list[Effect]] = {}
    country_seen: dict[str, list[tuple]] = {}
    for iso3, fir, status, start, end, sid in con.execute(
            "SELECT country_iso3, fir, status, valid_from, valid_to, source_id FROM airspace_manual").fetchall():
        # A sheet row with no end vouches for `stale` hours, like a NOTAM: past that, the analyst
        # has to confirm it again (a new row) or the status turns unknown.
        e = Effect(start, end if end is not None else start + stale, status, (), "manual", False, True, sid, None)
        if fir:
            manual_fir.setdefault(fir, []).append(e)
            seen.setdefault(fir, []).append((start, end))
        else:
            manual_country.setdefault(iso3, []).append(e)
            country_seen.setdefault(iso3, []).append((start, end))
    out: list[tuple] = []
    # Only reference FIRs get a timeline: a FIR missing from firs.csv counts for no country and is
    # listed on the Airspace page until it is added.
    per_fir = {f: with_coverage(fir_intervals(effects.get(f, []), manual_fir.get(f, [])), coverage(seen[f], stale))
               for f in seen if f in fir_countries}
    for f, ivs in per_fir.items():
        for c in fir_countries[f]:
            out += [("fir", c, f, *_cells(iv)) for iv in ivs]
    country_firs: dict[str, list[str]] = {}
    for f, cs in fir_countries.items():
        for c in cs:
            country_firs.setdefault(c, []).append(f)
    touched = {c for f in per_fir for c in fir_countries.get(f, [])} | set(manual_country)
    for c in sorted(touched):
        mine = {f: per_fir[f] for f in country_firs.get(c, []) if f in per_fir}
        ivs = country_intervals(mine, country_firs.get(c, []) or list(mine) or 1, manual_country.get(c, []))
        out += [("country", c, None, *_cells(iv)) for iv in ivs]
    con.execute("DELETE FROM airspace")
    if out:
        con.register("airspace_rows", pa.Table.from_arrays([pa.array(c) for c in zip(*out)], names=list(AIRSPACE_COLUMNS)))
        try:
            con.execute(INSERT_AIRSPACE)
        finally:
            con.unregister("airspace_rows")


def _cells(iv: Interval) -> tuple:
    return (iv.status, iv.valid_from, iv.valid_to, iv.estimated_end, iv.source_id, iv.notam_ids, iv.rule, iv.manual,
            iv.overrun_since)


KIND = NotamKind()
