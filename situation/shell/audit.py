"""The audit trail: who logged in (or failed to), loaded which file, changed the status sheet,
exported which pack, and when.

One JSON object a line in SITROOM_AUDIT (default data/audit/audit.jsonl), outside the warehouse
so `python -m etl rebuild` never touches it. The file is only ever opened for appending; each
line is written whole under an flock (several server threads and CLI processes may write), then
flushed and fsynced, so an event that was recorded survives a crash.

    from situation.shell import audit
    audit.record("export", user.name, pack="briefing", fmt="pptx", lang="kk", countries=["ARE"])
"""
from __future__ import annotations

import csv
import datetime as dt
import fcntl
import io
import json
import os
from pathlib import Path

import config

# Events written by this project (others are accepted; these are the ones the admin page names).
EVENTS: tuple[str, ...] = (
    "login", "login_failed", "login_throttled", "login_denied", "logout", "session_expired",
    "upload_preview", "upload_load", "status_sheet_change", "export",
    "user_added", "user_removed", "role_changed", "audit_export",
)
FIELDS: tuple[str, ...] = ("ts", "event", "user", "details")


def audit_path() -> Path:
    p = Path(config.setting("SITROOM_AUDIT") or "data/audit/audit.jsonl")
    return p if p.is_absolute() else config.ROOT / p


def record(event: str, user: str | None, **details: object) -> dict:
    """Append one event; returns what was written. Details must be JSON-able (str() otherwise)."""
    entry = {"ts": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
             "event": str(event), "user": user or "", "details": details}
    line = json.dumps(entry, ensure_ascii=False, default=str, sort_keys=False) + "\n"
    p = audit_path()
    p.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    # Append only — never truncates, never seeks back; O_APPEND puts every write at the end.
    # Created readable by the service user alone: it names users and their addresses.
    fd = os.open(p, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with open(fd, "a", encoding="utf-8") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            f.write(line)
            f.flush()
            os.fsync(f.fileno())
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)
    return entry


def read(path: Path | None = None) -> list[dict]:
    """All events, oldest first. A torn last line (a crash mid-write) is skipped, not fatal."""
    p = path or audit_path()
    if not p.exists():
        return []
    out = []
    with open(p, encoding="utf-8") as f:
        for raw in f:
            try:
                e = json.loads(raw)
            except json.JSONDecodeError:
                continue
            if isinstance(e, dict):
                out.append(e)
    return out


def filtered(events: list[dict], *, users: list[str] | None = None, kinds: list[str] | None = None,
             since: dt.date | None = None, until: dt.date | None = None, text: str = "") -> list[dict]:
    """Events matching every filter given; `text` is searched in the details (case-insensitive)."""
    needle = text.strip().lower()
    out = []
    for e in events:
        day = str(e.get("ts", ""))[:10]
        if users and e.get("user") not in users:
            continue
        if kinds and e.get("event") not in kinds:
            continue
        if since and day < since.isoformat():
            continue
        if until and day > until.isoformat():
            continue
        if needle and needle not in json.dumps(e.get("details", {}), ensure_ascii=False).lower():
            continue
        out.append(e)
    return out


def to_csv(events: list[dict]) -> bytes:
    """CSV (UTF-8 with BOM, so Excel shows Cyrillic) with details as a JSON column. A value
    starting with = + - @ is prefixed with ' so a spreadsheet never runs it as a formula."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(FIELDS)
    for e in events:
        row = [e.get("ts", ""), e.get("event", ""), e.get("user", ""),
               json.dumps(e.get("details", {}), ensure_ascii=False, default=str)]
        w.writerow([_cell(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _cell(v: object) -> str:
    s = str(v)
    return "'" + s if s[:1] in ("=", "+", "-", "@", "\t", "\r") else s
