"""Replicas on several machines: the loading machine pushes each published warehouse to
S3-compatible storage and replica machines pull it — against a real S3 server on loopback
(moto's server mode), through the real CLIs (`python -m etl load|push`, `python -m situation.pull`).

No request leaves the machine: the endpoint is always explicit (127.0.0.1), credentials are dummy
values, and botocore's EC2 metadata probe is disabled.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import duckdb
import pytest

import objectstore as store
from etl import push as push_mod
from situation.queries import warehouse
from situation.shell import pull as pull_mod
from tests.conftest import ROOT, SAMPLE, cli_env

moto_server = pytest.importorskip("moto.server", reason="moto[server] is in requirements-dev.txt")
# Real loads, pushes and pulls as subprocesses against a local S3 server: the slow tier.
pytestmark = pytest.mark.slow

REPORT = "as_of,mission,country,city,category,citizens\n2026-03-12 {hh}:00,KZ-EMB-ABU,UAE,Dubai,tourist,{n}\n"
UAE = "SELECT count FROM latest_headcounts WHERE country_iso3 = 'ARE'"
AWS_ENV = {
    "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_EC2_METADATA_DISABLED": "true",
    # Never the developer's own ~/.aws files.
    "AWS_CONFIG_FILE": "/nonexistent/aws-config", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/aws-credentials",
}


@pytest.fixture(scope="module")
def s3_url():
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def storage(s3_url, monkeypatch) -> store.Target:
    """A fresh bucket on the local server, configured in this process's environment."""
    bucket = "sitroom-" + uuid.uuid4().hex[:12]
    for k, v in {**AWS_ENV, "SITROOM_S3_URL": s3_url, "SITROOM_S3_BUCKET": bucket, "SITROOM_S3_ROLE": "loader",
                 "SITROOM_S3_PREFIX": "ministry", "SITROOM_S3_KEEP": "2", "SITROOM_S3_POLL_SECONDS": "1",
                 "SITROOM_S3_TIMEOUT_SECONDS": "10"}.items():
        monkeypatch.setenv(k, v)
    t = store.target()
    assert t is not None
    store.client(t).create_bucket(Bucket=bucket)
    return t


def _env(data: Path, db: Path | None = None, role: str = "loader") -> dict[str, str]:
    """A machine's environment: the loading machine's, or with role="replica" a replica machine's."""
    env = cli_env(data, db)
    for k in list(AWS_ENV) + [k for k in os.environ if k.startswith("SITROOM_S3_")]:
        if k in os.environ:
            env[k] = os.environ[k]
    env["SITROOM_S3_ROLE"] = role
    return env


def _etl(data: Path, *args: str, role: str = "loader") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=ROOT, env=_env(data, role=role),
                          capture_output=True, text=True, timeout=300, check=False)


def _pull_once(db: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "situation.pull", "--once"], cwd=ROOT,
                          env=_env(db.parent, db, role="replica"), capture_output=True, text=True, timeout=120,
                          check=False)


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def _report(data: Path, hh: int, n: int) -> Path:
    f = data / "inbox" / f"dubai-{hh}.csv"
    f.write_text(REPORT.format(hh=f"{hh:02d}", n=n), encoding="utf-8")
    return f


def _read_side(db: Path, monkeypatch) -> int:
    monkeypatch.setenv("SITROOM_DB", str(db))
    return int(warehouse.query(UAE).iloc[0, 0])


