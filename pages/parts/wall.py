"""The wall screen: `?view=wall` on the Overview (or any session of the `wall` role).

The sidebar and Streamlit's own chrome are hidden by CSS (static/css/wall.css), the figures
refresh in a fragment every SITROOM_REFRESH_SECONDS, and the session is recorded once in the
audit log, so a screen left on all day is accounted for.
"""
from __future__ import annotations

import math

import streamlit as st

import config
from pages.parts.auth_gate import USER_KEY
from situation.shell import audit

WALL_PARAM = ("view", "wall")
MIN_REFRESH = 5.0  # a typo such as "0" must not turn the wall into a busy loop on a shared server


def wall_mode() -> bool:
    """True for `?view=wall` in the URL or a session signed in with the wall role."""
    user = st.session_state.get(USER_KEY)
    return st.query_params.get(WALL_PARAM[0]) == WALL_PARAM[1] or getattr(user, "role", None) == "wall"


def refresh_seconds() -> float:
    """SITROOM_REFRESH_SECONDS as a number, at least MIN_REFRESH; a broken setting gives 60."""
    try:
        v = float(config.setting("SITROOM_REFRESH_SECONDS"))
    except ValueError:
        return 60.0
    return max(MIN_REFRESH, v) if math.isfinite(v) else 60.0


def note_wall_session() -> None:
    """Audit the start of a wall session once (not every refresh: a day would be 1,440 lines)."""
    if st.session_state.get("_wall_noted"):
        return
    st.session_state["_wall_noted"] = True
    user = st.session_state.get(USER_KEY)
    audit.record("wall_session", getattr(user, "name", "local"), role=getattr(user, "role", "admin"),
                 refresh_seconds=refresh_seconds())
