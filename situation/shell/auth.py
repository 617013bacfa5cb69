"""Access control without Streamlit: auth modes, the users file, roles, what a role may do.

Three modes, chosen by SITROOM_AUTH:
- local: no login; allowed only while the server listens on loopback. The user is "local", admin.
- password: users and roles in SITROOM_USERS (JSON), passwords as bcrypt hashes.
- oidc: Streamlit's st.login against the ministry's identity provider; the role comes from a claim
  (SITROOM_OIDC_ROLE_CLAIM) or an email → role file (SITROOM_ROLE_MAP).

The Streamlit glue lives in pages/parts/auth_gate.py; the launcher check in situation/shell/serve.py. Kept
free of Streamlit so the CLI (situation.shell.users), the launcher and unit tests import it cheaply.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import config

MODES: tuple[str, ...] = ("local", "password", "oidc")
# Each role can do what those before it can. "wall" is the wall screen's account: the Overview
# only, no exports, and never signed out for being idle (a screen nobody touches is the point);
# its sign-in and each wall session it opens are in the audit log.
ROLES: tuple[str, ...] = ("wall", "viewer", "analyst", "admin")
LOCAL_USER = "local"
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")

# The lowest role that sees a page (by its url_path) or may take an action. Pages not listed are
# for every signed-in user.
# The Overview is the default page, and Streamlit gives the default page an empty url_path.
PAGE_ROLES: dict[str, str] = {"overview": "wall", "": "wall", "upload": "analyst", "admin": "admin"}
ACTION_ROLES: dict[str, str] = {
    "export": "viewer",
    "upload": "analyst",
    "status_sheet": "analyst",
    "rejected_rows": "analyst",
    "users": "admin",
    "audit": "admin",
}

# bcrypt's work factor: ≈0.25 s a check on these machines, slow enough to make guessing costly.
BCRYPT_ROUNDS = 12
# Checked against when the name is unknown, so a wrong name costs as long as a wrong password
# (the time taken must not tell which names exist). Made once, lazily.
_DUMMY_HASH: bytes | None = None


class AuthConfigError(Exception):
    """The auth settings are unusable; the message says how to fix them."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    mode: str


# --- modes and addresses ---------------------------------------------------------------------------

def auth_mode() -> str:
    raw = config.setting("SITROOM_AUTH").strip().lower() or "local"
    if raw not in MODES:
        raise AuthConfigError(f"SITROOM_AUTH={raw!r} is not one of {', '.join(MODES)}")
    return raw


def is_loopback(address: str | None) -> bool:
    """True for 127.0.0.1/localhost/::1. Empty means Streamlit's default: every interface."""
    if not address:
        return False
    a = address.strip().lower()
    return a in LOOPBACK or a.startswith("127.")


def startup_problem(address: str | None, mode: str) -> str | None:
    """Why the server must not start with this address and mode (English, for the terminal and
    as the fallback of the in-app message), or None when it may."""
    if mode == "local" and not is_loopback(address):
        shown = address or "all interfaces (no server.address set)"
        return (f"Refusing to start: the server would listen on {shown} with SITROOM_AUTH=local "
                "(no login). Either listen on loopback only (--server.address 127.0.0.1) or turn on "
                "a login: SITROOM_AUTH=password with users added by `python -m situation.users add "
                "NAME --role viewer|analyst|admin` (file SITROOM_USERS, default data/users.json), "
                "or SITROOM_AUTH=oidc with an [auth] section in .streamlit/secrets.toml "
                "(see .streamlit/secrets.example.toml and README, Access control).")
    return None


def idle_minutes() -> float:
    try:
        return max(1.0, float(config.setting("SITROOM_IDLE_MINUTES")))
    except ValueError:
        return 30.0


def never_idle(role: str | None) -> bool:
    """The wall role is exempt from the idle sign-out (README, Access control)."""
    return role == "wall"