def _no_traceback(res: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in res.stdout + res.stderr, res.stderr


def test_push_then_pull_gives_the_same_warehouse_and_the_next_version_replaces_it(storage, tmp_path, monkeypatch):
    loader, replica = tmp_path / "loader", tmp_path / "replica" / "warehouse.duckdb"
    (loader / "inbox").mkdir(parents=True)
    res = _etl(loader, "load", str(SAMPLE))
    assert res.returncode == 0, res.stderr
    assert "object storage: pushed" in res.stdout
    published = loader / "warehouse.duckdb"
    m1 = store.read_manifest(store.client(storage), storage)
    assert m1 is not None and m1.sha256 == _sha(published) and m1.size == published.stat().st_size
    assert m1.key.startswith("ministry/versions/") and m1.sha256 in m1.key

    res = _pull_once(replica)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "now on" in res.stdout
    assert _sha(replica) == _sha(published)  # byte-identical
    assert oct(replica.stat().st_mode & 0o777) == "0o600"
    before = _read_side(replica, monkeypatch)
    assert before == _read_side(published, monkeypatch)

    # A second load on the loading machine; the replica's read side has the old version open.
    assert _read_side(replica, monkeypatch) == before
    res = _etl(loader, "load", str(_report(loader, 9, 777)))
    assert res.returncode == 0, res.stderr
    assert "object storage: pushed" in res.stdout
    m2 = store.read_manifest(store.client(storage), storage)
    assert m2.version != m1.version and m2.sha256 == _sha(published)
    res = _pull_once(replica)
    assert res.returncode == 0, res.stdout + res.stderr
    assert _sha(replica) == _sha(published)
    after = _read_side(replica, monkeypatch)  # the door reconnects on the new file identity
    assert after != before and after == _read_side(published, monkeypatch)
    assert not pull_mod.pull_path(replica).exists()
    # Nothing new: the next pull says so and leaves the file alone.
    ino = replica.stat().st_ino
    res = _pull_once(replica)
    assert res.returncode == 0 and "up to date" in res.stdout
    assert replica.stat().st_ino == ino
    # `push` of a version already stored uploads nothing.
    res = _etl(loader, "push")
    assert res.returncode == 0 and "already holds" in res.stdout


def test_the_puller_follows_each_new_version_as_it_runs(storage, sample_warehouse, tmp_path, monkeypatch):
    loader = tmp_path / "loader"
    (loader / "inbox").mkdir(parents=True)
    shutil.copyfile(sample_warehouse, loader / "warehouse.duckdb")
    assert _etl(loader, "push").returncode == 0
    replica = tmp_path / "replica" / "warehouse.duckdb"
    log = tmp_path / "pull.log"
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "situation.pull"], cwd=ROOT,
                                env=_env(replica.parent, replica, role="replica"),
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait(lambda: replica.exists() and _sha(replica) == _sha(loader / "warehouse.duckdb"), proc, log)
        first = _read_side(replica, monkeypatch)
        res = _etl(loader, "load", str(_report(loader, 10, 4321)))
        assert res.returncode == 0 and "object storage: pushed" in res.stdout, res.stderr
        _wait(lambda: _sha(replica) == _sha(loader / "warehouse.duckdb"), proc, log)
        assert _read_side(replica, monkeypatch) == _read_side(loader / "warehouse.duckdb", monkeypatch) != first
    finally:
        proc.terminate()
        proc.wait(30)
    assert proc.returncode == 0
    assert log.read_text().count("now on") == 2, log.read_text()


