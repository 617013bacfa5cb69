"""Settings shared by the write side (etl) and the read side (situation).

Each setting is declared once with its environment variable, default and a one-line help;
README's settings table is checked against this list by tests/test_config.py.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Setting:
    env: str
    default: str
    help: str

    def get(self) -> str:
        return os.environ.get(self.env, self.default)


SETTINGS: tuple[Setting, ...] = (
    Setting("SITROOM_DATA", "data", "Folder holding inbox/, archive/, quarantine/, reference/."),
    Setting("SITROOM_DB", "", "Warehouse file; empty means SITROOM_DATA/warehouse.duckdb."),
    Setting("SITROOM_LANG", "kk", "Default interface language: kk, ru or en."),
    Setting("SITROOM_STALE_HOURS", "24", "A mission report older than this many hours is flagged stale."),
    Setting("SITROOM_AIRSPACE_STALE_HOURS", "168",
            "A FIR or country whose newest NOTAM or status-sheet row is older than this many hours is unknown."),
    Setting("SITROOM_LOAD_MEMORY", "2GB", "Memory a load may use before DuckDB spills to disk (e.g. 2GB)."),
    Setting("SITROOM_BASEMAP", "", "Opt-in online basemap style URL for maps; empty keeps maps offline."),
    Setting("SITROOM_TZ", "Asia/Almaty", "Time zone every time is shown in (UTC beside it); Astana is Asia/Almaty."),
    Setting("SITROOM_REFRESH_SECONDS", "60", "Wall screen (?view=wall): seconds between refreshes of its figures."),
    Setting("SITROOM_SITREP_HOURS", "12", "Hours between situation reports; a briefing pack states its next update."),
    Setting("SITROOM_MARKING", "", "Sensitivity marking on every briefing page; empty = the language's own."),
    # Access control (README, Access control). local = no login, allowed on loopback only.
    Setting("SITROOM_AUTH", "local", "Login mode: local (no login, loopback only), password or oidc."),
    Setting("SITROOM_USERS", "data/users.json", "Users, roles and bcrypt password hashes (password mode)."),
    Setting("SITROOM_OIDC_ROLE_CLAIM", "", "OIDC claim holding the role (viewer, analyst, admin); oidc mode."),
    Setting("SITROOM_ROLE_MAP", "", "JSON file mapping email to role, used when the claim gives none; oidc mode."),
    Setting("SITROOM_IDLE_MINUTES", "30", "A session idle this many minutes is logged out."),
    Setting("SITROOM_UPLOAD_MAX_MB", "50", "Largest report an analyst may upload in the browser, in MB."),
    Setting("SITROOM_AUDIT", "data/audit/audit.jsonl", "Append-only audit log (JSON lines), outside the warehouse."),
    # Replicas on several machines (README, "Replicas on several machines"): the loading machine
    # pushes each published warehouse to S3-compatible storage, replica machines pull it.
    Setting("SITROOM_S3_URL", "",
            "S3-compatible endpoint (http(s)://host:port) warehouses are pushed to and pulled from; empty = off."),
    Setting("SITROOM_S3_ROLE", "",
            "This machine's part when SITROOM_S3_URL is set: loader (pushes what it publishes) or replica (pulls)."),
    Setting("SITROOM_S3_BUCKET", "", "Bucket holding the warehouse versions and their manifest."),
    Setting("SITROOM_S3_PREFIX", "sitroom", "Key prefix inside the bucket (one per deployment)."),
    Setting("SITROOM_S3_KEEP", "3", "Warehouse versions kept in the bucket; older ones are deleted after a push."),
    Setting("SITROOM_S3_POLL_SECONDS", "30", "A replica machine looks for a new version this often."),
    Setting("SITROOM_S3_TIMEOUT_SECONDS", "60",
            "Seconds one storage call may wait for data (connecting: 5 s); each call is tried 3 times."),
)


def setting(env: str) -> str:
    """The current value of the setting named by its environment variable."""
    for s in SETTINGS:
        if s.env == env:
            return s.get()
    raise KeyError(env)


def data_dir() -> Path:
    p = Path(setting("SITROOM_DATA"))
    return p if p.is_absolute() else (ROOT / p)


def db_path() -> Path:
    raw = setting("SITROOM_DB")
    if not raw:
        return data_dir() / "warehouse.duckdb"
    p = Path(raw)
    return p if p.is_absolute() else (ROOT / p)


def reference_dir(data: Path | None = None) -> Path:
    """The data folder's reference/ (default SITROOM_DATA) when a deployment brings its own, else
    the versioned copy here."""
    own = (data or data_dir()) / "reference"
    return own if (own / "countries.csv").exists() else ROOT / "data" / "reference"
