"""Data-health page: warehouse figures, mission freshness at the chosen moment (stale, never
reported), rejected rows with translated reasons and a file filter, the load history with its chart;
on the sample, on a warehouse with bad files, on an empty one and with filters matching nothing."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from situation.display.formatting import fmt_int
from situation.i18n import leaked_keys
from tests.apptest import REFERENCE_DAY, open_page, plain
from tests.conftest import SAMPLE, fetch, run_cli, sample_data_copy
from tests.helpers import report_csv

PAGE = "pages/data_health.py"
MOMENT = "2026-03-04T12:00"

BAD_NOTAMS = """Some chatter that is no NOTAM at all.

A0099/26 NOTAMN
Q) OIIX/QAFLC/IV/NBO/E/000/999/3220N05324E999
A) OIIX B) 2603329999 C) 2603072359
E) TEHRAN FIR CLSD.
"""


@pytest.fixture(scope="module")
def bad_warehouse(tmp_path_factory, sample_warehouse) -> Path:
    """The sample plus a report with two bad rows, a NOTAM file with two bad items, and a file of
    no known kind."""
    data = sample_data_copy(sample_warehouse, tmp_path_factory.mktemp("bad") / "data")  # the sample, loaded
    inbox = data / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    (inbox / "headcounts_bad.csv").write_text(report_csv(
        "2026-03-04 09:00,KZ-EMB-ABU,Atlantis,,tourist,10,no,,,,,,,",
        "2026-03-04 09:00,KZ-EMB-ABU,United Arab Emirates,Dubai,tourist,-5,no,,,,,,,",
        "2026-03-04 09:00,KZ-EMB-ABU,United Arab Emirates,Abu Dhabi,tourist,12,no,,,,,,,",
    ), encoding="utf-8")
    (inbox / "notams_bad.txt").write_text(BAD_NOTAMS, encoding="utf-8")
    (inbox / "holiday.png").write_bytes(b"\x89PNG\r\n\x1a\n not a report")
    res = run_cli(data, "load", str(inbox))
    assert (data / "warehouse.duckdb").exists(), res.stdout + res.stderr
    return data / "warehouse.duckdb"


def _page(monkeypatch, db: Path, **params: str) -> AppTest:
    params.setdefault("as_of", REFERENCE_DAY)  # the figures asserted are the reference day's
    return open_page(monkeypatch, db, PAGE, **params)


_plain = plain


def _text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    parts += [w.value for w in at.warning] + [s.value for s in at.success] + [s.value for s in at.subheader]
    parts += [f"{m.label}: {m.value}" for m in at.metric]
    parts += [df.value.to_csv() for df in at.dataframe]
    return _plain("\n".join(parts))


def _table(at: AppTest, column: str):
    """The first dataframe with this column header (Styler tables come back as their data)."""
    for d in at.dataframe:
        v = d.value
        v = getattr(v, "data", v)
        if column in v.columns:
            return v
    raise AssertionError(f"no table with column {column!r}")


def test_sample_in_kazakh(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse, as_of=MOMENT)
    assert not at.exception
    assert at.title[0].value == "Деректердің сапасы"
    metrics = {m.label: _plain(m.value) for m in at.metric}
    [(files, rows)] = fetch(sample_warehouse, "SELECT count(*), sum(rows_loaded) FROM sources")
    assert files == len([p for p in SAMPLE.iterdir() if p.is_file() and not p.name.lower().startswith("readme")])
    assert metrics["Жүктелген файлдар"] == _plain(fmt_int(files, "kk"))
    assert metrics["Қабылданбаған жолдар"] == "0"
    assert metrics["Қойма жаңартылды"] != "—"  # the warehouse file's age ...
    assert any("Қойма файлы" in c.value and "UTC" in c.value for c in at.caption)  # ... and its time
    fresh = _table(at, "Мекеме")
    tehran = fresh[fresh["Мекеме"] == "Қазақстанның Ирандағы елшілігі"].iloc[0]
    assert _plain(tehran["Өткен уақыт"]) == "1 сағ бұрын"  # last report 11:00, moment 12:00
    assert tehran["Күйі"] == "өзекті"
    text = _text(at)
    assert "Осы сәтке дейін есеп бермегендер" in text and "Түркиядағы елшілігі" in text
    assert "Бірде-бір жол қабылданбай қалған жоқ" in text
    assert "headcounts_2026-03-04.csv" in text  # the load history
    assert not leaked_keys(text)
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert sum(sum(d["y"]) for d in chart["data"] if d["name"] == "Жүктелген жолдар") == rows  # every file's rows


def test_stale_after_a_day(monkeypatch, sample_warehouse):
    # Missions report daily until the sample's end (2026-03-11 18:00); two days later all are late.
    at = _page(monkeypatch, sample_warehouse, as_of="2026-03-13T12:00", lang="en")
    assert not at.exception
    assert any("have not reported for more than 24 h" in w.value for w in at.warning)
    fresh = _table(at, "Mission")
    assert set(fresh["State"]) == {"stale", "never reported"}


def test_country_filter_and_before_first_report(monkeypatch, sample_warehouse):
    at = _page(monkeypatch, sample_warehouse, as_of=MOMENT, lang="ru", countries="ARE")
    assert not at.exception
    fresh = _table(at, "Загранучреждение")
    assert len(fresh) == 2  # the embassy in Abu Dhabi and the consulate in Dubai
    at = _page(monkeypatch, sample_warehouse, as_of="2026-02-01T00:00", lang="en")
    assert not at.exception
    assert any("No mission had reported by" in i.value for i in at.info)


def test_rejects_with_reasons_and_file_filter(monkeypatch, bad_warehouse):
    at = _page(monkeypatch, bad_warehouse, as_of=MOMENT, lang="ru")
    assert not at.exception
    rej = _table(at, "Причина")
    reasons = set(rej["Причина"])
    assert "Страна не распознана." in reasons  # unknown_country, in Russian
    assert "Число граждан отрицательное." in reasons  # negative_count
    assert "Файл не относится ни к одному известному виду отчётов." in reasons  # the PNG
    assert any("Atlantis" in d for d in rej["Подробности (как записано)"])  # the stored English detail
    assert "весь файл" in set(rej["Строка"])
    files = set(rej["Файл"])
    assert {"headcounts_bad.csv", "notams_bad.txt", "holiday.png"} <= files
    at.multiselect(key="health_files").set_value(["headcounts_bad.csv"]).run()
    rej = _table(at, "Причина")
    assert set(rej["Файл"]) == {"headcounts_bad.csv"} and len(rej) == 2
    hist = _table(at, "Загрузил")
    assert "Не загружен (не читается)" in set(hist["Тип"])
    assert not leaked_keys(_text(at))


def test_empty_warehouse(monkeypatch, empty_warehouse):
    at = _page(monkeypatch, empty_warehouse, lang="en")
    assert not at.exception
    text = _text(at)
    assert "Files loaded: 0" in text
    assert "Nothing has been loaded yet." in text
    assert "Never reported up to this moment" in text


def test_no_warehouse(monkeypatch, tmp_path):
    at = _page(monkeypatch, tmp_path / "none.duckdb", lang="en")
    assert not at.exception
    assert at.info and not at.metric
