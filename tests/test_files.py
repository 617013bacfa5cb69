"""The one-pass file probe: hash, encoding and the line facts that pick the CSV reader."""
from __future__ import annotations

import hashlib

import pytest

from etl import files


def _facts(tmp_path, data: bytes, monkeypatch, chunk: int = 8):
    monkeypatch.setattr(files, "CHUNK", chunk)  # tiny chunks put every boundary case in play
    p = tmp_path / "f.csv"
    p.write_bytes(data)
    return files._probe.__wrapped__(str(p), len(data), 0)


@pytest.mark.parametrize("data, crlf, blank, lines", [
    (b"a,b\r\n1,2\r\n3,4\r\n", 3, False, 3),
    (b"a,b\n1,2\r\n3,4\n", 1, False, 3),          # mixed endings: the careful reader takes it
    (b"a,b,c\n1234567\n\n3,4\n", 0, True, 4),      # blank line right at a chunk boundary
    (b"a,b,c,d\r\n\r\n3,4", 2, True, 3),           # CRLF blank line, no newline at the end
])
def test_line_facts(tmp_path, monkeypatch, data, crlf, blank, lines):
    f = _facts(tmp_path, data, monkeypatch)
    assert (f.crlf, f.blank_lines, f.lines) == (crlf, blank, lines)
    assert f.sha256 == hashlib.sha256(data).hexdigest()


def test_encodings(tmp_path, monkeypatch):
    assert _facts(tmp_path, "ә,б\n".encode(), monkeypatch, chunk=1).encoding == "utf-8"  # cut characters
    assert _facts(tmp_path, "Катар\n".encode("cp1251"), monkeypatch).encoding == "cp1251"
    assert _facts(tmp_path, b"\xef\xbb\xbfa,b\n", monkeypatch).encoding == "utf-8-sig"
