"""The overview's citizen-contact indicators (requests waiting, the latest alerts' reach), kept
in one function so the overview page adds them with a single call."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import streamlit as st

from situation.display.contact import overview_strip
from situation.queries import contact as q


def show(at: dt.datetime, countries: Sequence[str], lang: str) -> None:
    """Two boxes under the headline figures; nothing when no hotline or alert was ever loaded."""
    tot = q.totals(at, countries)
    now = tot.loc["now"] if "now" in tot.index else None
    if now is None or (int(now["requests_open"]) == 0 and int(now["requests_24h"]) == 0
                       and int(now["countries_alerted"]) == 0):
        return
    st.markdown(overview_strip(tot, lang), unsafe_allow_html=True)
