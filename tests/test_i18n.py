"""Translation mechanism and the three catalogs."""
from __future__ import annotations

import contextvars
import logging
import re
import threading
from pathlib import Path

import pytest

import config
from situation import i18n
from tools import i18n_check

ROOT = config.ROOT
KAZAKH_LETTERS = "әғқңөұүі"
# Latin that may stand in Kazakh/Russian text: codes and units read the same in every language.
LATIN_ALLOWED = {"NOTAMs", "km", "Kaspi", "PowerPoint", "alpha"}  # alpha: "ISO 3166 alpha-3"
LATIN_PHRASES = ("python -m etl load",)  # a command the user types, identical in every language
# What reads the same in every language and is not English: codes and acronyms in capitals
# (UTC, NOTAM, ARE, PDF), file paths and names (data/reference/readiness.toml), command-line
# flags, and literal values the user types, quoted ("now").
NOT_WORDS = re.compile(r"\b[A-Z][A-Z0-9_]+s?\b|[\w.-]*[/.][\w./-]+|--?[a-z][\w-]*|\"[\w .:-]+\"|`[^`]+`")


def raw(lang: str) -> dict[str, str | None]:
    return i18n_check._entries(i18n_check.load(ROOT, lang))


# --- catalogs ----------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", i18n.LANGS)
def test_catalog_complete(lang: str) -> None:
    en, cat = raw("en"), raw(lang)
    assert en, "the en catalog is empty"
    missing = sorted(k for k in en if k not in cat)
    empty = sorted(k for k in en if k in cat and cat[k] is None)
    assert not missing, f"{lang}: missing {missing}"
    assert not empty, f"{lang}: empty or fuzzy {empty}"
    extra = sorted(set(cat) - set(en))
    assert not extra, f"{lang}: keys not in en (add the English text first): {extra}"


def test_keys_are_symbolic() -> None:
    bad = [k for k in raw("en") if not i18n.is_key(k)]
    assert not bad


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_placeholders_match_english(lang: str) -> None:
    en, cat = raw("en"), raw(lang)
    diff = {k: (i18n.placeholders(cat[k] or ""), i18n.placeholders(v or ""))
            for k, v in en.items() if i18n.placeholders(cat.get(k) or "") != i18n.placeholders(v or "")}
    assert not diff


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_no_english_left_in_translations(lang: str) -> None:
    found: dict[str, list[str]] = {}
    for key, text in raw(lang).items():
        s = re.sub(r"\{[^}]*\}", "", text or "")
        for phrase in LATIN_PHRASES:
            s = s.replace(phrase, "")
        s = NOT_WORDS.sub("", s)
        words = [w for w in re.findall(r"[A-Za-z]{2,}", s) if w not in LATIN_ALLOWED]
        if words:
            found[key] = words
    assert not found, f"{lang}: Latin words in translations {found}"


def test_kazakh_catalog_is_kazakh() -> None:
    # һ is left out: modern Kazakh writes it only in a few Arabic/Persian loanwords, none of
    # which belongs in these strings; the other eight letters occur in any real Kazakh UI text.
    text = " ".join(v or "" for v in raw("kk").values()).lower()
    absent = [ch for ch in KAZAKH_LETTERS if ch not in text]
    assert not absent, f"Kazakh letters never used in the kk catalog: {absent}"


def test_seed_translations_read_right() -> None:
    assert i18n.t("app.title", "en") == "Situation Room"
    assert i18n.t("status.closed", "kk") == "Жабық"
    assert i18n.t("status.closed", "ru") == "Закрыто"
    assert i18n.t("metric.citizens", "ru") == "Граждан в регионе"
    assert i18n.t("approx.about", "kk", n="3 500") == "шамамен 3 500"
    assert i18n.t("approx.about", "ru", n="3 500") == "около 3 500"
    assert i18n.t("empty.before_first", "en", time="Mar 4, 2026") == "No reports before Mar 4, 2026"


# --- the checker ---------------------------------------------------------------------------------

def test_checker_finds_no_missing_or_empty_keys(capsys: pytest.CaptureFixture[str]) -> None:
    assert i18n_check.main([]) == 0, capsys.readouterr().out




def test_checker_strict_no_unused_keys(capsys: pytest.CaptureFixture[str]) -> None:
    assert i18n_check.main(["--strict"]) == 0, capsys.readouterr().out


def _tree(tmp_path: Path, code: str, catalogs: dict[str, dict[str, str]]) -> Path:
    (tmp_path / "pages").mkdir()  # one of the folders tools/i18n_check.py scans
    (tmp_path / "pages" / "p.py").write_text(code, encoding="utf-8")
    for lang, entries in catalogs.items():
        d = tmp_path / "locales" / lang / "LC_MESSAGES"
        d.mkdir(parents=True)
        body = "".join(f'msgid "{k}"\nmsgstr "{v}"\n\n' for k, v in entries.items())
        (d / "messages.po").write_text('msgid ""\nmsgstr ""\n\n' + body, encoding="utf-8")
    return tmp_path


