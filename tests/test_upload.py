"""Uploads: saved under a generated name, previewed without writing, loaded through the ETL with
the uploader and the original name recorded, and logged. Also the page itself, driven by AppTest."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from situation.shell import auth, upload
from tests.apptest import goto
from tests.conftest import ROOT, SAMPLE, fetch

REPORT = (b"as_of,mission,country,city,category,citizens\n"
          b"2026-03-05T08:00Z,KZ-CG-DXB,ARE,Dubai,tourist,3600\n"
          b"2026-03-05T08:00Z,KZ-CG-DXB,ARE,Abu Dhabi,student,120\n"
          b"2026-03-05T08:00Z,KZ-CG-DXB,Narnia,Dubai,tourist,10\n"
          b"2026-03-05T08:00Z,KZ-CG-DXB,ARE,Sharjah,tourist,many\n")


@pytest.fixture
def env(sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SITROOM_DB", str(sample_copy))
    monkeypatch.setenv("SITROOM_DATA", str(sample_copy.parent))
    monkeypatch.setenv("SITROOM_AUDIT", str(tmp_path / "audit.jsonl"))
    return sample_copy


def _digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def _events(tmp_path: Path) -> list[dict]:
    return [json.loads(x) for x in (tmp_path / "audit.jsonl").read_text(encoding="utf-8").splitlines()]


def test_uploaded_names_are_never_paths(env: Path):
    saved = upload.save(REPORT, "../../../etc/passwd\x00.csv")
    try:
        assert saved.path.name == f"upload-{saved.sha256[:16]}.csv"
        assert saved.path.parent.name.startswith("sitroom-upload-")
        assert saved.original_name == "passwd.csv"
        assert oct(saved.path.parent.stat().st_mode & 0o777) == "0o700"
    finally:
        upload.discard(saved)
    assert not saved.path.parent.exists()
    assert upload.clean_name("C:\\Users\\x\\Отчёт.xlsx") == "Отчёт.xlsx"


def test_too_large_is_refused(env: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SITROOM_UPLOAD_MAX_MB", "0.0001")
    with pytest.raises(ValueError):
        upload.save(REPORT * 10, "big.csv")


def test_preview_writes_nothing_then_load_records_uploader(env: Path, tmp_path: Path):
    before = _digest(env)
    saved = upload.save(REPORT, "Отчёт Дубай.csv")
    result = upload.preview(saved)
    assert _digest(env) == before and not (env.parent / "archive" / saved.sha256[:2] / saved.sha256).exists()
    assert result["kind"] == "headcounts"
    assert (result["rows_loaded"], result["rows_rejected"]) == (2, 2)
    rows = result["tables"]["headcounts"]
    assert [r[rows["columns"].index("city")] for r in rows["rows"]] == ["Dubai", "Abu Dhabi"]
    assert [(r["line"], r["code"]) for r in result["rejects"]] == [(4, "unknown_country"), (5, "not_a_count")]

    done = upload.load(saved, "ali", result)
    assert done.ok and done.exit_code == 1  # 1 = loaded, some rows rejected
    assert fetch(env, "SELECT original_name, uploaded_by, kind, rows_loaded, rows_rejected FROM sources "
                      "WHERE sha256 = ?", [saved.sha256]) == [("Отчёт Дубай.csv", "ali", "headcounts", 2, 2)]
    assert not saved.path.exists()
    ev = _events(tmp_path)[-1]
    assert ev["event"] == "upload_load" and ev["user"] == "ali"
    assert ev["details"]["sha256"] == saved.sha256 and ev["details"]["file"] == "Отчёт Дубай.csv"
    # The same bytes again: the preview says so and nothing would change.
    again = upload.save(REPORT, "copy.csv")
    assert upload.preview(again)["already_loaded"] is not None
    upload.discard(again)


def test_a_status_sheet_upload_is_logged_as_a_change(env: Path, tmp_path: Path):
    data = (SAMPLE / "airspace_status_sheet.csv").read_bytes().replace(b"2026-03-0", b"2026-04-0")
    saved = upload.save(data, "status.csv")
    result = upload.preview(saved)
    assert result["kind"] == "status_sheet" and result["rows_loaded"] > 0
    assert upload.load(saved, "ali", result).ok
    assert [e["event"] for e in _events(tmp_path)] == ["upload_load", "status_sheet_change"]


def test_an_unusable_file_is_explained(env: Path):
    saved = upload.save(b"%PDF-1.7 not a report", "scan.pdf")
    try:
        result = upload.preview(saved)
        assert result["unusable"] and "PDF" in result["unusable"]
        assert saved.path.suffix == ""  # pdf is not an accepted extension: not kept
    finally:
        upload.discard(saved)


def test_load_name_needs_one_file(env: Path):
    from tests.conftest import run_cli

    res = run_cli(env.parent, "load", "--name=x.csv", str(SAMPLE))
    assert res.returncode == 2 and "--name" in res.stderr
    assert run_cli(env.parent, "preview", str(env.parent / "missing.csv")).returncode == 2


def test_the_page_previews_and_loads_for_an_analyst(env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(auth, "BCRYPT_ROUNDS", 4)
    users = tmp_path / "users.json"
    auth.add_user("ali", "analyst", "anal-pass-2", users)
    monkeypatch.setenv("SITROOM_AUTH", "password")
    monkeypatch.setenv("SITROOM_USERS", str(users))
    monkeypatch.setenv("SITROOM_LANG", "en")
    at = AppTest.from_file("../dashboard.py", default_timeout=120).run()
    at.text_input(key="auth_name").set_value("ali")
    at.text_input(key="auth_password").set_value("anal-pass-2")
    at.button[0].click().run()
    goto(at, "pages/upload.py").run()
    at.file_uploader(key="upload_file").set_value(("../../evil name.csv", REPORT, "text/csv")).run()
    assert not at.exception
    labels = {m.label: m.value for m in at.metric}
    assert labels["Rows that will load"] == "2" and labels["Rows rejected"] == "2"
    assert any("Narnia" in str(df.value.to_csv()) for df in at.dataframe)  # the rejected row, with reason
    before = _digest(env)
    at.button(key="upload_confirm").click().run()
    assert not at.exception
    assert any("Loaded: 2 rows" in s.value for s in at.success)
    assert _digest(env) != before
    assert fetch(env, "SELECT uploaded_by, original_name FROM sources ORDER BY source_id DESC LIMIT 1") == [
        ("ali", "evil name.csv")]
    assert [e["event"] for e in _events(tmp_path)] == ["login", "upload_preview", "upload_load"]
    assert ROOT.joinpath("evil name.csv").exists() is False
