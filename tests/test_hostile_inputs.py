"""The hostile corpus (tests/hostile_corpus.py, generated here, never stored as bytes) through the
real CLI: each file after an earlier good one. Every case asserts the exit code, no traceback,
the earlier rows unchanged, exactly the file's good rows loaded (the bad ones rejected with the
expected code, or the whole file quarantined with its reason), and time and peak memory bounded."""
from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import hostile_corpus as hc
from tests.conftest import ROOT, cli_env, fetch

MAX_SECONDS = 30  # per file on a busy 2-core machine; the slowest case measured ≈ 3 s
MAX_RSS_MB = 700  # the bound is 1 GB; a plain load peaks near 200 MB

# Runs the CLI and records its own peak RSS (kB on Linux) in a file: the measure is of that
# process alone, not of every child this test session ever started.
MEASURED = ("import atexit, resource, sys; "
            "atexit.register(lambda: open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))); "
            "from etl.cli import main; sys.exit(main(sys.argv[2:]))")


def run_measured(data: Path, *args: str, timeout: float = 120) -> tuple[subprocess.CompletedProcess, float, float]:
    """(result, seconds, peak MB) of `python -m etl ARGS` on data."""
    rss = data.parent / "rss.txt"
    t0 = time.monotonic()
    res = subprocess.run([sys.executable, "-c", MEASURED, str(rss), *args], cwd=ROOT, env=cli_env(data),
                         capture_output=True, text=True, timeout=timeout, check=False)
    return res, time.monotonic() - t0, int(rss.read_text()) / 1024


BASE_ROWS = [hc.good("Base1", 11), hc.good("Base2", 12), hc.good("Base3", 13)]


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """A warehouse holding one earlier good file."""
    d = tmp_path_factory.mktemp("hostile-base") / "data"
    (d / "inbox").mkdir(parents=True)
    (d / "inbox" / "base.csv").write_text(hc._csv(*BASE_ROWS), encoding="utf-8")
    res, _, _ = run_measured(d, "load", "--quiet")
    assert res.returncode == 0, res.stdout + res.stderr
    return d


def earlier(db: Path) -> list[tuple]:
    return fetch(db, "SELECT source_id, line, city, count FROM headcounts WHERE source_id = 1 ORDER BY line")


@pytest.mark.parametrize("case", hc.CASES, ids=[repr(c.name) for c in hc.CASES])
def test_hostile_file(case: hc.Case, base: Path, tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(base, data)
    db = data / "warehouse.duckdb"
    before = earlier(db)
    path = data / "inbox" / case.name
    case.make(path)

    res, seconds, peak_mb = run_measured(data, "load")
    out = res.stdout + res.stderr
    print(f"{case.name!r}: exit {res.returncode}, {seconds:.2f} s, peak {peak_mb:.0f} MB")

    assert res.returncode == case.exit_code, out
    assert "Traceback" not in out
    assert "\x1b" not in out  # a control character in a name is shown escaped, never sent to the terminal
    assert seconds < MAX_SECONDS and peak_mb < MAX_RSS_MB, (seconds, peak_mb)
    assert earlier(db) == before  # the earlier file's rows are unchanged
    [(sid, kind, loaded, rejected)] = fetch(
        db, "SELECT source_id, kind, rows_loaded, rows_rejected FROM sources WHERE source_id > 1")
    [(stored,)] = fetch(db, "SELECT count(*) FROM headcounts WHERE source_id = ?", [sid])
    assert stored == loaded == case.good_rows
    codes = {c for (c,) in fetch(db, "SELECT code FROM rejects WHERE source_id = ?", [sid])}
    if case.unusable:
        assert kind == "unusable" and rejected == 1
        note = data / "quarantine" / (case.name + ".reason.txt")
        assert (data / "quarantine" / case.name).exists() and note.read_text().strip()
        assert "\n" not in note.read_text().strip()  # one line
    else:
        assert codes == set(case.codes), fetch(db, "SELECT line, code, reason FROM rejects WHERE source_id = ?", [sid])
        assert not path.exists()  # loaded files leave the inbox (they are in the archive)


def test_one_inbox_of_every_hostile_file_still_loads_and_publishes_the_good_ones(base: Path, tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(base, data)
    hc.write(data / "inbox")
    (data / "inbox" / "zz_good.csv").write_text(hc._csv(hc.good("Last1"), hc.good("Last2")), encoding="utf-8")
    res, seconds, peak_mb = run_measured(data, "load", timeout=300)
    out = res.stdout + res.stderr
    print(f"whole corpus: exit {res.returncode}, {seconds:.2f} s, peak {peak_mb:.0f} MB")
    assert res.returncode == 1 and "Traceback" not in out and "published" in out, out
    assert peak_mb < MAX_RSS_MB
    db = data / "warehouse.duckdb"
    want = sum(c.good_rows for c in hc.CASES) + 2 + len(BASE_ROWS)
    assert fetch(db, "SELECT count(*) FROM headcounts") == [(want,)]
    assert {p.name for p in (data / "inbox").iterdir()} == set()  # nothing left waiting
    quarantined = {p.name for p in (data / "quarantine").iterdir() if not p.name.endswith(".reason.txt")}
    assert quarantined == {c.name for c in hc.CASES if c.unusable}
    # The next load is not blocked by anything the last one met.
    (data / "inbox" / "next.csv").write_text(hc._csv(hc.good("Next")), encoding="utf-8")
    res, _, _ = run_measured(data, "load")
    assert res.returncode == 0, res.stdout + res.stderr
