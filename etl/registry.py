"""The registry of input kinds, in the order they are tried on a file."""
from __future__ import annotations

from etl.kinds import alerts, bulletin, evacuations, headcounts, hotline, movements, notams, status_sheet
from etl.kinds.base import Kind

KINDS: list[Kind] = [headcounts.KIND, evacuations.KIND, movements.KIND, hotline.KIND, alerts.KIND, status_sheet.KIND,
                     notams.KIND, bulletin.KIND]
