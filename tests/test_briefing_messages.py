"""The pack a minister is handed: key messages first, freshness in an annex, speaker notes with the
sitrep number and the next update, no "hover" on a static page, every glyph drawn, no word cut,
and the command line opening on the same moment as the dashboard."""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from situation.briefing import content as briefing_content
from situation.briefing import pack as briefing
from situation.display import fonts
from situation.display.formatting import plain_spaces
from situation.i18n import LOCALES_DIR, t
from situation.queries.filters import Filters
from tests.test_briefing import pdf_text

AT = dt.datetime(2026, 3, 4, 11, 0)  # the sample's last report: the dashboard opens here


@pytest.fixture(scope="module")
def pack_en(sample_warehouse):
    mp = pytest.MonkeyPatch()
    mp.setenv("SITROOM_DB", str(sample_warehouse))
    pack = briefing.render_images(briefing_content.gather(Filters("en", (), AT)))
    yield pack, briefing.render(pack, "pptx"), briefing.render(pack, "pdf")
    mp.undo()


def test_key_messages_come_first_and_say_what_matters(pack_en):
    pack = pack_en[0]
    assert pack.slides[1].title == "Key messages"
    lines = [plain_spaces(x) for x in pack.slides[1].payload["lines"]]
    assert 3 <= len(lines) <= 5
    assert "about 8,600 of our citizens" in lines[0] and "about 5,500" in lines[0]  # as on the overview
    ready = next(x for x in lines if x.startswith("Ready to evacuate"))
    assert "Iran" in ready and "United Arab Emirates" not in ready
    partly = next(x for x in lines if x.startswith("Partly ready"))
    assert "United Arab Emirates" in partly and "Iran" not in partly
    assert "Evacuated so far: 356" in lines[-1]  # 306 flown out of Dubai on 3 March, 50 out of Iran


def test_freshness_is_an_annex_at_the_end(pack_en):
    titles = [s.title for s in pack_en[0].slides]
    annex = [i for i, x in enumerate(titles) if x.startswith("Annex:")]
    assert annex and annex[-1] == len(titles) - 1 and annex == list(range(annex[0], len(titles)))
    assert all(i > 3 for i in annex)


def test_title_slide_and_speaker_notes_name_sitrep_and_next_update(pack_en):
    from pptx import Presentation

    title = dict(pack_en[0].slides[0].payload["lines"])
    assert title["Situation report"] == "no. 5"  # 28 Feb is day 1, 4 Mar day 5
    assert plain_spaces(title["Next update"]) == "Mar 5, 2026, 04:00 UTC+5 (Mar 4, 23:00 UTC)"  # 12 h later
    prs = Presentation(io.BytesIO(pack_en[1]))
    notes = [plain_spaces(s.notes_slide.notes_text_frame.text) for s in prs.slides]
    assert len(notes) == len(pack_en[0].slides)
    assert all("Situation report no. 5" in n and "next update" in n and "Source:" in n for n in notes)


def test_no_hover_text_on_a_static_page(pack_en, tmp_path):
    text = pdf_text(pack_en[2], tmp_path).lower()
    assert "hover" not in text


def test_pdf_draws_the_signs_noto_lacks(pack_en, tmp_path):
    text = pdf_text(pack_en[2], tmp_path)
    assert "≈8,600" in text  # the indicator: drawn by the fallback font, not dropped
    assert b"DejaVuSans" in pack_en[2]


def _catalog_strings() -> list[tuple[str, str, str]]:
    out = []
    for po in sorted(Path(LOCALES_DIR).glob("*/LC_MESSAGES/*.po")):
        with open(po, "rb") as fh:
            for m in read_po(fh):
                if m.id and m.string:
                    out.append((po.parent.parent.name, str(m.id), str(m.string)))
    return out


def test_every_character_of_every_catalog_string_is_in_the_embedded_fonts():
    strings = _catalog_strings()
    assert len(strings) > 500
    missing = {(lang, key): sorted(fonts.not_drawable(text)) for lang, key, text in strings if fonts.not_drawable(text)}
    assert not missing, missing
    # and what the formatters add: no-break spaces, the minus of a change, "≈" of an estimate, "·"
    assert not fonts.not_drawable("\u00a0\u2212\u2248·—«»№%")


def test_no_word_is_split_across_lines():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from situation.briefing import render_pdf as bp
    bp.register_fonts()
    cols = ["Спецразрешение", "Загранучреждение"]
    widths = [90.0, 200.0]  # too narrow at 13 pt for the first header
    size = bp._fitting_size(cols, [["да", "Посольство"]], widths, 13)
    assert size < 13 and stringWidth("Спецразрешение", bp.BOLD, size) <= widths[0] - 12
    assert bp._style(12).splitLongWords == 0


def test_cli_defaults_to_the_moment_the_dashboard_opens_on(sample_warehouse, monkeypatch):
    monkeypatch.setenv("SITROOM_DB", str(sample_warehouse))
    from situation.queries import common as queries
    # the sample opens at its last report, 11 March 18:00 UTC, on the dashboard and in the pack
    assert briefing._filters("en", None, None).as_of == queries.opening_moment() == dt.datetime(2026, 3, 11, 18, 0)
    assert briefing._filters("en", None, "now").as_of is None  # asked for live
    assert t("briefing.s_key_messages", "kk") == "Негізгі қорытындылар"
