"""The airspace rebuild: every NOTAM classified, NOTAMR/NOTAMC applied, `airspace` written anew.

`airspace` is derived from `notams` and the analysts' `airspace_manual` together, so both input
kinds (notams, status_sheet) name this one function as their derive step; the load runs it once
per load, after all files are staged, and only when a file of either kind added rows (or on a
fresh build, which also loads the FIR reference). The SQL it runs is in etl/sql/airspace/.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import duckdb
import pyarrow as pa

from config import setting
from etl.airspace.rules import classify
from etl.airspace.schedule import windows
from etl.airspace.timeline import (
    Effect,
    Interval,
    country_intervals,
    coverage,
    effective_ends,
    fir_intervals,
    with_coverage,
)
from etl.warehouse import sql_file

AIRSPACE_COLUMNS = ("level", "country_iso3", "fir", "status", "valid_from", "valid_to", "estimated_end", "source_id",
                    "notam_ids", "rule", "manual", "overrun_since")


@dataclass
class _Row:
    """What classify() reads, from a warehouse row."""
    notam_id: str
    kind: str
    text: str
    qcode: str | None
    subject: str | None
    radius_nm: int | None


def stale_after() -> timedelta:
    """SITROOM_AIRSPACE_STALE_HOURS as a timedelta (a bad value falls back to the default)."""
    try:
        hours = float(setting("SITROOM_AIRSPACE_STALE_HOURS"))
    except ValueError:
        hours = 168.0
    return timedelta(hours=max(hours, 1.0))


def rebuild_airspace(con: duckdb.DuckDBPyConnection) -> None:
    """Classify every NOTAM, apply NOTAMR/NOTAMC, and rebuild `airspace` from scratch
    (NOTAM-derived intervals + airspace_manual, `unknown` where a feed went quiet). Idempotent."""
    _ensure_airspace_table(con)
    stale = stale_after()
    fir_countries = _fir_countries(con)
    effects, seen = _notam_effects(con, fir_countries)
    manual_fir, manual_country = _manual_effects(con, stale, seen)
    out = _interval_rows(fir_countries, effects, seen, manual_fir, manual_country, stale)
    con.execute(sql_file("airspace", "airspace_clear.sql"))
    if out:
        con.register("airspace_rows", pa.Table.from_arrays([pa.array(c) for c in zip(*out)], names=list(AIRSPACE_COLUMNS)))
        try:
            con.execute(sql_file("airspace", "airspace_insert.sql"))
        finally:
            con.unregister("airspace_rows")


def _ensure_airspace_table(con: duckdb.DuckDBPyConnection) -> None:
    """`airspace` is derived (rebuilt on every load), so a warehouse built before the `unknown`
    status and `overrun_since` existed simply gets the table recreated from its DDL."""
    cols = {r[0] for r in con.execute(sql_file("airspace", "airspace_columns.sql")).fetchall()}
    if "overrun_since" not in cols:
        con.execute(sql_file("airspace", "airspace_drop_outdated.sql"))
        con.execute(sql_file("schema", "52_airspace.sql"))


def _fir_countries(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    fir_countries: dict[str, list[str]] = {}
    for fir, iso3 in con.execute(sql_file("airspace", "fir_countries.sql")).fetchall():
        fir_countries.setdefault(fir, []).append(iso3)
    return fir_countries


def _expand(fir: str, locations: list[str] | None) -> list[str]:
    """Q) "LTXX" (nationality letters + XX) means several FIRs, listed in A)."""
    if fir.endswith("XX") and locations:
        return [x for x in locations if len(x) == 4] or [fir]
    return [fir]


def _notam_effects(con: duckdb.DuckDBPyConnection, fir_countries: dict[str, list[str]]
                   ) -> tuple[dict[str, list[Effect]], dict[str, list[tuple]]]:
    """Classify every NOTAM, write status/rule/effective end back to `notams`, and return per FIR
    the effects on its status and the (start, firm end or None) spans that vouch for it being known."""
    rows = con.execute(sql_file("airspace", "notams_to_classify.sql")).fetchall()
    ends = effective_ends((r[0], r[1], r[2], r[3], r[4], r[11]) for r in rows)
    upd: dict[str, list] = {k: [] for k in ("notam_id", "effective_end", "replaced_by", "status", "rule", "country_iso3")}
    effects: dict[str, list[Effect]] = {}
    seen: dict[str, list[tuple]] = {}
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
            _add_effects(effects, firs, nid, status, rule, start, eff_end, end if est and end is not None else None,
                         windows(sched, start, eff_end) if status != "open" else None, sid)
    con.register("notam_derived", pa.table(upd))
    try:
        con.execute(sql_file("airspace", "notams_derived_update.sql"))
    finally:
        con.unregister("notam_derived")
    return effects, seen


def _add_effects(effects: dict[str, list[Effect]], firs: list[str], nid: str, status: str, rule: str, start,
                 eff_end, est_end, spans, sid) -> None:
    """One NOTAM's effect on each of its FIRs: B)–effective end, or only its D) windows."""
    for f in firs:
        mine = effects.setdefault(f, [])
        if spans is None:
            mine.append(Effect(start, eff_end, status, (nid,), rule, est_end is not None, False, sid, f, False, est_end))
        else:
            mine += [Effect(a, b, status, (nid,), rule, False, False, sid, f) for a, b in spans]


def _manual_effects(con: duckdb.DuckDBPyConnection, stale: timedelta, seen: dict[str, list[tuple]]
                    ) -> tuple[dict[str, list[Effect]], dict[str, list[Effect]]]:
    """The status-sheet rows as effects per FIR and per country (adding to `seen` the FIR rows;
    a country row counts in country_intervals, not in a FIR's coverage)."""
    manual_fir: dict[str, list[Effect]] = {}
    manual_country: dict[str, list[Effect]] = {}
    for iso3, fir, status, start, end, sid in con.execute(sql_file("airspace", "airspace_manual_rows.sql")).fetchall():
        # A sheet row with no end vouches for `stale` hours, like a NOTAM: past that, the analyst
        # has to confirm it again (a new row) or the status turns unknown.
        e = Effect(start, end if end is not None else start + stale, status, (), "manual", False, True, sid, None)
        if fir:
            manual_fir.setdefault(fir, []).append(e)
            seen.setdefault(fir, []).append((start, end))
        else:
            manual_country.setdefault(iso3, []).append(e)
    return manual_fir, manual_country


def _interval_rows(fir_countries: dict[str, list[str]], effects: dict[str, list[Effect]], seen: dict[str, list[tuple]],
                   manual_fir: dict[str, list[Effect]], manual_country: dict[str, list[Effect]],
                   stale: timedelta) -> list[tuple]:
    """Rows of `airspace`: each reference FIR's timeline (for each of its countries), then each
    touched country's, made from its FIRs'."""
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
    return out


def _cells(iv: Interval) -> tuple:
    return (iv.status, iv.valid_from, iv.valid_to, iv.estimated_end, iv.source_id, iv.notam_ids, iv.rule, iv.manual,
            iv.overrun_since)