def expired(last_activity: float | None, now: float, minutes: float | None = None) -> bool:
    """True when the session has been idle longer than the allowed minutes."""
    if last_activity is None:
        return False
    return now - last_activity > 60.0 * (minutes if minutes is not None else idle_minutes())


# --- roles -------------------------------------------------------------------------------------------

def check_role(role: str) -> str:
    if role not in ROLES:
        raise ValueError(f"role {role!r} is not one of {', '.join(ROLES)}")
    return role


def allows(role: str | None, needed: str) -> bool:
    """True when `role` is at least `needed` (viewer < analyst < admin)."""
    return role in ROLES and ROLES.index(role) >= ROLES.index(check_role(needed))


def can(role: str | None, action: str) -> bool:
    return allows(role, ACTION_ROLES[action])


def page_allowed(role: str | None, url_path: str) -> bool:
    return allows(role, PAGE_ROLES.get(url_path, "viewer"))


def role_from_claims(claims: Mapping[str, object], claim: str = "",
                     role_map: Mapping[str, str] | None = None) -> str | None:
    """The role of an OIDC user: from the claim named `claim` (a string or a list; the highest
    known role wins), else from role_map by email (case-insensitive). None: no access."""
    if claim:
        value = claims.get(claim)
        values = value if isinstance(value, list | tuple) else [value]
        found = [str(v).strip().lower() for v in values if str(v).strip().lower() in ROLES]
        if found:
            return max(found, key=ROLES.index)
    email = str(claims.get("email") or "").strip().lower()
    if role_map and email:
        role = {k.strip().lower(): v for k, v in role_map.items()}.get(email)
        if role in ROLES:
            return role
    return None


def load_role_map(path: Path | None = None) -> dict[str, str]:
    """The email → role file (SITROOM_ROLE_MAP); empty when the setting is unset."""
    p = path or _path_setting("SITROOM_ROLE_MAP")
    if p is None:
        return {}
    data = json.loads(p.read_text(encoding="utf-8"))
    return {str(k): check_role(str(v)) for k, v in data.items()}


def _path_setting(env: str) -> Path | None:
    raw = config.setting(env)
    if not raw:
        return None
    p = Path(raw)
    return p if p.is_absolute() else config.ROOT / p


# --- the users file ----------------------------------------------------------------------------------

def users_path() -> Path:
    return _path_setting("SITROOM_USERS") or config.ROOT / "data" / "users.json"  # set but empty


def load_users(path: Path | None = None) -> dict[str, dict]:
    """name → {"role", "hash", "created"}; empty when the file does not exist yet."""
    p = path or users_path()
    if not p.exists():
        return {}
    data = json.loads(p.read_text(encoding="utf-8"))
    return dict(data.get("users", {}))


def save_users(users: Mapping[str, dict], path: Path | None = None) -> None:
    """Write atomically (temp file, fsync, rename) and readable by the owner only: the file holds
    password hashes."""
    p = path or users_path()
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=".users.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"users": dict(sorted(users.items()))}, f, ensure_ascii=False, indent=2)
            f.write("\n")
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def check_name(name: str) -> str:
    if not NAME_RE.match(name or ""):
        raise ValueError("a user name is 1–64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit")
    return name


def hash_password(password: str) -> str:
    import bcrypt

    raw = password.encode("utf-8")
    if not password or len(raw) > 72:  # bcrypt reads at most 72 bytes; longer would be silently cut
        raise ValueError("a password is 1–72 bytes long")
    return bcrypt.hashpw(raw, bcrypt.gensalt(BCRYPT_ROUNDS)).decode("ascii")


