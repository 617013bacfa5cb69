"""The evacuation operation's leadership figures as one row of cards: want to leave, evacuated,
remaining, the next departure and days to clear ("no capacity planned" in red).

Shared by the Overview (one call) and the Evacuation page's headline, so both show the same
figures from the same contract (evacuation_at)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import streamlit as st

from situation.display import overview_page


def evacuation_row(at: dt.datetime, countries: Sequence[str], lang: str, names: dict) -> None:
    """Draw the row for the moment `at` and the selected countries (nothing when no operation)."""
    html = overview_page.evacuation_row_html(at, countries, lang)  # built once per moment, shared
    if html is not None:
        st.markdown(html, unsafe_allow_html=True)
