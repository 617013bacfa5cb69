"""Write data/sample/headcounts_2026-03-02.xlsx: one day of the sample history as a workbook.

It proves the XLSX path of the mission headcount template (data/templates/README.md): a merged
title row containing SAMPLE above the English header, typed cells (datetimes, whole numbers,
empty optional cells) and Kazakh country names / ministry short forms (БАӘ, САҚ, Қатар).
The rows live here, not in a CSV twin, so the ETL never loads the same day twice.

    .venv/bin/python tools/make_sample_xlsx.py           # write the workbook
    .venv/bin/python tools/make_sample_xlsx.py --check   # exit 1 if the committed file differs

The bytes are deterministic (fixed document properties and zip entry dates) so the committed
file is exactly what this script makes.
"""
from __future__ import annotations

import io
import sys
import zipfile
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "sample" / "headcounts_2026-03-02.xlsx"
TITLE = ("SAMPLE DATA — illustrative history; the 2026-03-04 figures are from the ministry's "
         "public bulletin. Mission headcounts, 2026-03-02 (UTC)")
HEADER = ("as_of", "mission", "country", "city", "category", "citizens", "approximate", "elderly",
          "women", "children", "housed", "contacted", "casualties", "note")
FIXED = datetime(2026, 3, 2, 18, 0)  # stands in for "now" in the file's metadata

# as_of (UTC), mission, country, city, category, citizens, approximate,
# elderly, women, children, housed, contacted, casualties, note
ROWS: list[tuple] = [
    (datetime(2026, 3, 2, 8, 0), 'KZ-EMB-ABU', 'БАӘ', 'Abu Dhabi', 'tourist', 400, 'yes', 32, 200, 72, 372, 388, 0, ''),
    (datetime(2026, 3, 2, 8, 0), 'KZ-EMB-ABU', 'БАӘ', 'Abu Dhabi', 'resident', 90, 'yes', 4, 42, 22, 0, 88, 0, ''),
    (datetime(2026, 3, 2, 8, 30), 'KZ-CG-DXB', 'БАӘ', 'Dubai', 'tourist', 2150, 'yes', 172, 1075, 387, 2000, 2086, 0, 'housed in hotels with meals'),
    (datetime(2026, 3, 2, 8, 30), 'KZ-CG-DXB', 'БАӘ', 'Dubai', 'transit', 300, 'yes', 15, 138, 45, 300, 288, 0, ''),
    (datetime(2026, 3, 2, 8, 30), 'KZ-CG-DXB', 'БАӘ', 'Dubai', 'resident', 130, 'yes', 6, 61, 32, 0, 127, 0, ''),
    (datetime(2026, 3, 2, 8, 30), 'KZ-CG-DXB', 'БАӘ', 'Sharjah', 'tourist', 120, 'yes', 10, 60, 22, 112, 116, 0, ''),
    (datetime(2026, 3, 2, 8, 30), 'KZ-CG-DXB', 'БАӘ', 'Ras Al Khaimah', 'tourist', 60, 'yes', 5, 30, 11, 56, 58, 0, ''),
    (datetime(2026, 3, 2, 9, 0), 'KZ-CG-JED', 'САҚ', 'Mecca', 'pilgrim', 1420, 'yes', 497, 724, 57, 1420, 1392, 0, ''),
    (datetime(2026, 3, 2, 9, 0), 'KZ-CG-JED', 'САҚ', 'Medina', 'pilgrim', 750, 'yes', 262, 382, 30, 750, 735, 0, ''),
    (datetime(2026, 3, 2, 9, 0), 'KZ-CG-JED', 'САҚ', 'Medina', 'student', 80, 'yes', 0, 32, 0, None, 80, 0, ''),
    (datetime(2026, 3, 2, 9, 0), 'KZ-CG-JED', 'САҚ', 'Jeddah', 'pilgrim', 230, 'yes', 80, 117, 9, 230, 225, 0, ''),
    (datetime(2026, 3, 2, 9, 0), 'KZ-CG-JED', 'САҚ', 'Jeddah', 'tourist', 130, 'yes', 10, 65, 23, 117, 126, 0, ''),
    (datetime(2026, 3, 2, 9, 0), 'KZ-EMB-RUH', 'САҚ', 'Riyadh', 'tourist', 80, 'yes', 6, 40, 14, 72, 78, 0, ''),
    (datetime(2026, 3, 2, 9, 0), 'KZ-EMB-RUH', 'САҚ', 'Riyadh', 'resident', 110, 'yes', 6, 52, 28, 0, 108, 0, ''),
    (datetime(2026, 3, 2, 10, 0), 'KZ-EMB-DOH', 'Қатар', 'Doha', 'transit', 1150, 'yes', 58, 529, 172, 1150, 1104, 0, ''),
    (datetime(2026, 3, 2, 10, 0), 'KZ-EMB-DOH', 'Қатар', 'Doha', 'tourist', 150, 'yes', 12, 75, 27, 135, 146, 0, ''),
    (datetime(2026, 3, 2, 10, 0), 'KZ-EMB-DOH', 'Қатар', 'Doha', 'resident', 100, 'yes', 5, 47, 25, 0, 98, 0, ''),
    (datetime(2026, 3, 2, 11, 0), 'KZ-EMB-KWI', 'Бахрейн', 'Manama', 'tourist', 85, 'no', 7, 42, 15, 76, 82, 0, ''),
    (datetime(2026, 3, 2, 11, 0), 'KZ-EMB-KWI', 'Бахрейн', 'Manama', 'resident', 38, 'no', 2, 18, 10, 0, 37, 0, ''),
    (datetime(2026, 3, 2, 11, 0), 'KZ-EMB-KWI', 'Бахрейн', 'Manama', 'transit', 27, 'no', 1, 12, 4, 27, 26, 0, ''),
    (datetime(2026, 3, 2, 11, 0), 'KZ-EMB-KWI', 'Кувейт', 'Kuwait City', 'resident', 78, 'no', 4, 37, 20, 0, 76, 0, ''),
    (datetime(2026, 3, 2, 11, 0), 'KZ-EMB-KWI', 'Кувейт', 'Kuwait City', 'tourist', 28, 'no', 2, 14, 5, 25, 27, 0, ''),
    (datetime(2026, 3, 2, 11, 0), 'KZ-EMB-KWI', 'Кувейт', 'Kuwait City', 'transit', 15, 'no', 1, 7, 2, 15, 14, 0, ''),
    (datetime(2026, 3, 2, 12, 0), 'KZ-EMB-AMM', 'Иордания', 'Amman', 'tourist', 46, 'no', 4, 23, 8, 41, 45, 0, ''),
    (datetime(2026, 3, 2, 12, 0), 'KZ-EMB-AMM', 'Иордания', 'Amman', 'student', 33, 'no', 0, 13, 0, None, 33, 0, ''),
    (datetime(2026, 3, 2, 12, 0), 'KZ-EMB-AMM', 'Иордания', 'Amman', 'resident', 24, 'no', 1, 11, 6, 0, 24, 0, ''),
    (datetime(2026, 3, 2, 12, 0), 'KZ-EMB-AMM', 'Иордания', 'Aqaba', 'tourist', 15, 'no', 1, 8, 3, 14, 15, 0, ''),
    (datetime(2026, 3, 2, 12, 0), 'KZ-EMB-TLV', 'Израиль', 'Tel Aviv', 'resident', 40, 'yes', 2, 19, 10, 0, 39, 0, ''),
    (datetime(2026, 3, 2, 12, 0), 'KZ-EMB-TLV', 'Израиль', 'Tel Aviv', 'student', 8, 'yes', 0, 3, 0, None, 8, 0, ''),
    (datetime(2026, 3, 2, 12, 0), 'KZ-EMB-TLV', 'Израиль', 'Jerusalem', 'tourist', 20, 'yes', 2, 10, 4, 18, 19, 0, ''),
    (datetime(2026, 3, 2, 12, 0), 'KZ-EMB-TLV', 'Израиль', 'Haifa', 'resident', 17, 'yes', 1, 8, 4, 0, 17, 0, ''),
    (datetime(2026, 3, 2, 14, 0), 'KZ-EMB-THR', 'Иран', 'Tehran', 'resident', 26, 'no', 1, 12, 6, 0, 25, 0, '28 company staff and family members left for Armenia via Nordooz–Agarak on 2026-03-02'),
    (datetime(2026, 3, 2, 14, 0), 'KZ-EMB-THR', 'Иран', 'Tehran', 'official', 32, 'no', 0, 11, 6, 0, 32, 0, ''),
    (datetime(2026, 3, 2, 14, 0), 'KZ-EMB-THR', 'Иран', 'Tehran', 'student', 28, 'no', 0, 11, 0, None, 28, 0, ''),
    (datetime(2026, 3, 2, 14, 0), 'KZ-EMB-THR', 'Иран', 'Mashhad', 'pilgrim', 10, 'no', 4, 5, 0, 10, 10, 0, ''),
    (datetime(2026, 3, 2, 14, 0), 'KZ-EMB-THR', 'Иран', 'Qom', 'student', 8, 'no', 0, 3, 0, None, 8, 0, ''),
]


