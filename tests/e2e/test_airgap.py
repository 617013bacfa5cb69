"""The air-gap proof: nothing the browser did during the whole session left 127.0.0.1.

Runs last among the e2e tests (see conftest.ORDER), so it sees the traffic of every page, every
language, the concurrency run and any download.
"""
from __future__ import annotations

from collections import Counter

import pytest

from tests.e2e.conftest import Server, Traffic

# Known product bug, reported: dashboard.py's st.set_page_config(page_icon=":material/public:")
# makes Streamlit's frontend load the favicon from fonts.gstatic.com on every page. Kept out of
# the general check so that check still catches anything new; the xfail below keeps it visible.
FAVICON = "https://fonts.gstatic.com/s/i/short-term/release/materialsymbolsrounded/"


def _listing(urls: list[tuple[str, str]]) -> str:
    return "\n".join(f"{n} × {u}   (first from {p})" for (u, p), n in
                     Counter((u, p) for p, u in urls).most_common(40))


def test_the_session_made_requests(traffic: Traffic, server: Server) -> None:
    """Guards the check below: an empty recording would pass it vacuously."""
    assert any(u.startswith(server.base) for _, u in traffic.urls)
    assert any(u.startswith("ws://") for _, u in traffic.urls), "the websocket was not recorded"


def test_no_request_leaves_the_machine(traffic: Traffic) -> None:
    outside = [(p, u) for p, u in traffic.outside() if not u.startswith(FAVICON)]
    assert not outside, "requests to other hosts:\n" + _listing(outside)


@pytest.mark.xfail(strict=True, reason="page_icon ':material/…' in dashboard.py: the frontend fetches the "
                                       "favicon SVG from fonts.gstatic.com (use an emoji or a local image)")
def test_favicon_is_served_locally(traffic: Traffic) -> None:
    outside = [(p, u) for p, u in traffic.outside() if u.startswith(FAVICON)]
    assert not outside, _listing(outside)
