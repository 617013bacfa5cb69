"""What a user sees when a page fails: one short sentence with a reference id, never a traceback.

The full details (exception, stack, the reference) go to the server log, where the reference
finds them; the user can quote it to the administrator. `.streamlit/config.toml` sets
`client.showErrorDetails = "none"` for anything that escapes this guard.
"""
from __future__ import annotations

import contextlib
import logging
import secrets
from collections.abc import Iterator

import streamlit as st

from situation.i18n import t
from situation.queries.warehouse import is_warehouse_fault

log = logging.getLogger("sitroom.dashboard")


@contextlib.contextmanager
def guarded() -> Iterator[None]:
    # Streamlit's own control flow (rerun, stop, switch_page) derives from BaseException and
    # passes through untouched.
    try:
        yield
    except Exception as e:
        ref = secrets.token_hex(4)
        log.exception("page failed; reference %s", ref)
        msg = t("fault.warehouse", ref=ref) if is_warehouse_fault(e) else t("fault.page", ref=ref)
        st.error(msg, icon=":material/error:")
