"""Chart and map images through the kept-alive kaleido server (Debian's Chromium), offline:
the map's countries come from the repo's static/ topojson, so a drawn map proves no CDN was needed."""
from __future__ import annotations

import datetime as dt
import io

import plotly.graph_objects as go
import pytest

from situation.briefing import images as export_images
from situation.display.export_map import map_figure
from situation.display.palette import STATUS_COLORS

AS_OF = dt.datetime(2026, 3, 4, 18, 0)
# Checked without starting anything: with no browser (or BROWSER_PATH pointing nowhere) these
# tests skip with the reason instead of waiting on kaleido.
needs_chromium = pytest.mark.skipif(not export_images.browser_available(),
                                    reason="Chromium is needed for image export (apt-get install chromium "
                                           "fonts-noto-core; .ci/run installs it)")
pytestmark = needs_chromium


def pixels(png: bytes):
    from PIL import Image

    im = Image.open(io.BytesIO(png)).convert("RGB")
    return im, im.getcolors(maxcolors=1 << 20) or []


def count_near(colors, hex_colour: str, tol: int = 12) -> int:
    h = hex_colour.lstrip("#")
    target = tuple(int(h[i:i + 2], 16) for i in (0, 2, 4))
    return sum(n for n, c in colors if all(abs(a - b) <= tol for a, b in zip(c, target)))


@pytest.fixture
def sample_db(monkeypatch, sample_warehouse):
    monkeypatch.setenv("SITROOM_DB", str(sample_warehouse))
    return sample_warehouse


def _map(lang: str) -> go.Figure:
    from situation.queries import common as queries
    from situation.queries import overview as oq
    names = queries.countries_table().set_index("iso3").to_dict("index")
    places = oq.places()
    return map_figure(oq.countries_now(AS_OF), oq.airspace(AS_OF),
                      places[places["kind"] == "crossing"], lang, names, AS_OF)


def test_topojson_comes_from_the_repo():
    url = export_images.topojson_url()
    assert url.startswith("file:///") and url.endswith("/static/")
    for name in ("world_50m.json", "world_110m.json"):
        assert (export_images.STATIC / name).is_file(), name


def test_map_png_is_drawn_offline(sample_db):
    png = export_images.to_image(_map("kk"), "png")
    im, colors = pixels(png)
    assert im.size == (export_images.WIDTH, export_images.HEIGHT)
    assert len(colors) > 200  # anti-aliased borders, labels, bubbles: far from a blank page
    # Country polygons filled by status exist only if the topojson was read from static/.
    assert count_near(colors, STATUS_COLORS["closed"]) > 20_000
    assert count_near(colors, STATUS_COLORS["restricted"]) > 20_000
    assert count_near(colors, STATUS_COLORS["open"]) > 5_000  # Armenia and Azerbaijan
    # No NOTAM or sheet row speaks for Turkey, Egypt, Oman, Yemen, Turkmenistan…: unknown, not open.
    assert count_near(colors, STATUS_COLORS["unknown"]) > 20_000


def test_map_svg_keeps_kazakh_text(sample_db):
    svg = export_images.to_image(_map("kk"), "svg").decode("utf-8")
    assert svg.lstrip().startswith("<svg")
    assert "БАӘ" in svg and "Әуе кеңістігінің мәртебесі" in svg and "Құрлықтағы өткелдер" in svg
    assert "Noto Sans" in svg


def test_chart_export_does_not_change_the_screen_figure():
    fig = go.Figure(go.Bar(x=["Қатар", "Бахрейн"], y=[1500, 168]))
    fig.update_layout(font_family="Arial")
    png = export_images.to_image(fig, "png")
    assert fig.layout.font.family == "Arial"
    _, colors = pixels(png)
    assert len(colors) > 20


def test_unknown_image_format():
    with pytest.raises(ValueError):
        export_images.to_image(go.Figure(), "gif")


def test_server_is_started_once():
    export_images.to_image(go.Figure(), "png")
    started = export_images._started
    export_images.ensure_server()
    assert started and export_images._started
