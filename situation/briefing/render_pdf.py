"""Lay a briefing Pack out as PDF (reportlab): the same 16:9 pages as the PPTX, one per slide.

reportlab's built-in fonts have no Cyrillic: Noto Sans (or DejaVu Sans) is embedded from its
TTF file (situation/display/fonts.py), so Kazakh letters print on any machine that opens the file.
Each slide's body is shrunk to fit its page (KeepInFrame), so slide n is always page n.
"""
from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    Image,
    KeepInFrame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from situation.briefing.content import Pack, Slide
from situation.display.fonts import glyphs, pdf_fallback, pdf_fonts
from situation.display.palette import NEUTRAL, STATUS_COLORS

PAGE = (13.333 * inch, 7.5 * inch)
MARGIN = 0.5 * inch
TEXT = colors.HexColor(NEUTRAL["text"])
GREY = colors.HexColor("#6B6B6B")
RED = colors.HexColor(STATUS_COLORS["closed"])
FONT, BOLD = "SitroomSans", "SitroomSans-Bold"
FALLBACK, FALLBACK_BOLD = "SitroomFallback", "SitroomFallback-Bold"
MIN_TABLE_PT = 8  # a table shrinks to this size before any word would have to be split


def register_fonts() -> None:
    """Embed the TTFs once per process (reportlab keeps a global registry)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    files = pdf_fonts()
    pdfmetrics.registerFont(TTFont(FONT, str(files.regular)))
    pdfmetrics.registerFont(TTFont(BOLD, str(files.bold)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)
    fb = pdf_fallback()
    if fb is not None:
        pdfmetrics.registerFont(TTFont(FALLBACK, str(fb.regular)))
        pdfmetrics.registerFont(TTFont(FALLBACK_BOLD, str(fb.bold)))


def _markup(text: str, bold: bool = False) -> str:
    """Escaped Paragraph markup; runs of characters the main font lacks ("≈", "−", "→") are set in
    the fallback font, so they are drawn instead of silently dropped."""
    main = glyphs(pdf_fonts().bold if bold else pdf_fonts().regular)
    if pdf_fallback() is None or all(ord(ch) in main for ch in text):
        return escape(text)
    name = FALLBACK_BOLD if bold else FALLBACK
    out, run = [], ""
    for ch in text:
        if ord(ch) in main or ch.isspace():
            if run:
                out.append(f'<font name="{name}">{escape(run)}</font>')
                run = ""
            out.append(escape(ch))
        else:
            run += ch
    if run:
        out.append(f'<font name="{name}">{escape(run)}</font>')
    return "".join(out)


def _style(size: float, bold: bool = False, colour=TEXT, leading: float | None = None) -> ParagraphStyle:
    # splitLongWords=0: a word is never cut in the middle ("Спецразр|ешение"); tables pick a size
    # at which their longest word fits its column instead (_fitting_size).
    return ParagraphStyle(f"s{size}{bold}", fontName=BOLD if bold else FONT, fontSize=size,
                          leading=leading or size * 1.25, textColor=colour, splitLongWords=0)


def _p(text: str, size: float, bold: bool = False, colour=TEXT) -> Paragraph:
    # Paragraph reads a mini-markup: data (NOTAM text, file names) must be escaped.
    return Paragraph(_markup(str(text), bold), _style(size, bold, colour))


def _fitting_size(columns: list[str], rows: list[list[str]], widths: list[float], size: float) -> float:
    """The largest size ≤ `size` at which every word of every cell fits its column's width."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def fits(sz: float) -> bool:
        for r_i, row in enumerate([columns, *rows]):
            font = BOLD if r_i == 0 else FONT
            for text, w in zip(row, widths):
                room = w - 12  # Table's default cell padding, 6 pt each side
                if any(stringWidth(word, font, sz) > room for word in str(text).split()):
                    return False
        return True
    while size > MIN_TABLE_PT and not fits(size):
        size -= 0.5
    return size


