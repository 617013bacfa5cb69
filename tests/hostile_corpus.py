"""The hostile corpus: files a careless or malicious sender could drop in the inbox, generated on
demand (no stored bytes). Each case knows how many of its rows are good, so a test can assert
that exactly those load.

    python -m tests.hostile_corpus OUTDIR      # writes every case to OUTDIR (for trying by hand)
"""
from __future__ import annotations

import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HEADER = "as_of,mission,country,city,category,citizens,approximate,elderly,women,children,housed,contacted,casualties,note"


def row(as_of: str = "2026-03-04 09:00", country: str = "Qatar", count: str = "7", city: str = "Doha",
        note: str = "") -> str:
    return f"{as_of},KZ-EMB-DOH,{country},{city},tourist,{count},,,,,,,,{note}"


def good(city: str, n: int = 5) -> str:
    return row(city=city, count=str(n))


@dataclass(frozen=True)
class Case:
    name: str  # file name written
    make: Callable[[Path], None]  # writes the file at the given path
    good_rows: int  # rows of this file that must load
    exit_code: int  # the load's expected exit code (the file alone)
    codes: tuple[str, ...] = ()  # reject codes expected (any order); () = the file is unusable or clean
    unusable: bool = False  # the file as a whole is quarantined


def _text(text: str, encoding: str = "utf-8", newline: str = "\n") -> Callable[[Path], None]:
    def make(p: Path) -> None:
        p.write_bytes(text.replace("\n", newline).encode(encoding))
    return make


def _bytes(data: bytes) -> Callable[[Path], None]:
    return lambda p: p.write_bytes(data)


def _csv(*rows: str) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


