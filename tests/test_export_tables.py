"""Table exports: formula-like text neutralised (CSV and XLSX), numbers kept as numbers, and the
downloadable tables of the sample carry the figures, the picture's moment and the sources."""
from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest

from situation.briefing import frames as export_frames
from situation.briefing.tables import (
    neutralise,
    neutralise_cell,
    table_bytes,
    to_csv,
    to_xlsx,
)
from situation.queries.filters import Filters

AS_OF = dt.datetime(2026, 3, 4, 18, 0)
EVIL = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("text", EVIL)
def test_formula_like_text_is_quoted(text):
    assert neutralise_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Dubai", "", "3 500", "a=b", -5, 3.5, None, True])
def test_other_values_are_unchanged(value):
    assert neutralise_cell(value) == value


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"text": EVIL + ["ok"], "n": [-5, 1, 2, 3, 4, 5, 6],
                         "when": pd.to_datetime(["2026-03-04 18:00"] * 7)})


def test_neutralise_keeps_numbers_and_does_not_touch_the_input():
    df = _frame()
    out = neutralise(df)
    assert out["text"].tolist() == ["'" + s for s in EVIL] + ["ok"]
    assert out["n"].tolist() == [-5, 1, 2, 3, 4, 5, 6] and pd.api.types.is_integer_dtype(out["n"])
    assert df["text"].iloc[0].startswith("=")  # the page's own frame stays as it was


def test_csv_is_utf8_with_bom_and_neutralised():
    df = _frame().assign(name=["Қазақстан"] * 7)
    raw = to_csv(df)
    assert raw.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", keep_default_na=False)
    assert back["text"].iloc[0] == "'=HYPERLINK(\"http://x\",\"y\")"
    assert int(back["n"].iloc[0]) == -5
    assert b",-5," in raw and b"'-5" not in raw  # a negative number is data, never quoted
    assert back["name"].iloc[0] == "Қазақстан"
    assert not any(str(v).startswith(("=", "+", "-", "@")) for v in back["text"])


def test_xlsx_cells_are_text_not_formulas_and_numbers_are_numbers():
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(to_xlsx(_frame(), "sheet/with:bad*chars")), data_only=False).active
    assert ws.title == "sheetwithbadchars"
    texts = [ws.cell(row=r, column=1) for r in range(2, 9)]
    assert all(c.data_type == "s" for c in texts), [c.data_type for c in texts]
    assert texts[0].value == "'=HYPERLINK(\"http://x\",\"y\")"
    assert ws.cell(row=2, column=2).value == -5 and ws.cell(row=2, column=2).data_type == "n"
    assert isinstance(ws.cell(row=2, column=3).value, dt.datetime)


def test_table_bytes_rejects_unknown_format():
    with pytest.raises(ValueError):
        table_bytes(_frame(), "ods")


@pytest.fixture
def sample_db(monkeypatch, sample_warehouse):
    monkeypatch.setenv("SITROOM_DB", str(sample_warehouse))
    return sample_warehouse


def test_headcounts_table_of_the_sample(sample_db):
    df = export_frames.frame("export.table.headcounts", Filters("en", (), AS_OF))
    uae = df[df["ISO3 code"] == "ARE"].iloc[0]
    assert uae["Citizens"] == 3500 and bool(uae["Estimate"])
    assert uae["Picture as of (UTC)"] == AS_OF
    assert "headcounts" in uae["Source"]
    assert pd.notna(uae["Report as of (UTC)"])
    raw = pd.read_csv(io.BytesIO(to_csv(df)), encoding="utf-8-sig")
    assert int(raw.loc[raw["ISO3 code"] == "ARE", "Citizens"].iloc[0]) == 3500


def test_tables_follow_the_country_filter_and_language(sample_db):
    f = Filters("ru", ("IRN", "QAT"), AS_OF)
    for key in export_frames.TABLES:
        df = export_frames.frame(key, f)
        assert len(df), key
        assert "Картина на (UTC)" in df.columns, key
        assert (df["Картина на (UTC)"] == AS_OF).all()
    ready = export_frames.frame("export.table.readiness", f)
    assert set(ready["Код ISO3"]) == {"IRN", "QAT"}
    notams = export_frames.frame("export.table.notams", Filters("en", (), AS_OF))
    assert {"NOTAM", "FIR", "Source"} <= set(notams.columns)
