"""Translation: every user-visible string goes through `t(key)`.

Message ids are symbolic keys ("overview.title", "status.closed") rather than English text, so a
key that leaks onto a page is easy to spot (`leaked_keys`), and fixing an English wording never
invalidates the Kazakh and Russian translations.

Catalogs are the gettext files locales/<lang>/LC_MESSAGES/messages.po, read at run time with
Babel's `read_po` (no compile step, no .mo in git) and cached per process. Fuzzy and empty entries
count as untranslated, as with gettext.

The current language lives in a ContextVar. Streamlit runs each session's script in its own
thread, and a new thread starts with a fresh context, so one session's choice never leaks into
another's; dashboard.py calls `set_lang(...)` at the top of every run. Code outside Streamlit
(the briefing export, tests) uses `use_lang(...)` or passes `lang=` explicitly.
"""
from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from string import Formatter

import config

log = logging.getLogger(__name__)

LANGS: tuple[str, ...] = ("kk", "ru", "en")
FALLBACK_LANG = "en"  # the en catalog holds the English text, so it is the last resort
LOCALES_DIR: Path = config.ROOT / "locales"

# A language picker shows each language in its own name, whatever the interface language is,
# so these endonyms are deliberately not translated.
LANGUAGE_NAMES: dict[str, str] = {"kk": "Қазақша", "ru": "Русский", "en": "English"}

# Spellings of each language seen in URLs, settings and users' hands (lower-cased, "-" for "_").
_ALIASES: dict[str, str] = {
    "kk": "kk", "kz": "kk", "kaz": "kk", "kk-kz": "kk", "kk-cyrl": "kk", "kk-cyrl-kz": "kk",
    "қаз": "kk", "каз": "kk", "қазақ": "kk", "қазақша": "kk", "казахский": "kk", "kazakh": "kk",
    "ru": "ru", "rus": "ru", "ru-ru": "ru", "ru-kz": "ru", "рус": "ru", "русский": "ru",
    "орысша": "ru", "russian": "ru",
    "en": "en", "eng": "en", "en-us": "en", "en-gb": "en", "english": "en", "англ": "en",
    "английский": "en", "ағылшын": "en", "ағылшынша": "en",
}

_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+$")

_current: ContextVar[str | None] = ContextVar("sitroom_lang", default=None)


def N_(key: str) -> str:
    """Mark a key that is stored now and translated later (e.g. in a page table).

    Returns the key unchanged; tools/i18n_check.py counts it as used.
    """
    return key


def is_key(s: str) -> bool:
    """True when `s` has the shape of a message key ("section.name")."""
    return bool(_KEY_RE.match(s))


def default_lang() -> str:
    """The configured default (SITROOM_LANG), normalised; Kazakh when unset or unknown."""
    raw = config.setting("SITROOM_LANG")
    return _ALIASES.get(_clean(raw), "kk")


def _clean(x: object) -> str:
    return str(x).strip().lower().replace("_", "-") if x is not None else ""


def normalize_lang(x: object) -> str:
    """Map "kk", "kz", "қаз", "ru_RU", "English", … to one of LANGS; anything else → default."""
    c = _clean(x)
    if c in _ALIASES:
        return _ALIASES[c]
    base = c.split("-", 1)[0]  # "ru-by", "en-au" → their base language
    return _ALIASES.get(base, default_lang())


def set_lang(lang: object) -> str:
    """Set the current language for this thread/context; returns the normalised code."""
    code = normalize_lang(lang)
    _current.set(code)
    return code


def get_lang() -> str:
    """The current language: what set_lang chose in this context, else the default."""
    return _current.get() or default_lang()


@contextmanager
def use_lang(lang: object) -> Iterator[str]:
    """Temporarily switch the current language (exports, tests); restores it on exit."""
    token = _current.set(normalize_lang(lang))
    try:
        yield _current.get() or default_lang()
    finally:
        _current.reset(token)


