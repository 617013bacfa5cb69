"""Two dashboard replicas behind HAProxy (`python -m situation.replicas`), sessions opened through
the proxy while a load publishes into the folder they all read.

What a user would check: every session renders without an error on whichever replica it lands
(sessions are spread over both and stay on theirs), no session ever shows a half-loaded figure,
and after the load every replica shows the new figure on the next refresh — no restart.
Times to rendered through the proxy go to bench/results/e2e_replicas.json.
"""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from situation.shell.replicas import COOKIE
from tests.conftest import ROOT, cli_env
from tests.e2e.conftest import RESULTS, free_port, open_page, stop_group
from tests.e2e.test_concurrency import Loads, citizens, open_all, percentile

SESSIONS = int(os.environ.get("SITROOM_E2E_REPLICA_SESSIONS", "6"))
QUERY = "?lang=en&as_of=2026-03-04T23:30"
# A correction for one mission's UAE tourists at the fixed moment: the headline figure changes.
CORRECTION = "as_of,mission,country,city,category,citizens\n2026-03-04 23:00,KZ-EMB-ABU,UAE,Dubai,tourist,5000\n"
MAX_S = 900  # a shared 2-core machine under load can take minutes per round


def _citizens(page: Any, timeout_s: float = 120) -> str | None:
    """The overview's figure, waiting longer than citizens() does: on a busy machine a session's
    first page can take a while to draw its figures after it has rendered once."""
    deadline = time.monotonic() + timeout_s
    while True:
        v = citizens(page)
        if v is not None or time.monotonic() > deadline:
            return v


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def proxy(chromium_path: str, sample_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    if not shutil.which("haproxy") and not os.path.exists("/usr/sbin/haproxy"):
        pytest.skip("haproxy is missing (apt-get install haproxy; .ci/run does it)")
    root = tmp_path_factory.mktemp("replicas")
    data = root / "data"
    shutil.copytree(sample_warehouse.parent, data)
    port, first = free_port(), free_port()
    run = root / "run"
    env = dict(cli_env(data), SITROOM_AUDIT=str(root / "audit.jsonl"))
    proc = subprocess.Popen([sys.executable, "-m", "situation.shell.replicas", "--replicas", "2", "--port", str(port),
                             "--first-port", str(first), "--run-dir", str(run)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while not _healthy(base + "/_stcore/health"):
            if proc.poll() is not None:
                pytest.fail(f"replicas exited {proc.returncode}: {proc.stdout.read()[-3000:]}")
            if time.monotonic() > deadline:
                pytest.fail("the proxy was not healthy after 180 s")
            time.sleep(0.5)
        yield {"base": base, "data": data, "run": run}
    finally:
        stop_group(proc)
    assert proc.returncode == 0, "the launcher did not stop cleanly on SIGTERM"


def test_sessions_through_the_proxy_while_a_load_publishes(new_context: Callable[..., Any], proxy: dict,
                                                            tmp_path: Path) -> None:
    base = proxy["base"]
    # One session alone first: the reference time to rendered through the proxy.
    solo_ctx = new_context()
    solo = solo_ctx.new_page()
    open_page(solo, base + "/" + QUERY)
    before = _citizens(solo)
    assert before == "≈8,600", before  # the reference day: 8,618, partly estimated, rounded honestly
    single = open_all([solo], [base + "/" + QUERY])[0]["ms"]
    solo_ctx.close()

    contexts = [new_context() for _ in range(SESSIONS)]
    try:
        pages = [c.new_page() for c in contexts]
        first = open_all(pages, [base + "/" + QUERY] * SESSIONS)
        replica = [next((k["value"] for k in c.cookies() if k["name"] == COOKIE), None) for c in contexts]
        assert set(replica) == {"r1", "r2"}, replica  # spread over both replicas
        report = tmp_path / "correction.csv"
        report.write_text(CORRECTION, encoding="utf-8")
        loads = Loads(proxy["data"], [report], proxy["run"] / "loads.log")
        rounds, spans, t0 = [first], [], time.monotonic()
        # Rounds of page opens while the load runs (the first starts as the load starts).
        while loads.poll() or len(rounds) < 2:
            assert time.monotonic() - t0 < MAX_S, f"load still running after {MAX_S} s"
            start = time.monotonic()
            rounds.append(open_all(pages, [base + "/" + QUERY] * SESSIONS))
            spans.append((start, time.monotonic()))
        final = open_all(pages, [base + "/" + QUERY] * SESSIONS)  # one refresh after the publish
        for p, v in zip(pages, final, strict=True):
            if v["citizens"] is None:
                v["citizens"] = _citizens(p)
        sticky = [next((k["value"] for k in c.cookies() if k["name"] == COOKIE), None) for c in contexts]
    finally:
        for c in contexts:
            c.close()

    assert [code for _, code, *_ in loads.done] == [0], loads.log.read_text(encoding="utf-8")
    (_, _, load_start, load_end), = loads.done
    assert any(s < load_end and e > load_start for s, e in spans), "no round overlapped the load"
    assert sticky == replica, "a session moved to another replica"
    visits = [v for r in rounds for v in r] + final
    bad = [e[:300] for v in visits for e in v["exceptions"]]
    assert not bad, "\n".join(bad)
    after = final[0]["citizens"]
    assert after is not None and after != before, (before, after)
    # Every session — on both replicas — shows the new figure after one refresh.
    assert {v["citizens"] for v in final} == {after}, list(zip(replica, [v["citizens"] for v in final]))
    # (None: a figure not drawn yet when looked at, on a busy machine; never another number.)
    assert {v["citizens"] for v in visits} <= {before, after, None}, "a half-loaded figure"
    for log in sorted(proxy["run"].glob("replica*.log")):
        text = log.read_text(encoding="utf-8", errors="replace")
        assert "Traceback" not in text, f"{log.name}: {text[text.index('Traceback'):][:2000]}"

    ms = [v["ms"] for v in visits]
    result = {"test": "sessions through HAProxy, 2 replicas, while a load publishes", "sessions": SESSIONS,
              "page_opens": len(ms), "single_session_s": round(single / 1000, 3),
              "p50_s": round(percentile(ms, 0.5) / 1000, 3), "p95_s": round(percentile(ms, 0.95) / 1000, 3),
              "mean_s": round(statistics.fmean(ms) / 1000, 3),
              "p95_over_single": round(percentile(ms, 0.95) / single, 2),
              "replicas_seen": sorted(set(replica)), "citizens_before": before, "citizens_after": after,
              "date": time.strftime("%Y-%m-%d %H:%M:%S %Z")}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "e2e_replicas.json").write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    print("\n" + json.dumps(result, ensure_ascii=False))
