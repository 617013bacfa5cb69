"""Streamlit side of access control: the gate dashboard.py calls before anything else, the login
forms, idle expiry, the sidebar marker, and `require(role)` every page calls at its top.

The rules themselves (modes, roles, users file) are in situation/shell/auth.py; events go to
situation/shell/audit.py. User-supplied text (names, emails) is shown with st.text or in tables, never
as Markdown or HTML.
"""
from __future__ import annotations

import math
import time

import streamlit as st

import config
from situation.i18n import normalize_lang, set_lang, t
from situation.shell import audit, auth

USER_KEY = "auth_user"  # the signed-in auth.User
LAST_KEY = "auth_last"  # time.time() of the session's last run, for idle expiry
ADD_USER = "python -m situation.users add NAME --role admin"  # shown as is in every language


def _lang() -> None:
    """The login screen comes before the sidebar's language picker: use the session's or the
    URL's language so a copied link in Russian shows a Russian login."""
    set_lang(st.session_state.get("w_lang") or normalize_lang(st.query_params.get("lang")))


def _only(body) -> None:
    """Show `body` as the whole app and stop (through st.navigation, so no page of the app runs)."""
    st.navigation([st.Page(body, title=t("auth.login_title"), url_path="login", default=True)],
                  position="hidden").run()
    st.stop()


def _mode_and_address_ok() -> str | None:
    """The auth mode when the server may serve with it; otherwise None after showing why."""
    try:
        mode = auth.auth_mode()
    except auth.AuthConfigError:
        st.error(t("auth.bad_mode", value=config.setting("SITROOM_AUTH")))
        return None
    address = st.get_option("server.address")
    if auth.startup_problem(address, mode):
        st.error(t("auth.refuse_local", address=address or t("auth.all_interfaces")))
        st.code(auth.startup_problem(address, mode) or "", language=None, wrap_lines=True)
        return None
    return mode


def authenticated(mode: str | None = None) -> auth.User | None:
    """The signed-in user of this session, or None; logs out a session idle too long."""
    mode = mode or auth.auth_mode()
    if mode == "local":
        return auth.User(auth.LOCAL_USER, "admin", "local")
    user: auth.User | None = st.session_state.get(USER_KEY)
    if user is None:
        return None
    if mode == "oidc" and not st.user.is_logged_in:
        st.session_state.pop(USER_KEY, None)
        return None
    now = time.time()
    if not auth.never_idle(user.role) and auth.expired(st.session_state.get(LAST_KEY), now):
        audit.record("session_expired", user.name, mode=mode)
        _forget()
        st.session_state["auth_expired"] = True
        if mode == "oidc":
            st.logout()
        return None
    st.session_state[LAST_KEY] = now
    return user


def _forget() -> None:
    for k in (USER_KEY, LAST_KEY):
        st.session_state.pop(k, None)


def still_signed_in() -> None:
    """For a fragment that refreshes itself (the wall screen): a refresh is not a person's action,
    so it neither resets the idle clock nor may it keep showing figures to a session that has
    expired; such a session gets a full run, which signs it out and shows the login. The wall
    role never expires."""
    try:
        mode = auth.auth_mode()
    except auth.AuthConfigError:
        mode = None
    if mode == "local":
        return
    user: auth.User | None = st.session_state.get(USER_KEY)
    if user is None or (not auth.never_idle(user.role)
                        and auth.expired(st.session_state.get(LAST_KEY), time.time())):
        st.rerun(scope="app")


def logout() -> None:
    user: auth.User | None = st.session_state.get(USER_KEY)
    if user is not None:
        audit.record("logout", user.name, mode=user.mode)
    _forget()
    if user is not None and user.mode == "oidc":
        st.logout()


