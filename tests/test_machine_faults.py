"""Faults of the machine and of the warehouse: a full disk, a damaged warehouse, a row that should
never have got in, the dashboard's error page, private file permissions."""
from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
import stat
import subprocess
import tomllib
from pathlib import Path

import duckdb
import pytest

from situation.display.formatting import NO_VALUE, fmt_date, fmt_datetime, fmt_month, fmt_time
from situation.i18n import t
from tests import hostile_corpus as hc
from tests.apptest import open_page
from tests.conftest import ROOT, cli_env, fetch, run_cli

PAGES = ["pages/overview.py", "pages/countries.py", "pages/airspace.py", "pages/evacuation.py",
         "pages/data_health.py", "pages/briefing.py"]


def _fault_prefix(key: str, lang: str = "kk") -> str:
    return t(key, lang, ref="@@").split("@@")[0]


# --- a row that could not be shown ---------------------------------------------------------------

@pytest.fixture
def poisoned(sample_copy: Path) -> Path:
    """The sample plus rows a load before the date rules accepted: year 0 and year 9999."""
    con = duckdb.connect(str(sample_copy))
    for when, city in (("0000-01-01 00:00", "Year0"), ("9999-12-31 23:00", "Year9999")):
        con.execute("INSERT INTO headcounts (as_of, country_iso3, city, category, count, approximate, mission_id, "
                    "source_id, line) SELECT CAST(? AS TIMESTAMP), 'QAT', ?, 'tourist', 5, false, 'KZ-EMB-DOH', "
                    "max(source_id), 999 FROM sources", [when, city])
    con.execute("INSERT INTO evacuations (evac_id, date, from_iso3, to_iso3, people, source_id, line) "
                "SELECT 'y0', TIMESTAMP '0000-01-01', 'IRN', 'ARM', 3, max(source_id), 999 FROM sources")
    con.close()
    return sample_copy


@pytest.mark.parametrize("page", PAGES)
def test_every_page_draws_with_a_year_0_row_in_the_warehouse(monkeypatch, poisoned, page):
    at = open_page(monkeypatch, poisoned, page, lang="en")
    assert not at.exception, [e.message for e in at.exception]
    shown = [e.value for e in at.error]
    assert not [s for s in shown if s.startswith((_fault_prefix("fault.page", "en"), _fault_prefix("fault.warehouse", "en")))]


def test_overview_figures_still_show_with_a_year_0_row(monkeypatch, poisoned):
    at = open_page(monkeypatch, poisoned, "pages/overview.py", lang="en")
    assert at.metric and all(m.value for m in at.metric)


def test_countries_page_still_shows_its_data_with_a_year_0_row(monkeypatch, poisoned):
    at = open_page(monkeypatch, poisoned, "pages/countries.py", lang="en")
    assert not [i.value for i in at.info if i.value == t("countries.no_reports", "en")]
    assert at.get("plotly_chart")  # the trends are drawn


def test_formatting_never_raises_on_a_time_python_cannot_hold():
    year0 = duckdb.sql("SELECT TIMESTAMP '0000-01-01 00:00' AS t").df()["t"].iloc[0]
    for fn in (fmt_date, fmt_datetime, fmt_time, fmt_month):
        assert fn(year0, "ru") == NO_VALUE
        assert fn("not a time", "en") == NO_VALUE


# --- a damaged warehouse -------------------------------------------------------------------------

@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    """A data folder whose warehouse was cut short and overwritten with noise (its archive is fine)."""
    data = tmp_path / "data"
    (data / "inbox").mkdir(parents=True)
    (data / "inbox" / "r.csv").write_text(hc._csv(hc.good("Before")), encoding="utf-8")
    assert run_cli(data, "load").returncode == 0
    db = data / "warehouse.duckdb"
    head = db.read_bytes()[:300_000]
    db.write_bytes(head + os.urandom(100_000))
    return data


@pytest.mark.parametrize("args", [["load"], ["status"], ["preview", "NEW"]])
def test_damaged_warehouse_exit_2_and_says_rebuild(damaged, args):
    new = damaged.parent / "new.csv"
    new.write_text(hc._csv(hc.good("New")), encoding="utf-8")
    (damaged / "inbox" / "new.csv").write_text(hc._csv(hc.good("New")), encoding="utf-8")
    res = run_cli(damaged, *[str(new) if a == "NEW" else a for a in args])
    out = res.stdout + res.stderr
    assert res.returncode == 2, out
    assert "python -m etl rebuild" in out and "Traceback" not in out


def test_rebuild_recovers_a_damaged_warehouse(damaged):
    res = run_cli(damaged, "rebuild")
    assert res.returncode == 0, res.stdout + res.stderr
    assert fetch(damaged / "warehouse.duckdb", "SELECT city FROM headcounts") == [("Before",)]


def test_dashboard_on_a_damaged_warehouse_shows_a_reference_not_a_traceback(monkeypatch, damaged, caplog):
    caplog.set_level(logging.ERROR, logger="sitroom.dashboard")
    at = open_page(monkeypatch, damaged / "warehouse.duckdb", None, lang="en")
    assert not at.exception
    [msg] = [e.value for e in at.error]
    assert msg.startswith(_fault_prefix("fault.warehouse", "en")) and "python -m etl rebuild" in msg
    assert "Traceback" not in msg and str(damaged) not in msg
    ref = msg.split("reference ")[1].split(")")[0]
    logged = [r for r in caplog.records if ref in r.getMessage()]
    assert logged and logged[0].exc_info  # the details, with the stack, are in the server log


def test_error_details_are_off_for_users():
    cfg = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert cfg["client"]["showErrorDetails"] == "none"


