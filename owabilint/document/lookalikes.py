"""Fold look-alike ideographs to the unified ideographs they stand for.

Text copied out of PDFs often carries Kangxi radicals (⽉ U+2F49 for 月, ⽇ for 日),
CJK radicals supplement characters and CJK compatibility ideographs instead of the
ordinary ideographs: they look the same, but no date, count or word written with them
would match. NFKC maps each of them to exactly one unified ideograph, so folding is
one code point for one code point and every offset still points into the text as
written.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Blocks whose characters are look-alikes of unified ideographs.
_BLOCKS = (
    (0x2E80, 0x2EFF),  # CJK Radicals Supplement
    (0x2F00, 0x2FDF),  # Kangxi Radicals
    (0xF900, 0xFAFF),  # CJK Compatibility Ideographs
    (0x2F800, 0x2FA1F),  # CJK Compatibility Ideographs Supplement
)


@cache
def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    for first, last in _BLOCKS:
        for code in range(first, last + 1):
            ch = chr(code)
            folded = unicodedata.normalize("NFKC", ch)
            if len(folded) == 1 and folded != ch:
                table[code] = folded
    return table


_IN_BLOCKS = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in _BLOCKS) + "]")


def has_lookalikes(text: str) -> bool:
    """True when ``text`` holds a character of one of the look-alike blocks."""
    return _IN_BLOCKS.search(text) is not None


def fold_lookalikes(text: str) -> str:
    """``text`` with look-alike ideographs replaced by unified ones (same length)."""
    if not has_lookalikes(text):
        return text
    return text.translate(_table())
