"""The briefing pack in kk, ru and en on the sample: slide titles, pictures that are not blank,
the headline numbers as the language writes them, the same content in the PDF, placeholders for a
broken chart or section, and the command line."""
from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys

import pytest

from situation.briefing import content as briefing_content
from situation.briefing import pack as briefing
from situation.display.formatting import plain_spaces
from situation.i18n import t
from situation.queries.filters import Filters, to_params
from tests.conftest import ROOT, cli_env
from tests.test_export_images import needs_chromium, pixels

AS_OF = dt.datetime(2026, 3, 4, 18, 0)
NUMBERS = {"kk": ["3 500", "3 000", "1 500", "168", "82"], "ru": ["3 500", "3 000", "1 500", "168", "82"],
           "en": ["3,500", "3,000", "1,500", "168", "82"]}
SECTIONS = ("briefing.s_indicators", "briefing.s_map", "briefing.s_trends", "readiness.title",
            "briefing.s_airspace", "briefing.s_notams", "briefing.s_evacuations", "briefing.s_routes",
            "briefing.s_sources")


@pytest.fixture(scope="module")
def packs(sample_warehouse):
    """One pack per language, its charts drawn once, laid out as both PPTX and PDF."""
    mp = pytest.MonkeyPatch()
    mp.setenv("SITROOM_DB", str(sample_warehouse))
    out = {}
    for lang in ("kk", "ru", "en"):
        pack = briefing.render_images(briefing_content.gather(Filters(lang, (), AS_OF)))
        out[lang] = (pack, briefing.render(pack, "pptx"), briefing.render(pack, "pdf"))
    yield out
    mp.undo()


def pptx_slides(data: bytes) -> list[tuple[str, list[bytes]]]:
    from pptx import Presentation

    slides = []
    for s in Presentation(io.BytesIO(data)).slides:
        texts, pics = [], []
        for shape in s.shapes:
            if shape.shape_type == 13:  # picture
                pics.append(shape.image.blob)
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts += [c.text for row in shape.table.rows for c in row.cells]
        slides.append((plain_spaces("\n".join(texts)), pics))
    return slides


def pdf_text(data: bytes, tmp_path) -> str:
    pdf = tmp_path / "pack.pdf"
    pdf.write_bytes(data)
    return plain_spaces(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                                       text=True, check=True).stdout)


@needs_chromium
@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_pptx_titles_pictures_numbers(packs, lang):
    pack, pptx, _ = packs[lang]
    slides = pptx_slides(pptx)
    assert len(slides) == len(pack.slides)
    text = "\n".join(s[0] for s in slides)
    for key in SECTIONS:
        assert t(key, lang) in text, key
    assert t("briefing.pack_title", lang) in slides[0][0]
    assert t("briefing.marking_default", lang) in slides[0][0]
    assert all(t("briefing.marking_default", lang) in s[0] for s in slides)  # marking on every slide
    for n in NUMBERS[lang]:
        assert n in text, n
    assert not [s for s in pack.slides if s.kind == "placeholder"]
    pics = [p for _, ps in slides for p in ps]
    assert len(pics) == 6  # map, trends, airspace timeline, evacuation operation, evacuations, requests by topic
    for png in pics:
        im, colors = pixels(png)
        assert im.size == (1600, 900) and len(colors) > 100


@needs_chromium
def test_pptx_runs_name_the_kazakh_font(packs):
    from pptx import Presentation

    prs = Presentation(io.BytesIO(packs["kk"][1]))
    runs = [r for s in prs.slides for sh in s.shapes if sh.has_text_frame
            for p in sh.text_frame.paragraphs for r in p.runs]
    assert runs and all(r.font.name == "Noto Sans" for r in runs)


@needs_chromium
@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_pdf_has_the_same_content(packs, lang, tmp_path):
    pack, _, pdf = packs[lang]
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf, tmp_path)
    assert text.count("\f") >= len(pack.slides) - 1  # one page per slide
    for key in SECTIONS:
        assert t(key, lang).split(" ")[0] in text, key
    for n in NUMBERS[lang]:
        assert n in text, n
    assert t("briefing.marking_default", lang) in text
    if lang == "kk":
        assert "әуе кеңістігі" in text.lower() and "ҚЫЗМЕТ" in text
    assert b"NotoSans" in pdf or b"DejaVuSans" in pdf  # the TTF is embedded


@needs_chromium
def test_a_chart_that_fails_becomes_a_placeholder(sample_warehouse, monkeypatch):
    monkeypatch.setenv("SITROOM_DB", str(sample_warehouse))
    from situation.briefing import images as export_images
    real = export_images.to_image

    def flaky(fig, fmt="png", **kw):
        if fig.layout.geo.projection.type == "mercator":  # the map only
            raise RuntimeError("chromium went away")
        return real(fig, fmt, **kw)

    monkeypatch.setattr(export_images, "to_image", flaky)
    pack = briefing.render_images(briefing_content.gather(Filters("ru", ("IRN",), AS_OF)))
    holes = [s for s in pack.slides if s.kind == "placeholder"]
    assert [s.title for s in holes] == [t("briefing.s_map", "ru")]
    assert "chromium went away" in holes[0].payload["reason"]
    assert holes[0].payload["reason"].startswith("Этот раздел не удалось подготовить")
    for fmt in ("pptx", "pdf"):
        assert len(briefing.render(pack, fmt)) > 10_000