def _xlsx(path: Path, sheet_xml: Callable[[zipfile.ZipFile], None]) -> None:
    """A minimal workbook written by hand, so the sheet XML can be anything."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                   '</Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                   '</Relationships>')
        z.writestr("xl/workbook.xml",
                   '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                   '<sheet name="Report" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                   '</Relationships>')
        sheet_xml(z)


def _cells(r: int, values: list[str]) -> str:
    cols = "ABCDEFGHIJKLMN"
    return f'<row r="{r}">' + "".join(
        f'<c r="{cols[i]}{r}" t="inlineStr"><is><t>{v}</t></is></c>' for i, v in enumerate(values) if v) + "</row>"


SHEET_OPEN = '<?xml version="1.0" encoding="UTF-8"?>{doctype}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
SHEET_CLOSE = "</sheetData></worksheet>"


def _xlsx_bomb(rows: int) -> Callable[[Path], None]:
    """A sheet of `rows` identical rows: a few hundred kB zipped, hundreds of MB inflated."""
    def make(p: Path) -> None:
        def sheet(z: zipfile.ZipFile) -> None:
            with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
                f.write(SHEET_OPEN.format(doctype="").encode())
                f.write(_cells(1, HEADER.split(",")).encode())
                body = _cells(2, row(city="Doha").split(",")).encode()
                block = body * 10_000
                for _ in range(rows // 10_000):
                    f.write(block)
                f.write(SHEET_CLOSE.encode())
        _xlsx(p, sheet)
    return make


def _xlsx_entities(p: Path) -> None:
    """Billion laughs in the sheet XML: a DOCTYPE declaring entities that expand to gigabytes."""
    ents = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    doctype = f"<!DOCTYPE worksheet [{ents}]>"

    def sheet(z: zipfile.ZipFile) -> None:
        z.writestr("xl/worksheets/sheet1.xml", SHEET_OPEN.format(doctype=doctype) + _cells(1, HEADER.split(","))
                   + _cells(2, row(city="&a9;").split(",")) + SHEET_CLOSE)
    _xlsx(p, sheet)


def _xlsx_formula(p: Path) -> None:
    def sheet(z: zipfile.ZipFile) -> None:
        formula = '<c r="F3"><f>HYPERLINK("http://x.invalid","click")</f></c>'
        r3 = _cells(3, row(city="Lusail").split(",")).replace('<c r="F3" t="inlineStr"><is><t>7</t></is></c>', formula)
        z.writestr("xl/worksheets/sheet1.xml", SHEET_OPEN.format(doctype="") + _cells(1, HEADER.split(","))
                   + _cells(2, row(city="Doha").split(",")) + r3 + SHEET_CLOSE)
    _xlsx(p, sheet)


def _deep_json(p: Path) -> None:
    depth = 100_000
    p.write_text('[{"icaoMessage": "A0001/26 NOTAMN", "x": ' + "[" * depth + "]" * depth + "}]", encoding="utf-8")


CASES: list[Case] = [
    # poisoned dates, offsets and counts: the row goes, its neighbours load
    Case("year0.csv", _text(_csv(row("0000-01-01 00:00"), good("Year0-ok"))), 1, 1, ("implausible_as_of",)),
    Case("year1900.csv", _text(_csv(row("1900-01-01 00:00"), good("Year1900-ok"))), 1, 1, ("implausible_as_of",)),
    Case("offset25.csv", _text(_csv(row("2026-03-04T09:00+25:00"), good("Offset-ok"))), 1, 1, ("bad_as_of",)),
    Case("ambiguous_date.csv", _text(_csv(row("03/04/2026"), row("13/04/2025", city="Unambiguous"),
                                         good("Ambig-ok"))), 2, 1, ("ambiguous_as_of",)),
    Case("future.csv", _text(_csv(row("2099-01-01 00:00"), good("Future-ok"))), 1, 1, ("future_as_of",)),
    Case("huge_count.csv", _text(_csv(row(count="99999999999999999999999"), row(count="5000000", city="Big"),
                                      good("Count-ok"))), 1, 1, ("not_a_count", "implausible_count")),
    Case("dup_columns.csv", _text(HEADER + ",citizens\n" + good("Dup") + ",9\n"), 0, 1, unusable=True),
    # line endings and encodings
    Case("cr_only.csv", _text(_csv(good("Cr1"), good("Cr2"), good("Cr3")), newline="\r"), 3, 0),
    Case("stray_byte.csv", _bytes(_csv(good("Алматы"), row(city="Bad\xff"), good("Астана")).encode("utf-8")
                                  .replace("Bad\xff".encode(), b"Bad\xff")), 2, 1, ("bad_encoding",)),
    Case("nul_byte.csv", _text(_csv(good("Nul1"), row(city="Bad\x00City"), good("Nul2"))), 2, 1, ("control_character",)),
    Case("bare_cr.csv", _text(_csv(good("BareCr1"), row(note='"bad\rnote"'), good("BareCr2")), newline="\r\n"),
         2, 1, ("control_character",)),
    Case("huge_field.csv", _text(_csv(good("Huge1"), row(note='"' + "x" * 200_000 + '"'), good("Huge2"))),
         2, 1, ("field_too_long",)),
    Case("long_unquoted.csv", _text(_csv(good("Long1"), row(note="y" * 40_000), good("Long2"))),
         2, 1, ("field_too_long",)),
    Case("utf16_nobom.csv", _text(_csv(good("Шымкент"), good("Тараз")), encoding="utf-16-le"), 2, 0),
    Case("cp1251.csv", _text(_csv(good("Караганда"), good("Павлодар")), encoding="cp1251"), 2, 0),
    # parsers with limits
    Case("bomb.xlsx", _xlsx_bomb(1_200_000), 0, 1, unusable=True),
    Case("entities.xlsx", _xlsx_entities, 0, 1, unusable=True),
    Case("formula.xlsx", _xlsx_formula, 1, 1, ("formula_cell",)),
    Case("deep.json", _deep_json, 0, 1, unusable=True),
    # the ministry's own bulletin as text, holding figures and no evacuation
    Case("bulletin_figures_only.txt", _text(
        "Ministry of Foreign Affairs of Kazakhstan — press release\n"
        "Astana, March 4, 2026, as of 10:00 Astana time\n\n"
        "According to the embassies, about 3,500 citizens of Kazakhstan are in the UAE, mostly tourists housed in hotels.\n"
        "The embassy in Abu Dhabi is in contact with all of them and asks citizens to follow official announcements.\n"),
        1, 0),
    # a name that would paint the operator's terminal
    Case("\x1b[31mred\x1b[0m name.csv", _text(_csv(good("Named"))), 1, 0),
]


def write(out: Path, cases: list[Case] | None = None) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for c in cases or CASES:
        p = out / c.name
        c.make(p)
        paths.append(p)
    return paths


if __name__ == "__main__":
    for path in write(Path(sys.argv[1])):
        print(repr(path.name), path.stat().st_size)