def test_checker_reports_each_kind_of_problem(tmp_path: Path) -> None:
    code = ('t("a.used")\nt("a.new")\ni18n.t("Overview")\nt(f"status.{s}")\n'
            'x = N_("a.marked")\nt("a.ph")\n')
    full = {"a.used": "x", "a.ph": "{n} x", "a.marked": "m", "status.open": "o", "a.dead": "d"}
    root = _tree(tmp_path, code, {
        "en": full,
        "kk": {**full, "a.used": "", "a.ph": "{m} x"},
        "ru": {k: v for k, v in full.items() if k != "a.marked"},
    })
    errors, warnings = i18n_check.check(root)
    text = "\n".join(errors)
    assert "MISSING en a.new" in text and "MISSING kk a.new" in text
    assert "MISSING ru a.marked" in text
    assert "EMPTY kk a.used" in text
    assert "PLACEHOLDERS kk a.ph" in text
    assert "NOT-A-KEY 'Overview'" in text
    assert "UNUSED a.dead: in a catalog, not in code" in warnings[0]
    assert not any("status.open" in w for w in warnings), "an f-string family counts as used"
    strict_errors, _ = i18n_check.check(root, strict=True)
    assert any(e.startswith("UNUSED a.dead") for e in strict_errors)


def test_checker_update_adds_empty_entries(tmp_path: Path) -> None:
    root = _tree(tmp_path, 't("a.one")\nt("a.two")\n',
                 {lang: {"a.one": "1"} for lang in i18n.LANGS})
    assert i18n_check.main(["--root", str(root), "--update"]) == 1  # new entries still empty
    for lang in i18n.LANGS:
        po = (root / "locales" / lang / "LC_MESSAGES" / "messages.po").read_text("utf-8")
        assert 'msgid "a.two"\nmsgstr ""' in po
    errors, _ = i18n_check.check(root)
    assert sorted(errors) == sorted(f"EMPTY {lang} a.two" for lang in i18n.LANGS)


# --- lookup, fallback, placeholders ----------------------------------------------------------------

@pytest.fixture
def tiny_catalogs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    _tree(tmp_path, "", {"en": {"k.all": "All", "k.en_only": "English only", "k.ph": "{n} left"},
                         "kk": {"k.all": "Барлығы", "k.ph": "{n} қалды"},
                         "ru": {"k.all": "Все", "k.ph": "осталось {n}"}})
    monkeypatch.setattr(i18n, "LOCALES_DIR", tmp_path / "locales")
    i18n.reload_catalogs()
    yield
    i18n.reload_catalogs()


@pytest.mark.usefixtures("tiny_catalogs")
def test_fallback_chain_and_single_warning(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="situation.i18n")
    assert i18n.t("k.all", "kk") == "Барлығы"
    assert i18n.t("k.en_only", "ru") == "English only"     # ru → en
    assert i18n.t("k.nowhere", "kk") == "k.nowhere"        # → the key itself, detectable
    for _ in range(3):
        i18n.t("k.en_only", "ru")
    warned = [r for r in caplog.records if "k.en_only" in r.getMessage()]
    assert len(warned) == 1, "a missing key warns once, not on every rerun"


@pytest.mark.usefixtures("tiny_catalogs")
def test_placeholders_filled_after_translation() -> None:
    assert i18n.t("k.ph", "ru", n="3 500") == "осталось 3 500"
    assert i18n.t("k.ph", "kk") == "{n} қалды"              # no params: text as is
    assert i18n.t("k.ph", "en", other=1) == "{n} left"      # a forgotten param stays visible


def test_leaked_keys_are_detectable() -> None:
    page = "Шолу · nav.overview · status.bogus. Файл report.xlsx, e.g. 3.5"
    assert i18n.leaked_keys(page) == ["nav.overview", "status.bogus"]


# --- language selection --------------------------------------------------------------------------

@pytest.mark.parametrize(("given", "expected"), [
    ("kk", "kk"), ("kz", "kk"), ("KZ", "kk"), ("қаз", "kk"), ("Қазақша", "kk"), ("kk_KZ", "kk"),
    ("ru", "ru"), ("ru_RU", "ru"), ("рус", "ru"), ("Русский", "ru"), ("ru-BY", "ru"),
    ("en", "en"), ("EN-us", "en"), ("English", "en"), ("en_AU", "en"),
])
def test_normalize_lang(given: str, expected: str) -> None:
    assert i18n.normalize_lang(given) == expected


def test_unknown_language_falls_back_to_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SITROOM_LANG", raising=False)
    assert i18n.normalize_lang("de") == "kk" and i18n.normalize_lang(None) == "kk"
    monkeypatch.setenv("SITROOM_LANG", "ru")
    assert i18n.normalize_lang("xx") == "ru"
    assert contextvars.Context().run(i18n.get_lang) == "ru"  # a fresh session starts at default
    monkeypatch.setenv("SITROOM_LANG", "nonsense")
    assert i18n.default_lang() == "kk"


def test_use_lang_restores() -> None:
    def body() -> None:
        i18n.set_lang("ru")
        with i18n.use_lang("en") as lang:
            assert lang == "en" and i18n.t("status.open") == "Open"
        assert i18n.get_lang() == "ru" and i18n.t("status.open") == "Открыто"
    contextvars.Context().run(body)


def test_threads_do_not_share_the_language() -> None:
    # Streamlit runs each session's script in its own thread: model two sessions at once.
    barrier = threading.Barrier(2)
    seen: dict[str, tuple[str, str]] = {}

    def session(lang: str) -> None:
        i18n.set_lang(lang)
        barrier.wait()          # both have set their language before either reads
        seen[lang] = (i18n.get_lang(), i18n.t("status.closed"))

    threads = [threading.Thread(target=session, args=(lang,)) for lang in ("kk", "en")]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert seen == {"kk": ("kk", "Жабық"), "en": ("en", "Closed")}
