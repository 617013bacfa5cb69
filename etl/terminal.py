"""Terminal output that cannot be hijacked by a file name or a cell.

A file called `\\x1b[2J….csv`, or a reject's raw line holding an escape sequence, would otherwise
clear or repaint the operator's terminal (or hide a line) when the CLI prints it. Everything the
CLI writes passes through `printable`: control characters other than newline and tab are shown as
visible escapes (`\\x1b`), so what is on screen is what is in the name.
"""
from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Iterator
from typing import TextIO

# C0 controls except tab and newline, DEL, and the C1 controls (0x80–0x9f; 0x9b is a one-byte CSI).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}",
                        text)


class _Escaping:
    """A text stream that escapes control characters on the way to the real one."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, s: str) -> int:
        return self._stream.write(printable(s))

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


@contextlib.contextmanager
def escaped_output() -> Iterator[None]:
    """While inside, sys.stdout and sys.stderr escape control characters."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Escaping(out), _Escaping(err)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
