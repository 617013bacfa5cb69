"""An exported chart says what it shows: title, countries, moment, source and marking are drawn
in the image itself (read back from the SVG text), so it can go on a slide unedited."""
from __future__ import annotations

import datetime as dt
import html

import plotly.graph_objects as go
import pytest

from situation.briefing import images as export_images
from situation.display.formatting import plain_spaces
from situation.display.palette import plotly_layout

AT = dt.datetime(2026, 3, 4, 11, 0)
NAMES = {"ARE": {"name_en": "United Arab Emirates", "name_ru": "Объединённые Арабские Эмираты",
                 "name_kk": "Біріккен Араб Әмірліктері"},
         "QAT": {"name_en": "Qatar", "name_ru": "Катар", "name_kk": "Катар"}}


def _chart(title: str) -> go.Figure:
    fig = go.Figure(go.Scatter(x=[1, 2, 3], y=[1200, 3500, 8600]))
    fig.update_layout(**plotly_layout("en", title={"text": title}))
    return fig


def _svg_text(svg: bytes) -> str:
    return plain_spaces(html.unescape(svg.decode("utf-8")))


@pytest.mark.parametrize(("lang", "scope", "moment"), [
    ("en", "United Arab Emirates, Qatar", "as of Mar 4, 2026, 16:00 UTC+5 (11:00 UTC)"),
    ("ru", "Объединённые Арабские Эмираты, Катар", "по состоянию на 4 марта 2026, 16:00 UTC+5 (11:00 UTC)"),
])
def test_caption_names_the_filters_moment_source_and_marking(lang, scope, moment, monkeypatch):
    monkeypatch.setenv("SITROOM_MARKING", "")
    cap = export_images.caption(lang, ["ARE", "QAT"], AT, NAMES)
    assert cap.scope == scope and plain_spaces(cap.as_of) == moment
    assert cap.marking in ("FOR OFFICIAL USE ONLY", "ДЛЯ СЛУЖЕБНОГО ПОЛЬЗОВАНИЯ")
    fig = export_images.for_export(_chart("Citizens by city"), cap)
    assert fig.layout.title.text == "Citizens by city"
    assert scope in fig.layout.title.subtitle.text and cap.source in fig.layout.title.subtitle.text
    assert any(cap.marking in a.text for a in fig.layout.annotations)


def test_all_countries_when_none_is_chosen():
    assert export_images.caption("kk", [], AT, NAMES).scope == "Барлық елдер"


def test_a_long_title_wraps_instead_of_being_clipped():
    long = "Citizens by category over time in every country of the region " * 3
    fig = export_images.for_export(_chart(long), export_images.caption("en", [], AT, NAMES))
    assert "<br>" in fig.layout.title.text and all(len(x) <= 95 for x in fig.layout.title.text.split("<br>"))


def test_the_screen_figure_is_not_changed_by_exporting():
    fig = _chart("Citizens")
    export_images.for_export(fig, export_images.caption("en", ["ARE"], AT, NAMES))
    assert not fig.layout.annotations and fig.layout.title.text == "Citizens"


def test_axis_ticks_group_thousands():
    assert _chart("x").layout.yaxis.separatethousands is True
    fig = go.Figure()
    fig.update_layout(**plotly_layout("ru", yaxis={"title": {"text": "people"}}))
    assert fig.layout.yaxis.separatethousands is True and fig.layout.yaxis.title.text == "people"


@pytest.mark.skipif(not export_images.os.path.exists(export_images.CHROMIUM), reason="Debian's chromium is needed")
def test_the_drawn_image_carries_its_caption(monkeypatch):
    monkeypatch.setenv("SITROOM_MARKING", "SECRET-TEST")
    cap = export_images.caption("en", ["ARE"], AT, NAMES)
    text = _svg_text(export_images.to_image(_chart("Citizens in the UAE"), "svg", cap=cap))
    for part in ("Citizens in the UAE", "United Arab Emirates", "16:00 UTC+5 (11:00 UTC)", "Source:", "SECRET-TEST",
                 "8,000"):  # an axis tick with its thousands separator
        assert part in text, part
