"""Opening the dashboard in AppTest the way a user's link does: query parameters on the first
run (the sidebar reads them), then the page. Shared by the page tests."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

# The moment the embedded sample used to open at (its last report of the reference day). The
# sample now runs on to 2026-03-11 (the evacuation week); tests of the reference day's figures pin
# this moment instead of relying on where the sample opens.
REFERENCE_DAY = "2026-03-04T11:00"


def open_page(monkeypatch, db: Path, page: str | None = None, **params: str) -> AppTest:
    monkeypatch.setenv("SITROOM_DB", str(db))
    at = AppTest.from_file("../dashboard.py", default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    return goto(at, page).run() if page else at


# Pages whose url_path is not their module's name (dashboard.py's st.Page list).
URL_PATHS = {"data_health": "data-health"}


def goto(at: AppTest, page: str) -> AppTest:
    """Switch to a page given as "pages/countries.py", "countries" or its url path.

    The pages are functions registered with st.Page(page, url_path=…), and AppTest.switch_page
    only finds pages by file; a page's script hash is the hash of its url path (as in a real
    session's URL), so that is what is set here. Call run() afterwards, as with switch_page."""
    name = Path(page).stem if page.endswith(".py") else page
    at._page_hash = calc_hash(URL_PATHS.get(name, name))
    return at


def plain(s: str) -> str:
    """Figures use no-break (and narrow no-break) spaces; compare them as plain spaces."""
    return s.replace("\u00a0", " ").replace("\u202f", " ")
