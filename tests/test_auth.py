"""Access control in the app (AppTest): per mode, who sees what, what is refused, what is logged."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from situation.shell import audit, auth
from tests.apptest import goto

COUNTRY_WORDS = ("Dubai", "Дубай", "Qatar", "Катар", "Біріккен Араб", "United Arab", "Объединённые Араб")
PASSWORDS = {"vera": ("viewer", "view-pass-1"), "ali": ("analyst", "anal-pass-2"), "ada": ("admin", "admin-pass-3")}


@pytest.fixture(autouse=True)
def fresh_throttle(monkeypatch):
    """Failed sign-ins are counted per server process: each test starts with none."""
    monkeypatch.setattr(auth, "THROTTLE", auth.SignInThrottle())


@pytest.fixture
def users_file(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setattr(auth, "BCRYPT_ROUNDS", 4)  # fast hashes for tests; checked the same way
    path = tmp_path / "users.json"
    for name, (role, pw) in PASSWORDS.items():
        auth.add_user(name, role, pw, path)
    return path


@pytest.fixture
def audit_file(tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "audit" / "audit.jsonl"
    monkeypatch.setenv("SITROOM_AUDIT", str(path))
    return path


def _app(monkeypatch, db: Path, mode: str, users: Path | None = None, **env: str) -> AppTest:
    monkeypatch.setenv("SITROOM_DB", str(db))
    monkeypatch.setenv("SITROOM_AUTH", mode)
    if users is not None:
        monkeypatch.setenv("SITROOM_USERS", str(users))
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    return AppTest.from_file("../dashboard.py", default_timeout=60)


def _all_text(at: AppTest) -> str:
    parts = []
    for kind in ("markdown", "caption", "text", "title", "subheader", "info", "error", "warning", "success", "code"):
        parts += [str(getattr(e, "value", "")) for e in at.get(kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    return " ".join(parts)


def _assert_login_only(at: AppTest) -> None:
    assert not at.exception
    assert len(at.metric) == 0
    assert not at.get("plotly_chart") and not at.dataframe
    assert not at.multiselect  # the sidebar's country filter is not even built
    text = _all_text(at)
    assert not any(w in text for w in COUNTRY_WORDS), text


def _login(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="auth_name").set_value(name)
    at.text_input(key="auth_password").set_value(password)
    return at.button[0].click().run()


def _request_page(at: AppTest, url_path: str) -> AppTest:
    """Ask for a page the way the browser does for /<url_path>: by the hash of its url_path.
    AppTest.switch_page refuses pages that are not in the navigation list before even asking the
    app, so this sets the requested hash itself (a private attribute of AppTest 1.67)."""
    at._page_hash = calc_hash(url_path)
    return at.run()


def _events(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# --- password mode ------------------------------------------------------------------------------------

def test_password_mode_shows_only_the_login(monkeypatch, sample_warehouse, users_file, audit_file):
    at = _app(monkeypatch, sample_warehouse, "password", users_file).run()
    _assert_login_only(at)
    assert at.text_input(key="auth_password").proto.type == at.text_input(key="auth_password").proto.PASSWORD


def test_a_wrong_password_is_refused_and_logged(monkeypatch, sample_warehouse, users_file, audit_file):
    at = _login(_app(monkeypatch, sample_warehouse, "password", users_file, SITROOM_LANG="en").run(), "ali", "nope")
    _assert_login_only(at)
    assert any("Wrong user name or password" in e.value for e in at.error)
    at = _login(at, "nobody", "nope")
    _assert_login_only(at)
    ev = _events(audit_file)
    assert [(e["event"], e["user"]) for e in ev] == [("login_failed", "ali"), ("login_failed", "nobody")]
    assert "nope" not in audit_file.read_text(encoding="utf-8")  # a password is never logged


def test_a_viewer_signs_in_sees_figures_but_not_upload_or_admin(monkeypatch, sample_warehouse, users_file, audit_file):
    at = _login(_app(monkeypatch, sample_warehouse, "password", users_file).run(), "vera", "view-pass-1")
    assert not at.exception
    assert len(at.metric) > 0
    assert [(e["event"], e["user"], e["details"]["role"]) for e in _events(audit_file)] == [("login", "vera", "viewer")]
    # Reaching the upload and admin pages by URL: not in the viewer's navigation, so not run.
    for url_path in ("upload", "admin"):
        _request_page(at, url_path)
        assert not at.exception
        assert len(at.metric) > 0  # Streamlit falls back to the default page (overview)
        assert not at.file_uploader
        assert "upload_file" not in at.session_state and "audit_users" not in at.session_state


def test_an_analyst_reaches_upload_but_not_admin(monkeypatch, sample_warehouse, users_file, audit_file):
    at = _login(_app(monkeypatch, sample_warehouse, "password", users_file).run(), "ali", "anal-pass-2")
    goto(at, "pages/upload.py").run()
    assert not at.exception
    assert len(at.file_uploader) == 1
    _request_page(at, "admin")
    assert "audit_users" not in at.session_state
    _request_page(at, "upload")  # the same request for an allowed page does open it
    assert len(at.file_uploader) == 1


def test_an_admin_sees_users_and_the_audit_log(monkeypatch, sample_warehouse, users_file, audit_file):
    at = _login(_app(monkeypatch, sample_warehouse, "password", users_file, SITROOM_LANG="en").run(), "ada", "admin-pass-3")
    goto(at, "pages/admin.py").run()
    assert not at.exception
    users_table, log = at.dataframe[0].value, at.dataframe[1].value
    assert sorted(users_table["User"]) == ["ada", "ali", "vera"]
    assert "signed in" in set(log["Event"])
    assert len(at.get("download_button")) == 1


def test_an_idle_session_is_signed_out(monkeypatch, sample_warehouse, users_file, audit_file):
    at = _login(_app(monkeypatch, sample_warehouse, "password", users_file, SITROOM_IDLE_MINUTES="30").run(),
                "vera", "view-pass-1")
    assert len(at.metric) > 0
    at.session_state["auth_last"] = time.time() - 31 * 60
    at.run()
    _assert_login_only(at)
    assert [e["event"] for e in _events(audit_file)] == ["login", "session_expired"]


def test_sign_out_is_logged(monkeypatch, sample_warehouse, users_file, audit_file):
    at = _login(_app(monkeypatch, sample_warehouse, "password", users_file).run(), "vera", "view-pass-1")
    at.button(key="auth_logout").click().run()
    _assert_login_only(at)
    assert [e["event"] for e in _events(audit_file)] == ["login", "logout"]


def test_a_page_run_directly_shows_nothing(monkeypatch, sample_warehouse, users_file, audit_file):
    """Run as its own script (as Streamlit's old pages/ routing would, skipping dashboard.py and its
    login), a page file only defines its page function: no uploader, no table, nothing."""
    monkeypatch.setenv("SITROOM_DB", str(sample_warehouse))
    monkeypatch.setenv("SITROOM_AUTH", "password")
    monkeypatch.setenv("SITROOM_USERS", str(users_file))
    for page in ("../pages/upload.py", "../pages/admin.py"):
        at = AppTest.from_file(page, default_timeout=60).run()
        assert not at.exception
        assert not at.file_uploader and not at.dataframe and not at.metric and not at.markdown


# --- local mode ---------------------------------------------------------------------------------------

def test_local_mode_on_loopback_needs_no_login_and_says_so(monkeypatch, sample_warehouse, audit_file):
    at = _app(monkeypatch, sample_warehouse, "local", SITROOM_LANG="en").run()
    assert not at.exception
    assert len(at.metric) > 0
    assert any("Local mode, no login" in w.value for w in at.sidebar.warning)
    goto(at, "pages/admin.py").run()  # the local user is an admin
    assert "audit_users" in at.session_state or any("Nothing has been recorded" in i.value for i in at.info)


@pytest.mark.parametrize("address", ["0.0.0.0", "", "10.1.2.3", "::"])
def test_local_mode_off_loopback_refuses_to_show_anything(monkeypatch, sample_warehouse, address):
    old = st_config.get_option("server.address")
    st_config.set_option("server.address", address or None)
    try:
        at = _app(monkeypatch, sample_warehouse, "local", SITROOM_LANG="en").run()
    finally:
        st_config.set_option("server.address", old)
    assert not at.exception
    assert len(at.error) == 1 and "no login is configured" in at.error[0].value
    assert "SITROOM_AUTH=password" in at.code[0].value
    _assert_login_only(at)
    assert not at.text_input and not at.button and not at.radio  # not even the language picker


def test_password_mode_may_listen_on_the_network(monkeypatch, sample_warehouse, users_file):
    old = st_config.get_option("server.address")
    st_config.set_option("server.address", "0.0.0.0")
    try:
        at = _app(monkeypatch, sample_warehouse, "password", users_file).run()
    finally:
        st_config.set_option("server.address", old)
    _assert_login_only(at)
    assert at.text_input(key="auth_name")


# --- oidc mode (st.user as AppTest seeds it; see test_oidc_provider.py for the real provider) ---------

def _oidc(monkeypatch, db: Path, user: dict, **env: str) -> AppTest:
    at = _app(monkeypatch, db, "oidc", SITROOM_OIDC_ROLE_CLAIM="sitroom_role", **env)
    at.user = user
    return at.run()


def test_oidc_not_logged_in_shows_the_sign_in_button_only(monkeypatch, sample_warehouse, audit_file):
    at = _oidc(monkeypatch, sample_warehouse, {"is_logged_in": False}, SITROOM_LANG="en")
    _assert_login_only(at)
    assert [b.label for b in at.button] == ["Sign in with the ministry account"]


def test_oidc_role_from_the_claim(monkeypatch, sample_warehouse, audit_file):
    at = _oidc(monkeypatch, sample_warehouse,
               {"is_logged_in": True, "email": "ali@mfa.example", "sub": "1", "sitroom_role": ["viewer", "analyst"]})
    assert not at.exception and len(at.metric) > 0
    goto(at, "pages/upload.py").run()
    assert len(at.file_uploader) == 1
    _request_page(at, "admin")
    assert "audit_users" not in at.session_state
    assert [(e["event"], e["user"], e["details"]["role"]) for e in _events(audit_file)] == [
        ("login", "ali@mfa.example", "analyst")]


def test_oidc_role_from_the_mapping_file(monkeypatch, sample_warehouse, audit_file, tmp_path):
    role_map = tmp_path / "roles.json"
    role_map.write_text(json.dumps({"Vera@MFA.example": "viewer"}), encoding="utf-8")
    at = _oidc(monkeypatch, sample_warehouse, {"is_logged_in": True, "email": "vera@mfa.example"},
               SITROOM_ROLE_MAP=str(role_map))
    assert len(at.metric) > 0
    _request_page(at, "upload")
    assert not at.file_uploader


def test_oidc_user_without_a_role_is_refused_and_logged(monkeypatch, sample_warehouse, audit_file):
    at = _oidc(monkeypatch, sample_warehouse, {"is_logged_in": True, "email": "stranger@example.org"},
               SITROOM_LANG="en")
    _assert_login_only(at)
    assert any("no role" in e.value for e in at.error)
    assert [e["event"] for e in _events(audit_file)] == ["login_denied"]


# --- pure rules ---------------------------------------------------------------------------------------

def test_role_rules():
    assert auth.allows("admin", "analyst") and auth.allows("analyst", "viewer")
    assert not auth.allows("viewer", "analyst") and not auth.allows(None, "viewer") and not auth.allows("root", "viewer")
    assert auth.page_allowed("viewer", "overview") and not auth.page_allowed("viewer", "upload")
    assert auth.page_allowed("analyst", "upload") and not auth.page_allowed("analyst", "admin")
    assert auth.can("viewer", "export") and not auth.can("viewer", "rejected_rows") and auth.can("analyst", "status_sheet")


@pytest.mark.parametrize(("claims", "expected"), [
    ({"sitroom_role": "Analyst"}, "analyst"),
    ({"sitroom_role": ["viewer", "admin"]}, "admin"),
    ({"sitroom_role": "root", "email": "a@x"}, "viewer"),  # unknown claim value: the map decides
    ({"email": "nobody@x"}, None),
    ({}, None),
])
def test_role_from_claims(claims, expected):
    assert auth.role_from_claims(claims, "sitroom_role", {"A@x": "viewer"}) == expected


def test_idle_expiry_rule():
    assert not auth.expired(None, 1000.0, 30)
    assert not auth.expired(1000.0, 1000.0 + 30 * 60, 30)
    assert auth.expired(1000.0, 1000.0 + 30 * 60 + 1, 30)


def test_audit_record_is_one_json_line(audit_file):
    audit.record("export", "vera", pack="briefing", countries=["ARE"])
    (line,) = audit_file.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["details"] == {"pack": "briefing", "countries": ["ARE"]}


def test_throttle_holds_across_sessions_and_is_audited(monkeypatch, sample_warehouse, users_file, audit_file):
    monkeypatch.setattr(auth, "FREE_TRIES", 2)
    first = _app(monkeypatch, sample_warehouse, "password", users_file, SITROOM_LANG="en").run()
    for _ in range(2):
        first = _login(first, "ali", "wrong")
    # A new session (another tab, another script) gets no fresh count: even the right password waits.
    second = _login(_app(monkeypatch, sample_warehouse, "password", users_file, SITROOM_LANG="en").run(),
                    "ali", "anal-pass-2")
    assert not second.exception and len(second.metric) == 0
    assert any("Too many failed sign-ins" in e.value for e in second.error)
    events = [(e["event"], e["user"]) for e in _events(audit_file)]
    assert events == [("login_failed", "ali"), ("login_failed", "ali"), ("login_throttled", "ali")]
    assert "wrong" not in audit_file.read_text(encoding="utf-8")
