"""Code-point offsets → LSP positions in the encoding the client negotiated.

owabilint counts code points; LSP clients count UTF-16 code units unless they negotiate
UTF-8 or UTF-32. An emoji before a span is one code point but two UTF-16 units, so each
column is recounted on its own line. Lines end at ``\\r\\n``, ``\\r`` or ``\\n``, as both
owabilint and LSP define them.
"""

from __future__ import annotations

import bisect

from owabilint.document.layout import LINE_BREAK

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def units(text: str, encoding: str) -> int:
    """Length of ``text`` in the code units of ``encoding``."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


class LineIndex:
    """Maps offsets of one text to 0-based (line, character) in client code units."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding
        self.starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        return line, units(self.text[start:offset], self.encoding)