def _body(s: Slide, width: float) -> list:
    p = s.payload
    if s.kind == "title":
        out = [Spacer(1, 0.5 * inch), _p(s.title, 40, True), Spacer(1, 0.35 * inch)]
        out += [_p(f"{label}: {value}", 20) for label, value in p["lines"]]
        out += [_p(n, 16, colour=GREY) for n in p.get("notes", [])]
        return out + [Spacer(1, 0.4 * inch), _p(p["marking"], 24, True, RED)]
    out: list = [_p(s.title, 26, True), Spacer(1, 0.15 * inch)]
    if s.kind == "indicators":
        cells = [[_p(c["label"], 16, colour=GREY), _p(c["value"], 32, True), _p(c["delta"], 12, colour=GREY)]
                 for c in p["cards"]]
        grid = [cells[i:i + 3] + [""] * (3 - len(cells[i:i + 3])) for i in range(0, len(cells), 3)]
        tbl = Table(grid, colWidths=[width / 3] * 3, rowHeights=[2.3 * inch] * len(grid))
        tbl.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#F2F4F7")),
                                 ("GRID", (0, 0), (-1, -1), 3, colors.white),
                                 ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 8)]))
        out.append(tbl)
    elif s.kind == "figure":
        h = 5.25 * inch
        out.append(Image(io.BytesIO(p["png"]), width=h * 16 / 9, height=h))
    elif s.kind == "table":
        longest = max((len(c) for r in p["rows"] for c in r), default=0)
        size = 13 if longest < 60 else 11 if longest < 110 else 10
        scale = sum(p["widths"])
        cols = [width * w / scale for w in p["widths"]]
        size = _fitting_size(p["columns"], p["rows"], cols, size)
        data = [[_p(c, size, True) for c in p["columns"]]] + [[_p(c, size) for c in r] for r in p["rows"]]
        tbl = Table(data, colWidths=cols, repeatRows=1)
        style = [("LINEBELOW", (0, 0), (-1, 0), 1.5, GREY),
                 ("LINEBELOW", (0, 1), (-1, -1), 0.4, colors.HexColor("#D0D4DA")),
                 ("VALIGN", (0, 0), (-1, -1), "TOP")]
        for i, mark in enumerate(p.get("marks") or [], 1):  # e.g. the readiness level's colour
            style.append(("BACKGROUND", (0, i), (0, i), colors.HexColor(mark).clone(alpha=0.35)))
        tbl.setStyle(TableStyle(style))
        out.append(tbl)
    else:  # text, placeholder
        lines = [p["reason"]] if s.kind == "placeholder" else p["lines"]
        box = Table([[_p(x, 20, colour=GREY if s.kind == "placeholder" else TEXT)] for x in lines],
                    colWidths=[width])
        if s.kind == "placeholder":
            box.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#EEEEEE")),
                                     ("BOX", (0, 0), (-1, -1), 1, colors.HexColor("#B0B0B0")),
                                     ("TOPPADDING", (0, 0), (-1, -1), 16), ("BOTTOMPADDING", (0, 0), (-1, -1), 16)]))
        out += [Spacer(1, 0.6 * inch), box]
    note = p.get("caption") or p.get("note")
    if note and s.kind != "title":
        out += [Spacer(1, 0.1 * inch), _p(note, 12, colour=GREY)]
    return out


def render(pack: Pack) -> bytes:
    """The pack as PDF bytes. Figure slides must carry payload['png'] (briefing.render_images)."""
    register_fonts()
    buf = io.BytesIO()
    total = len(pack.slides)
    width, height = PAGE[0] - 2 * MARGIN, PAGE[1] - 0.5 * inch - 0.75 * inch

    def decorate(canvas, doc) -> None:  # marking, footer and page number on every page
        canvas.saveState()
        canvas.setFont(BOLD, 12)
        canvas.setFillColor(RED)
        canvas.drawRightString(PAGE[0] - MARGIN, PAGE[1] - 0.35 * inch, pack.marking)
        canvas.setFont(FONT, 11)
        canvas.setFillColor(GREY)
        canvas.drawString(MARGIN, 0.3 * inch, pack.footer)
        canvas.drawRightString(PAGE[0] - MARGIN, 0.3 * inch, f"{doc.page} / {total}")
        canvas.restoreState()

    doc = BaseDocTemplate(buf, pagesize=PAGE, title=pack.slides[0].title if pack.slides else "",
                          author="Situation Room", subject=pack.marking,
                          leftMargin=MARGIN, rightMargin=MARGIN, topMargin=0.5 * inch, bottomMargin=0.75 * inch)
    frame = Frame(MARGIN, 0.75 * inch, width, height, id="body", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="slide", frames=[frame], onPage=decorate)])
    story: list = []
    for i, s in enumerate(pack.slides):
        if i:
            story.append(PageBreak())
        story.append(KeepInFrame(width, height, _body(s, width), mode="shrink"))
    doc.build(story)
    return buf.getvalue()
