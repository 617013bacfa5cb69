"""The raw-file archive: every input's bytes kept unchanged under archive/<sha[:2]>/<sha><ext>,
and an append-only manifest recording the order files were loaded in. `rebuild` replays it, so the
archive — not the warehouse — is the source of truth."""
from __future__ import annotations

import json
import os
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass
class Entry:
    sha256: str
    archive_path: str  # relative to the data folder
    original_name: str
    loaded_at: str  # ISO, UTC
    uploaded_by: str | None = None


def archive_file(data: Path, src: Path, sha: str) -> str:
    rel = Path("archive") / sha[:2] / f"{sha}{src.suffix.lower()[:8]}"
    dst = data / rel
    if not dst.exists():
        dst.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        part = dst.with_name(dst.name + ".part")
        try:
            shutil.copyfile(src, part)
            with open(part, "rb") as f:
                os.fsync(f.fileno())
        except BaseException:
            part.unlink(missing_ok=True)  # a full disk must not leave half a file that looks archived
            raise
        os.chmod(part, 0o400)  # raw inputs are never changed, and only the service user reads them
        os.replace(part, dst)
    return str(rel)


def manifest_path(data: Path) -> Path:
    return data / "archive" / "manifest.jsonl"


def append(data: Path, entries: list[Entry]) -> None:
    if not entries:
        return
    path = manifest_path(data)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with open(fd, "a", encoding="utf-8") as f:
        f.writelines(json.dumps(asdict(e), ensure_ascii=False) + "\n" for e in entries)
        f.flush()
        os.fsync(f.fileno())


def read(data: Path) -> list[Entry]:
    path = manifest_path(data)
    if not path.exists():
        return []
    out, seen = [], set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        try:
            e = Entry(**json.loads(line))
        except (ValueError, TypeError):
            continue  # a line torn by a crash mid-write; the file is still in the archive
        if e.sha256 not in seen:
            seen.add(e.sha256)
            out.append(e)
    return out
