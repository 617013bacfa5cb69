"""S3-compatible object storage between the loading machine and replica machines.

Below both sides, like config.py: the loading machine pushes each published warehouse
(`python -m etl push`, etl/push.py) and each replica machine pulls it (`python -m situation.pull`,
situation/shell/pull.py). This module holds what they must agree on — the settings, the keys, the
manifest — and the one way to make a client: with the endpoint always explicit (nothing ever
goes to a default AWS host), bounded timeouts and retries on every call, and failures turned
into one sentence.

Layout under SITROOM_S3_PREFIX in SITROOM_S3_BUCKET:
  versions/<published_at>-<sha256>.duckdb   one object per warehouse version, written once
  manifest.json                             the current version; written only after its object
A reader that follows the manifest therefore never meets a half-uploaded file: S3 makes an
object visible only when its upload completes, and the manifest names an object that was
complete before the manifest was written. Version keys start with the publish time, so their
names sort oldest first (retention keeps the newest SITROOM_S3_KEEP).

boto3 is imported only when the storage is configured: a single-machine install never needs it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import config

MANIFEST = "manifest.json"
VERSIONS = "versions/"
FORMAT = 1
CONNECT_TIMEOUT_S = 5
ATTEMPTS = 3  # each call: the first try and two retries with backoff
CHUNK = 1 << 20
ROLES = ("loader", "replica")


class StorageError(Exception):
    """The object storage could not be used; the message is one sentence for the operator."""


@dataclass(frozen=True)
class Target:
    url: str
    bucket: str
    prefix: str  # "" or ending in "/"
    keep: int
    timeout_s: float
    role: str = "loader"  # loader: pushes what it publishes; replica: pulls, never pushes

    def key(self, name: str) -> str:
        return self.prefix + name

    def where(self) -> str:
        return f"{self.url.rstrip('/')}/{self.bucket}/{self.prefix}"


@dataclass(frozen=True)
class Manifest:
    version: str
    key: str
    sha256: str
    size: int
    published_at: str  # UTC, ISO 8601: when the loading machine published this version
    pushed_at: str
    format: int = FORMAT

    def to_json(self) -> bytes:
        return (json.dumps(asdict(self), indent=1) + "\n").encode()

    @staticmethod
    def from_json(raw: bytes) -> Manifest:
        try:
            d = json.loads(raw)
            m = Manifest(version=str(d["version"]), key=str(d["key"]), sha256=str(d["sha256"]).lower(),
                         size=int(d["size"]), published_at=str(d["published_at"]),
                         pushed_at=str(d.get("pushed_at", "")), format=int(d.get("format", FORMAT)))
        except (ValueError, KeyError, TypeError) as e:
            raise StorageError(f"the manifest is not readable ({type(e).__name__}: {e})") from e
        if m.format != FORMAT:
            raise StorageError(f"the manifest has format {m.format}; this version reads format {FORMAT}")
        if len(m.sha256) != 64 or m.size < 0:
            raise StorageError("the manifest names no valid sha256 and size")
        return m


def target() -> Target | None:
    """The configured storage, or None when SITROOM_S3_URL is empty (the default: off)."""
    url = config.setting("SITROOM_S3_URL").strip()
    if not url:
        return None
    bucket = config.setting("SITROOM_S3_BUCKET").strip()
    if not bucket:
        raise StorageError("SITROOM_S3_URL is set but SITROOM_S3_BUCKET is empty; name the bucket")
    if not url.startswith(("http://", "https://")):
        raise StorageError(f"SITROOM_S3_URL must start with http:// or https:// (got {url!r})")
    role = config.setting("SITROOM_S3_ROLE").strip().lower()
    if role not in ROLES:
        # Explicit, never guessed: a replica taking itself for the loader would push its own
        # (older) warehouse over the loader's, and a loader pulling would overwrite its own loads.
        raise StorageError("SITROOM_S3_URL is set: set SITROOM_S3_ROLE=loader on the machine that loads, "
                           "SITROOM_S3_ROLE=replica on each machine that only serves")
    prefix = config.setting("SITROOM_S3_PREFIX").strip().strip("/")
    try:
        keep = int(config.setting("SITROOM_S3_KEEP"))
        timeout_s = float(config.setting("SITROOM_S3_TIMEOUT_SECONDS"))
    except ValueError as e:
        raise StorageError(f"SITROOM_S3_KEEP and SITROOM_S3_TIMEOUT_SECONDS must be numbers ({e})") from e
    return Target(url, bucket, prefix + "/" if prefix else "", max(1, keep), max(1.0, timeout_s), role)


def client(t: Target) -> Any:
    """A boto3 S3 client for t: explicit endpoint, path-style addresses, bounded timeouts and retries."""
    # Without credentials in the environment or ~/.aws, botocore would ask the EC2 metadata
    # service (169.254.169.254) for some: a request off this network. Never.
    os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")
    try:
        import boto3
        from botocore.config import Config
    except ImportError as e:
        raise StorageError("boto3 is needed for object storage: pip install -r requirements.txt") from e
    cfg = Config(
        connect_timeout=CONNECT_TIMEOUT_S, read_timeout=t.timeout_s,
        retries={"max_attempts": ATTEMPTS, "mode": "standard"},
        # S3-compatible servers (MinIO, Ceph, Garage) are reached by path, not by bucket host names,
        # and several refuse the checksum headers newer botocore adds by default (the pull checks sha256).
        s3={"addressing_style": "path"},
        request_checksum_calculation="when_required", response_checksum_validation="when_required",
    )
    global _session
    if _session is None:
        # One session per process: each new one parses botocore's service models again (~0.6 s).
        _session = boto3.session.Session()
    return _session.client("s3", endpoint_url=t.url, config=cfg, region_name=_session.region_name or "us-east-1")


_session: Any = None


def explain(e: BaseException, t: Target) -> str:
    """One sentence for a failed storage call (no traceback)."""
    if isinstance(e, StorageError):
        return str(e)
    try:
        from botocore import exceptions as bx
    except ImportError:
        return f"object storage failed ({type(e).__name__}: {_first_line(e)})"
    if isinstance(e, bx.NoCredentialsError | bx.PartialCredentialsError):
        return ("no credentials for the object storage: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
                "(or AWS_PROFILE with ~/.aws/credentials)")
    if isinstance(e, bx.EndpointConnectionError | bx.ConnectTimeoutError | bx.ReadTimeoutError
                  | bx.ConnectionClosedError) or isinstance(e, ConnectionError | TimeoutError):
        return f"the object storage at {t.url} is unreachable ({_first_line(e)}), after {ATTEMPTS} tries"
    if isinstance(e, bx.ClientError):
        code = str(e.response.get("Error", {}).get("Code", ""))
        if code == "NoSuchBucket":
            return f"the bucket {t.bucket!r} does not exist at {t.url}; create it or fix SITROOM_S3_BUCKET"
        if code in ("AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "403", "Forbidden"):
            return f"the object storage at {t.url} refused access ({code}); check the credentials and the bucket policy"
        return f"the object storage at {t.url} answered {code or 'an error'}: {_first_line(e)}"
    if isinstance(e, bx.BotoCoreError):
        return f"the object storage at {t.url} failed ({type(e).__name__}: {_first_line(e)})"
    if isinstance(e, OSError):
        return f"object storage transfer failed on this machine ({type(e).__name__}: {_first_line(e)})"
    return f"object storage failed ({type(e).__name__}: {_first_line(e)})"


def _first_line(e: BaseException) -> str:
    return (str(e).strip().splitlines() or [""])[0][:300]


def is_missing(e: BaseException) -> bool:
    """The object (or the manifest) is not there: a 404 or NoSuchKey."""
    resp = getattr(e, "response", None)
    code = str((resp or {}).get("Error", {}).get("Code", "")) if isinstance(resp, dict) else ""
    return code in ("NoSuchKey", "404", "NotFound")


def read_manifest(s3: Any, t: Target) -> Manifest | None:
    """The current manifest; None when none was ever pushed."""
    try:
        obj = s3.get_object(Bucket=t.bucket, Key=t.key(MANIFEST))
    except Exception as e:
        if is_missing(e):
            return None
        raise
    with obj["Body"] as body:
        return Manifest.from_json(body.read(64 * 1024))


def file_sha256(path: Path) -> tuple[str, int]:
    h, size = hashlib.sha256(), 0
    with open(path, "rb") as f:
        while block := f.read(CHUNK):
            h.update(block)
            size += len(block)
    return h.hexdigest(), size


def utc_iso(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
