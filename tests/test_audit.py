"""The audit log: append-only JSON lines outside the warehouse, readable, filterable, exportable."""
from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path

import pytest

from situation.shell import audit
from tests.conftest import SAMPLE, run_cli


@pytest.fixture
def log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data" / "audit" / "audit.jsonl"
    monkeypatch.setenv("SITROOM_AUDIT", str(path))
    return path


def test_appends_one_line_per_event_and_keeps_what_was_there(log: Path):
    log.parent.mkdir(parents=True)
    log.write_text('{"ts": "2026-03-01T00:00:00Z", "event": "login", "user": "old", "details": {}}\n')
    audit.record("upload_load", "ali", file="report.csv", sha256="ab" * 32)
    audit.record("export", "vera", pack="briefing", fmt="pptx", countries=["ARE", "QAT"], as_of=dt.datetime(2026, 3, 4))
    lines = log.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and json.loads(lines[0])["user"] == "old"
    e = json.loads(lines[2])
    assert e["event"] == "export" and e["user"] == "vera" and e["ts"].endswith("Z")
    assert e["details"] == {"pack": "briefing", "fmt": "pptx", "countries": ["ARE", "QAT"], "as_of": "2026-03-04 00:00:00"}


def test_concurrent_writers_never_interleave(log: Path):
    def write(n: int) -> None:
        for i in range(50):
            audit.record("export", f"user{n}", i=i, pad="x" * 2000)
    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    events = audit.read(log)
    assert len(events) == 200 and len(log.read_text().splitlines()) == 200


def test_a_torn_last_line_is_skipped(log: Path):
    audit.record("login", "ada")
    with open(log, "a", encoding="utf-8") as f:
        f.write('{"ts": "2026-')
    assert [e["user"] for e in audit.read(log)] == ["ada"]


def test_filters_and_csv(log: Path):
    audit.record("login", "ada")
    audit.record("login_failed", "=cmd|' /C calc'!A0")
    audit.record("upload_load", "ali", file="Отчёт ОАЭ.csv")
    events = audit.read(log)
    assert [e["user"] for e in audit.filtered(events, kinds=["login", "upload_load"])] == ["ada", "ali"]
    assert [e["user"] for e in audit.filtered(events, users=["ali"])] == ["ali"]
    assert [e["user"] for e in audit.filtered(events, text="оаэ")] == ["ali"]
    assert audit.filtered(events, since=dt.date(2100, 1, 1)) == []
    data = audit.to_csv(events).decode("utf-8-sig")
    assert data.splitlines()[0] == "ts,event,user,details"
    assert "'=cmd" in data and "Отчёт ОАЭ.csv" in data


def test_rebuild_never_erases_the_audit_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    data = tmp_path / "data"
    data.mkdir()
    log = data / "audit" / "audit.jsonl"
    monkeypatch.setenv("SITROOM_AUDIT", str(log))
    audit.record("upload_load", "ali", file="x.csv")
    assert run_cli(data, "load", str(SAMPLE / "evacuations.csv")).returncode == 0
    assert run_cli(data, "rebuild").returncode == 0
    assert [e["user"] for e in audit.read(log)] == ["ali"]
