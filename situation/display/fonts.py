"""Fonts that draw Kazakh letters (ә ғ қ ң ө ұ ү һ і) in every export.

Images are drawn by Chromium (kaleido), which picks fonts by family name from fontconfig;
PPTX names a font the viewer's machine resolves; the PDF must embed a TTF file itself, since
reportlab's built-in Helvetica has no Cyrillic. Debian's fonts-noto-core gives Noto Sans,
fonts-dejavu-core gives DejaVu Sans as the fallback; both carry the whole Kazakh alphabet.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# Chromium tries the families left to right; both carry Kazakh Cyrillic.
EXPORT_FONT_FAMILY = "Noto Sans, DejaVu Sans, sans-serif"
PPTX_FONT = "Noto Sans"  # PowerPoint/LibreOffice substitute a near font when it is missing

_DIRS = (Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/truetype/dejavu"),
         Path("/usr/share/fonts/noto"), Path("/usr/share/fonts/dejavu"))
# (regular, bold) file names, preferred first.
_CANDIDATES = (("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
               ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"))


class FontMissing(RuntimeError):
    """No TTF that draws Kazakh letters was found; the message says what to install."""


@dataclass(frozen=True)
class FontFiles:
    family: str
    regular: Path
    bold: Path


def _search_dirs() -> list[Path]:
    # SITROOM_FONT_DIR is looked at first so a deployment can bring its own copies.
    own = os.environ.get("SITROOM_FONT_DIR")
    return ([Path(own)] if own else []) + list(_DIRS)


@lru_cache(maxsize=1)
def pdf_fonts() -> FontFiles:
    """The regular and bold TTF files the PDF embeds: Noto Sans, else DejaVu Sans."""
    dirs = _search_dirs()
    for regular, bold in _CANDIDATES:
        for d in dirs:
            r, b = d / regular, d / bold
            if r.is_file():
                return FontFiles(regular.split("-")[0].replace(".ttf", ""), r, b if b.is_file() else r)
    raise FontMissing(
        "No font that draws Kazakh letters was found (looked for NotoSans-Regular.ttf and "
        f"DejaVuSans.ttf in {', '.join(str(d) for d in dirs)}). "
        "Install Debian's fonts-noto-core or fonts-dejavu-core (apt-get install fonts-noto-core).")


# Noto Sans has no "≈", "−" (U+2212, the minus of every change), "→", "✓" or "∝"; DejaVu Sans has
# them. The PDF draws any character its main font lacks in this one (briefing_pdf), so nothing a
# catalog or a formatter writes ever disappears from a page.
_FALLBACK = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")


@lru_cache(maxsize=1)
def pdf_fallback() -> FontFiles | None:
    """DejaVu Sans (regular, bold) when installed and not already the main font, else None."""
    main = pdf_fonts()
    for d in _search_dirs():
        r, b = d / _FALLBACK[0], d / _FALLBACK[1]
        if r.is_file() and r != main.regular:
            return FontFiles("DejaVuSans", r, b if b.is_file() else r)
    return None


@lru_cache(maxsize=8)
def glyphs(path: Path) -> frozenset[int]:
    """The code points a TTF file draws (its cmap)."""
    from reportlab.pdfbase.ttfonts import TTFont

    return frozenset(TTFont(f"probe-{path.name}", str(path)).face.charToGlyph)


def not_drawable(text: str) -> set[str]:
    """Characters of `text` that neither the PDF's main font nor its fallback can draw
    (whitespace other than the no-break space needs no glyph)."""
    main = glyphs(pdf_fonts().regular) & glyphs(pdf_fonts().bold)
    fb = pdf_fallback()
    extra = (glyphs(fb.regular) & glyphs(fb.bold)) if fb else frozenset()
    return {ch for ch in text if ch not in "\n\t" and ord(ch) not in main and ord(ch) not in extra}