def add_user(name: str, role: str, password: str, path: Path | None = None) -> None:
    users = load_users(path)
    if check_name(name) in users:
        raise ValueError(f"user {name!r} exists already; use set-role or remove it first")
    users[name] = {"role": check_role(role), "hash": hash_password(password),
                   "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    save_users(users, path)


def remove_user(name: str, path: Path | None = None) -> None:
    users = load_users(path)
    if users.pop(name, None) is None:
        raise KeyError(f"no user {name!r}")
    save_users(users, path)


def set_role(name: str, role: str, path: Path | None = None) -> None:
    users = load_users(path)
    if name not in users:
        raise KeyError(f"no user {name!r}")
    users[name]["role"] = check_role(role)
    save_users(users, path)


def verify(name: str, password: str, path: Path | None = None) -> User | None:
    """The user when the name and password match, else None (same time either way)."""
    import bcrypt

    global _DUMMY_HASH
    entry = load_users(path).get(name or "")
    raw = (password or "").encode("utf-8")[:72]
    if entry is None:
        if _DUMMY_HASH is None:
            _DUMMY_HASH = bcrypt.hashpw(b"no such user", bcrypt.gensalt(BCRYPT_ROUNDS))
        bcrypt.checkpw(raw, _DUMMY_HASH)
        return None
    if not raw or not bcrypt.checkpw(raw, entry["hash"].encode("ascii")):
        return None
    return User(name, check_role(entry["role"]), "password")


def visible(items: Iterable[tuple[str, object]], role: str | None) -> list[object]:
    """Of (url_path, page) pairs, the pages `role` may see, in order."""
    return [page for url, page in items if page_allowed(role, url)]


# --- sign-in throttling ------------------------------------------------------------------------------
# Failed sign-ins are counted per account and per client address, across every session of the
# server process (a new browser tab, or a script opening sessions, starts no fresh count). After
# FREE_TRIES misses each further try must wait longer (2, 4, 8 … s, at most MAX_DELAY); after
# LOCK_AFTER misses the account or address is locked for LOCK_SECONDS. A success clears the
# account's count only: signing in to one's own account must not reset a guessing address.
FREE_TRIES = 3
MAX_DELAY = 60.0
LOCK_AFTER = 10
LOCK_SECONDS = 15 * 60.0


@dataclass
class _Tries:
    fails: int = 0
    not_before: float = 0.0  # time.monotonic() before which no try is accepted


class SignInThrottle:
    """Thread-safe counters of failed sign-ins keyed by 'account:NAME' and 'address:IP'."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tries: dict[str, _Tries] = {}

    @staticmethod
    def keys(name: str, address: str | None) -> list[str]:
        out = [f"account:{(name or '').strip().lower()[:64]}"]
        if address:
            out.append(f"address:{address}")
        return out

    def wait(self, keys: list[str], now: float | None = None) -> float:
        """Seconds before another try is accepted for any of the keys (0: try now)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            return max([0.0, *(self._tries[k].not_before - now for k in keys if k in self._tries)])

    def failed(self, keys: list[str], now: float | None = None) -> int:
        """Count a miss; returns the highest count among the keys (for the audit log)."""
        now = time.monotonic() if now is None else now
        worst = 0
        with self._lock:
            for k in keys:
                tr = self._tries.setdefault(k, _Tries())
                tr.fails += 1
                worst = max(worst, tr.fails)
                if tr.fails >= LOCK_AFTER:
                    tr.not_before = now + LOCK_SECONDS
                elif tr.fails >= FREE_TRIES:
                    tr.not_before = now + min(MAX_DELAY, 2.0 ** (tr.fails - FREE_TRIES + 1))
            if len(self._tries) > 100_000:  # a flood of invented names: keep memory bounded
                for k in [k for k, v in self._tries.items() if v.not_before < now][:50_000]:
                    del self._tries[k]
        return worst

    def locked(self, keys: list[str]) -> bool:
        with self._lock:
            return any(self._tries[k].fails >= LOCK_AFTER for k in keys if k in self._tries)

    def succeeded(self, keys: list[str]) -> None:
        with self._lock:
            for k in keys:
                if k.startswith("account:"):
                    self._tries.pop(k, None)


THROTTLE = SignInThrottle()
