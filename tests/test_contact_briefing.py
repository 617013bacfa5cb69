"""The briefing pack's citizen-contact slides: the indicators as on the page, the requests chart,
the campaigns with their texts as sent; laid out as PPTX and PDF in Kazakh."""
from __future__ import annotations

import datetime as dt

import pytest

from situation.briefing import pack as briefing
from situation.briefing.contact_slides import s_contact
from situation.briefing.content import Context, Pack
from situation.display.formatting import fmt_int, plain_spaces
from situation.i18n import t
from situation.queries.filters import Filters
from tests.conftest import fetch
from tests.test_briefing import pdf_text, pptx_slides

AS_OF = dt.datetime(2026, 3, 4, 12, 0)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_contact_slides(sample_warehouse, monkeypatch, lang):
    monkeypatch.setenv("SITROOM_DB", str(sample_warehouse))
    slides = s_contact(Context(Filters(lang, (), AS_OF)))
    assert [s.kind for s in slides][:2] == ["indicators", "figure"]
    assert slides[0].title == t("contact.s_briefing", lang)
    [(waiting,)] = fetch(sample_warehouse, "SELECT sum(requests_open) FROM contact_at(?::TIMESTAMP)", [AS_OF])
    cards = {c["label"]: c["value"] for c in slides[0].payload["cards"]}
    assert cards[t("contact.m_waiting", lang)] == fmt_int(waiting, lang)
    [(before,)] = fetch(sample_warehouse, "SELECT sum(open_at_end) FROM hotline_open_at(?::TIMESTAMP)",
                        [AS_OF - dt.timedelta(hours=24)])
    change = next(c["delta"] for c in slides[0].payload["cards"] if c["label"] == t("contact.m_waiting", lang))
    assert change.startswith(f"{waiting - before:+d}" if waiting != before else "0")  # a sign the PDF keeps
    tables = [s for s in slides if s.kind == "table"]
    assert tables and all(s.title.startswith(t("contact.what_told", lang)) for s in tables)
    cells = " ".join(c for s in tables for row in s.payload["rows"] for c in row)
    assert "KASPI-0228-SAFETY" in cells and "[kk] ҚР СІМ" in cells and "[ru] МИД РК" in cells
    assert "KASPI-0305-IRAN-LAND" not in cells  # sent after the moment of the pack


def test_contact_slides_render(sample_warehouse, monkeypatch, tmp_path):
    monkeypatch.setenv("SITROOM_DB", str(sample_warehouse))
    slides = s_contact(Context(Filters("kk", (), AS_OF)))
    pack = briefing.render_images(Pack("kk", "ҚЫЗМЕТ БАБЫНДА ПАЙДАЛАНУ ҮШІН", "4 наурыз 2026", slides))
    pptx = pptx_slides(briefing.render(pack, "pptx"))
    assert len(pptx) == len(slides)
    assert t("contact.m_waiting", "kk") in pptx[0][0]
    assert len(pptx[1][1]) == 1  # the requests chart is a picture
    assert "Азаматтарға не және қашан хабарладық" in "\n".join(s[0] for s in pptx)
    text = pdf_text(briefing.render(pack, "pdf"), tmp_path)
    assert "ҚР СІМ" in plain_spaces(text) and t("contact.s_briefing", "kk") in text
