"""`python -m etl push`, and the push that follows a load or rebuild when SITROOM_S3_URL is set.

Exit codes of `push`: 0 pushed (or the storage already holds this version); 2 object storage
not configured, no published warehouse, or this machine is a replica (it pulls); 3 the object
storage failed — unreachable, refused, missing bucket — and the local warehouse stands as
published. After a load the push's failure is a warning and the load keeps its own exit code:
the load did publish, and its exit code is what uploads and scripts read to know whether the
rows went in.
"""
from __future__ import annotations

import sys
from pathlib import Path

import objectstore as store
from etl.push import NotPublished, Pushed, push

EXIT_STORAGE = 3


def _said(p: Pushed, t: store.Target) -> str:
    mb = p.manifest.size / 1e6
    if p.status == "unchanged":
        return f"object storage: {t.where()} already holds this warehouse ({p.manifest.version[:24]}…, {mb:.1f} MB)"
    gone = f"; {p.removed} older version(s) removed" if p.removed else ""
    return (f"object storage: pushed {p.manifest.version[:24]}… ({mb:.1f} MB) to {t.where()} "
            f"in {p.seconds:.1f} s{gone}")


def _replica(t: store.Target) -> str:
    if t.role != "replica":
        return ""
    return ("this machine is a replica (SITROOM_S3_ROLE=replica): only the loading machine pushes; "
            "load there")


def run(db: Path) -> int:
    try:
        t = store.target()
    except store.StorageError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if t is None:
        print("error: object storage is off: set SITROOM_S3_URL and SITROOM_S3_BUCKET (README, "
              "Replicas on several machines)", file=sys.stderr)
        return 2
    if why := _replica(t):
        print(f"error: {why}", file=sys.stderr)
        return 2
    try:
        p = push(db, t)
    except NotPublished as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except store.StorageError as e:
        print(f"error: {e}; the local warehouse is unchanged and the storage still offers the previous "
              "version", file=sys.stderr)
        return EXIT_STORAGE
    print(_said(p, t))
    if p.warning:
        print(f"warning: {p.warning}", file=sys.stderr)
    return 0


def after_publish(db: Path) -> None:
    """Push the version a load just published, when object storage is configured; never raises."""
    try:
        t = store.target()
        if t is None:
            return
        if why := _replica(t):
            print(f"warning: not pushed — {why}; the next version pulled replaces this load", file=sys.stderr)
            return
        p = push(db, t)
    except (store.StorageError, NotPublished) as e:
        print(f"warning: push to object storage failed: {e}; the warehouse is published here — run "
              "`python -m etl push` to retry (replicas keep the previous version until then)", file=sys.stderr)
        return
    except KeyboardInterrupt:
        print("warning: push to object storage interrupted; the warehouse is published here — run "
              "`python -m etl push` to send it", file=sys.stderr)
        return
    print(_said(p, t))
    if p.warning:
        print(f"warning: {p.warning}", file=sys.stderr)
