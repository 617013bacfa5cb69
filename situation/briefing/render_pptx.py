"""Lay a briefing Pack out as PowerPoint (python-pptx): 16:9, one Slide → one or more slides.

Every run of text gets the font name explicitly (fonts.PPTX_FONT): a theme font would be
Calibri, which the ministry's viewers may replace by a face without Kazakh letters.
"""
from __future__ import annotations

import io
from collections.abc import Sequence

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from situation.briefing.content import Pack, Slide
from situation.display.fonts import PPTX_FONT
from situation.display.palette import NEUTRAL, STATUS_COLORS

W, H = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
BODY_TOP, BODY_BOTTOM = Inches(1.15), Inches(6.85)
TEXT = RGBColor.from_string(NEUTRAL["text"].lstrip("#"))
GREY = RGBColor(0x6B, 0x6B, 0x6B)
RED = RGBColor.from_string(STATUS_COLORS["closed"].lstrip("#"))


def _text(slide, left, top, width, height, lines: Sequence[tuple[str, float, bool, RGBColor]],
          align=PP_ALIGN.LEFT, anchor=MSO_ANCHOR.TOP) -> None:
    """A text box; each line (text, size pt, bold, colour) its own paragraph, Noto Sans."""
    box = slide.shapes.add_textbox(left, top, width, height)
    tf = box.text_frame
    tf.word_wrap = True
    tf.vertical_anchor = anchor
    for i, (text, size, bold, colour) in enumerate(lines):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        p.alignment = align
        run = p.add_run()
        run.text = text
        run.font.name, run.font.size, run.font.bold = PPTX_FONT, Pt(size), bold
        run.font.color.rgb = colour


def _frame(prs, pack: Pack, title: str, no: int, total: int):
    """A blank slide with the marking (top right), title, footer and page number."""
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _text(slide, Inches(7.3), Inches(0.15), Inches(5.55), Inches(0.4), [(pack.marking, 12, True, RED)],
          align=PP_ALIGN.RIGHT)
    if title:
        _text(slide, MARGIN, Inches(0.4), W - 2 * MARGIN, Inches(0.7), [(title, 26, True, TEXT)])
    _text(slide, MARGIN, Inches(7.0), Inches(10), Inches(0.35), [(pack.footer, 11, False, GREY)])
    _text(slide, Inches(11.3), Inches(7.0), Inches(1.55), Inches(0.35), [(f"{no} / {total}", 11, False, GREY)],
          align=PP_ALIGN.RIGHT)
    return slide


def _title(slide, s: Slide) -> None:
    p = s.payload
    _text(slide, MARGIN, Inches(1.6), W - 2 * MARGIN, Inches(1.0), [(s.title, 40, True, TEXT)])
    lines = [(f"{label}: {value}", 20, False, TEXT) for label, value in p["lines"]]
    lines += [(n, 16, False, GREY) for n in p.get("notes", [])]
    _text(slide, MARGIN, Inches(2.9), W - 2 * MARGIN, Inches(2.6), lines)
    _text(slide, MARGIN, Inches(5.7), W - 2 * MARGIN, Inches(0.8), [(p["marking"], 24, True, RED)])


