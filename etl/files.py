"""One streaming pass over an input file: content hash, encoding, line facts.

Large reports (hundreds of MB) are never read into memory at once; the facts gathered here
decide whether DuckDB's fast CSV reader gives exact line numbers or the careful path is needed.
"""
from __future__ import annotations

import codecs
import hashlib
import os
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CHUNK = 1 << 20


@dataclass(frozen=True)
class FileFacts:
    sha256: str
    size: int
    encoding: str  # utf-8, utf-8-sig, utf-16, cp1251, or binary
    newlines: int
    blank_lines: bool  # an empty line anywhere (DuckDB skips them, shifting row numbers)
    has_quote: bool  # a '"' anywhere (a quoted field may span lines)
    crlf: int = 0  # lines ending in CR LF (Windows); mixed endings need the careful reader
    lines: int = 0  # physical lines, counting a last line without a newline


def probe(path: Path) -> FileFacts:
    st = os.stat(path)
    return _probe(str(path), st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=64)
def _probe(path: str, size: int, mtime_ns: int) -> FileFacts:
    # The hash runs in its own thread over its own reads (hashlib releases the GIL), while this
    # thread scans the bytes for encoding and line facts: two cores, one pass of wall time.
    digest: list[str] = []
    hasher = threading.Thread(target=lambda: digest.append(_sha256(path)))
    hasher.start()
    dec = codecs.getincrementaldecoder("utf-8")()
    utf8 = True
    newlines = 0
    blank = False
    quote = False
    prev_tail = b""
    first = b""
    crlf = 0
    last = b""
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            if not first:
                first = chunk[:4]
            # An ASCII chunk is valid UTF-8 as it stands (unless a character was cut at the
            # previous chunk's end); checking that is far cheaper than decoding.
            if utf8 and not (chunk.isascii() and not dec.getstate()[0]):
                try:
                    dec.decode(chunk)
                except UnicodeDecodeError:
                    utf8 = False
            newlines += chunk.count(b"\n")
            # Each search is a pass over the chunk: the CR ones only run where a CR is at all.
            has_cr = b"\r" in chunk or prev_tail.endswith(b"\r")
            if has_cr:
                joined = prev_tail + chunk
                crlf += joined.count(b"\r\n") - prev_tail.count(b"\r\n")
                blank = blank or b"\n\r\n" in joined
            if not blank and (b"\n\n" in chunk or (prev_tail.endswith(b"\n") and chunk.startswith(b"\n"))):
                blank = True
            last = chunk[-1:]
            if not quote and b'"' in chunk:
                quote = True
            prev_tail = chunk[-2:]
    if utf8:
        try:
            dec.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False
    if first.startswith((b"\xff\xfe", b"\xfe\xff")):
        enc = "utf-16"
    elif first.startswith(b"\xef\xbb\xbf"):
        enc = "utf-8-sig"
    elif utf8:
        enc = "utf-8"
    elif b"\x00" in first:
        enc = "binary"
    else:
        # Not UTF-8: Russian and Kazakh Windows machines save CSV as cp1251.
        enc = "cp1251"
    lines = newlines + (1 if last and last != b"\n" else 0)
    hasher.join()
    return FileFacts(digest[0], size, enc, newlines, blank, quote, crlf, lines)


def _sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


def head(path: Path, n: int = 65536) -> bytes:
    with open(path, "rb") as f:
        return f.read(n)


def head_text(path: Path, facts: FileFacts, n: int = 65536) -> str:
    raw = head(path, n)
    enc = "cp1251" if facts.encoding == "cp1251" else facts.encoding
    return raw.decode(enc, errors="replace")


def transcode_to_utf8(src: Path, encoding: str, dst: Path) -> None:
    """Stream src in its encoding to dst as UTF-8, so DuckDB's reader can take it."""
    with open(src, "r", encoding=encoding, newline="") as fin, open(dst, "w", encoding="utf-8", newline="") as fout:
        while block := fin.read(CHUNK):
            fout.write(block)
