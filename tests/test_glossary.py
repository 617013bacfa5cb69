"""One concept, one name: the catalogs against locales/glossary.toml (kk, ru, en)."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from situation.i18n import LANGS, LOCALES_DIR, t

GLOSSARY = tomllib.loads((Path(LOCALES_DIR) / "glossary.toml").read_text(encoding="utf-8"))["term"]
# Keys whose text is data or a code by design, not a sentence in the language.
LATIN_OK = re.compile(r"^[\sA-Z0-9()/{}\[\]:;.,·—–\-+%№?!'\"…=<>_]*$")


def _catalog(lang: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for po in sorted((Path(LOCALES_DIR) / lang / "LC_MESSAGES").glob("*.po")):
        with open(po, "rb") as fh:
            out.update({str(m.id): str(m.string) for m in read_po(fh) if m.id and m.string})
    return out


CATALOGS = {lang: _catalog(lang) for lang in LANGS}


def test_glossary_module_reads_the_same_file():
    from situation.display import glossary
    assert [g["id"] for g in glossary.glossary()] == [g["id"] for g in GLOSSARY]
    assert glossary.term("fir", "ru") == "РПИ" and glossary.term("mission", "kk") == "мекеме"


def test_glossary_names_every_domain_term_in_three_languages():
    ids = {g["id"] for g in GLOSSARY}
    assert {"mission", "report", "airspace_status", "fir", "evacuation", "ready", "partly_ready", "not_ready"} <= ids
    for g in GLOSSARY:
        assert all(g.get(lang) for lang in LANGS), g["id"]


@pytest.mark.parametrize("term", GLOSSARY, ids=lambda g: g["id"])
def test_catalogs_use_the_glossary_term(term):
    for lang in LANGS:
        assert t(term["key"], lang) == term[lang], (term["id"], lang)
        texts = CATALOGS[lang]
        for stem in term.get("avoid", {}).get(lang, []):
            bad = [k for k, v in texts.items() if stem.lower() in v.lower()]
            assert not bad, f"{lang}: '{stem}' instead of '{term[lang]}' in {bad}"
        for stem in term.get("use", {}).get(lang, []):
            assert any(stem.lower() in v.lower() for v in texts.values()), f"{lang}: '{stem}' never used"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_no_english_sentence_on_a_kazakh_or_russian_screen(lang):
    """A kk/ru message may hold codes (NOTAM, FIR, UTC, CSV) and product names written in Latin
    letters in kk/ru texts too (PowerPoint, Kaspi), but no English words."""
    english = re.compile(r"\b(?!NOTAM|UTC|CSV|XLSX|PDF|PNG|SVG|FIR|UIR|ICAO|PowerPoint|Kaspi|OIDC|JSON|SITROOM)[A-Za-z]{4,}\b")
    leaks = {}
    for key, text in CATALOGS[lang].items():
        # commands, paths, file extensions and the ISO code set's name are codes, not English
        plain = re.sub(r"\{[^}]*\}|data/\S+|python -m [\w./ -]+|`[^`]*`|\.\w+\b|alpha-3|\b[A-Z_]{2,}\b", "", text)
        words = [w for w in english.findall(plain) if not w.isupper()]
        if words:
            leaks[key] = words
    assert not leaks, leaks


def test_kazakh_percent_takes_its_possessive_ending():
    """"келушілердің 94%-ы орналастырылды": the share is the possessed noun (пайызы)."""
    for key in ("readiness.reason.sheltering", "readiness.reason.no_exit_unhoused"):
        assert "{housed}-ы" in CATALOGS["kk"][key], key
