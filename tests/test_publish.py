"""Publishing never blocks readers, and a killed load leaves the published warehouse intact."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from tests.conftest import ROOT, cli_env, fetch, run_cli, run_cli_process, table_counts

REPORT = "as_of,mission,country,city,category,citizens\n2026-03-04 09:00,KZ-EMB-ABU,UAE,Dubai,tourist,{n}\n"

HOLD_OPEN = """
import duckdb, sys, time
con = duckdb.connect(sys.argv[1], read_only=True)
print(con.execute("SELECT sum(count) FROM headcounts").fetchone()[0], flush=True)
sys.stdin.readline()  # keep the file open until told
print(con.execute("SELECT sum(count) FROM headcounts").fetchone()[0], flush=True)
"""


def test_a_reader_holding_the_file_does_not_block_a_load(tmp_data: Path):
    (tmp_data / "inbox" / "a.csv").write_text(REPORT.format(n=100))
    assert run_cli(tmp_data, "load").returncode == 0
    db = tmp_data / "warehouse.duckdb"
    reader = subprocess.Popen([sys.executable, "-c", HOLD_OPEN, str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout.readline().strip() == "100"
        (tmp_data / "inbox" / "b.csv").write_text(REPORT.format(n=250).replace("09:00", "10:00"))
        res = run_cli_process(tmp_data, "load", timeout=60)  # its own process: a lock would hang it, not us
        assert res.returncode == 0, res.stderr
        # The old reader still answers, from the version it opened.
        out, _ = reader.communicate("go\n", timeout=30)
        assert out.strip() == "100"
    finally:
        reader.kill()
    # A fresh connection sees the new data.
    assert fetch(db, "SELECT sum(count) FROM headcounts") == [(350,)]
    assert fetch(db, "SELECT count FROM latest_headcounts") == [(250,)]


def test_the_read_side_picks_up_a_new_load_without_restart(tmp_data: Path, monkeypatch):
    import datetime as dt

    from situation.queries import overview as overview_queries
    (tmp_data / "inbox" / "a.csv").write_text(REPORT.format(n=100))
    run_cli(tmp_data, "load")
    monkeypatch.setenv("SITROOM_DB", str(tmp_data / "warehouse.duckdb"))
    assert overview_queries.countries_now(dt.datetime(2026, 3, 5))["citizens"].tolist() == [100]
    (tmp_data / "inbox" / "b.csv").write_text(REPORT.format(n=300).replace("09:00", "11:00"))
    assert run_cli(tmp_data, "load").returncode == 0
    assert overview_queries.countries_now(dt.datetime(2026, 3, 5))["citizens"].tolist() == [300]


def test_killing_a_load_half_way_leaves_the_previous_warehouse(tmp_data: Path, tmp_path: Path):
    (tmp_data / "inbox" / "a.csv").write_text(REPORT.format(n=100))
    assert run_cli(tmp_data, "load").returncode == 0
    db = tmp_data / "warehouse.duckdb"
    before = table_counts(db)
    big = tmp_path / "big"
    assert run_cli(tmp_data, "synth", "--rows", "400000", "--out", str(big)).returncode == 0
    proc = subprocess.Popen([sys.executable, "-m", "etl", "load", str(big)], cwd=ROOT, env=cli_env(tmp_data),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    tmp = db.with_name(db.name + ".tmp")
    deadline = time.time() + 60
    while not tmp.exists() and time.time() < deadline and proc.poll() is None:
        time.sleep(0.01)
    time.sleep(0.2)
    assert proc.poll() is None, "the load finished before it could be killed; make the file bigger"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert table_counts(db) == before
    con = duckdb.connect(str(db), read_only=True)  # opens cleanly: no stale WAL beside it
    con.close()
    # The next load cleans up the leftovers and works.
    (tmp_data / "inbox" / "c.csv").write_text(REPORT.format(n=5).replace("09:00", "12:00"))
    assert run_cli(tmp_data, "load").returncode == 0
    assert fetch(db, "SELECT count FROM latest_headcounts") == [(5,)]


def test_loads_are_serialised(tmp_data: Path):
    from etl.publish import Busy, load_lock

    db = tmp_data / "warehouse.duckdb"
    with load_lock(db):
        try:
            with load_lock(db, wait=False):
                raise AssertionError("a second load got the lock")
        except Busy as e:
            assert "another load is running" in str(e)
