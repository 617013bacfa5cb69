"""Every setting is documented in README's settings table."""
from __future__ import annotations

from config import SETTINGS
from tests.conftest import ROOT


def test_every_setting_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for s in SETTINGS:
        assert f"| `{s.env}` |" in readme, f"{s.env} is missing from README's settings table"
