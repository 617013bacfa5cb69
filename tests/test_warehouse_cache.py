"""The read side's cache: one query run per version even when many sessions ask at once."""
from __future__ import annotations

import threading
import time

from situation.queries import warehouse


def test_concurrent_misses_run_the_query_once(monkeypatch, sample_warehouse):
    monkeypatch.setenv("SITROOM_DB", str(sample_warehouse))
    calls = []
    real = warehouse.query

    def slow_query(sql, params=None, v=None):
        calls.append(sql)
        time.sleep(0.3)
        return real(sql, params, v)

    monkeypatch.setattr(warehouse, "query", slow_query)
    sql = "SELECT count(*) AS n FROM headcounts WHERE count >= ?"
    results = []
    threads = [threading.Thread(target=lambda: results.append(warehouse.cached(sql, [7]))) for _ in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(calls) == 1
    assert len(results) == 8 and len({int(r["n"].iloc[0]) for r in results}) == 1
    results[0].loc[0, "n"] = -1  # a caller's copy is its own
    assert int(warehouse.cached(sql, [7])["n"].iloc[0]) != -1
