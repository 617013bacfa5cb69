"""Tables as CSV and XLSX bytes: DataFrame in, bytes out (no Streamlit, no warehouse).

Spreadsheet programs run a cell that starts with = + - @ (or a tab / carriage return before one)
as a formula — "CSV injection". Mission files and NOTAM texts come from outside, so every text
cell that could start a formula gets a leading apostrophe, which Excel and LibreOffice show as
plain text. Numbers stay numbers: -5 as a number is data, not a formula.
"""
from __future__ import annotations

import io
from typing import Any

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise_cell(v: Any) -> Any:
    """A text that a spreadsheet would run, prefixed with "'"; anything else unchanged."""
    if isinstance(v, str) and v.startswith(FORMULA_START):
        return "'" + v
    return v


def neutralise(df: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell neutralised; numeric, boolean and date columns untouched.

    Column headers are text too (translated, but a header could come from data): done as well.
    """
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s) \
                or pd.api.types.is_datetime64_any_dtype(s):
            continue
        out[col] = s.astype(object).map(neutralise_cell)
    out.columns = [neutralise_cell(str(c)) for c in out.columns]
    return out


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    """Timezone-aware times are not accepted by XLSX writers; the warehouse is UTC throughout."""
    out = df.copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.DatetimeTZDtype):
            out[col] = out[col].dt.tz_convert("UTC").dt.tz_localize(None)
    return out


def to_csv(df: pd.DataFrame) -> bytes:
    """UTF-8 with a BOM: Excel opens Kazakh and Russian text correctly only with it.

    Every text cell is quoted (QUOTE_NONNUMERIC): pandas' minimal quoting leaves a bare carriage
    return in a cell unquoted, which readers take for the end of the row — and the rest of the
    cell would then start a new row, unneutralised. Numbers stay unquoted.
    """
    import csv

    return neutralise(_plain(df)).to_csv(index=False, quoting=csv.QUOTE_NONNUMERIC,
                                         lineterminator="\r\n").encode("utf-8-sig")


def to_xlsx(df: pd.DataFrame, sheet: str = "data") -> bytes:
    """One sheet, header row frozen and columns sized to their content."""
    from openpyxl.utils import get_column_letter

    safe = neutralise(_plain(df))
    buf = io.BytesIO()
    # Sheet names: at most 31 characters, none of []:*?/\ (Excel's rule).
    name = "".join(ch for ch in sheet if ch not in "[]:*?/\\")[:31] or "data"
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        safe.to_excel(xw, sheet_name=name, index=False)
        ws = xw.sheets[name]
        ws.freeze_panes = "A2"
        for i, col in enumerate(safe.columns, start=1):
            longest = max([len(str(col))] + [len(str(v)) for v in safe[col].head(500)])
            ws.column_dimensions[get_column_letter(i)].width = min(60, max(8, longest + 2))
    return buf.getvalue()


def table_bytes(df: pd.DataFrame, fmt: str, sheet: str = "data") -> tuple[bytes, str]:
    """(bytes, MIME type) for fmt 'csv' or 'xlsx'."""
    if fmt == "csv":
        return to_csv(df), CSV_MIME
    if fmt == "xlsx":
        return to_xlsx(df, sheet), XLSX_MIME
    raise ValueError(f"unknown table format {fmt!r} (csv or xlsx)")
