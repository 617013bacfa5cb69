"""The registry of input kinds, in the order they are tried on a file, and the detection of a
file's kind by its content (never its name)."""
from __future__ import annotations

from pathlib import Path

from etl.files import head
from etl.kinds import alerts, bulletin, evacuations, headcounts, hotline, movements, notams, status_sheet
from etl.kinds.base import Kind, Unusable

KINDS: list[Kind] = [headcounts.KIND, evacuations.KIND, movements.KIND, hotline.KIND, alerts.KIND, status_sheet.KIND,
                     notams.KIND, bulletin.KIND]


def detect(path: Path) -> Kind | None:
    """The first kind whose sniffer recognises the file's first bytes; None when none does
    (etl/unrecognised.py then says why in plain words)."""
    h = head(path)
    for kind in KINDS:
        try:
            if kind.sniff(h, path):
                return kind
        except Unusable:
            raise  # the sniffer found the file dangerous or broken as a whole: say why
        except Exception:  # noqa: BLE001, S112 — a sniffer tripping on odd bytes means "not this kind"
            continue
    return None
