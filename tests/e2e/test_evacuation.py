"""The Evacuation page in Chromium, on the sample's last report: the leadership figures, the
movements board, the charts drawn, every language, and the forecast's date moving when the
analyst drags the flights slider."""
from __future__ import annotations

import re
from typing import Any

from tests.e2e.conftest import (
    EXCEPTION,
    LANGS,
    SHOTS,
    TALL,
    Server,
    main_text,
    open_page,
    rerun,
)
from tests.e2e.test_pages import chart_paths

SENTENCE = {"kk": "үйге жетеді", "ru": "будет дома", "en": "home on"}


def _plain(s: str) -> str:
    return s.replace("\u00a0", " ").replace("\u202f", " ")


def test_the_operation_in_each_language(new_context: Any, server: Server) -> None:
    ctx = new_context(viewport=TALL)
    try:
        p = ctx.new_page()
        for lang in LANGS:
            open_page(p, server.base + f"/evacuation?lang={lang}")
            assert not p.locator(EXCEPTION).all_inner_texts()
            text = _plain(main_text(p))
            assert "9 517" in text or "9,517" in text  # evacuated by 11 March
            assert p.locator('[data-testid="stDataFrame"]').count() >= 4  # board (2 parts), countries, groups
            assert SENTENCE[lang] in text
            counts = chart_paths(p)
            assert counts and all(counts), counts
            # The alarm is drawn in red: people left in Bahrain and Oman with no seat planned.
            colour = p.locator(".ev-card .ev-value").nth(4).evaluate("e => getComputedStyle(e).color")
            assert colour == "rgb(198, 40, 40)", colour
            SHOTS.mkdir(parents=True, exist_ok=True)
            p.screenshot(path=str(SHOTS / f"evacuation_{lang}.png"))
    finally:
        ctx.close()


def test_the_forecast_date_moves_with_the_slider(new_context: Any, server: Server) -> None:
    ctx = new_context(viewport=TALL)
    try:
        p = ctx.new_page()
        open_page(p, server.base + "/evacuation?lang=en")
        rx = re.compile(r"home on ([A-Z][a-z]{2} \d+, \d{4})")
        before = rx.search(_plain(main_text(p)))
        assert before, "no projected date"
        thumb = p.locator('[data-testid="stSlider"] input[type="range"]').first

        def halve() -> None:
            thumb.focus()
            for _ in range(5):  # 100 % → 50 % in steps of 10
                p.keyboard.press("ArrowLeft")
        rerun(p, halve)
        after = rx.search(_plain(main_text(p)))
        assert after and after.group(1) != before.group(1), (before.group(1), after and after.group(1))
    finally:
        ctx.close()