# --- a full disk ---------------------------------------------------------------------------------

@contextlib.contextmanager
def small_disk(tmp_path: Path, mb: int):
    """A tmpfs of `mb` MB when the machine allows mounting one (root in a container), else None."""
    mnt = tmp_path / "disk"
    mnt.mkdir()
    ok = shutil.which("mount") and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={mb}m", "tmpfs", str(mnt)], capture_output=True, check=False).returncode == 0
    try:
        yield mnt if ok else None
    finally:
        if ok:
            subprocess.run(["umount", "-l", str(mnt)], capture_output=True, check=False)


def _full_disk_case(data: Path, big: Path) -> None:
    db = data / "warehouse.duckdb"
    before = db.read_bytes()
    res = subprocess.run([os.sys.executable, "-m", "etl", "load", str(big)], cwd=ROOT, env=cli_env(data),
                         capture_output=True, text=True, timeout=120, check=False)
    out = res.stdout + res.stderr
    assert res.returncode == 2, out
    assert "no space left" in out and "Traceback" not in out
    assert not list(data.rglob("*.part")) and not (data / "warehouse.duckdb.tmp").exists()
    assert db.read_bytes() == before  # the published warehouse is untouched
    assert [e for e in (data / "archive").rglob("*") if e.is_file() and big.name in e.name] == []


def test_disk_full_on_a_real_small_filesystem(tmp_path):
    with small_disk(tmp_path, 20) as disk:
        if disk is None:
            pytest.skip("cannot mount a tmpfs here; the patched-write test covers the disk-full path")
        data = disk / "data"
        (data / "inbox").mkdir(parents=True)
        (data / "inbox" / "r.csv").write_text(hc._csv(hc.good("Before")), encoding="utf-8")
        assert run_cli(data, "load").returncode == 0
        free = shutil.disk_usage(disk).free
        big = tmp_path / "big.csv"  # larger than what is left: the archive copy runs out of space
        with open(big, "w", encoding="utf-8") as f:
            f.write(hc.HEADER + "\n")
            n = 0
            while f.tell() < free + 2_000_000:
                f.write(hc.row(city=f"C{n}") + "\n")
                n += 1
        _full_disk_case(data, big)


def test_disk_full_while_archiving_patched_write(tmp_path, monkeypatch):
    from etl import archive, cli

    data = tmp_path / "data"
    (data / "inbox").mkdir(parents=True)
    (data / "inbox" / "r.csv").write_text(hc._csv(hc.good("Before")), encoding="utf-8")
    assert run_cli(data, "load").returncode == 0
    before = (data / "warehouse.duckdb").read_bytes()

    def full(src, dst):
        Path(dst).write_bytes(Path(src).read_bytes()[:10])  # a partial file, then the disk is full
        raise OSError(errno.ENOSPC, "No space left on device", str(dst))

    monkeypatch.setattr(archive.shutil, "copyfile", full)
    monkeypatch.setenv("SITROOM_DATA", str(data))
    monkeypatch.setenv("SITROOM_DB", str(data / "warehouse.duckdb"))
    big = tmp_path / "new.csv"
    big.write_text(hc._csv(hc.good("New")), encoding="utf-8")
    import io
    from contextlib import redirect_stderr, redirect_stdout

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli.main(["load", str(big)])
    assert code == 2 and "no space left" in err.getvalue() and "Traceback" not in err.getvalue()
    assert not list(data.rglob("*.part"))
    assert (data / "warehouse.duckdb").read_bytes() == before


# --- permissions ---------------------------------------------------------------------------------

def mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def test_data_folder_warehouse_archive_and_audit_are_private(tmp_path, monkeypatch):
    data = tmp_path / "fresh" / "data"  # not there yet: the load creates it
    src = tmp_path / "r.csv"
    src.write_text(hc._csv(hc.good("Private")), encoding="utf-8")
    assert run_cli(data, "load", str(src)).returncode == 0
    assert mode(data) == 0o700
    assert mode(data / "warehouse.duckdb") == 0o600
    archived = [p for p in (data / "archive").rglob("*") if p.is_file() and p.name != "manifest.jsonl"]
    assert archived and all(mode(p) == 0o400 for p in archived)
    assert all(mode(p) == 0o700 for p in (data / "archive").rglob("*") if p.is_dir())
    assert mode(data / "archive" / "manifest.jsonl") == 0o600

    from situation.shell import audit
    log = tmp_path / "fresh" / "audit" / "audit.jsonl"
    monkeypatch.setenv("SITROOM_AUDIT", str(log))
    audit.record("login_failed", "someone", address="10.0.0.9")
    assert mode(log) == 0o600 and mode(log.parent) == 0o700


def test_an_unreadable_file_does_not_block_the_others(tmp_path, monkeypatch):
    """Root reads everything, so the permission error is made where the loader reads the file."""
    from etl import files, load

    data = tmp_path / "data"
    (data / "inbox").mkdir(parents=True)
    (data / "inbox" / "a_locked.csv").write_text(hc._csv(hc.good("Locked")), encoding="utf-8")
    (data / "inbox" / "b_fine.csv").write_text(hc._csv(hc.good("Fine")), encoding="utf-8")
    real = files.probe

    def probe(path):
        if Path(path).name == "a_locked.csv":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(load, "probe", probe)
    report = load.load_paths([data / "inbox"], data, data / "warehouse.duckdb")
    assert report.published and report.exit_code == 1
    assert [(o.name, o.status) for o in report.outcomes] == [("a_locked.csv", "unusable"), ("b_fine.csv", "loaded")]
    assert "read access" in report.outcomes[0].message
    assert fetch(data / "warehouse.duckdb", "SELECT city FROM headcounts") == [("Fine",)]
