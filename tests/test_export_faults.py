"""Exports when Chromium is missing, crashes or hangs: never a hang, a clear reason, the pack still
comes out (placeholder slides saying why), and the next export starts the browser again."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import plotly.graph_objects as go
import pytest

from situation.briefing import content as briefing_content
from situation.briefing import images as export_images
from situation.briefing import pack as briefing
from situation.queries.filters import Filters
from tests.conftest import ROOT, cli_env
from tests.test_briefing import AS_OF, pdf_text
from tests.test_export_images import needs_chromium


def _script(tmp_path: Path, name: str, body: str) -> Path:
    p = tmp_path / name
    p.write_text(f"#!/bin/sh\n{body}\n")
    p.chmod(0o755)
    return p


@pytest.fixture
def fresh_server():
    """Each case starts without a server and leaves none behind."""
    export_images.stop_server()
    yield
    export_images.stop_server()


def test_browser_path_pointing_nowhere_is_refused_at_once(monkeypatch, fresh_server):
    monkeypatch.setenv("BROWSER_PATH", "/nowhere/chromium")
    assert not export_images.browser_available()
    t0 = time.monotonic()
    with pytest.raises(export_images.ExportUnavailable, match="apt-get install chromium"):
        export_images.to_image(go.Figure(), "png")
    assert time.monotonic() - t0 < 1


def test_a_browser_that_dies_at_start_is_reported_not_waited_for(monkeypatch, tmp_path, fresh_server):
    monkeypatch.setenv("BROWSER_PATH", str(_script(tmp_path, "crash", "exit 1")))
    t0 = time.monotonic()
    with pytest.raises(export_images.ExportUnavailable, match="crashed or could not start"):
        export_images.to_image(go.Figure(), "png")
    assert time.monotonic() - t0 < 20


def test_a_hung_browser_times_out(monkeypatch, tmp_path, fresh_server):
    monkeypatch.setenv("BROWSER_PATH", str(_script(tmp_path, "hang", "exec sleep 30")))
    monkeypatch.setattr(export_images, "TIMEOUT", 3.0)
    t0 = time.monotonic()
    with pytest.raises(export_images.ExportUnavailable):
        export_images.to_image(go.Figure(), "png")
    assert time.monotonic() - t0 < 15


@needs_chromium
def test_after_a_crash_the_next_export_starts_the_browser_again(monkeypatch, tmp_path, fresh_server):
    real = export_images.browser_path()
    monkeypatch.setenv("BROWSER_PATH", str(_script(tmp_path, "crash", "exit 1")))
    with pytest.raises(export_images.ExportUnavailable):
        export_images.to_image(go.Figure(), "png")
    monkeypatch.setenv("BROWSER_PATH", real)
    assert export_images.to_image(go.Figure(), "png").startswith(b"\x89PNG")


def test_pack_without_chromium_has_placeholders_that_say_what_to_install(sample_warehouse, monkeypatch,
                                                                          fresh_server):
    monkeypatch.setenv("SITROOM_DB", str(sample_warehouse))
    monkeypatch.setenv("BROWSER_PATH", "/nowhere/chromium")
    pack = briefing.render_images(briefing_content.gather(Filters("en", (), AS_OF)))
    holes = [s for s in pack.slides if s.kind == "placeholder"]
    # every picture: map, trends, airspace timeline, evacuation operation, evacuations, requests by topic
    assert len(holes) == 6
    assert all("apt-get install chromium" in s.payload["reason"] for s in holes)
    for fmt in ("pptx", "pdf"):
        assert len(briefing.render(pack, fmt)) > 10_000


def test_cli_without_chromium_finishes_within_a_minute(sample_warehouse, tmp_path):
    env = cli_env(sample_warehouse.parent, sample_warehouse) | {"BROWSER_PATH": "/nowhere/chromium"}
    out = tmp_path / "pack.pdf"
    t0 = time.monotonic()
    res = subprocess.run([sys.executable, "-m", "situation.briefing.pack", "--out", str(out), "--lang", "en",
                          "--as-of", "2026-03-04T18:00"], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=60, check=False)
    assert time.monotonic() - t0 < 60
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr
    assert "apt-get install chromium" in pdf_text(out.read_bytes(), tmp_path)


def test_chart_pages_without_chromium_say_why_instead_of_offering_image_buttons(monkeypatch, sample_warehouse):
    from tests.apptest import open_page

    monkeypatch.setenv("BROWSER_PATH", "/nowhere/chromium")
    at = open_page(monkeypatch, sample_warehouse, "pages/countries.py", lang="en")
    assert not at.exception
    assert any("apt-get install chromium" in c.value for c in at.caption)
    assert not [b for b in at.get("download_button") if "PNG" in str(b.proto.label)]
