"""The dashboard's pages: one module per page, each holding a `page()` function that dashboard.py
registers with `st.Page(page, url_path=…)`; pieces several pages share live in pages/parts/.

A page module draws nothing when imported or run as a file: every page runs through dashboard.py,
after the login gate, the language and the shared filters. May import: situation, config, and
streamlit. Never etl (uploads go through the ETL's command line, situation/shell/upload.py).

Why the flag below: Streamlit still honours its first multipage mode, in which a folder named
`pages/` beside the entry file is a list of page scripts. In a freshly started server, until some
run calls `st.navigation`, a first request for /countries runs pages/countries.py as a script on
its own, and the mode stays on for every later session of the process. Importing this package
(every page module and dashboard.py do) turns the mode off, and `entry_only` hands such a run
back to dashboard.py, so a copied link to a page works on a fresh server too.
"""
from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

PagesManager.uses_pages_directory = False

_HANDED_BACK = "_pages_handed_back"


def entry_only() -> None:
    """A page file run as a script: rerun once (now through dashboard.py); draw nothing here."""
    if not st.session_state.get(_HANDED_BACK):
        st.session_state[_HANDED_BACK] = True
        st.rerun()
