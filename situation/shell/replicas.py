"""`python -m situation.replicas --replicas N --port P` — several dashboard processes behind HAProxy.

One Streamlit process serves every session from one Python process (one core at most for the
script runs). For a ministry-wide audience the ordinary way is several processes behind a reverse
proxy. This starts N replicas (`python -m situation.serve`, each on a loopback port of its own,
all reading the same published warehouse SITROOM_DB) and HAProxy from Debian's package in front:

- sticky sessions: HAProxy inserts a cookie (SITROOM_REPLICA) naming the replica on the first
  response, so a browser's page, its websocket and its uploads reach the same process (a
  Streamlit session lives in one process's memory);
- health checks on /_stcore/health: a replica that stops is taken out of the rotation;
- WebSocket: HAProxy passes the upgrade through; `timeout tunnel` keeps a quiet dashboard open.

The proxy's address is checked like `situation.shell.serve` checks Streamlit's: without a login
(SITROOM_AUTH=local) only loopback. Ctrl-C (or SIGTERM) stops the proxy and every replica.
Loads publish by an atomic rename (etl/publish.py), so every replica sees a new version on its
next rerun, with no restart and no coordination between them. On a replica machine
(SITROOM_S3_URL set, SITROOM_S3_ROLE=replica), `python -m situation.pull` runs beside them and
swaps in each version the loading machine pushes (situation/shell/pull.py).
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import config
from situation.shell import auth

COOKIE = "SITROOM_REPLICA"
HEALTH = "/_stcore/health"
START_TIMEOUT_S = 120


def haproxy_config(address: str, port: int, replica_ports: list[int]) -> str:
    """HAProxy configuration: one frontend, the replicas round-robin with a sticky cookie."""
    servers = "\n".join(f"    server r{i} 127.0.0.1:{p} check cookie r{i}" for i, p in enumerate(replica_ports, 1))
    return f"""# Written by python -m situation.replicas; see its docstring.
global
    maxconn 4096

defaults
    mode http
    option forwardfor
    timeout connect 5s
    timeout client 1h
    timeout server 1h
    # WebSocket sessions of a dashboard left open on a wall screen.
    timeout tunnel 12h
    timeout http-request 30s

frontend sitroom
    bind {address}:{port}
    default_backend replicas

backend replicas
    balance roundrobin
    cookie {COOKIE} insert indirect nocache httponly
    option httpchk GET {HEALTH}
    http-check expect status 200
{servers}
"""


def find_haproxy() -> str | None:
    return shutil.which("haproxy") or next((p for p in ("/usr/sbin/haproxy",) if os.path.exists(p)), None)


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def _wait_healthy(url: str, procs: list[subprocess.Popen], timeout_s: float = START_TIMEOUT_S) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if any(p.poll() is not None for p in procs):
            return False
        if _healthy(url):
            return True
        time.sleep(0.3)
    return False


def _stop(procs: list[subprocess.Popen]) -> None:
    for p in procs:
        if p.poll() is None:
            os.killpg(os.getpgid(p.pid), signal.SIGTERM)
    deadline = time.monotonic() + 15
    for p in procs:
        try:
            p.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(os.getpgid(p.pid), signal.SIGKILL)
            p.wait(5)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m situation.replicas", description=__doc__.splitlines()[0])
    ap.add_argument("--replicas", type=int, default=2, help="Streamlit processes (default 2; about one per core)")
    ap.add_argument("--port", type=int, default=8500, help="the proxy's port (default 8500)")
    ap.add_argument("--address", default="127.0.0.1", help="the proxy's address (default 127.0.0.1)")
    ap.add_argument("--first-port", type=int, default=0,
                    help="first replica port, on 127.0.0.1 (default: the proxy's port + 1, + 2, …)")
    ap.add_argument("--run-dir", type=Path, default=None, help="where the proxy config and logs go (default: a temp dir)")
    args = ap.parse_args(argv)
    if args.replicas < 1:
        ap.error("--replicas must be at least 1")
    try:
        problem = auth.startup_problem(args.address, auth.auth_mode())
    except auth.AuthConfigError as e:
        problem = str(e)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    haproxy = find_haproxy()
    if haproxy is None:
        print("HAProxy is needed: apt-get install haproxy (Debian's package)", file=sys.stderr)
        return 2
    run_dir = args.run_dir or Path(tempfile.mkdtemp(prefix="sitroom-replicas-"))
    run_dir.mkdir(parents=True, exist_ok=True)
    first = args.first_port or args.port + 1
    ports = list(range(first, first + args.replicas))
    procs: list[subprocess.Popen] = []
    stopping = {"now": False}

    def on_signal(_sig: int, _frame: object) -> None:
        stopping["now"] = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        for i, p in enumerate(ports, 1):
            log = open(run_dir / f"replica{i}.log", "w", encoding="utf-8")  # noqa: SIM115 (lives as long as the child)
            procs.append(subprocess.Popen(
                [sys.executable, "-m", "situation.shell.serve", "--server.address", "127.0.0.1", "--server.port", str(p),
                 "--server.headless", "true", "--browser.gatherUsageStats", "false",
                 "--server.fileWatcherType", "none"],
                cwd=config.ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True))
        for i, p in enumerate(ports, 1):
            if not _wait_healthy(f"http://127.0.0.1:{p}{HEALTH}", procs):
                print(f"replica {i} (port {p}) did not start; see {run_dir / f'replica{i}.log'}", file=sys.stderr)
                return 2
        cfg = run_dir / "haproxy.cfg"
        cfg.write_text(haproxy_config(args.address, args.port, ports), encoding="utf-8")
        proxy_log = open(run_dir / "haproxy.log", "w", encoding="utf-8")  # noqa: SIM115
        procs.append(subprocess.Popen([haproxy, "-f", str(cfg), "-db"], stdout=proxy_log, stderr=subprocess.STDOUT,
                                      start_new_session=True))
        if not _wait_healthy(f"http://127.0.0.1:{args.port}{HEALTH}", procs, 30):
            print(f"HAProxy did not start; see {run_dir / 'haproxy.log'}", file=sys.stderr)
            return 2
        if config.setting("SITROOM_S3_URL").strip() and config.setting("SITROOM_S3_ROLE").strip() == "replica":
            pull_log = open(run_dir / "pull.log", "w", encoding="utf-8")  # noqa: SIM115
            procs.append(subprocess.Popen([sys.executable, "-m", "situation.pull"], cwd=config.ROOT, stdout=pull_log,
                                          stderr=subprocess.STDOUT, start_new_session=True))
        print(f"Situation Room: http://{args.address}:{args.port}/ — {args.replicas} replicas on ports "
              f"{', '.join(map(str, ports))}; config and logs in {run_dir}", flush=True)
        while not stopping["now"]:
            if any(p.poll() is not None for p in procs):
                print("a replica or the proxy stopped; stopping the rest", file=sys.stderr)
                return 1
            time.sleep(0.5)
        return 0
    finally:
        _stop(procs)


if __name__ == "__main__":
    sys.exit(main())
