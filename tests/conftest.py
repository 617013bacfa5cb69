"""Shared fixtures: temp data folders, the CLI as a subprocess, the sample warehouse."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
import streamlit.testing.v1.app_test as _app_test
from streamlit.runtime.pages_manager import PagesManager

import pages  # noqa: F401  (turns Streamlit's old pages/ mode off, as in a real server)


class _NavigationOnly(PagesManager):
    """AppTest resets PagesManager's "old multipage mode" flag before every run, and with a folder
    named pages/ beside dashboard.py that mode would run pages/<name>.py as plain scripts (which
    draw nothing: they only define page functions) instead of dashboard.py's st.navigation. A real
    server turns the mode off for good at the first import of pages/ (pages/__init__.py); this
    subclass takes AppTest's reset onto itself so the base class's flag, the one Streamlit reads,
    stays off. Tests that check what a page file shows on its own run it without dashboard.py."""


_app_test.PagesManager = _NavigationOnly

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "data" / "sample"


def cli_env(data: Path, db: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["SITROOM_DATA"] = str(data)
    env["SITROOM_DB"] = str(db or data / "warehouse.duckdb")
    env["PYTHONPATH"] = str(ROOT)
    return env


def run_cli(data: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=ROOT, env=cli_env(data),
                          capture_output=True, text=True, timeout=timeout, check=False)


def table_counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' ORDER BY 1").fetchall()]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


def fetch(db: Path, sql: str, params: list | dict | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        con.execute("SET TimeZone = 'UTC'")
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@pytest.fixture
def tmp_data(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    (d / "inbox").mkdir(parents=True)
    return d


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory) -> Path:
    """A warehouse built from data/sample/ by the real CLI, once per test session."""
    d = tmp_path_factory.mktemp("sample") / "data"
    d.mkdir()
    res = run_cli(d, "load", str(SAMPLE))
    assert res.returncode == 0, res.stdout + res.stderr
    return d / "warehouse.duckdb"


@pytest.fixture
def sample_copy(sample_warehouse: Path, tmp_path: Path) -> Path:
    dst = tmp_path / "wh" / "warehouse.duckdb"
    dst.parent.mkdir()
    shutil.copyfile(sample_warehouse, dst)
    return dst



@pytest.fixture(scope="session")
def empty_warehouse(tmp_path_factory) -> Path:
    """A warehouse built by the CLI from an empty inbox: reference data, no reports."""
    d = tmp_path_factory.mktemp("empty") / "data"
    (d / "inbox").mkdir(parents=True)
    res = run_cli(d, "load", str(d / "inbox"))
    assert res.returncode == 0, res.stdout + res.stderr
    return d / "warehouse.duckdb"


# Tiers (pyproject.toml declares the markers; `make test-fast` leaves both out, `make test` runs
# everything). Assigned here, in one place, by what a test drives rather than file by file:
# a browser test needs Debian's Chromium (Playwright or kaleido); a slow one streams hundreds of
# megabytes or kills and restarts processes.
BROWSER_MODULES = {"test_auth_browser.py", "test_oidc_provider.py", "test_export_images.py", "test_briefing.py"}
SLOW_TESTS = {
    "test_a_200_mb_report_is_streamed_with_bounded_memory",
    "test_50_mb_file_is_streamed_block_by_block",
    "test_killing_a_load_half_way_leaves_the_previous_warehouse",
    "test_rebuild_gives_identical_tables",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        path = Path(str(item.fspath))
        if path.name in BROWSER_MODULES or "e2e" in path.parts:
            item.add_marker(pytest.mark.browser)
        if getattr(item, "originalname", item.name) in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)