def _wait(ok, proc: subprocess.Popen, log: Path, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        assert proc.poll() is None, log.read_text()
        try:
            if ok():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError("the puller did not take the new version:\n" + log.read_text())


def _small_warehouse(path: Path, marker: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE marker AS SELECT ? AS n", [marker])
    con.close()
    return path


def test_a_push_killed_before_its_manifest_leaves_replicas_on_the_old_version(storage, tmp_path, monkeypatch):
    db = _small_warehouse(tmp_path / "loader" / "warehouse.duckdb", 1)
    first = push_mod.push(db, storage)
    replica = tmp_path / "replica" / "warehouse.duckdb"
    assert _pull_once(replica).returncode == 0 and _sha(replica) == first.manifest.sha256

    # The upload dies half-way: a multipart upload begun, one part sent, never completed.
    _small_warehouse(db, 2)
    s3 = store.client(storage)
    key = storage.key(f"{store.VERSIONS}99990101T000000.000000Z-{_sha(db)}.duckdb")
    up = s3.create_multipart_upload(Bucket=storage.bucket, Key=key)
    s3.upload_part(Bucket=storage.bucket, Key=key, UploadId=up["UploadId"], PartNumber=1, Body=db.read_bytes()[:4096])
    assert store.read_manifest(s3, storage) == first.manifest  # the manifest still names version 1
    res = _pull_once(replica)
    assert res.returncode == 0 and _sha(replica) == first.manifest.sha256

    # A push whose transfer fails: the manifest is never written.
    real_upload = push_mod._upload

    def dies(*_a, **_k):
        raise ConnectionResetError("connection reset by peer")

    monkeypatch.setattr(push_mod, "_upload", dies)
    with pytest.raises(store.StorageError, match="unreachable"):
        push_mod.push(db, storage)
    monkeypatch.setattr(push_mod, "_upload", real_upload)
    assert store.read_manifest(s3, storage) == first.manifest

    # A manifest naming an object that is not there (written by hand, or its object removed).
    gone = store.Manifest(version="x", key=key, sha256=_sha(db), size=db.stat().st_size,
                          published_at="2026-03-12T00:00:00Z", pushed_at="2026-03-12T00:00:01Z")
    s3.put_object(Bucket=storage.bucket, Key=storage.key(store.MANIFEST), Body=gone.to_json())
    res = _pull_once(replica)
    assert res.returncode == pull_mod.EXIT_STORAGE, res.stdout + res.stderr
    assert "not in the storage" in res.stdout and "keeping the current warehouse" in res.stdout
    assert _sha(replica) == first.manifest.sha256
    assert not pull_mod.pull_path(replica).exists()


def test_a_download_that_does_not_match_the_manifest_is_rejected(storage, tmp_path):
    db = _small_warehouse(tmp_path / "loader" / "warehouse.duckdb", 1)
    first = push_mod.push(db, storage)
    replica = tmp_path / "replica" / "warehouse.duckdb"
    puller = pull_mod.Puller(replica, storage)
    assert puller.once().status == "updated"
    # Same size, other bytes: a damaged or substituted object under the key the manifest names.
    s3 = store.client(storage)
    good = db.read_bytes()
    bad = bytes([good[0] ^ 0xFF]) + good[1:]
    key = storage.key(f"{store.VERSIONS}99990101T000000.000000Z-{'a' * 64}.duckdb")
    s3.put_object(Bucket=storage.bucket, Key=key, Body=bad)
    forged = store.Manifest(version="forged", key=key, sha256=_sha(_small_warehouse(tmp_path / "x.duckdb", 3)),
                            size=len(bad), published_at="2026-03-12T00:00:00Z", pushed_at="2026-03-12T00:00:01Z")
    s3.put_object(Bucket=storage.bucket, Key=storage.key(store.MANIFEST), Body=forged.to_json())
    r = puller.once()
    assert r.status == "kept" and "sha256" in r.message
    assert _sha(replica) == first.manifest.sha256
    assert not pull_mod.pull_path(replica).exists()
    # Not downloaded again until the manifest changes.
    assert "rejected before" in puller.once().message
    # A manifest stating the wrong size is rejected as well.
    short = store.Manifest(version="short", key=key, sha256=_sha(tmp_path / "x.duckdb"), size=len(bad) - 10,
                           published_at="2026-03-12T00:00:00Z", pushed_at="2026-03-12T00:00:01Z")
    s3.put_object(Bucket=storage.bucket, Key=storage.key(store.MANIFEST), Body=short.to_json())
    r = puller.once()
    assert r.status == "kept" and "larger than" in r.message
    assert _sha(replica) == first.manifest.sha256
    # The loading machine pushes again: the replica follows.
    _small_warehouse(db, 4)
    assert push_mod.push(db, storage).status == "pushed"
    assert puller.once().status == "updated" and _sha(replica) == _sha(db)


def test_old_versions_beyond_keep_are_deleted(storage, tmp_path):
    db = tmp_path / "loader" / "warehouse.duckdb"
    pushed = []
    for i in range(4):
        _small_warehouse(db, i)
        os.utime(db, (1_770_000_000 + i, 1_770_000_000 + i))  # distinct publish times, in order
        pushed.append(push_mod.push(db, storage))
    s3 = store.client(storage)
    keys = sorted(o["Key"] for o in s3.list_objects_v2(Bucket=storage.bucket,
                                                        Prefix=storage.key(store.VERSIONS))["Contents"])
    assert keys == [pushed[2].manifest.key, pushed[3].manifest.key]  # SITROOM_S3_KEEP=2
    assert pushed[2].removed == 1 and pushed[3].removed == 1
    assert store.read_manifest(s3, storage).key == pushed[3].manifest.key


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_storage_is_one_line_and_the_local_publish_stands(storage, tmp_path, monkeypatch):
    monkeypatch.setenv("SITROOM_S3_URL", f"http://127.0.0.1:{_closed_port()}")
    loader = tmp_path / "loader"
    (loader / "inbox").mkdir(parents=True)
    t0 = time.monotonic()
    res = _etl(loader, "load", str(SAMPLE))
    assert res.returncode == 0, res.stderr  # the load did publish: its exit code says so
    _no_traceback(res)
    warn = [line for line in res.stderr.splitlines() if "object storage" in line]
    assert len(warn) == 1 and "unreachable" in warn[0] and "python -m etl push" in warn[0], res.stderr
    assert "published" in res.stdout and (loader / "warehouse.duckdb").exists()
    assert _read_side(loader / "warehouse.duckdb", monkeypatch) > 0

    res = _etl(loader, "push")
    assert res.returncode == 3
    _no_traceback(res)
    assert res.stderr.count("\n") == 1 and "unreachable" in res.stderr

    replica = _small_warehouse(tmp_path / "replica" / "warehouse.duckdb", 7)
    before = _sha(replica)
    res = _pull_once(replica)
    assert res.returncode == pull_mod.EXIT_STORAGE
    _no_traceback(res)
    assert "unreachable" in res.stdout and "keeping the current warehouse" in res.stdout
    assert _sha(replica) == before
    assert time.monotonic() - t0 < 90  # bounded: connection refused, three tries each


def test_settings_and_credentials_faults_are_sentences(storage, tmp_path, monkeypatch):
    loader = tmp_path / "loader"
    (loader / "inbox").mkdir(parents=True)
    res = _etl(loader, "push")
    assert res.returncode == 2 and "no published warehouse" in res.stderr, res.stderr
    (loader / "warehouse.duckdb").write_bytes(b"not a warehouse" * 1000)
    res = _etl(loader, "push")
    assert res.returncode == 2 and "could not be read" in res.stderr, res.stderr
    _no_traceback(res)
    assert store.read_manifest(store.client(storage), storage) is None  # nothing was pushed
    _small_warehouse(loader / "warehouse.duckdb", 1)
    monkeypatch.setenv("SITROOM_S3_BUCKET", "no-such-bucket-" + uuid.uuid4().hex[:8])
    res = _etl(loader, "push")
    assert res.returncode == 3 and "does not exist" in res.stderr, res.stderr
    monkeypatch.setenv("SITROOM_S3_BUCKET", storage.bucket)
    for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.delenv(k)
    res = _etl(loader, "push")
    assert res.returncode == 3 and "no credentials" in res.stderr, res.stderr
    _no_traceback(res)
    monkeypatch.setenv("SITROOM_S3_URL", "")
    res = _etl(loader, "push")
    assert res.returncode == 2 and "object storage is off" in res.stderr
    res = subprocess.run([sys.executable, "-m", "situation.pull", "--once"], cwd=ROOT, env=_env(loader),
                         capture_output=True, text=True, timeout=60, check=False)
    assert res.returncode == 2 and "object storage is off" in res.stderr


def test_the_replicas_launcher_runs_the_puller_when_storage_is_set(storage, sample_warehouse, tmp_path):
    from situation.shell import replicas

    if replicas.find_haproxy() is None:
        pytest.skip("haproxy is missing (apt-get install haproxy; .ci/run does it)")
    loader = tmp_path / "loader"
    (loader / "inbox").mkdir(parents=True)
    shutil.copyfile(sample_warehouse, loader / "warehouse.duckdb")
    assert _etl(loader, "push").returncode == 0
    replica, run_dir = tmp_path / "replica" / "warehouse.duckdb", tmp_path / "run"
    port = _closed_port()
    with open(tmp_path / "replicas.log", "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "situation.replicas", "--replicas", "1", "--port", str(port),
                                 "--first-port", str(_closed_port()), "--run-dir", str(run_dir)],
                                cwd=ROOT, env=_env(replica.parent, replica, role="replica"), stdout=out,
                                stderr=subprocess.STDOUT,
                                start_new_session=True)
    try:
        _wait(lambda: replica.exists() and _sha(replica) == _sha(loader / "warehouse.duckdb"), proc,
              tmp_path / "replicas.log", timeout_s=120)
        assert "now on" in (run_dir / "pull.log").read_text()
    finally:
        proc.terminate()
        proc.wait(60)
    assert proc.returncode == 0, (tmp_path / "replicas.log").read_text()


def test_a_replica_machine_never_pushes_and_the_loading_machine_never_pulls(storage, sample_warehouse, tmp_path):
    loader = tmp_path / "loader"
    (loader / "inbox").mkdir(parents=True)
    shutil.copyfile(sample_warehouse, loader / "warehouse.duckdb")
    assert _etl(loader, "push").returncode == 0
    replica = tmp_path / "replica"
    (replica / "inbox").mkdir(parents=True)
    assert _pull_once(replica / "warehouse.duckdb").returncode == 0
    s3 = store.client(storage)
    pushed = store.read_manifest(s3, storage)
    # A load on a replica machine (say an upload on its dashboard) is published there only.
    res = _etl(replica, "load", str(_report(replica, 11, 99)), role="replica")
    assert res.returncode == 0, res.stderr
    assert "not pushed" in res.stderr and "replica" in res.stderr
    assert store.read_manifest(s3, storage) == pushed
    res = _etl(replica, "push", role="replica")
    assert res.returncode == 2 and "replica" in res.stderr
    # ... and the replica follows the loading machine again at its next pull.
    assert _pull_once(replica / "warehouse.duckdb").returncode == 0
    assert _sha(replica / "warehouse.duckdb") == pushed.sha256
    # The loading machine refuses to pull over its own loads.
    res = subprocess.run([sys.executable, "-m", "situation.pull", "--once"], cwd=ROOT, env=_env(loader),
                         capture_output=True, text=True, timeout=60, check=False)
    assert res.returncode == 2 and "SITROOM_S3_ROLE is loader" in res.stderr
    # No role at all is refused, never guessed.
    env = _env(loader)
    env["SITROOM_S3_ROLE"] = ""
    res = subprocess.run([sys.executable, "-m", "etl", "push"], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=60, check=False)
    assert res.returncode == 2 and "SITROOM_S3_ROLE=loader" in res.stderr


def test_killing_a_push_mid_upload_leaves_replicas_on_the_old_version(storage, tmp_path):
    loader = tmp_path / "loader"
    (loader / "inbox").mkdir(parents=True)
    db = _small_warehouse(loader / "warehouse.duckdb", 1)
    assert _etl(loader, "push").returncode == 0
    replica = tmp_path / "replica" / "warehouse.duckdb"
    assert _pull_once(replica).returncode == 0
    s3 = store.client(storage)
    first = store.read_manifest(s3, storage)
    # A version large enough to go up in several parts (etl/push.py PART), then kill -9 mid-upload.
    db.unlink()
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE noise AS SELECT md5(i::VARCHAR) || md5((i * 7)::VARCHAR) AS s FROM range(1000000) t(i)")
    con.close()
    assert db.stat().st_size > push_mod.PART  # multipart: parts go up one by one
    proc = subprocess.Popen([sys.executable, "-m", "etl", "push"], cwd=ROOT, env=_env(loader),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not s3.list_multipart_uploads(Bucket=storage.bucket).get("Uploads"):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.02)
        os.killpg(proc.pid, 9)
    finally:
        proc.wait(30)
    assert proc.returncode == -9
    assert store.read_manifest(s3, storage) == first
    res = _pull_once(replica)
    assert res.returncode == 0 and "up to date" in res.stdout
    assert _sha(replica) == first.sha256
    # The next push completes; the abandoned parts were never an object a replica could see.
    assert _etl(loader, "push").returncode == 0
    assert _pull_once(replica).returncode == 0 and _sha(replica) == _sha(db)