def test_a_section_that_fails_becomes_a_placeholder(sample_warehouse, monkeypatch):
    monkeypatch.setenv("SITROOM_DB", str(sample_warehouse))

    def broken(c):
        raise KeyError("no_such_column")

    sections = tuple((k, broken if k == "briefing.s_trends" else fn) for k, fn in briefing_content.SECTIONS)
    monkeypatch.setattr(briefing_content, "SECTIONS", sections)
    monkeypatch.setattr(briefing, "render_images", lambda pack, progress=None: pack)
    pack = briefing_content.gather(Filters("kk", (), AS_OF))
    hole = next(s for s in pack.slides if s.kind == "placeholder")
    assert hole.title == t("briefing.s_trends", "kk") and "no_such_column" in hole.payload["reason"]


def test_marking_setting_and_override(sample_warehouse, monkeypatch):
    monkeypatch.setenv("SITROOM_DB", str(sample_warehouse))
    monkeypatch.setattr(briefing_content, "SECTIONS", ())
    assert briefing_content.gather(Filters("ru", (), AS_OF)).marking == "ДЛЯ СЛУЖЕБНОГО ПОЛЬЗОВАНИЯ"
    monkeypatch.setenv("SITROOM_MARKING", "СЕКРЕТНО")
    assert briefing_content.gather(Filters("en", (), AS_OF)).marking == "СЕКРЕТНО"
    assert briefing_content.gather(Filters("en", (), AS_OF), marking=" ДСП ").marking == "ДСП"


def test_long_tables_are_split_evenly():
    rows = [[str(i)] for i in range(11)]
    parts = briefing_content.table_slides("T", ["c"], rows, "en", per_slide=10)
    assert [len(p.payload["rows"]) for p in parts] == [6, 5]
    assert [p.title for p in parts] == ["T (1/2)", "T (2/2)"]


def _cli(db, *args: str) -> subprocess.CompletedProcess:
    env = cli_env(db.parent, db)
    return subprocess.run([sys.executable, "-m", "situation.briefing.pack", *args], check=False, cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=300)


def test_cli_builds_a_pdf_with_progress(sample_warehouse, tmp_path):
    out = tmp_path / "pack.pdf"
    res = _cli(sample_warehouse, "--out", str(out), "--lang", "en", "--countries", "are,irn",
               "--as-of", "2026-03-04T18:00")
    assert res.returncode == 0, res.stderr
    assert "[100%] Done" in res.stderr and "Drawing: " in res.stderr
    text = pdf_text(out.read_bytes(), tmp_path)
    assert "about 3,500" in text and "United Arab Emirates, Iran" in text
    assert "Saudi Arabia" not in text.split("\f")[0]


@pytest.mark.parametrize("args, message", [
    (["--out", "x.docx"], "must end in .pptx or .pdf"),
    (["--out", "x.pptx", "--countries", "ARE,XXX"], "XXX"),
    (["--out", "x.pptx", "--as-of", "yesterday"], "yesterday"),
])
def test_cli_usage_errors_exit_2(sample_warehouse, tmp_path, args, message):
    res = _cli(sample_warehouse, *[a if not a.startswith("x.") else str(tmp_path / a) for a in args],
               "--lang", "en")
    assert res.returncode == 2 and message in res.stderr
    assert not list(tmp_path.iterdir())


def _page(monkeypatch, db, lang: str):
    """The Briefing page through dashboard.py, with the filters a copied link would carry."""
    from tests.apptest import open_page

    return open_page(monkeypatch, db, "pages/briefing.py", **to_params(Filters(lang, ("IRN",), AS_OF)))


def test_briefing_page_builds_a_pack(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse, "ru")
    assert not at.exception
    assert at.title[0].value == t("briefing.title", "ru")
    assert at.text_input[0].value == "ДЛЯ СЛУЖЕБНОГО ПОЛЬЗОВАНИЯ"
    shown = "\n".join(m.value for m in at.markdown)
    assert "Иран" in shown and "4 марта 2026, 23:00 UTC+5 (18:00 UTC)" in plain_spaces(shown)
    assert len(at.get("download_button")) == 8  # four tables × CSV, XLSX; no pack yet
    at.radio[0].set_value("pdf")
    at.text_input[0].set_value("ДСП")
    at.button[0].click().run()
    assert not at.exception
    pack = at.session_state["br_pack"]
    assert pack[0][1:] == ("ДСП", "pdf") and pack[1].startswith(b"%PDF")
    assert len(at.get("download_button")) == 9
