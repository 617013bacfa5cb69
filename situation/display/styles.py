"""The dashboard's CSS, kept in static/css/*.css (files a designer can read and edit as CSS), as
the `<style>` block a page injects with st.markdown(…, unsafe_allow_html=True)."""
from __future__ import annotations

from functools import cache

import config

CSS_DIR = config.ROOT / "static" / "css"


@cache
def style(name: str) -> str:
    """`<style>…</style>` of static/css/<name>.css, read once per process."""
    return "<style>\n" + (CSS_DIR / f"{name}.css").read_text(encoding="utf-8") + "</style>"
