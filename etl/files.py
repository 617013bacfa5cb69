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
    encoding: str  # utf-8, utf-8-sig, utf-16, utf-16-le, utf-16-be (no BOM), cp1251, or binary
    newlines: int
    blank_lines: bool  # an empty line anywhere (DuckDB skips them, shifting row numbers)
    has_quote: bool  # a '"' anywhere (a quoted field may span lines)
    crlf: int = 0  # lines ending in CR LF (Windows); mixed endings need the careful reader
    lines: int = 0  # physical lines, counting a last line without a newline
    bare_cr: int = 0  # CRs not followed by LF (old Mac line ends, or a CR inside a cell)
    nul: bool = False  # a NUL byte anywhere (rejected per row by the careful reader)
    bad_bytes: int = 0  # bytes that are not UTF-8 in a file that is otherwise UTF-8 (per-row rejects)


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
    cr = 0
    nul = False
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
                cr += chunk.count(b"\r")
                joined = prev_tail + chunk
                crlf += joined.count(b"\r\n") - prev_tail.count(b"\r\n")
                blank = blank or b"\n\r\n" in joined
            if not blank and (b"\n\n" in chunk or (prev_tail.endswith(b"\n") and chunk.startswith(b"\n"))):
                blank = True
            last = chunk[-1:]
            if not quote and b'"' in chunk:
                quote = True
            if not nul and b"\x00" in chunk:
                nul = True
            prev_tail = chunk[-2:]
    if utf8:
        try:
            dec.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False
    bad = 0
    bom16 = first.startswith((b"\xff\xfe", b"\xfe\xff"))
    no_bom16 = None if bom16 else utf16_without_bom(head(Path(path), 4096))
    if bom16:
        enc = "utf-16"
    elif no_bom16:
        # ASCII-range UTF-16 is also valid UTF-8 (with a NUL every other byte): test it first.
        enc = no_bom16
    elif first.startswith(b"\xef\xbb\xbf"):
        enc = "utf-8-sig"
    elif utf8:
        enc = "utf-8"
    elif b"\x00" in first:
        enc = "binary"
    else:
        # Not UTF-8: either cp1251 (Russian and Kazakh Windows machines save CSV so) or UTF-8
        # with a few damaged bytes. Decoding the whole file as cp1251 for one stray byte would
        # turn every Cyrillic word into mojibake, so count: real UTF-8 letters outnumbering the
        # broken sequences mean UTF-8, and only the rows holding a broken byte are rejected.
        good_mb, bad = _utf8_damage(path)
        enc = "utf-8" if good_mb > bad else "cp1251"
        bad = bad if enc == "utf-8" else 0
    lines = newlines + (1 if last and last != b"\n" else 0)
    hasher.join()
    if no_bom16 or bom16:
        cr = crlf = 0  # counted on bytes of another width; the UTF-8 copy is probed again
    return FileFacts(digest[0], size, enc, newlines, blank, quote, crlf, lines, cr - crlf, nul, bad)


def utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when the bytes look like UTF-16 text without a BOM (a NUL beside
    nearly every ASCII character), else None. Real text in UTF-8 or cp1251 has no NULs at all."""
    pairs = len(sample) // 2
    if pairs < 8 or b"\x00" not in sample:
        return None
    odd_zero = sample[1:2 * pairs:2].count(0)
    even_zero = sample[0:2 * pairs:2].count(0)
    if odd_zero >= 0.3 * pairs and even_zero == 0:
        return "utf-16-le"
    if even_zero >= 0.3 * pairs and odd_zero == 0:
        return "utf-16-be"
    return None


def _utf8_damage(path: str) -> tuple[int, int]:
    """(multi-byte characters that decode as UTF-8, broken sequences) over the whole file."""
    dec = codecs.getincrementaldecoder("utf-8")(errors="replace")
    good = bad = 0
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            if chunk.isascii():
                continue
            text = dec.decode(chunk)
            broken = text.count("\ufffd")
            bad += broken
            good += sum(1 for ch in text if ord(ch) > 127) - broken
    return good, bad


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
    return raw.decode(facts.encoding if facts.encoding != "binary" else "utf-8", errors="replace")


def transcode_to_utf8(src: Path, encoding: str, dst: Path) -> None:
    """Stream src in its encoding to dst as UTF-8, so DuckDB's reader can take it. A byte that
    does not decode becomes U+FFFD, which the careful reader rejects with its row."""
    with open(src, encoding=encoding, errors="replace", newline="") as fin, \
            open(dst, "w", encoding="utf-8", newline="") as fout:
        while block := fin.read(CHUNK):
            fout.write(block)
