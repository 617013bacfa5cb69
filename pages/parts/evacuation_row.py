"""The evacuation operation's leadership figures as one row of cards: want to leave, evacuated,
remaining, the next departure and days to clear ("no capacity planned" in red).

Shared by the Overview (one call) and the Evacuation page's headline, so both show the same
figures from the same contract (evacuation_at)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import streamlit as st

from situation.display.evacuation import cards_html, leadership, leadership_cards
from situation.display.styles import style
from situation.queries import evacuation as eq


def evacuation_row(at: dt.datetime, countries: Sequence[str], lang: str, names: dict) -> None:
    """Draw the row for the moment `at` and the selected countries (nothing when no operation)."""
    op = eq.operation(at, countries)
    if op.empty:
        return
    st.markdown(style("evacuation_cards") + cards_html(leadership_cards(leadership(op), lang, names)), unsafe_allow_html=True)
