"""Replicas on several machines: push of a published warehouse to S3-compatible storage and a
replica's pull of it (download, size and sha256 check, atomic swap), against moto's S3 server on
loopback, for the sample warehouse and a 1,000,000-row one. Floors: one bare PUT (push) and one
bare GET into memory (pull) of the same bytes on the same server — the storage protocol's own
cost, without the pin, the sha256, the size check, the manifest and retention; and, as an extra,
copying the file on the same disk.

Run alone: `.venv/bin/python -m bench.bench_object_storage [ROWS]`. Skipped (no rows) without
moto[server] and boto3 (requirements-dev.txt, requirements.txt).
"""
from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import row

ROWS = 1_000_000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server() -> tuple[subprocess.Popen, str]:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(url + "/moto-api/", timeout=1).close()  # loopback only
            return proc, url
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("moto's S3 server did not start")


def _warehouse(tmp: Path, rows: int) -> Path:
    data = tmp / f"data-{rows}"
    (data / "inbox").mkdir(parents=True)
    if rows:
        from etl.synth import write_synthetic

        src = write_synthetic(tmp / f"src-{rows}", rows)
    else:
        src = [ROOT / "data" / "sample"]
    env = {**os.environ, "SITROOM_DATA": str(data), "SITROOM_DB": str(data / "warehouse.duckdb"), "SITROOM_S3_URL": ""}
    res = subprocess.run([sys.executable, "-m", "etl", "load", *map(str, src)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=3600, check=False)
    if res.returncode not in (0, 1):
        raise RuntimeError(res.stderr[-2000:])
    return data / "warehouse.duckdb"


def run(repeats: int = 3, rows: int = ROWS) -> list[dict]:
    try:
        import boto3  # noqa: F401
        import moto.server  # noqa: F401
    except ImportError:
        return []
    os.environ.update({"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench",
                       "AWS_DEFAULT_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true",
                       "AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
                       "SITROOM_S3_BUCKET": "bench", "SITROOM_S3_KEEP": "2"})
    import objectstore as store
    from etl.push import push
    from situation.shell.pull import Puller

    proc, url = _start_server()
    out: list[dict] = []
    try:
        os.environ["SITROOM_S3_URL"] = url
        with tempfile.TemporaryDirectory(prefix="sitroom-bench-s3-") as d:
            tmp = Path(d)
            store.client(store.target()).create_bucket(Bucket="bench")
            for n, label in ((0, "sample"), (rows, f"{rows:,} rows")):
                db = _warehouse(tmp, n)
                mb = db.stat().st_size / 1e6
                pushes, pulls, copies, puts, gets = [], [], [], [], []
                s3 = store.client(store.target())
                raw = db.read_bytes()
                for i in range(repeats):
                    os.environ["SITROOM_S3_PREFIX"] = f"{label}-{i}"  # a fresh prefix: a real upload each time
                    t = store.target()
                    t0 = time.perf_counter()
                    assert push(db, t).status == "pushed"
                    pushes.append(time.perf_counter() - t0)
                    replica = tmp / f"replica-{n}-{i}" / "warehouse.duckdb"
                    t0 = time.perf_counter()
                    assert Puller(replica, t).once().status == "updated"
                    pulls.append(time.perf_counter() - t0)
                    t0 = time.perf_counter()
                    shutil.copyfile(db, tmp / "copy.duckdb")
                    with open(tmp / "copy.duckdb", "rb") as f:
                        os.fsync(f.fileno())
                    copies.append(time.perf_counter() - t0)
                    shutil.rmtree(replica.parent)
                    t0 = time.perf_counter()
                    s3.put_object(Bucket="bench", Key=f"raw/{label}-{i}", Body=raw)
                    puts.append(time.perf_counter() - t0)
                    t0 = time.perf_counter()
                    s3.get_object(Bucket="bench", Key=f"raw/{label}-{i}")["Body"].read()
                    gets.append(time.perf_counter() - t0)
                copy_s = round(statistics.median(copies), 3)
                out.append(row("s3 push", label, pushes, "bare PUT", puts, size_mb=round(mb, 1), local_copy_s=copy_s))
                out.append(row("s3 pull", label, pulls, "bare GET", gets, size_mb=round(mb, 1), local_copy_s=copy_s))
    finally:
        proc.terminate()
        proc.wait(30)
    return out


if __name__ == "__main__":
    for r in run(rows=int(sys.argv[1]) if len(sys.argv) > 1 else ROWS):
        print(r)
