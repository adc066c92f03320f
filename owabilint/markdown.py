"""Markdown drafts: keep the prose, blank out everything else without moving a character.

Non-prose regions (front matter, fenced and indented code, inline code spans, HTML
blocks and comments, inline HTML tags, link targets and link brackets, reference
definitions, thematic breaks, table delimiter rows, blockquote markers) are replaced by
spaces of the same length; line breaks stay. The masked text therefore has exactly
the length and the line starts of the file, so every offset, line and column the rules
report points into the original file.

markdown-it-py (CommonMark) finds the blocks and their line ranges; inside prose blocks
a small scanner finds the exact character ranges of code spans, comments and links,
using markdown-it's own link destination/title parsers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # the same line breaks as Document and markdown-it
_FRONT_MATTER_OPEN = {"---": ("---", "..."), "+++": ("+++",)}
_BLOCKQUOTE_MARKERS = re.compile(r"^(?:[ \t]{0,3}>[ \t]?)+")
_REFERENCE_DEFINITION = re.compile(r"^[ \t]{0,3}\[[^\]\r\n]+\]:[ \t]*\S")
_TABLE_DELIMITER = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_INLINE_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>")
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_SPACE = " \t\r\n"


@dataclass
class MaskedMarkdown:
    prose: str  # same length as the source; non-prose replaced by spaces
    comments: list[tuple[int, int]] = field(default_factory=list)  # HTML comment spans, <!-- … --> included


class _Masker:
    def __init__(self, text: str) -> None:
        self.text = text
        self.chars = list(text)
        self.comments: list[tuple[int, int]] = []
        self.line_starts = [0]
        self.line_ends: list[int] = []  # before the line break
        for m in _LINE_BREAK.finditer(text):
            self.line_ends.append(m.start())
            self.line_starts.append(m.end())
        self.line_ends.append(len(text))

    def mask(self, start: int, end: int) -> None:
        for i in range(start, end):
            if self.chars[i] not in "\r\n":
                self.chars[i] = " "

    def mask_lines(self, first: int, last: int) -> None:
        """Blank lines ``first`` ≤ n < ``last`` (0-based)."""
        last = min(last, len(self.line_starts))
        if first < last:
            self.mask(self.line_starts[first], self.line_ends[last - 1])

    def line(self, n: int) -> str:
        return self.text[self.line_starts[n] : self.line_ends[n]]

    def result(self) -> MaskedMarkdown:
        return MaskedMarkdown("".join(self.chars), sorted(self.comments))


def mask_markdown(text: str) -> MaskedMarkdown:
    """The prose of a Markdown draft, aligned character for character with ``text``."""
    from markdown_it import MarkdownIt

    m = _Masker(text)
    skip = _front_matter_lines(m)
    m.mask_lines(0, skip)
    # Feed markdown-it the text with the front matter blanked, so its line numbers match ours.
    parse_text = "".join(m.chars) if skip else text
    env: dict = {}
    tokens = MarkdownIt("commonmark").enable("table").parse(parse_text, env)
    references = set(env.get("references", {}))
    covered: set[int] = set(range(skip))
    quote_ranges: list[tuple[int, int]] = []
    for tok in tokens:
        if tok.map is None:
            continue
        first, last = tok.map
        if tok.type in ("fence", "code_block", "hr"):
            m.mask_lines(first, last)
        elif tok.type == "html_block":
            _record_comments(m, m.line_starts[first], m.line_ends[min(last, len(m.line_ends)) - 1])
            m.mask_lines(first, last)
        elif tok.type == "blockquote_open":
            quote_ranges.append((first, last))
        elif tok.type == "heading_open" and tok.markup in ("=", "-"):
            m.mask_lines(last - 1, last)  # setext underline
        elif tok.type == "inline":
            _scan_inline(m, m.line_starts[first], m.line_ends[min(last, len(m.line_ends)) - 1], references)
        elif tok.type == "table_open":
            for n in range(first, min(last, len(m.line_starts))):
                if _TABLE_DELIMITER.match(m.line(n)):
                    m.mask_lines(n, n + 1)
        if tok.type in ("fence", "code_block", "hr", "html_block", "inline", "table_open", "heading_open"):
            covered.update(range(first, last))
    for first, last in quote_ranges:
        for n in range(first, min(last, len(m.line_starts))):
            marker = _BLOCKQUOTE_MARKERS.match(m.line(n))
            if marker:
                start = m.line_starts[n]
                m.mask(start, start + marker.end())
    for n in range(len(m.line_starts)):
        if n not in covered and _REFERENCE_DEFINITION.match(m.line(n)):
            m.mask_lines(n, n + 1)
    return m.result()


def _front_matter_lines(m: _Masker) -> int:
    """Number of lines of YAML (---) or TOML (+++) front matter at the top, 0 if none."""
    if not m.line_starts:
        return 0
    closers = _FRONT_MATTER_OPEN.get(m.line(0).rstrip())
    if not closers:
        return 0
    for n in range(1, len(m.line_starts)):
        if m.line(n).rstrip() in closers:
            return n + 1
    return 0


def _record_comments(m: _Masker, start: int, end: int) -> None:
    pos = start
    while True:
        open_at = m.text.find("<!--", pos, end)
        if open_at < 0:
            return
        close_at = m.text.find("-->", open_at + 4)
        stop = close_at + 3 if close_at >= 0 else end
        m.comments.append((open_at, stop))
        pos = stop


def _scan_inline(m: _Masker, start: int, end: int, references: set[str]) -> None:
    """Blank the non-prose parts of one prose block's inline content (``text[start:end]``)."""
    text = m.text
    i = start
    while i < end:
        ch = text[i]
        if ch == "\\" and i + 1 < end and text[i + 1] in _ASCII_PUNCT:
            i += 2
        elif ch == "`":
            i = _code_span(m, i, end)
        elif ch == "<":
            i = _inline_html(m, i, end)
        elif ch == "[" or (ch == "!" and text[i + 1 : i + 2] == "["):
            i = _link(m, i, end, references)
        else:
            i += 1