def _indicators(slide, s: Slide) -> None:
    cards = s.payload["cards"]
    cols, gap = 3, Inches(0.25)
    cw = (W - 2 * MARGIN - gap * (cols - 1)) // cols
    ch = Inches(2.45)
    for i, card in enumerate(cards):
        left = MARGIN + (i % cols) * (cw + gap)
        top = BODY_TOP + (i // cols) * (ch + gap)
        box = slide.shapes.add_shape(1, left, top, cw, ch)  # 1 = rectangle
        box.fill.solid()
        box.fill.fore_color.rgb = RGBColor(0xF2, 0xF4, 0xF7)
        box.line.color.rgb = RGBColor(0xD0, 0xD4, 0xDA)
        _text(slide, left + Inches(0.15), top + Inches(0.1), cw - Inches(0.3), ch - Inches(0.2),
              [(card["label"], 16, False, GREY), (card["value"], 34, True, TEXT), (card["delta"], 12, False, GREY)])
    _note(slide, s.payload.get("note", ""))


def _note(slide, note: str) -> None:
    if note:
        _text(slide, MARGIN, Inches(6.45), W - 2 * MARGIN, Inches(0.5), [(note, 12, False, GREY)])


def _figure(slide, s: Slide) -> None:
    png = s.payload["png"]
    height = Inches(5.25)
    width = Emu(int(height * 16 / 9))
    slide.shapes.add_picture(io.BytesIO(png), (W - width) // 2, BODY_TOP, width, height)
    _note(slide, s.payload.get("caption", ""))


def _fitting_size(rows: Sequence[Sequence[str]], col_w: Sequence[float], room: int) -> int:
    """The largest font size whose wrapped table fits `room` (EMU) in height.

    PowerPoint grows rows to their text only when it draws the slide, so the height is
    estimated here by measuring each cell with the embedded font's metrics (reportlab's
    stringWidth on the same Noto/DejaVu TTF the PDF uses) and counting wrapped lines.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from situation.briefing.render_pdf import FONT, register_fonts

    register_fonts()
    pad = Inches(0.2)  # cell margins left and right
    for size in (14, 13, 12, 11, 10, 9):
        height = 0
        for row in rows:
            lines = 1
            for text, w in zip(row, col_w):
                room_pt = max(1.0, (w - pad) / 12700)  # EMU → points
                words, line, n = str(text).split(), 0.0, 1
                for word in words:
                    ww = stringWidth(word + " ", FONT, size)
                    if line and line + ww > room_pt:
                        n, line = n + 1, 0.0
                    line += ww
                lines = max(lines, n)
            height += Pt(size * 1.2 * lines) + Inches(0.06)
        if height <= room:
            return size
    return 9


def _table(slide, s: Slide) -> None:
    p = s.payload
    cols, rows, widths = p["columns"], p["rows"], p["widths"]
    total_w = W - 2 * MARGIN
    shape = slide.shapes.add_table(len(rows) + 1, len(cols), MARGIN, BODY_TOP, total_w, Inches(0.4) * (len(rows) + 1))
    table = shape.table
    scale = sum(widths)
    for j, w in enumerate(widths):
        table.columns[j].width = Emu(int(total_w * w / scale))
    col_w = [total_w * w / scale for w in widths]
    size = _fitting_size([cols] + rows, col_w, BODY_BOTTOM - BODY_TOP - Inches(0.45))
    marks = p.get("marks") or []
    for i, row in enumerate([cols] + rows):
        for j, value in enumerate(row):
            cell = table.cell(i, j)
            cell.text = ""
            run = cell.text_frame.paragraphs[0].add_run()
            run.text = str(value)
            run.font.name, run.font.size, run.font.bold = PPTX_FONT, Pt(size), i == 0
            cell.margin_top = cell.margin_bottom = Inches(0.03)
            if i and j == 0 and i - 1 < len(marks):  # e.g. the readiness level's colour
                cell.fill.solid()
                cell.fill.fore_color.rgb = RGBColor.from_string(marks[i - 1].lstrip("#"))
                run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
                run.font.bold = True
    _note(slide, p.get("note", ""))


def _lines(slide, s: Slide, colour: RGBColor = TEXT) -> None:
    key = "reason" if s.kind == "placeholder" else "lines"
    lines = [s.payload[key]] if s.kind == "placeholder" else s.payload[key]
    if s.kind == "placeholder":
        box = slide.shapes.add_shape(1, MARGIN, Inches(2.0), W - 2 * MARGIN, Inches(2.5))
        box.fill.solid()
        box.fill.fore_color.rgb = RGBColor(0xEE, 0xEE, 0xEE)
        box.line.color.rgb = RGBColor(0xB0, 0xB0, 0xB0)
    _text(slide, MARGIN + Inches(0.3), Inches(2.2), W - 2 * MARGIN - Inches(0.6), Inches(2.2),
          [(str(x), 20, False, colour) for x in lines])
    _note(slide, s.payload.get("note", ""))


def _speaker_notes(slide, s: Slide, pack: Pack) -> None:
    """What the presenter reads below the slide: the slide's own note or caption, then the pack's
    sitrep number, moment, next update and sources."""
    own = s.payload.get("caption") or s.payload.get("note") or ""
    slide.notes_slide.notes_text_frame.text = "\n\n".join(x for x in (own, pack.notes) if x)


def render(pack: Pack) -> bytes:
    """The pack as .pptx bytes. Figure slides must carry payload['png'] (briefing.render_images)."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = W, H
    total = len(pack.slides)
    for no, s in enumerate(pack.slides, 1):
        slide = _frame(prs, pack, "" if s.kind == "title" else s.title, no, total)
        if s.kind == "title":
            _title(slide, s)
        elif s.kind == "indicators":
            _indicators(slide, s)
        elif s.kind == "figure":
            _figure(slide, s)
        elif s.kind == "table":
            _table(slide, s)
        elif s.kind == "placeholder":
            _lines(slide, s, GREY)
        else:
            _lines(slide, s)
        _speaker_notes(slide, s, pack)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()
