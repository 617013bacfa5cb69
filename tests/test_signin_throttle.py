"""Failed sign-ins are throttled per account and per client address across sessions: a growing
delay, a lockout after LOCK_AFTER misses (the app side, across sessions and audited, is in
test_auth.py)."""
from __future__ import annotations

import pytest

from situation.shell import auth


def test_delay_grows_then_locks_and_success_clears_the_account_only():
    th = auth.SignInThrottle()
    keys = th.keys("Ali", "10.0.0.9")
    now = 1000.0
    waits = []
    for _ in range(auth.LOCK_AFTER):
        now += waits[-1] if waits else 0.0  # each try is made once its wait is over
        assert th.wait(keys, now) == 0
        th.failed(keys, now)
        waits.append(th.wait(keys, now))
    free = auth.FREE_TRIES - 1
    assert waits[:free] == [0] * free  # a few typos cost nothing
    grown = waits[free:-1]
    assert grown == sorted(grown) and grown[0] > 0 and max(grown) <= auth.MAX_DELAY
    assert waits[-1] == auth.LOCK_SECONDS and th.locked(keys)
    # Another account from the same address is locked too; the same account from elsewhere as well.
    assert th.wait(th.keys("vera", "10.0.0.9"), now) > 0
    assert th.wait(th.keys("ali", "10.0.0.7"), now) > 0
    th.succeeded(th.keys("ali", "10.0.0.9"))
    assert th.wait(th.keys("ali", None), now) == 0
    assert th.wait(th.keys("someone", "10.0.0.9"), now) > 0  # the guessing address stays slowed


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_throttle_message_in_every_language(lang):
    from situation.i18n import t

    text = t("auth.throttled", lang, seconds="8")
    assert "8" in text and "{" not in text
