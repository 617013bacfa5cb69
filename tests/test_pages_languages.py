"""Every page, in every language, on the sample: no raw key, and in Kazakh and Russian no English
word outside what reads the same in every language (codes, file names, NOTAM text, units)."""
from __future__ import annotations

import re

import pytest

from situation.i18n import leaked_keys
from tests.apptest import open_page
from tests.test_i18n import LATIN_ALLOWED, NOT_WORDS

PAGES = ["overview", "countries", "airspace", "evacuation", "data_health", "briefing", "upload", "admin"]
# Data, not interface: file names, mission ids, city names as the reports give them, NOTAM text
# and FIR names (ICAO English), which the pages show as they are.
DATA_WORDS = {"Dubai", "Abu", "Dhabi", "Sharjah", "Ras", "Al", "Khaimah", "Mecca", "Medina", "Jeddah", "Riyadh",
              "Doha", "Manama", "Kuwait", "City", "Amman", "Tel", "Aviv", "Jerusalem", "Tehran", "Isfahan",
              "Shiraz", "Mashhad", "Tabriz", "Haifa", "Muscat", "Baghdad", "Erbil", "Baku", "Yerevan", "Ashgabat",
              "Beirut", "Damascus", "Aqaba", "Dammam", "Gorgan", "Nakhchivan",
              "local"}  # the user name of local mode, shown in the audit log


def _text(at) -> str:
    parts = [e.value for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning",
                                  "success", "error", "text") for e in getattr(at, kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    parts += [str(c) for df in at.dataframe for c in df.value.columns]  # column headers are interface
    parts += [b.label for b in at.button] + [e.label for e in at.expander] + [t.label for t in at.tabs]
    text = "\n".join(str(p) for p in parts)
    # What a reader never sees: style sheets, HTML tags, Streamlit's colour and icon directives.
    text = re.sub(r"<style>.*?</style>", "", text, flags=re.DOTALL)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r":[a-z]+(?:-[a-z]+)*\[|:material/[a-z_]+:", " ", text)


def _english(text: str) -> list[str]:
    text = re.sub(r"[A-Z]{4} [A-Z]\d{4}/\d{2}", "", text)  # NOTAM ids
    text = NOT_WORDS.sub("", text)
    return sorted({w for w in re.findall(r"[A-Za-z]{2,}", text)
                   if w not in LATIN_ALLOWED and w not in DATA_WORDS})


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_page_speaks_the_language(monkeypatch, sample_warehouse, page, lang):
    at = open_page(monkeypatch, sample_warehouse, f"pages/{page}.py", lang=lang)
    assert not at.exception, at.exception
    text = _text(at)
    assert text.strip(), "the page shows no text"
    assert not leaked_keys(text), leaked_keys(text)
    if lang != "en":
        assert not _english(text), f"{page} in {lang}: English words {_english(text)}"