def catalog_files(lang: str) -> list[Path]:
    """messages.po plus one .po file per area (pages.po, airspace.po, …), merged in name order.

    Areas get files of their own so that people translating different pages never edit the
    same file; a key must live in one file only (tools/i18n_check.py reports duplicates).
    """
    return sorted((LOCALES_DIR / lang / "LC_MESSAGES").glob("*.po"))


@cache
def catalog(lang: str) -> dict[str, str]:
    """key → translated text for one language; untranslated (empty, fuzzy) entries left out."""
    # Babel is imported on first use: no work at import time (DESIGN.md).
    from babel.messages.pofile import read_po

    files = catalog_files(lang)
    if not files:
        log.warning("i18n: no catalog for %r in %s", lang, LOCALES_DIR / lang)
        return {}
    out: dict[str, str] = {}
    for path in files:
        with path.open("rb") as fh:
            cat = read_po(fh, locale=lang, ignore_obsolete=True)
        for msg in cat:
            ok = msg.id and isinstance(msg.id, str) and isinstance(msg.string, str)
            if ok and msg.string and not msg.fuzzy:
                out[msg.id] = msg.string
    return out


def reload_catalogs() -> None:
    """Forget the cached catalogs (after a translator edits a .po file, or in tests)."""
    catalog.cache_clear()
    with _warned_lock:
        _warned.clear()


_warned: set[tuple[str, str]] = set()
_warned_lock = threading.Lock()


def _warn_once(key: str, lang: str, what: str) -> None:
    # A missing key is looked up on every rerun; one line per (key, lang) keeps logs readable.
    with _warned_lock:
        if (key, lang) in _warned:
            return
        _warned.add((key, lang))
    log.warning("i18n: %s for key %r in %r", what, key, lang)


class _KeepMissing(dict):
    """Leaves an unfilled placeholder visible as {name} instead of raising on a page."""

    def __missing__(self, name: str) -> str:
        return "{" + name + "}"


def lookup(key: str, lang: str | None = None) -> str:
    """The raw catalog text for `key`: lang → en → the key itself (warning once)."""
    code = normalize_lang(lang) if lang is not None else get_lang()
    text = catalog(code).get(key)
    if text is None:
        _warn_once(key, code, "missing translation")
        text = catalog(FALLBACK_LANG).get(key) if code != FALLBACK_LANG else None
        if text is None:
            if code != FALLBACK_LANG:
                _warn_once(key, FALLBACK_LANG, "missing translation")
            text = key
    return text


def t(key: str, lang: str | None = None, **params: object) -> str:
    """Translate `key` into `lang` (default: the current language) and fill {placeholders}.

    Params are inserted with str.format after translation, as given: format numbers and dates
    first with situation.display.formatting (fmt_int, fmt_datetime, …) so they follow the language too.
    """
    text = lookup(key, lang)
    if not params:
        return text
    try:
        return text.format_map(_KeepMissing(params))
    except (ValueError, IndexError, AttributeError) as exc:  # a broken translation, not a crash
        _warn_once(key, lang or get_lang(), f"bad placeholder ({exc})")
        return text


def placeholders(text: str) -> set[str]:
    """Named placeholders in a message, e.g. {"count", "time"}; used by the catalog checks."""
    names: set[str] = set()
    for _, field, _, _ in Formatter().parse(text):
        if field is not None:
            names.add(re.split(r"[.\[!:]", field, maxsplit=1)[0])
    return names


def leaked_keys(text: str) -> list[str]:
    """Key-shaped words in rendered text whose section is a known one ("nav.x", "status.y").

    Catches both a key shown untranslated and a key missing from every catalog (which t()
    returns as itself), while ignoring ordinary dotted words such as file names.
    """
    sections = {k.split(".", 1)[0] for k in catalog(FALLBACK_LANG)}
    found = re.findall(r"(?<![\w./])[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+(?!\w|\.\w)", text)
    return sorted({k for k in found if k.split(".", 1)[0] in sections})
