"""The briefing pack's evacuation-operation slides on the sample's last report: the leadership
figures over the cumulative chart, the next movements, the forecast and its assumptions, in the
pack's language, drawn (not blank) in the PPTX."""
from __future__ import annotations

import datetime as dt

import pytest

from situation.briefing import content as briefing_content
from situation.briefing import pack as briefing
from situation.display.formatting import plain_spaces
from situation.i18n import t
from situation.queries.filters import Filters
from tests.test_briefing import pptx_slides
from tests.test_export_images import pixels

END = dt.datetime(2026, 3, 11, 18, 0)


@pytest.fixture(scope="module")
def pack_ru(sample_warehouse):
    mp = pytest.MonkeyPatch()
    mp.setenv("SITROOM_DB", str(sample_warehouse))
    pack = briefing_content.gather(Filters("ru", (), END))
    yield pack
    mp.undo()


def _slides(pack, key: str) -> list:
    title = t(key, pack.lang)
    return [s for s in pack.slides if s.title.startswith(title)]


def test_the_operation_slides_say_the_figures_in_russian(pack_ru):
    [chart] = _slides(pack_ru, "evop.slide.operation")
    assert chart.kind == "figure"
    caption = plain_spaces(chart.payload["caption"])
    assert "Хотят выехать: 1 027" in caption and "Эвакуированы: 9 517" in caption
    assert "Места не запланированы" in caption or "места не запланированы" in caption
    [movements] = _slides(pack_ru, "evop.slide.movements")
    flights = [r[1] for r in movements.payload["rows"]]
    assert "CONVOY-TLV-0312" in flights and "KC-DXB-0312-1" in flights
    forecast = _slides(pack_ru, "evop.slide.forecast")
    assert [s.kind for s in forecast] == ["figure", "text"]
    assert "будет дома" in forecast[0].payload["caption"]
    lines = " ".join(forecast[1].payload["lines"])
    assert "Допущение" in lines and "рейсов в сутки" in lines  # the assumptions in words


def test_the_slides_are_drawn_in_the_pptx(pack_ru):
    data = briefing.render(briefing.render_images(pack_ru), "pptx")
    slides = pptx_slides(data)
    ours = [(text, pics) for text, pics in slides if t("evop.slide.operation", "ru") in text
            or t("evop.slide.forecast", "ru") in text]
    assert len(ours) >= 3
    drawn = [pics[0] for _text, pics in ours if pics]
    assert len(drawn) == 2  # the cumulative chart and the forecast chart
    for png in drawn:
        _im, colours = pixels(png)
        assert len(colours) > 16
