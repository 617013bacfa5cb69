"""`python -m situation.pull` — a replica machine follows the warehouse the loading machine pushes.

Every SITROOM_S3_POLL_SECONDS it reads the manifest in the object storage (objectstore.py). When
the manifest names a version other than the local one, it downloads it into a temporary file
beside the warehouse, checks its size and sha256 against the manifest, and swaps it in with one
os.replace() — the way a load publishes (etl/publish.py) — so the dashboards on this machine never
see a half-written file: their warehouse door (situation/queries/warehouse.py) notices the new file
identity and reconnects on the next rerun; queries still running finish on the old file.

Failures keep the current version and say so on one log line: storage unreachable or refusing,
no manifest yet, a manifest naming an object that is not there (a push in progress or a version
removed), a download of the wrong size or sha256. A version rejected for its content is not
downloaded again until the manifest changes. `--once` pulls once and exits: 0 up to date or
updated, 2 not configured, 3 the storage failed or the version was rejected.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import fcntl
import hashlib
import os
import signal
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import config
import objectstore as store

EXIT_STORAGE = 3


@dataclass
class Pulled:
    status: str  # updated, current, kept (a failure; the current version stays)
    message: str
    manifest: store.Manifest | None = None
    seconds: float = 0.0


def pull_path(db: Path) -> Path:
    return db.with_name(db.name + ".pull")


@contextlib.contextmanager
def _swap_lock(db: Path) -> Iterator[None]:
    # The lock a load takes (etl/publish.py load_lock): a pull and a load on one machine never swap
    # at the same time. (Replica machines do not load; this keeps a mistaken one correct.)
    with open(db.with_name(db.name + ".lock"), "a+") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


class Puller:
    """Holds what the loop remembers between polls: the local version's sha256 and a rejected manifest."""

    def __init__(self, db: Path, t: store.Target, s3: Any | None = None) -> None:
        self.db, self.t = db, t
        self.s3 = s3
        self._local: tuple[tuple[int, int, int], str] | None = None  # (inode, mtime, size) → sha256
        self._rejected: store.Manifest | None = None

    def local_sha(self) -> str | None:
        try:
            st = os.stat(self.db)
        except FileNotFoundError:
            return None
        ident = (st.st_ino, st.st_mtime_ns, st.st_size)
        if self._local is None or self._local[0] != ident:
            self._local = (ident, store.file_sha256(self.db)[0])
        return self._local[1]

    def once(self) -> Pulled:
        t0 = time.perf_counter()
        try:
            if self.s3 is None:
                self.s3 = store.client(self.t)
            m = store.read_manifest(self.s3, self.t)
        except Exception as e:  # noqa: BLE001 — any storage fault: keep the current version, say why
            return Pulled("kept", f"{store.explain(e, self.t)}; keeping the current warehouse")
        if m is None:
            return Pulled("kept", f"no manifest at {self.t.where()} yet (nothing pushed); keeping the current warehouse")
        try:
            local = self.local_sha()
        except OSError as e:
            return Pulled("kept", f"the local warehouse {self.db} cannot be read ({e.strerror or e}); "
                                  "fix its permissions; nothing was changed", m)
        if m.sha256 == local:
            return Pulled("current", f"up to date with {m.version[:24]}…", m)
        if self._rejected == m:
            return Pulled("kept", f"version {m.version[:24]}… was rejected before; waiting for a new push", m)
        try:
            self._download(m)
        except _Rejected as e:
            self._rejected = m
            return Pulled("kept", f"{e}; keeping the current warehouse", m)
        except Exception as e:  # noqa: BLE001
            if store.is_missing(e):
                why = f"the manifest names {m.key}, which is not in the storage (a push in progress or a removed version)"
            else:
                why = store.explain(e, self.t)
            return Pulled("kept", f"{why}; keeping the current warehouse", m)
        return Pulled("updated", f"now on {m.version[:24]}… ({m.size / 1e6:.1f} MB, published {m.published_at})",
                      m, time.perf_counter() - t0)

    def _download(self, m: store.Manifest) -> None:
        tmp = pull_path(self.db)
        self.db.parent.mkdir(parents=True, exist_ok=True)
        try:
            obj = self.s3.get_object(Bucket=self.t.bucket, Key=m.key)
            h, size = hashlib.sha256(), 0
            with obj["Body"] as body, open(tmp, "wb") as out:
                while block := body.read(store.CHUNK):
                    size += len(block)
                    if size > m.size:
                        raise _Rejected(f"{m.key} is larger than the {m.size} bytes the manifest states")
                    h.update(block)
                    out.write(block)
                out.flush()
                os.fsync(out.fileno())
            if size != m.size:
                raise _Rejected(f"{m.key} has {size} bytes, the manifest states {m.size}")
            if h.hexdigest() != m.sha256:
                raise _Rejected(f"{m.key} does not match the sha256 in the manifest (damaged or tampered with)")
            os.chmod(tmp, 0o600)  # the warehouse names people: the service user's alone, as a load makes it
            with _swap_lock(self.db):
                # A WAL beside the published file would not match the new file and make every open fail.
                self.db.with_name(self.db.name + ".wal").unlink(missing_ok=True)
                os.replace(tmp, self.db)
                dir_fd = os.open(self.db.parent, os.O_RDONLY)
                try:
                    os.fsync(dir_fd)
                finally:
                    os.close(dir_fd)
        finally:
            tmp.unlink(missing_ok=True)
        self._local = None  # hashed again (once) on the next poll, from the file now in place


class _Rejected(Exception):
    """The downloaded bytes are not the version the manifest states."""


def _log(msg: str) -> None:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    print(f"{now} pull: {msg}", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m situation.pull", description=__doc__.splitlines()[0])
    ap.add_argument("--once", action="store_true", help="pull once and exit (0 current or updated, 3 kept)")
    args = ap.parse_args(argv)
    os.umask(0o077)
    try:
        t = store.target()
        poll_s = max(1.0, float(config.setting("SITROOM_S3_POLL_SECONDS")))
    except (store.StorageError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if t is None:
        print("error: object storage is off: set SITROOM_S3_URL and SITROOM_S3_BUCKET (README, "
              "Replicas on several machines)", file=sys.stderr)
        return 2
    if t.role != "replica":
        print("error: SITROOM_S3_ROLE is loader: this machine publishes its own loads and pushes them; "
              "pulling would overwrite them (set SITROOM_S3_ROLE=replica on replica machines)", file=sys.stderr)
        return 2
    db = config.db_path()
    puller = Puller(db, t)
    if args.once:
        r = puller.once()
        _log(r.message)
        return EXIT_STORAGE if r.status == "kept" else 0
    stopping = {"now": False}

    def on_signal(_sig: int, _frame: object) -> None:
        stopping["now"] = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    _log(f"following {t.where()} into {db}, every {poll_s:g} s")
    last = ""
    while not stopping["now"]:
        r = puller.once()
        # A steady state is said once, not every poll; every change and every failure is said.
        if r.status != "current" or r.message != last:
            _log(r.message)
        last = r.message
        deadline = time.monotonic() + poll_s
        while not stopping["now"] and time.monotonic() < deadline:
            time.sleep(min(0.2, poll_s))
    return 0


if __name__ == "__main__":
    sys.exit(main())
