"""The NOTAM parser and the rules give, field for field, what they gave before the throughput
rewrite of issue 13: every block of every real file in ../shared/notams through TextParser (and
the FAA GeoJSON sample through parse_json), each record's every field and its classification.

The reference is the output of the code before the rewrite, kept as one hash per record in
tests/fixtures/notams/corpus_reference.json: hashes only, because the corpus's licences forbid
copying its text into the project. A mismatch names the file, line and NOTAM id; compare with the
code of commit 9e4d10b (etl/airspace/notam.py) to see which field moved.

Regenerate only when a change of output is intended (and say why in the commit):
    .venv/bin/python -m tests.test_notam_reference
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
from pathlib import Path

import pytest

from etl.airspace.notam import Notam, TextParser, parse_json
from etl.airspace.rules import classify_uncached
from etl.kinds.base import Reject

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "notams"
REFERENCE = Path(__file__).parent / "fixtures" / "notams" / "corpus_reference.json"
FILES = sorted(p.name for p in CORPUS.glob("*.txt")) + ["faa_nms_api_geojson_KOSH_sample.json"] if CORPUS.is_dir() else []
pytestmark = pytest.mark.skipif(not FILES, reason="../shared/notams is not here (a fresh clone)")
NOTAM_FIELDS = tuple(f.name for f in dataclasses.fields(Notam))


def records(name: str) -> list[Notam | Reject]:
    path = CORPUS / name
    if path.suffix == ".json":
        with open(path, encoding="utf-8") as f:
            return list(parse_json(json.load(f)))
    with open(path, encoding="utf-8", errors="replace") as f:
        return list(TextParser().parse(f))


def fingerprint(r: Notam | Reject) -> tuple[str, str]:
    """(label for messages, hash of every field, and for a NOTAM its status and rule)."""
    if isinstance(r, Notam):
        values = [(k, getattr(r, k)) for k in NOTAM_FIELDS] + [("classified", classify_uncached(r))]
        label = f"line {r.line} {r.notam_id}"
    else:
        values = [("reject", (r.line, r.column, r.code, r.reason, r.raw))]
        label = f"line {r.line} reject {r.code}"
    return label, hashlib.sha256(repr(values).encode("utf-8")).hexdigest()[:16]


def snapshot() -> dict[str, list[str]]:
    return {name: [fingerprint(r)[1] for r in records(name)] for name in FILES}


@pytest.mark.parametrize("name", FILES)
def test_every_field_of_every_real_notam_as_before(name: str) -> None:
    want = json.loads(REFERENCE.read_text(encoding="utf-8"))[name]
    got = [fingerprint(r) for r in records(name)]
    assert len(got) == len(want), f"{name}: {len(got)} records, the reference has {len(want)}"
    moved = [label for (label, h), w in zip(got, want) if h != w]
    assert not moved, f"{name}: {len(moved)} records differ from the reference, first: {moved[:5]}"


if __name__ == "__main__":
    REFERENCE.write_text(json.dumps(snapshot(), indent=0) + "\n", encoding="utf-8")
    print(f"wrote {REFERENCE}", file=sys.stderr)
