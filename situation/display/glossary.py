"""The domain terms of locales/glossary.toml: one concept, one name in kk, ru and en.

The glossary is data checked by tests/test_glossary.py against every catalog; the term.* keys
below are the ones a table header or a label uses when it names the concept alone.
"""
from __future__ import annotations

import tomllib
from functools import cache
from typing import Any

from situation.i18n import LOCALES_DIR, N_, t

TERM_KEYS: dict[str, str] = {
    "mission": N_("term.mission"), "report": N_("term.report"), "airspace_status": N_("term.airspace_status"),
    "fir": N_("term.fir"), "evacuation": N_("term.evacuation"), "briefing": N_("term.briefing"),
}


@cache
def glossary() -> tuple[dict[str, Any], ...]:
    """The [[term]] entries of locales/glossary.toml."""
    with open(LOCALES_DIR / "glossary.toml", "rb") as fh:
        return tuple(tomllib.load(fh)["term"])


def term(term_id: str, lang: str | None = None) -> str:
    """A domain term in `lang` from the catalogs (the glossary test keeps both equal)."""
    return t(TERM_KEYS[term_id], lang)