def workbook_bytes() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "headcounts"
    ws.append([TITLE])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    ws["A1"].font = Font(bold=True, size=12)
    ws["A1"].alignment = Alignment(horizontal="left")
    ws.append(list(HEADER))
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for row in ROWS:
        ws.append(list(row))
    for r in range(3, ws.max_row + 1):
        ws.cell(r, 1).number_format = "yyyy-mm-dd hh:mm"
    for col, width in zip("ABCDEFGHIJKLMN", (17, 12, 10, 15, 10, 9, 11, 8, 8, 9, 8, 10, 10, 60)):
        ws.column_dimensions[col].width = width
    wb.properties.creator = "tools/make_sample_xlsx.py"
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    raw = io.BytesIO()
    wb.save(raw)
    return _normalise_zip(raw.getvalue())


def _normalise_zip(data: bytes) -> bytes:
    """Re-pack with fixed entry dates and pin the modified stamp openpyxl writes at save time."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _pin_times(body)
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, body)
    return out.getvalue()


def _pin_times(core: bytes) -> bytes:
    import re

    stamp = FIXED.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rb"\g<1>" + stamp + rb"\2", core)


def main(argv: list[str]) -> int:
    data = workbook_bytes()
    if "--check" in argv:
        same = OUT.exists() and OUT.read_bytes() == data
        if not same:
            print(f"{OUT} differs from what the script makes", file=sys.stderr)
        return 0 if same else 1
    OUT.write_bytes(data)
    print(f"wrote {OUT.relative_to(ROOT)} ({len(data):,} bytes, {len(ROWS)} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
