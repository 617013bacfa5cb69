"""data health page — being built (dashboard issue)."""
from __future__ import annotations

import streamlit as st

from pages.common import guard_warehouse
from situation.i18n import t

st.title(t("nav.data_health"))
if guard_warehouse():
    st.info(t("empty.no_data"))
