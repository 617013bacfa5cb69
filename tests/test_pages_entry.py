"""Every page runs through dashboard.py: a page file on its own draws nothing, and a copied link to a
page works on a freshly started server.

The pages are functions in the pages/ package (st.Page(callable)). Streamlit's old multipage mode
treats a folder named pages/ beside the entry file as page scripts and, on a fresh server, runs
pages/<name>.py for a first request to /<name> without dashboard.py; pages/__init__.py turns that
mode off and hands such a run back to dashboard.py (see its docstring)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tests.test_oidc_provider import ARGS, CHROMIUM, RENDERED, _port, _wait

PAGE_FILES = sorted(p.name for p in (ROOT / "pages").glob("*.py") if p.name != "__init__.py")
FIGURES = ("plotly_chart", "deck_gl_json_chart", "metric", "dataframe", "table", "markdown", "title", "header")


def test_every_page_is_a_function_registered_by_the_entry_file():
    dashboard = (ROOT / "dashboard.py").read_text(encoding="utf-8")
    assert len(PAGE_FILES) == 9
    for name in PAGE_FILES:
        assert f"st.Page({name.removesuffix('.py')}.page" in dashboard, name


@pytest.mark.parametrize("name", PAGE_FILES)
def test_a_page_file_on_its_own_shows_nothing(sample_warehouse: Path, monkeypatch, name: str):
    monkeypatch.setenv("SITROOM_DB", str(sample_warehouse))
    at = AppTest.from_file(f"../pages/{name}", default_timeout=60).run()
    assert not at.exception
    shown = {kind: len(at.get(kind)) for kind in FIGURES}
    assert not any(shown.values()), f"pages/{name} drew {shown} without dashboard.py"


def _first_request(sample_warehouse: Path, tmp_path: Path, path: str, expect: str, selector: str) -> str:
    from playwright.sync_api import sync_playwright

    port = _port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SITROOM_", "STREAMLIT_"))}
    env.update(PYTHONPATH=str(ROOT), SITROOM_DB=str(sample_warehouse), SITROOM_AUTH="local",
               SITROOM_AUDIT=str(tmp_path / "audit.jsonl"))
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"),
                             "--server.port", str(port), "--server.address", "127.0.0.1",
                             "--server.headless", "true", "--server.fileWatcherType", "none"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        _wait(f"http://127.0.0.1:{port}/_stcore/health", proc)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.goto(f"http://127.0.0.1:{port}{path}", wait_until="domcontentloaded")
                page.wait_for_selector(RENDERED, timeout=90_000)
                page.wait_for_selector(selector, timeout=90_000)
                page.get_by_text(expect).first.wait_for(timeout=30_000)
                return page.locator('[data-testid="stApp"]').inner_text()
            finally:
                browser.close()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium")
@pytest.mark.parametrize(("path", "expect", "selector"), [
    ("/countries?lang=ru", "Страны: динамика и источники", ".js-plotly-plot"),
    ("/data-health?lang=ru", "Состояние данных", '[data-testid="stMetric"]'),
])
def test_a_copied_link_opens_its_page_on_a_fresh_server(sample_warehouse: Path, tmp_path: Path, path: str,
                                                         expect: str, selector: str):
    body = _first_request(sample_warehouse, tmp_path, path, expect, selector)
    assert "Page not found" not in body and "Страница не найдена" not in body
    assert "Язык" in body or "Русский" in body or "Страны" in body  # the sidebar of dashboard.py is there
