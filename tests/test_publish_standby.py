"""A load reuses the previous version (the standby) instead of copying the whole warehouse, and
the result is the same file a copy would have given; whenever the standby cannot be used safely
(a reader on it, a killed load) the load copies, and the published file is never written."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from etl import publish
from etl.load import load_paths
from tests.conftest import ROOT, SAMPLE, cli_env, fetch, run_cli, run_cli_process, table_counts

REPORT = "as_of,mission,country,city,category,citizens\n2026-03-04 {hh}:00,KZ-EMB-ABU,UAE,Dubai,tourist,{n}\n"


def _tables(db: Path) -> list[str]:
    return [r[0] for r in fetch(db, "SELECT table_name FROM information_schema.tables "
                                    "WHERE table_type = 'BASE TABLE' ORDER BY 1")]


def _differences(a: Path, b: Path) -> dict[str, int]:
    """Rows in one file's table and not in the other's (both ways), per table; {} = equal."""
    con = duckdb.connect(":memory:")
    con.execute("ATTACH ? AS a (READ_ONLY)", [str(a)])
    con.execute("ATTACH ? AS b (READ_ONLY)", [str(b)])
    out = {}
    for t in _tables(a):
        n = con.execute(f'SELECT count(*) FROM ((FROM a."{t}" EXCEPT ALL FROM b."{t}") UNION ALL '
                        f'(FROM b."{t}" EXCEPT ALL FROM a."{t}"))').fetchone()[0]
        if n:
            out[t] = n
    con.close()
    return out


def _load(data: Path, *files: Path):
    db = data / "warehouse.duckdb"
    return load_paths(list(files), data, db)


def test_each_kind_caught_up_on_the_standby_equals_the_published_file(tmp_data: Path, tmp_path: Path):
    db = tmp_data / "warehouse.duckdb"
    files = sorted(SAMPLE.glob("*.*"))
    files = [f for f in files if f.suffix != ".md"] + sorted((ROOT / "tests" / "fixtures" / "bulletins").glob("*.txt"))[:1]
    made = []
    for f in files:  # one load per file: every kind is appended on top of a standby once
        rep = _load(tmp_data, f)
        assert rep.published, (f, rep)
        made.append(rep.built_from)
        standby = publish.standby_path(db)
        if rep.built_from == "fresh":
            assert not standby.exists()  # nothing was published before
            continue
        assert standby.exists() and not os.path.samefile(standby, db)
        # Catch a copy of the standby up and compare it with the published file, row for row.
        probe = tmp_path / "probe.duckdb"
        shutil.copyfile(standby, probe)
        con = duckdb.connect(str(probe))
        assert publish.catch_up(con, db)
        con.close()
        assert _differences(probe, db) == {}, f
    assert made[0] == "fresh" and made[1] == "copy"  # the first load has no standby yet
    assert set(made[2:]) == {"standby"}, made
    # The checks passed on every load and the figures are the sample's.
    assert fetch(db, "SELECT count(*) FROM headcounts")[0][0] > 0
    assert _load(tmp_data, *files).outcomes[0].status == "unchanged"


def test_a_reader_on_the_old_version_makes_the_load_copy_and_keeps_its_figures(tmp_data: Path):
    db = tmp_data / "warehouse.duckdb"
    for hh, n in (("08", 100), ("09", 200)):
        (tmp_data / "inbox" / f"{hh}.csv").write_text(REPORT.format(hh=hh, n=n))
        assert run_cli(tmp_data, "load").returncode == 0
    # The standby is the version with 100; a reader opens it (as a dashboard on that version would).
    reader = duckdb.connect(":memory:")
    reader.execute("ATTACH ? AS old (READ_ONLY)", [str(publish.standby_path(db))])
    assert reader.execute("SELECT sum(count) FROM old.headcounts").fetchone()[0] == 100
    (tmp_data / "inbox" / "10.csv").write_text(REPORT.format(hh="10", n=300))
    # Its own process, as a load is: file locks never conflict within one process, so a load run
    # in this one would not see the reader above.
    res = run_cli_process(tmp_data, "load")
    assert res.returncode == 0, res.stderr
    # The load could not lock the standby: it copied, and never wrote under the reader.
    assert reader.execute("SELECT sum(count) FROM old.headcounts").fetchone()[0] == 100
    reader.close()
    assert fetch(db, "SELECT sum(count) FROM headcounts") == [(600,)]
    assert fetch(db, "SELECT count FROM latest_headcounts") == [(300,)]


def test_killing_a_load_on_the_standby_leaves_the_published_file(tmp_data: Path, tmp_path: Path):
    db = tmp_data / "warehouse.duckdb"
    for hh in ("08", "09"):
        (tmp_data / "inbox" / f"{hh}.csv").write_text(REPORT.format(hh=hh, n=100))
        assert run_cli(tmp_data, "load").returncode == 0
    assert publish.standby_path(db).exists()
    before = table_counts(db)
    big = tmp_path / "big"
    assert run_cli(tmp_data, "synth", "--rows", "400000", "--out", str(big)).returncode == 0
    proc = subprocess.Popen([sys.executable, "-m", "etl", "load", str(big)], cwd=ROOT, env=cli_env(tmp_data),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    tmp = publish.tmp_path(db)
    deadline = time.time() + 60
    while not tmp.exists() and time.time() < deadline and proc.poll() is None:
        time.sleep(0.01)
    assert not publish.standby_path(db).exists(), "the load took the standby"
    time.sleep(0.3)
    assert proc.poll() is None, "the load finished before it could be killed; make the file bigger"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert table_counts(db) == before
    duckdb.connect(str(db), read_only=True).close()
    (tmp_data / "inbox" / "12.csv").write_text(REPORT.format(hh="12", n=5))
    assert run_cli(tmp_data, "load").returncode == 0
    assert fetch(db, "SELECT count FROM latest_headcounts") == [(5,)]
    assert not tmp.exists()


def test_a_standby_that_is_still_the_published_file_is_not_used(tmp_data: Path):
    """A load killed between linking the standby and the swap leaves two names for one file."""
    db = tmp_data / "warehouse.duckdb"
    (tmp_data / "inbox" / "a.csv").write_text(REPORT.format(hh="08", n=100))
    assert run_cli(tmp_data, "load").returncode == 0
    publish.standby_path(db).unlink(missing_ok=True)
    os.link(db, publish.standby_path(db))
    rep = _load(tmp_data, _write(tmp_data, "b.csv", REPORT.format(hh="09", n=50)))
    assert rep.published and rep.built_from == "copy"
    assert fetch(db, "SELECT count FROM latest_headcounts") == [(50,)]


def _write(data: Path, name: str, text: str) -> Path:
    p = data.parent / name
    p.write_text(text)
    return p


@pytest.mark.parametrize("since, expected", [(1, 1), (3, 0)])
def test_checks_look_at_the_rows_a_load_added(tmp_data: Path, since: int, expected: int):
    """A bad row already published (forced in) is not blamed on a later load, whose own rows are
    checked; since=1 (a rebuild) checks everything."""
    from etl.warehouse import run_checks

    db = tmp_data / "warehouse.duckdb"
    for hh in ("08", "09"):
        (tmp_data / "inbox" / f"{hh}.csv").write_text(REPORT.format(hh=hh, n=100))
        assert run_cli(tmp_data, "load").returncode == 0
    con = duckdb.connect(str(db))
    con.execute("UPDATE headcounts SET count = -1 WHERE source_id = 1")
    failing = [name for name, _n, _rows in run_checks(con, since=since)]
    con.close()
    assert failing.count("headcounts_count_nonnegative") == expected
