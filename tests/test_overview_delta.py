"""Item 7 of the hostile-input issue: the Overview's "since previous report" comes from the same
macro as "now" (headcounts_at), so official bulletins loaded beside the missions' reports change
neither side of the delta (announced figures only fill in for countries no mission reported)."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from situation.queries import overview as overview_queries
from tests.conftest import ROOT, run_cli

AS_OF = dt.datetime(2026, 3, 4, 18, 0)
BULLETIN = ROOT / "tests" / "fixtures" / "bulletins" / "bulletin_en_2026-03-04.txt"


def _indicators(monkeypatch, db: Path):
    monkeypatch.setenv("SITROOM_DB", str(db))
    df = overview_queries.indicators(AS_OF)
    return int(df.loc["now", "citizens"]), int(df.loc["prev", "citizens"])


@pytest.fixture
def with_bulletins(sample_warehouse: Path, tmp_path: Path) -> Path:
    """The sample plus two bulletins of the ministry, a day apart (the earlier one made from the
    later by changing its date): BULLETIN then has a previous report of its own."""
    data = tmp_path / "data"
    shutil.copytree(sample_warehouse.parent, data)
    earlier = tmp_path / "bulletin_en_2026-03-03.txt"
    earlier.write_text(BULLETIN.read_text(encoding="utf-8").replace("March 4, 2026", "March 3, 2026"),
                       encoding="utf-8")
    for f in (earlier, BULLETIN):
        res = run_cli(data, "load", str(f))
        assert res.returncode in (0, 1) and "Traceback" not in res.stderr, res.stdout + res.stderr
    return data / "warehouse.duckdb"


def test_delta_since_previous_report_is_the_same_with_bulletins_loaded(monkeypatch, sample_warehouse, with_bulletins):
    now, prev = _indicators(monkeypatch, sample_warehouse)
    now_b, prev_b = _indicators(monkeypatch, with_bulletins)
    assert (now_b, prev_b) == (now, prev)
    assert now_b - prev_b == 130  # the sample's missions reported 130 more on 2026-03-04 than before


def test_bulletin_figures_are_loaded_but_not_added_to_missions(monkeypatch, with_bulletins):
    from tests.conftest import fetch

    [(n,)] = fetch(with_bulletins, "SELECT count(*) FROM headcounts WHERE mission_id = 'BULLETIN'")
    assert n > 0
    # Bulletins' figures in the picture only where no mission has reported the country.
    [(overlap,)] = fetch(with_bulletins, "SELECT count(*) FROM headcounts_at(TIMESTAMP '2026-03-04 18:00') b "
                         "WHERE b.mission_id = 'BULLETIN' AND b.country_iso3 IN (SELECT country_iso3 FROM "
                         "headcounts_at(TIMESTAMP '2026-03-04 18:00') WHERE mission_id <> 'BULLETIN')")
    assert overlap == 0
