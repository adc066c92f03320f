"""Display width and line breaking for Japanese text on a terminal.

Full-width characters take two columns. Lines are broken between any two Japanese
characters, but never so that a closing mark (「。」「）」「：」…) starts a line or an opening
mark (「（」「「」…) ends one (行頭禁則 / 行末禁則), and never inside a run of Latin letters,
digits or an option such as ``--fix``. Standard library only: the CLI help uses it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Characters that must not start a line (行頭禁則) and that must not end one (行末禁則).
NO_LINE_START = frozenset(
    "。、，．,.：:；;！!？?）)」』】〕］]｝}〉》”’ー・…‥〜～ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々ゝゞヽヾ"
)
NO_LINE_END = frozenset("（(「『【〔［[｛{〈《“‘")

# A run that must stay together: Latin words, numbers, options, paths, rule ids.
_UNBREAKABLE = re.compile(r"[!-~]+")


@lru_cache(maxsize=4096)
def char_width(ch: str) -> int:
    """Columns one code point takes on a terminal (0 for combining marks)."""
    if unicodedata.combining(ch) or ch in "\u200b\u200d\ufe0e\ufe0f":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def text_width(text: str) -> int:
    return sum(char_width(ch) for ch in text)


def _pieces(text: str, atoms: tuple[str, ...] = ()) -> list[str]:
    """Split into the smallest pieces a line may break between (``atoms`` stay whole)."""
    pieces: list[str] = []
    pos = 0
    unbreakable = (
        re.compile("|".join(re.escape(a) for a in atoms) + "|" + _UNBREAKABLE.pattern) if atoms else _UNBREAKABLE
    )
    for m in unbreakable.finditer(text):
        pieces.extend(text[pos : m.start()])
        pieces.append(m.group())
        pos = m.end()
    pieces.extend(text[pos:])
    # Glue pieces so that no piece starts with a no-line-start mark or ends with a
    # no-line-end mark: breaking is then allowed between any two pieces.
    glued: list[str] = []
    for piece in pieces:
        if glued and (piece[0] in NO_LINE_START or glued[-1][-1] in NO_LINE_END) and piece != " ":
            glued[-1] += piece
        else:
            glued.append(piece)
    return glued


def wrap(text: str, width: int, atoms: tuple[str, ...] = ()) -> list[str]:
    """Break ``text`` (one paragraph, no newlines) into lines of at most ``width`` columns.

    A piece wider than ``width`` on its own (a long URL) is cut by characters. Spaces at
    a break are dropped. ``atoms`` are phrases never broken (a hint such as
    「(--fix で自動修正可)」).
    """
    width = max(width, 2)
    lines: list[str] = []
    line, used = "", 0
    for piece in _pieces(text, atoms):
        w = text_width(piece)
        if piece == " " and not line:
            continue
        if used + w <= width:
            line, used = line + piece, used + w
            continue
        if line.strip():
            lines.append(line.rstrip())
        line, used = "", 0
        if piece == " ":
            continue
        while w > width:  # a single piece wider than the line: cut it
            head, head_w = "", 0
            for ch in piece:
                if head_w + char_width(ch) > width:
                    break
                head, head_w = head + ch, head_w + char_width(ch)
            lines.append(head)
            piece = piece[len(head) :]
            w = text_width(piece)
        line, used = piece, w
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def hanging(text: str, width: int, first_prefix: str, indent: int, atoms: tuple[str, ...] = ()) -> list[str]:
    """Wrap ``text`` after ``first_prefix``; continuation lines start ``indent`` columns in."""
    text = text.strip()
    rest_room = width - indent
    if rest_room < 10:  # too narrow to indent: continue flush left
        indent, rest_room = 0, width
    first_room = width - text_width(first_prefix)
    if first_room < 10:
        return [first_prefix.rstrip(), *(" " * indent + line for line in wrap(text, rest_room, atoms))]
    first = wrap(text, first_room, atoms)[0]
    out = [first_prefix + first]
    remainder = text[len(first) :].lstrip(" ")
    if remainder:
        out.extend(" " * indent + line for line in wrap(remainder, rest_room, atoms))
    return out
