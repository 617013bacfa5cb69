"""The air-gap proof: nothing the browser did during the whole session left 127.0.0.1.

Runs last among the e2e tests (see conftest.ORDER), so it sees the traffic of every page, every
language, the concurrency run and any download.
"""
from __future__ import annotations

from collections import Counter

from tests.e2e.conftest import Server, Traffic


def _listing(urls: list[tuple[str, str]]) -> str:
    return "\n".join(f"{n} × {u}   (first from {p})" for (u, p), n in
                     Counter((u, p) for p, u in urls).most_common(40))


def test_the_session_made_requests(traffic: Traffic, server: Server) -> None:
    """Guards the check below: an empty recording would pass it vacuously."""
    assert any(u.startswith(server.base) for _, u in traffic.urls), \
        "no traffic recorded: run test_airgap.py together with the other e2e tests (it checks theirs)"
    assert any(u.startswith("ws://") for _, u in traffic.urls), "the websocket was not recorded"


def test_no_request_leaves_the_machine(traffic: Traffic) -> None:
    outside = traffic.outside()
    assert not outside, "requests to other hosts:\n" + _listing(outside)
