"""Shared fixtures: temp data folders, the ETL CLI in-process or as a subprocess, the sample warehouse."""
from __future__ import annotations

import contextlib
import fcntl
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
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


def run_cli_process(data: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """The real `python -m etl ARGS` in its own process: for tests of the process itself (its exit
    status as a shell sees it, a kill half way, a hung child, signals, what stdin is)."""
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=ROOT, env=cli_env(data),
                          capture_output=True, text=True, timeout=timeout, check=False)


@contextlib.contextmanager
def _environ(values: dict[str, str]) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def run_main(main: Callable[[list[str]], int | None], argv: list[str], env: dict[str, str], *,
             stdin: str = "", prog: str = "python -m") -> subprocess.CompletedProcess:
    """A command's `main(argv)` run in this process as `python -m …` would run it: with `env` added
    to the environment, `stdin` as standard input (not a terminal, as under subprocess.run),
    stdout/stderr captured, and the exit status `sys.exit(main())` would give the shell. The umask,
    environment, working folder and standard streams are the test's again afterwards."""
    out, err = io.StringIO(), io.StringIO()
    umask = os.umask(0o077)  # read it (the only way) and put it straight back
    os.umask(umask)
    saved_stdin = sys.stdin
    try:
        with _environ(env), contextlib.chdir(ROOT), contextlib.redirect_stdout(out), \
                contextlib.redirect_stderr(err):
            sys.stdin = io.StringIO(stdin)
            try:
                code = main(list(argv))
            except SystemExit as e:
                code = e.code
            code = 0 if code is None else code if isinstance(code, int) else 1
    finally:
        sys.stdin = saved_stdin
        os.umask(umask)  # etl's main() tightens it for the whole process
    return subprocess.CompletedProcess([prog, *argv], code, out.getvalue(), err.getvalue())


def run_cli(data: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m etl ARGS` in this process (etl.cli.main, what the module's __main__ calls) on the
    data folder `data`. A new interpreter costs about a second of CPU (duckdb, pandas, openpyxl
    imports) per call, which was most of what the ETL tests spent; what only the real process can
    show (its exit status to a shell, a kill half way, a hang) is tested with `run_cli_process`."""
    from etl.cli import main

    env = {"SITROOM_DATA": str(data), "SITROOM_DB": str(data / "warehouse.duckdb")}
    return run_main(main, list(args), env, prog="python -m etl")


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


def _built_once(tmp_path_factory: pytest.TempPathFactory, name: str, *load_args: str) -> Path:
    """A warehouse loaded by the CLI once for the whole run. Under xdist every worker has its own
    session, but they share the run's temporary folder: the first worker to get here loads, under
    an flock, and the others wait for it and use the same file. It is read-only for the tests (a
    test that writes takes `sample_copy`); DuckDB lets any number of processes read one file."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, above each worker's popen-gwN
    home, done = base / name, base / f"{name}.built"
    data = home / "data"
    with open(base / f"{name}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            shutil.rmtree(home, ignore_errors=True)  # what a failed attempt left
            (data / "inbox").mkdir(parents=True)
            res = run_cli(data, "load", *(load_args or (str(data / "inbox"),)))
            assert res.returncode == 0, res.stdout + res.stderr
            done.touch()
    return data / "warehouse.duckdb"


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse built from data/sample/ by the CLI, once per test run."""
    return _built_once(tmp_path_factory, "sample", str(SAMPLE))


def sample_data_copy(sample_warehouse: Path, dest: Path) -> Path:
    """The sample's whole data folder (warehouse, archive) copied to `dest`, for a test that loads
    more files on top of the sample: the same warehouse as loading the sample first, without
    loading it again (seconds of CPU each time)."""
    shutil.copytree(sample_warehouse.parent, dest)
    return dest


@pytest.fixture
def sample_copy(sample_warehouse: Path, tmp_path: Path) -> Path:
    dst = tmp_path / "wh" / "warehouse.duckdb"
    dst.parent.mkdir()
    shutil.copyfile(sample_warehouse, dst)
    return dst



@pytest.fixture(scope="session")
def empty_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse built by the CLI from an empty inbox: reference data, no reports."""
    return _built_once(tmp_path_factory, "empty")


# Tiers (pyproject.toml declares the markers; `make test-fast` leaves both out, `make test` runs
# everything). Assigned here, in one place, by what a test drives rather than file by file:
# a browser test needs Debian's Chromium (Playwright or kaleido); a slow one does the heavy work
# below. Each costs seconds of CPU on its own, and they were a third of the fast tier's time.
BROWSER_MODULES = {"test_auth_browser.py", "test_oidc_provider.py", "test_export_images.py", "test_briefing.py"}
# Tests in other modules that start Debian's Chromium (kaleido) to draw an image.
BROWSER_TESTS = {
    "test_the_drawn_image_carries_its_caption",
    "test_after_a_crash_the_next_export_starts_the_browser_again",
}
SLOW_TESTS = {
    # the hostile corpus: one measured subprocess load per file (about 24 CPU-seconds in all)
    "test_hostile_file",
    # the whole bulletin corpus loaded twice, once through each path (about 8 CPU-seconds)
    "test_load_and_extract_then_load_give_the_same_rows",
    # hundreds of megabytes, or hundreds of thousands of rows, streamed through a load
    "test_a_200_mb_report_is_streamed_with_bounded_memory",
    "test_50_mb_file_is_streamed_block_by_block",
    "test_disk_full_on_a_real_small_filesystem",  # fills a 20 MB filesystem, then loads past it
    "test_one_inbox_of_every_hostile_file_still_loads_and_publishes_the_good_ones",
    "test_a_megabyte_bulletin_finishes_in_seconds",  # a time bound on a megabyte of text
    # a process killed half way through a synthetic load of 400,000 rows
    "test_killing_a_load_half_way_leaves_the_previous_warehouse",
    "test_killing_a_load_on_the_standby_leaves_the_published_file",
    # the whole sample loaded again: from the archive, or one file per load with a catch-up each
    "test_rebuild_gives_identical_tables",
    "test_each_kind_caught_up_on_the_standby_equals_the_published_file",
    # whole briefing decks drawn (charts, PPTX, PDF), or a pack CLI run against its time limit
    "test_the_slides_are_drawn_in_the_pptx",
    "test_contact_slides_render",
    "test_cli_without_chromium_finishes_within_a_minute",
    # the reference data rebuilt from the shared geography files
    "test_derived_files_are_reproducible",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        path = Path(str(item.fspath))
        if path.name in BROWSER_MODULES or "e2e" in path.parts \
                or getattr(item, "originalname", item.name) in BROWSER_TESTS:
            item.add_marker(pytest.mark.browser)
        # By function (every parameter) or by one parametrised case ("name[id]").
        if getattr(item, "originalname", item.name) in SLOW_TESTS or item.name in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)
