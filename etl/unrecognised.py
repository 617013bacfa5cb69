"""Plain-words explanations for files no input kind recognised."""
from __future__ import annotations

from pathlib import Path

from etl.files import head

MAGIC = {
    b"%PDF": "a PDF document",
    b"\xd0\xcf\x11\xe0": "an old Excel/Word file (.xls/.doc); save it as .xlsx or CSV",
    b"PK\x03\x04": "a ZIP-based file (XLSX/DOCX) without a recognised header",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
}


def explain_unknown(path: Path) -> str:
    h = head(path, 4096)
    if not h.strip():
        return "the file is empty; export the report again from the template in data/templates/"
    for magic, what in MAGIC.items():
        if h.startswith(magic):
            return (f"this is {what}, not a report; save the report as CSV or XLSX following "
                    "data/templates/README.md")
    if b"\x00" in h and not h.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "this is a binary file, not a report; save the report as CSV or XLSX"
    lines = [ln for ln in h.decode("utf-8", errors="replace").splitlines() if ln.strip() and not ln.startswith("#")]
    first = (lines or [""])[0][:120]
    return ("no known header found — the first line reads "
            f"\"{first}\"; a headcount report starts with as_of,mission,country,city,category,citizens "
            "(see data/templates/README.md)")
