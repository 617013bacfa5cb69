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
