"""Pushing the published warehouse to S3-compatible object storage, for replicas on other machines.

`python -m etl push` (and, when SITROOM_S3_URL is set, every load or rebuild that published)
uploads the published file under a key of its own, checks the stored size, and only then writes
the manifest naming it (layout: objectstore.py). A push never touches the local warehouse: when
the storage fails, the local publish stands, the manifest still names the previous version, and
the next push (or load) sends the newest version.

The file is pinned while it is read: a read-only DuckDB attach holds DuckDB's reader lock on it,
so a load that finishes meanwhile cannot reuse this very file as its standby and write into it
(etl/publish.py: the standby is refused while any reader holds it). POSIX record locks belong
to the process and drop when any descriptor of the file closes, so the file is read through one
descriptor, opened after the attach and closed after it is detached.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import duckdb

import objectstore as store
from etl import publish
from etl.warehouse import sql_file

PART = 16 << 20  # multipart part size: memory held per concurrent part
CONCURRENCY = 4


class NotPublished(Exception):
    """No readable published warehouse on this machine: nothing to push (a local fault)."""


@dataclass
class Pushed:
    status: str  # pushed, unchanged
    manifest: store.Manifest
    seconds: float
    removed: int = 0  # older versions deleted
    warning: str = ""  # retention failed (the push itself succeeded)


@contextlib.contextmanager
def _pinned(db: Path) -> Iterator[BinaryIO]:
    """The published file, held open read-only for reading, safe from being reused as a standby."""
    with publish.load_lock(db):  # briefly: no swap between attaching and opening
        if not db.exists():
            raise NotPublished(f"{db}: no published warehouse; run `python -m etl load` first")
        con = duckdb.connect(":memory:")
        try:
            con.execute(sql_file("push", "pinned_attach.sql"), [str(db)])
            f = open(db, "rb")  # noqa: SIM115 — closed below, after the attach is gone
        except (duckdb.Error, OSError) as e:
            con.close()
            raise NotPublished(f"the warehouse {db} could not be read ({type(e).__name__}: "
                               f"{(str(e).strip().splitlines() or [''])[0][:200]}); nothing was pushed") from e
        except BaseException:
            con.close()
            raise
    try:
        yield f
    finally:
        con.close()
        f.close()


def _sha256(f: BinaryIO) -> tuple[str, int]:
    h, size = hashlib.sha256(), 0
    f.seek(0)
    while block := f.read(store.CHUNK):
        h.update(block)
        size += len(block)
    f.seek(0)
    return h.hexdigest(), size


def push(db: Path, t: store.Target) -> Pushed:
    """Upload the published warehouse and point the manifest at it. Raises StorageError (one
    sentence) when the storage fails, NotPublished when there is no readable warehouse here."""
    t0 = time.perf_counter()
    s3 = store.client(t)
    try:
        with _pinned(db) as f:
            sha, size = _sha256(f)
            current = store.read_manifest(s3, t)
            if current is not None and current.sha256 == sha and _stored_size(s3, t, current.key) == size:
                return Pushed("unchanged", current, time.perf_counter() - t0)
            published = store.utc_iso(os.fstat(f.fileno()).st_mtime)
            version = published.replace("-", "").replace(":", "") + "-" + sha
            key = t.key(f"{store.VERSIONS}{version}.duckdb")
            _upload(s3, t, f, key, sha)
        stored = _stored_size(s3, t, key)
        if stored != size:
            raise store.StorageError(f"the stored copy of {key} has {stored} bytes, not {size}; nothing was published")
        m = store.Manifest(version=version, key=key, sha256=sha, size=size, published_at=published,
                           pushed_at=store.utc_iso(time.time()))
        # Last: from here on replicas see the new version, whose object is complete.
        s3.put_object(Bucket=t.bucket, Key=t.key(store.MANIFEST), Body=m.to_json(),
                      ContentType="application/json", CacheControl="no-cache")
    except (store.StorageError, NotPublished):
        raise
    except Exception as e:  # botocore's many errors become one sentence
        raise store.StorageError(store.explain(e, t)) from e
    done = Pushed("pushed", m, time.perf_counter() - t0)
    try:
        done.removed = prune(s3, t, keep_key=key)
    except Exception as e:  # noqa: BLE001 — the version is published; old ones wait for the next push
        done.warning = f"old versions were not removed: {store.explain(e, t)}"
    return done


def _upload(s3: Any, t: store.Target, f: BinaryIO, key: str, sha: str) -> None:
    from boto3.s3.transfer import TransferConfig

    cfg = TransferConfig(multipart_threshold=PART, multipart_chunksize=PART, max_concurrency=CONCURRENCY)
    s3.upload_fileobj(f, t.bucket, key, Config=cfg,
                      ExtraArgs={"Metadata": {"sha256": sha}, "ContentType": "application/octet-stream"})


def _stored_size(s3: Any, t: store.Target, key: str) -> int | None:
    try:
        return int(s3.head_object(Bucket=t.bucket, Key=key)["ContentLength"])
    except Exception as e:
        if store.is_missing(e):
            return None
        raise


def prune(s3: Any, t: store.Target, keep_key: str) -> int:
    """Delete all but the newest t.keep versions (never keep_key, the one the manifest names)."""
    keys: list[str] = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=t.bucket, Prefix=t.key(store.VERSIONS)):
        keys += [o["Key"] for o in page.get("Contents", [])]
    keys.sort()  # version keys begin with their publish time
    old = [k for k in keys[: max(0, len(keys) - t.keep)] if k != keep_key]
    for k in old:
        s3.delete_object(Bucket=t.bucket, Key=k)
    return len(old)
