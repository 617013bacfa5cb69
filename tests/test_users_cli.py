"""`python -m situation.users`: add (getpass twice, or --password-stdin), list, set-role, remove."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import bcrypt
import pytest

from situation.shell import auth, users
from tests.conftest import run_main


def _cli(users_file: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    # In this process (users.main, what `python -m situation.shell.users` calls): what is under
    # test is the command, not a new interpreter's start-up.
    env = {"SITROOM_USERS": str(users_file), "SITROOM_AUDIT": str(users_file.parent / "audit.jsonl")}
    return run_main(users.main, list(args), env, stdin=stdin, prog="python -m situation.shell.users")


def test_add_list_set_role_remove(tmp_path: Path):
    f = tmp_path / "users.json"
    res = _cli(f, "add", "aigerim", "--role", "analyst", "--password-stdin", stdin="Dala-2026!\n")
    assert res.returncode == 0, res.stderr
    stored = json.loads(f.read_text(encoding="utf-8"))["users"]["aigerim"]
    assert stored["role"] == "analyst"
    assert stored["hash"].startswith("$2b$") and "Dala-2026!" not in f.read_text(encoding="utf-8")
    assert bcrypt.checkpw(b"Dala-2026!", stored["hash"].encode())
    assert oct(f.stat().st_mode & 0o777) == "0o600"
    assert auth.verify("aigerim", "Dala-2026!", f) == auth.User("aigerim", "analyst", "password")
    assert auth.verify("aigerim", "dala-2026!", f) is None

    assert "aigerim\tanalyst" in _cli(f, "list").stdout
    assert _cli(f, "set-role", "aigerim", "admin").returncode == 0
    assert auth.load_users(f)["aigerim"]["role"] == "admin"
    assert _cli(f, "remove", "aigerim").returncode == 0
    assert auth.load_users(f) == {}
    events = [json.loads(x)["event"] for x in (tmp_path / "audit.jsonl").read_text().splitlines()]
    assert events == ["user_added", "role_changed", "user_removed"]


def test_refusals(tmp_path: Path):
    f = tmp_path / "users.json"
    assert _cli(f, "add", "bob", "--role", "viewer", "--password-stdin", stdin="pw\n").returncode == 0
    assert _cli(f, "add", "bob", "--role", "viewer", "--password-stdin", stdin="pw\n").returncode == 1  # exists
    assert _cli(f, "add", "carol", "--role", "root", "--password-stdin", stdin="pw\n").returncode == 2  # no such role
    assert _cli(f, "add", "../etc", "--role", "viewer", "--password-stdin", stdin="pw\n").returncode == 1  # bad name
    assert _cli(f, "add", "dan", "--role", "viewer", "--password-stdin", stdin="\n").returncode == 1  # empty password
    assert _cli(f, "remove", "nobody").returncode == 1
    assert _cli(f, "set-role", "nobody", "admin").returncode == 1
    assert sorted(auth.load_users(f)) == ["bob"]


def test_add_asks_twice_with_getpass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    f = tmp_path / "users.json"
    monkeypatch.setenv("SITROOM_AUDIT", str(tmp_path / "audit.jsonl"))
    monkeypatch.setattr(auth, "BCRYPT_ROUNDS", 4)
    answers = iter(["first-try", "typo"])
    monkeypatch.setattr(users.getpass, "getpass", lambda prompt="": next(answers))
    assert users.main(["--file", str(f), "add", "erlan", "--role", "viewer"]) == 1
    assert auth.load_users(f) == {}
    answers = iter(["same-pass", "same-pass"])
    assert users.main(["--file", str(f), "add", "erlan", "--role", "viewer"]) == 0
    assert auth.verify("erlan", "same-pass", f) is not None
