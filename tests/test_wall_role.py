"""The wall screen's sign-in: a `wall` account sees the Overview only, in wall mode, and is never
signed out for being idle (its sign-in and its wall session are in the audit log); any other
session that idles out is still signed out, also while its wall view refreshes itself."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from situation.shell import auth
from tests.test_auth import _all_text, _app, _events, _login


@pytest.fixture
def wall_users(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setattr(auth, "BCRYPT_ROUNDS", 4)
    path = tmp_path / "users.json"
    auth.add_user("lobby", "wall", "wall-pass-1", path)
    auth.add_user("vera", "viewer", "view-pass-1", path)
    return path


@pytest.fixture
def audit(tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "audit.jsonl"
    monkeypatch.setenv("SITROOM_AUDIT", str(path))
    return path


def test_wall_role_rules():
    assert auth.page_allowed("wall", "overview")
    assert not any(auth.page_allowed("wall", p) for p in ("countries", "briefing", "upload", "admin"))
    assert not auth.can("wall", "export")
    assert auth.allows("viewer", "wall") and auth.page_allowed("viewer", "overview")  # nobody else loses it
    assert auth.never_idle("wall") and not auth.never_idle("viewer")


def test_wall_account_stays_signed_in_and_shows_the_wall(monkeypatch, sample_warehouse, wall_users, audit):
    at = _login(_app(monkeypatch, sample_warehouse, "password", wall_users, SITROOM_IDLE_MINUTES="30").run(),
                "lobby", "wall-pass-1")
    assert not at.exception and len(at.metric) == 7
    assert "Жаңартылды" in _all_text(at)  # the wall's "refreshed at" line: wall mode without ?view=wall
    at.session_state["auth_last"] = time.time() - 8 * 3600  # a working day without a touch
    at.run()
    assert not at.exception and len(at.metric) == 7, "the wall was signed out"
    events = [e["event"] for e in _events(audit)]
    assert events[0] == "login" and "wall_session" in events and "session_expired" not in events
    assert not at.dataframe  # wall mode: figures, map and readiness only


def test_a_viewer_on_the_wall_view_still_idles_out(monkeypatch, sample_warehouse, wall_users, audit):
    at = _app(monkeypatch, sample_warehouse, "password", wall_users, SITROOM_IDLE_MINUTES="30")
    at.query_params["view"] = "wall"
    at = _login(at.run(), "vera", "view-pass-1")
    assert len(at.metric) == 7
    at.session_state["auth_last"] = time.time() - 31 * 60
    at.run()
    assert len(at.metric) == 0
    assert "session_expired" in [e["event"] for e in _events(audit)]


def test_wall_view_in_local_mode(monkeypatch, sample_warehouse, audit):
    at = _app(monkeypatch, sample_warehouse, "local")
    at.query_params["view"] = "wall"
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception and len(at.metric) == 7
    text = _all_text(at)
    assert "Refreshed" in text and "refreshes every 60 s" in text
    assert not at.dataframe and "view" in at.query_params
