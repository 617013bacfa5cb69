"""Download buttons for charts (PNG, SVG) and tables (CSV, XLSX), for any page.

    from pages.parts.export_ui import export_buttons, table_download
    export_buttons(fig, "trend_country")   # under a chart
    table_download(df, "routes")           # under a table

The bytes are made only when the user clicks (st.download_button with a callable `data`):
a page with ten charts does not start Chromium or draw ten images on every rerun, and a click
does not rerun the page (on_click="ignore").
"""
from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from pages.parts.common import country_names, filters
from situation.briefing import images as export_images
from situation.briefing import tables as export_tables
from situation.i18n import t


def _safe(name: str) -> str:
    """A file name and widget key from a chart's name: letters, digits, - and _ only."""
    return re.sub(r"[^\w-]+", "_", name, flags=re.ASCII).strip("_") or "chart"


def export_buttons(fig: go.Figure, name: str, *, frozen: bool = False) -> None:
    """PNG and SVG buttons (1600×900, drawn server-side by kaleido) under a chart. The image
    carries the chart's title, the countries and moment of the page's filters, the source line
    and the marking (export_images.Caption).

    frozen=True: nothing changes `fig` after this call (a figure from a cache), so the copy
    that protects what was shown — 50–100 ms for a chart — is skipped."""
    stem = _safe(name)
    if not export_images.browser_available():  # a file check, no browser start: say why, offer nothing that hangs
        st.caption(t("export.images_unavailable"))
        return
    frozen = fig if frozen else go.Figure(fig)  # the page may change `fig` later; export what was shown
    f = filters()
    cap = export_images.caption(f.lang, f.countries, f.at(), country_names())
    cols = st.columns([1, 1, 6])
    for col, fmt in zip(cols, ("png", "svg")):
        col.download_button(
            t(f"export.{fmt}"), data=lambda fmt=fmt: export_images.to_image(frozen, fmt, cap=cap),
            file_name=f"{stem}.{fmt}", mime=export_images.FORMATS[fmt], key=f"exp_{fmt}_{stem}",
            on_click="ignore", icon=":material/image:", help=t("export.image_help"))


def table_download(df: pd.DataFrame, name: str, sheet: str | None = None) -> None:
    """CSV and XLSX buttons for exactly the rows of `df` (text cells that a spreadsheet would run
    as a formula are neutralised in export_tables)."""
    stem = _safe(name)
    frozen = df.copy()
    cols = st.columns([1, 1, 6])
    for col, fmt in zip(cols, ("csv", "xlsx")):
        col.download_button(
            t(f"export.{fmt}"), data=lambda fmt=fmt: export_tables.table_bytes(frozen, fmt, sheet or stem)[0],
            file_name=f"{stem}.{fmt}", mime=export_tables.CSV_MIME if fmt == "csv" else export_tables.XLSX_MIME,
            key=f"tbl_{fmt}_{stem}", on_click="ignore", icon=":material/table:")
