"""Browser uploads on the read side: save the bytes under a generated name, ask the ETL what a
load would do (`python -m etl preview --json`), then load through the ETL's own CLI
(`python -m etl load`), the same publishing path as anyone's files (no lock against readers).

The ETL runs as a subprocess so imports stay one-way (pages → situation; etl apart) and a load's
memory and failures never touch the server process. An uploaded file's name is never used as a
path: it is only recorded (sources.original_name, the audit log).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import config
from situation.shell import audit

# Extensions offered by the upload widget; the kind is still detected from the content.
TYPES: tuple[str, ...] = ("csv", "xlsx", "txt", "tsv", "json")
# Kinds the ETL detects (sources.kind) that have a translated name (keys upload.kind_<kind>).
KINDS: tuple[str, ...] = ("headcounts", "evacuations", "status_sheet", "notams", "bulletin")
# Tables a load fills that have a translated name (keys upload.table_<table>).
TABLES: tuple[str, ...] = ("headcounts", "evacuations", "airspace_manual", "notams", "bulletin_statements")
TIMEOUT_S = 600


@dataclass(frozen=True)
class Saved:
    path: Path  # generated name in a private temp folder
    original_name: str  # cleaned, for records only
    sha256: str
    size: int


@dataclass(frozen=True)
class LoadDone:
    ok: bool  # exit 0 or 1 (rows rejected) means the file was loaded and published
    exit_code: int
    output: str


def max_bytes() -> int:
    """SITROOM_UPLOAD_MAX_MB in bytes (Streamlit's server.maxUploadSize caps it too)."""
    try:
        mb = float(config.setting("SITROOM_UPLOAD_MAX_MB"))
    except ValueError:
        mb = 50.0
    return int(max(0.0, mb) * 1024 * 1024)


def clean_name(name: str) -> str:
    """The uploaded name reduced to something safe to record: no folders, no control characters,
    at most 120 characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip()
    return base[:120] or "upload"


def save(data: bytes, original_name: str) -> Saved:
    """Write the bytes to a new private folder under a generated name (extension kept only when
    it is one of TYPES)."""
    if len(data) > max_bytes():
        raise ValueError("too large")
    ext = Path(clean_name(original_name)).suffix.lower().lstrip(".")
    folder = Path(tempfile.mkdtemp(prefix="sitroom-upload-"))  # mode 0700
    sha = hashlib.sha256(data).hexdigest()
    path = folder / (f"upload-{sha[:16]}" + (f".{ext}" if ext in TYPES else ""))
    with open(path, "xb") as f:
        f.write(data)
    return Saved(path, clean_name(original_name), sha, len(data))


def discard(saved: Saved | None) -> None:
    if saved is not None and saved.path.parent.name.startswith("sitroom-upload-"):
        shutil.rmtree(saved.path.parent, ignore_errors=True)


def _etl(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(config.ROOT), env.get("PYTHONPATH", "")) if p)
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=config.ROOT, env=env,
                          capture_output=True, text=True, timeout=TIMEOUT_S, check=False)


def preview(saved: Saved) -> dict:
    """What loading the file would do: kind, rows that would load, rejects with reasons. Nothing
    is written. Raises RuntimeError when the ETL itself failed."""
    res = _etl("preview", str(saved.path), "--json")
    if res.returncode not in (0, 1) or not res.stdout.strip():
        raise RuntimeError((res.stderr or res.stdout).strip()[-2000:])
    return json.loads(res.stdout)


def load(saved: Saved, user: str, result: dict | None = None) -> LoadDone:
    """Load through `python -m etl load`, recording the uploader and the original name; then
    write the audit events and remove the temporary copy (the archive keeps the bytes)."""
    # "--opt=value" so a name starting with "-" is never read as an option.
    res = _etl("load", f"--user={user}", f"--name={saved.original_name}", "--quiet", str(saved.path))
    done = LoadDone(res.returncode in (0, 1), res.returncode, (res.stdout + res.stderr).strip()[-4000:])
    kind = (result or {}).get("kind")
    details = {"file": saved.original_name, "sha256": saved.sha256, "size": saved.size, "kind": kind,
               "rows_loaded": (result or {}).get("rows_loaded"),
               "rows_rejected": (result or {}).get("rows_rejected"), "exit_code": res.returncode}
    audit.record("upload_load", user, **details)
    if done.ok and kind == "status_sheet":
        audit.record("status_sheet_change", user, file=saved.original_name, sha256=saved.sha256,
                     rows=(result or {}).get("rows_loaded"))
    if done.ok:
        discard(saved)
    return done