def _code_span(m: _Masker, i: int, end: int) -> int:
    text = m.text
    run = i
    while run < end and text[run] == "`":
        run += 1
    width = run - i
    j = run
    while j < end:
        close = text.find("`" * width, j, end)
        if close < 0:
            return run  # no closing run: literal backticks
        after = close + width
        while after < end and text[after] == "`":
            after += 1
        if after - close == width:
            m.mask(i, after)
            return after
        j = after
    return run


def _inline_html(m: _Masker, i: int, end: int) -> int:
    text = m.text
    if text.startswith("<!--", i):
        close = text.find("-->", i + 4, end)
        if close >= 0:
            m.comments.append((i, close + 3))
            m.mask(i, close + 3)
            return close + 3
        return i + 1
    tag = _INLINE_TAG.match(text, i, end)
    if tag:
        m.mask(i, tag.end())
        return tag.end()
    return i + 1


def _label_end(text: str, open_at: int, end: int) -> int:
    """Index of the ``]`` closing the ``[`` at ``open_at`` (nested brackets balanced), or -1."""
    depth = 0
    i = open_at
    while i < end:
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "`":  # a code span inside the label
            close = text.find("`", i + 1, end)
            i = close + 1 if close >= 0 else i + 1
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _link(m: _Masker, i: int, end: int, references: set[str]) -> int:
    """Blank a link's brackets and target, keep its text; ``[顧客名]`` alone is left as is."""
    from markdown_it.common.utils import normalizeReference

    text = m.text
    bang = text[i] == "!"
    open_at = i + 1 if bang else i
    close = _label_end(text, open_at, end)
    if close < 0:
        return open_at + 1
    target_end = _inline_target_end(text, close + 1, end)
    if target_end < 0 and text[close + 1 : close + 2] == "[":
        ref_close = text.find("]", close + 2, end)
        if ref_close >= 0:
            label = text[close + 2 : ref_close] or text[open_at + 1 : close]
            if normalizeReference(label) in references:
                target_end = ref_close + 1
    if target_end < 0:
        if normalizeReference(text[open_at + 1 : close]) not in references:
            return open_at + 1  # not a link: keep it (a template slot like [顧客名] must stay visible)
        target_end = close + 1
    m.mask(i, open_at + 1)
    m.mask(close, target_end)
    _scan_inline(m, open_at + 1, close, references)
    return target_end


def _inline_target_end(text: str, pos: int, end: int) -> int:
    """End of an inline link target ``(dest "title")`` starting at ``pos``, or -1."""
    from markdown_it.helpers import parseLinkDestination, parseLinkTitle

    if pos >= end or text[pos] != "(":
        return -1
    pos += 1
    while pos < end and text[pos] in _SPACE:
        pos += 1
    if pos < end and text[pos] == ")":
        return pos + 1
    dest = parseLinkDestination(text, pos, end)
    if not dest.ok:
        return -1
    pos = dest.pos
    while pos < end and text[pos] in _SPACE:
        pos += 1
    if pos < end and text[pos] != ")":
        title = parseLinkTitle(text, pos, end)
        if title.ok:
            pos = title.pos
            while pos < end and text[pos] in _SPACE:
                pos += 1
    if pos < end and text[pos] == ")":
        return pos + 1
    return -1
