"""Opening the dashboard in AppTest the way a user's link does: query parameters on the first
run (the sidebar reads them), then the page. Shared by the page tests."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest


def open_page(monkeypatch, db: Path, page: str | None = None, **params: str) -> AppTest:
    monkeypatch.setenv("SITROOM_DB", str(db))
    at = AppTest.from_file("../dashboard.py", default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    return at.switch_page(page).run() if page else at


def plain(s: str) -> str:
    """Figures use no-break (and narrow no-break) spaces; compare them as plain spaces."""
    return s.replace("\u00a0", " ").replace("\u202f", " ")