def _password_login() -> None:
    st.title(t("auth.login_title"))
    if st.session_state.pop("auth_expired", False):
        st.info(t("auth.expired", minutes=f"{auth.idle_minutes():g}"))
    if not auth.load_users():
        st.warning(t("auth.no_users", command=ADD_USER))
    with st.form("auth_login", clear_on_submit=True):
        name = st.text_input(t("auth.username"), max_chars=64, key="auth_name")
        password = st.text_input(t("auth.password"), type="password", max_chars=200, key="auth_password")
        submitted = st.form_submit_button(t("auth.sign_in"), type="primary")
    if not submitted:
        return
    # Throttled per account and per client address across all sessions (situation/shell/auth.py): a
    # try before its time is refused without checking the password.
    address = _client_address()
    keys = auth.THROTTLE.keys(name, address)
    wait = auth.THROTTLE.wait(keys)
    if wait > 0:
        audit.record("login_throttled", name.strip()[:64], mode="password", address=address, wait_s=round(wait))
        st.error(t("auth.throttled", seconds=f"{math.ceil(wait)}"))
        return
    user = auth.verify(name.strip(), password)
    if user is None:
        fails = auth.THROTTLE.failed(keys)
        audit.record("login_failed", name.strip()[:64], mode="password", attempt=fails, address=address,
                     locked=auth.THROTTLE.locked(keys))
        st.error(t("auth.bad_credentials"))
        return
    auth.THROTTLE.succeeded(keys)
    st.session_state[USER_KEY] = user
    st.session_state[LAST_KEY] = time.time()
    audit.record("login", user.name, mode="password", role=user.role)
    st.rerun()


def _client_address() -> str | None:
    """The browser's address as Streamlit sees it (None in tests and when unknown)."""
    try:
        return st.context.ip_address
    except Exception:  # noqa: BLE001 — no request context: count by account only
        return None


def _oidc_login() -> None:
    st.title(t("auth.login_title"))
    if st.session_state.pop("auth_expired", False):
        st.info(t("auth.expired", minutes=f"{auth.idle_minutes():g}"))
    st.button(t("auth.sso_sign_in"), type="primary", on_click=st.login)


def _oidc_user() -> auth.User | None:
    """Map a fresh OIDC login to a role (once per session) and remember it."""
    claims = st.user.to_dict()
    name = str(claims.get("email") or claims.get("sub") or "")[:128]
    role = auth.role_from_claims(claims, config.setting("SITROOM_OIDC_ROLE_CLAIM"), auth.load_role_map())
    if role is None:
        if not st.session_state.get("auth_denied_logged"):
            audit.record("login_denied", name, mode="oidc", reason="no role")
            st.session_state["auth_denied_logged"] = True
        return None
    user = auth.User(name, role, "oidc")
    st.session_state[USER_KEY] = user
    st.session_state[LAST_KEY] = time.time()
    audit.record("login", name, mode="oidc", role=role)
    return user


def _no_role() -> None:
    st.title(t("auth.login_title"))
    st.error(t("auth.no_role"))
    st.text(str(st.user.to_dict().get("email") or ""))
    st.button(t("auth.sign_out"), on_click=st.logout)


def gate() -> auth.User:
    """Called by dashboard.py before anything else: returns the signed-in user or shows the
    login (or the refusal to serve) and stops the run."""
    _lang()
    mode = _mode_and_address_ok()
    if mode is None:
        st.stop()
    user = authenticated(mode)
    if user is None and mode == "oidc" and st.user.is_logged_in:
        user = _oidc_user()
        if user is None:
            _only(_no_role)
    if user is None:
        _only(_oidc_login if mode == "oidc" else _password_login)
    assert user is not None
    with st.sidebar:
        if mode == "local":
            st.warning(t("auth.local_marker"), icon=":material/lock_open:")
        else:
            st.text(t("auth.signed_in_as", name=user.name, role=t(f"auth.role_{user.role}")))
            st.button(t("auth.sign_out"), on_click=logout, key="auth_logout")
    return user


def require(role: str = "viewer") -> auth.User:
    """At the top of a page: stop unless the session's user has at least `role`. Defence in depth
    behind the navigation list, which already leaves out pages a role may not use."""
    try:
        mode = auth.auth_mode()
    except auth.AuthConfigError:
        mode = None
    if mode is not None and auth.startup_problem(st.get_option("server.address"), mode):
        mode = None
    user = authenticated(mode) if mode else None
    if user is None or not auth.allows(user.role, role):
        st.error(t("auth.forbidden"))
        st.stop()
    return user


def can(action: str) -> bool:
    """May the signed-in user take this action (auth.ACTION_ROLES)? False when nobody is."""
    user: auth.User | None = st.session_state.get(USER_KEY)
    if user is None and auth.auth_mode() == "local":
        return True
    return user is not None and auth.can(user.role, action)


def allowed_pages(user: auth.User, pages: list) -> list:
    """The st.Page entries this user's role may see (by url_path; auth.PAGE_ROLES)."""
    return [p for p in pages if auth.page_allowed(user.role, p.url_path)]
