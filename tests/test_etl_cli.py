"""The CLI end to end on a temp data folder, as an analyst would run it."""
from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import SAMPLE, fetch, run_cli, run_cli_process, table_counts

GOOD = """as_of,mission,country,city,category,citizens
2026-03-04 09:00,KZ-EMB-ABU,UAE,Dubai,tourist,~3 500
2026-03-04 09:00,KZ-EMB-DOH,Qatar,Doha,transit,1500
"""
BAD = """as_of,mission,country,city,category,citizens
2026-03-04 09:00,KZ-EMB-KWI,Kuwiat,Kuwait City,resident,134
2026-03-04 09:00,KZ-EMB-KWI,Kuwait,Kuwait City,resident,many
2026-03-04 09:00,KZ-EMB-KWI,Bahrain,Manama,resident,168
"""


def test_load_then_load_again_changes_nothing(tmp_data: Path):
    (tmp_data / "inbox" / "good.csv").write_text(GOOD)
    res = run_cli(tmp_data, "load")
    assert res.returncode == 0, res.stderr
    assert "2 rows loaded" in res.stdout
    assert not (tmp_data / "inbox" / "good.csv").exists()  # taken out of the inbox, kept in the archive
    db = tmp_data / "warehouse.duckdb"
    before, mtime = table_counts(db), db.stat().st_mtime_ns
    src = next((tmp_data / "archive").glob("*/*.csv"))
    res = run_cli(tmp_data, "load", str(src))
    assert res.returncode == 0
    assert "unchanged" in res.stdout and "already loaded as source 1" in res.stdout
    assert table_counts(db) == before and db.stat().st_mtime_ns == mtime


def test_rejected_rows_exit_1_and_say_file_line_column_and_fix(tmp_data: Path):
    (tmp_data / "inbox" / "kw.csv").write_text(BAD)
    res = run_cli(tmp_data, "load")
    assert res.returncode == 1
    assert 'kw.csv, line 2, column country: unknown country "Kuwiat" — did you mean "Kuwait"?' in res.stdout
    assert "kw.csv, line 3, column citizens" in res.stdout
    assert fetch(tmp_data / "warehouse.duckdb", "SELECT country_iso3, count FROM headcounts") == [("BHR", 168)]


def test_usage_error_exits_2(tmp_data: Path):
    # The real `python -m etl`: the status a shell script sees, through the module's sys.exit.
    assert run_cli_process(tmp_data, "frobnicate").returncode == 2
    res = run_cli_process(tmp_data, "load", str(tmp_data / "nope.csv"))
    assert res.returncode == 2 and "no such file" in res.stderr


def test_rebuild_gives_identical_tables(tmp_data: Path):
    res = run_cli(tmp_data, "load", str(SAMPLE))
    assert res.returncode in (0, 1), res.stderr
    (tmp_data / "inbox" / "kw.csv").write_text(BAD)
    run_cli(tmp_data, "load")
    db = tmp_data / "warehouse.duckdb"
    dump = "SELECT * FROM {} ORDER BY ALL"
    tables = ["sources", "rejects", "headcounts", "evacuations", "countries", "missions"]
    before = {t: fetch(db, dump.format(t)) for t in tables}
    db.unlink()  # a lost warehouse costs nothing
    res = run_cli(tmp_data, "rebuild")
    assert res.returncode in (0, 1), res.stderr
    after = {t: fetch(db, dump.format(t)) for t in tables}
    assert after == before


def test_status_lists_missions_sources_and_totals(tmp_data: Path):
    (tmp_data / "inbox" / "good.csv").write_text(GOOD)
    run_cli(tmp_data, "load")
    res = run_cli(tmp_data, "status")
    assert res.returncode == 0
    out = res.stdout
    assert "KZ-EMB-ABU" in out and "2026-03-04 09:00" in out
    assert "good.csv" in out and "Totals: 1 sources, 2 headcount rows, 0 rejected, 5000 citizens" in out


def test_status_without_a_warehouse_says_what_to_do(tmp_data: Path):
    res = run_cli(tmp_data, "status")
    assert res.returncode == 2 and "python -m etl load" in res.stdout


def test_synth_is_deterministic_and_loads(tmp_path: Path, tmp_data: Path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert run_cli(tmp_data, "synth", "--rows", "5000", "--out", str(a)).returncode == 0
    assert run_cli(tmp_data, "synth", "--rows", "5000", "--out", str(b)).returncode == 0
    fa, fb = (a / "synth_headcounts.csv").read_bytes(), (b / "synth_headcounts.csv").read_bytes()
    assert fa == fb
    res = run_cli(tmp_data, "load", str(a))
    assert res.returncode == 0, res.stdout
    assert fetch(tmp_data / "warehouse.duckdb", "SELECT count(*), count(DISTINCT country_iso3) > 5 FROM headcounts") == [(5000, True)]
    shutil.rmtree(a)
