"""`python -m etl status` and the reject listing printed after a load."""
from __future__ import annotations

from pathlib import Path
from typing import TextIO

from etl.warehouse import connect, sql_file

MAX_REJECTS_SHOWN = 20


def print_status(db: Path, out: TextIO) -> int:
    if not db.exists():
        print(f"no warehouse at {db}; run: python -m etl load", file=out)
        return 2
    con = connect(db, read_only=True)
    try:
        missions = con.execute(sql_file("report", "mission_status.sql")).fetchall()
        sources = con.execute(sql_file("report", "sources_status.sql")).fetchall()
        totals = con.execute(sql_file("report", "warehouse_totals.sql")).fetchone()
    finally:
        con.close()
    print("Missions — last report (UTC), age, rows in it", file=out)
    for mid, last, age_h, rows in missions:
        when = last.strftime("%Y-%m-%d %H:%M") if last else "never"
        age = f"{age_h:.0f} h ago" if age_h is not None else ""
        print(f"  {mid:<12} {when:<17} {age:>10} {rows or 0:>8}", file=out)
    print("Sources — rows loaded / rejected", file=out)
    for sid, name, kind, at, ok, bad in sources:
        print(f"  #{sid:<4} {name[:40]:<40} {kind:<12} {at:%Y-%m-%d %H:%M}  {ok:>8} / {bad}", file=out)
    n_src, n_rows, n_rej, citizens = totals
    print(f"Totals: {n_src} sources, {n_rows} headcount rows, {n_rej} rejected, "
          f"{citizens} citizens in the latest reports", file=out)
    return 0


def print_rejects(db: Path, source_ids: list[int], out: TextIO) -> None:
    if not source_ids:
        return
    con = connect(db, read_only=True)
    try:
        rows = con.execute(sql_file("report", "rejects_of_sources.sql"), [source_ids, MAX_REJECTS_SHOWN + 1]).fetchall()
    finally:
        con.close()
    for name, line, col, reason in rows[:MAX_REJECTS_SHOWN]:
        where = f"line {line}" + (f", column {col}" if col else "")
        print(f"  {name}, {where}: {reason}", file=out)
    if len(rows) > MAX_REJECTS_SHOWN:
        print("  … more: see the rejects table or the Data health page", file=out)
