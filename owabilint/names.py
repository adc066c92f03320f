"""File names as owabilint prints them: every character visible, every byte representable.

A name on disk need not be UTF-8 (Python hands it over with the undecodable bytes as
lone surrogates) and may contain control characters (a newline, an escape sequence) or
bidirectional overrides. Printed as they are, such names kill output under a strict
UTF-8 stdout, put invalid text into JSON and SARIF, forge extra lines in text and
GitHub output, or rewrite the terminal. Every format therefore prints
:func:`printable_name`: undecodable bytes and control characters become ``\\xNN``,
other surrogates and invisible direction controls ``\\uNNNN``; ordinary names are
unchanged.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0x9F:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def printable_name(name: str) -> str:
    """``name`` with undecodable bytes, control characters and direction controls escaped."""
    return _UNSAFE.sub(_escape, name)
