"""Markdown drafts (.md, .markdown): keep the prose, blank out everything else without moving a character.

Non-prose regions (front matter, fenced and indented code, inline code spans, HTML
blocks and comments, inline HTML tags, link targets and link brackets, reference
definitions, thematic breaks, table delimiter rows, blockquote markers) are replaced by
spaces of the same length; line breaks stay. The masked text therefore has exactly
the length and the line starts of the file, so every offset, line and column the rules
report points into the original file.

markdown-it-py (CommonMark) finds the blocks and their line ranges; inside prose blocks
a small scanner finds the exact character ranges of code spans, comments and links,
using markdown-it's own link destination/title parsers. The same parse says where the
code is (blocks and spans): a comment there is text, not a directive (owabilint.suppression).
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from owabilint.document import Document, LineRole
from owabilint.document.lookalikes import fold_lookalikes
from owabilint.inputs.formats import FormatModule, InputFormat

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # the same line breaks as Document and markdown-it
_FRONT_MATTER_OPEN = {"---": ("---", "..."), "+++": ("+++",)}
_BLOCKQUOTE_MARKERS = re.compile(r"^(?:[ \t]{0,3}>[ \t]?)+")
_REFERENCE_DEFINITION = re.compile(r"^[ \t]{0,3}\[[^\]\r\n]+\]:[ \t]*\S")
# No two [ \t]* in a row: a line of spaces is matched once, not once per split point.
_TABLE_DELIMITER = re.compile(r"^[ \t]*(?:\|[ \t]*)?:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*(?:\|[ \t]*)?$")
_INLINE_TAG = re.compile(
    r"</?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>"
)
_INLINE_SPECIAL = re.compile(r"[\\`<\[!]")  # where an inline construct can start
_BRACKET_SPECIAL = re.compile(r"[\\`\[\]]")
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_SPACE = " \t\r\n"


@dataclass
class MaskedMarkdown:
    prose: str  # same length as the source; non-prose replaced by spaces
    code: list[tuple[int, int]] = field(default_factory=list)  # code blocks and code spans, in order
    setext_headings: list[int] = field(default_factory=list)  # 1-based lines of "Title\n=====" heading text


class _Masker:
    def __init__(self, text: str) -> None:
        self.text = text
        self.chars = list(text)
        self.code: list[tuple[int, int]] = []
        self.setext_headings: list[int] = []
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
        return MaskedMarkdown("".join(self.chars), sorted(self.code), self.setext_headings)


def mask_markdown(text: str) -> MaskedMarkdown:
    """The prose of a Markdown draft, aligned character for character with ``text``."""
    m = _Masker(text)
    skip = _front_matter_lines(m)
    m.mask_lines(0, skip)
    # Feed markdown-it the text with the front matter blanked, so its line numbers match ours.
    parse_text = "".join(m.chars) if skip else text
    env: dict = {}
    tokens = _block_parser().parse(parse_text, env)
    references = set(env.get("references", {}))
    covered: set[int] = set(range(skip))
    quote_ranges: list[tuple[int, int]] = []
    for tok in tokens:
        if tok.map is None:
            continue
        first, last = tok.map
        if tok.type in ("fence", "code_block", "hr"):
            m.mask_lines(first, last)
            if tok.type != "hr" and first < len(m.line_starts):
                m.code.append((m.line_starts[first], m.line_ends[min(last, len(m.line_ends)) - 1]))
        elif tok.type == "html_block":
            m.mask_lines(first, last)
        elif tok.type == "blockquote_open":
            quote_ranges.append((first, last))
        elif tok.type == "heading_open" and tok.markup in ("=", "-"):
            m.mask_lines(last - 1, last)  # setext underline
            m.setext_headings.extend(range(first + 1, last))
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


@functools.cache
def _block_parser() -> MarkdownIt:
    """markdown-it for blocks and reference definitions only: inline content is scanned here."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").disable(["inline", "text_join"])


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


# Link destinations and titles longer than this are left alone: bounds the work per "(".
_MAX_TARGET = 2048
_MAX_LABEL = 999  # CommonMark's limit for a reference label


class _Inline:
    """One prose block's inline content, with code spans, brackets and comment ends found
    up front in linear passes, so no construct rescans the block (no quadratic blow-up)."""

    def __init__(self, m: _Masker, start: int, end: int, references: set[str]) -> None:
        self.m = m
        self.text = m.text
        self.start = start
        self.end = end
        self.references = references
        self.code_end = self._code_spans()
        self.bracket_close = self._brackets()
        self.comment_ends = [mm.start() for mm in re.finditer("-->", self.text[start:end])]
        # Failed link and tag attempts each look ahead a bounded distance; the budget keeps
        # their total linear in the block even for input made of nothing but "[a](".
        self.budget = 16 * (end - start) + 4 * _MAX_TARGET

    def spend(self, amount: int) -> bool:
        """Charge a bounded look-ahead; False once the block's budget is used up."""
        self.budget -= amount
        return self.budget >= 0

    def _code_spans(self) -> dict[int, int]:
        """Opening backtick run start → end of its closing run (CommonMark: same run length)."""
        runs = [
            (mm.start() + self.start, len(mm.group())) for mm in re.finditer("`+", self.text[self.start : self.end])
        ]
        by_width: dict[int, list[int]] = {}
        for index, (_, width) in enumerate(runs):
            by_width.setdefault(width, []).append(index)
        cursor = {width: 0 for width in by_width}
        spans: dict[int, int] = {}
        index = 0
        while index < len(runs):
            at, width = runs[index]
            if self._escaped(at):  # a backslash before a run takes one backtick literally
                index += 1
                continue
            same = by_width[width]
            while cursor[width] < len(same) and same[cursor[width]] <= index:
                cursor[width] += 1
            if cursor[width] < len(same):
                closing = same[cursor[width]]
                spans[at] = runs[closing][0] + width
                index = closing + 1
            else:
                index += 1
        return spans

    def _escaped(self, at: int) -> bool:
        slashes = 0
        while at - slashes - 1 >= self.start and self.text[at - slashes - 1] == "\\":
            slashes += 1
        return slashes % 2 == 1

    def _brackets(self) -> dict[int, int]:
        """``[`` → its balanced ``]`` (escapes and code spans skipped)."""
        text, close, stack = self.text, {}, []
        i = self.start
        while i < self.end:
            found = _BRACKET_SPECIAL.search(text, i, self.end)
            if found is None:
                break
            i = found.start()
            ch = text[i]
            if ch == "\\":
                i += 2
                continue
            if ch == "`":
                after = self.code_end.get(i)
                if after is not None:
                    i = after
                    continue
                while i < self.end and text[i] == "`":
                    i += 1
                continue
            if ch == "[":
                stack.append(i)
            elif ch == "]" and stack:
                close[stack.pop()] = i
            i += 1
        return close

    def scan(self, start: int, end: int) -> None:
        """Blank the non-prose parts of ``text[start:end]``."""
        text = self.text
        i = start
        while i < end:
            found = _INLINE_SPECIAL.search(text, i, end)
            if found is None:
                return
            i = found.start()
            ch = text[i]
            if ch == "\\" and i + 1 < end and text[i + 1] in _ASCII_PUNCT:
                i += 2
            elif ch == "`":
                after = self.code_end.get(i)
                if after is not None and after <= end:
                    self.m.code.append((i, after))
                    self.m.mask(i, after)
                    i = after
                else:
                    while i < end and text[i] == "`":
                        i += 1
            elif ch == "<":
                i = self._inline_html(i, end)
            elif ch == "[" or (ch == "!" and text[i + 1 : i + 2] == "["):
                i = self._link(i, end)
            else:
                i += 1

    def _inline_html(self, i: int, end: int) -> int:
        text = self.text
        if text.startswith("<!--", i):
            k = bisect.bisect_left(self.comment_ends, i + 4 - self.start)
            if k < len(self.comment_ends) and self.comment_ends[k] + self.start + 3 <= end:
                stop = self.comment_ends[k] + self.start + 3
                self.m.mask(i, stop)
                return stop
            return i + 1
        stop = min(end, i + _MAX_TARGET)
        tag = _INLINE_TAG.match(text, i, stop) if self.spend(stop - i) else None
        if tag:
            self.m.mask(i, tag.end())
            return tag.end()
        return i + 1

    def _link(self, i: int, end: int) -> int:
        """Blank a link's brackets and target, keep its text; ``[顧客名]`` alone is left as is."""
        from markdown_it.common.utils import normalizeReference

        text = self.text
        open_at = i + 1 if text[i] == "!" else i
        close = self.bracket_close.get(open_at, -1)
        if close < 0 or close >= end:
            return open_at + 1
        target_end = -1
        if text[close + 1 : close + 2] == "(" and self.spend(min(end - close, _MAX_TARGET)):
            target_end = _inline_target_end(text, close + 1, end)
        if target_end < 0 and text[close + 1 : close + 2] == "[" and self.spend(_MAX_LABEL):
            ref_close = text.find("]", close + 2, min(end, close + 2 + _MAX_LABEL))
            if ref_close >= 0:
                label = text[close + 2 : ref_close] or text[open_at + 1 : close]
                if normalizeReference(label) in self.references:
                    target_end = ref_close + 1
        if target_end < 0:
            if close - open_at > _MAX_LABEL or normalizeReference(text[open_at + 1 : close]) not in self.references:
                return open_at + 1  # not a link: keep it (a template slot like [顧客名] must stay visible)
            target_end = close + 1
        self.m.mask(i, open_at + 1)
        self.m.mask(close, target_end)
        self.scan(open_at + 1, close)
        return target_end


def _scan_inline(m: _Masker, start: int, end: int, references: set[str]) -> None:
    """Blank the non-prose parts of one prose block's inline content (``text[start:end]``)."""
    _Inline(m, start, end, references).scan(start, end)


def _inline_target_end(text: str, pos: int, end: int) -> int:
    """End of an inline link target ``(dest "title")`` starting at ``pos``, or -1."""
    from markdown_it.helpers import parseLinkDestination, parseLinkTitle

    if pos >= end or text[pos] != "(":
        return -1
    end = min(end, pos + _MAX_TARGET)
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


_INLINE_LINK = re.compile(r"\[([^\[\]\r\n]+)\]\(\s*<?(https?://[^\s()<>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def link_targets(text: str) -> list[tuple[int, int, str]]:
    """Inline links ``[text](https://…)``: (start, end) of the link text and the target URL.

    Masking blanks the targets; rules that need to know a sentence offers a URL (an
    inquiry form) read them from here.
    """
    return [(m.start(1), m.end(1), m.group(2)) for m in _INLINE_LINK.finditer(text)]


class MarkdownFormat(FormatModule):
    """Only the prose is linted: code, HTML comments, link targets and front matter are
    blanked (same length, so positions still point into the file). The draft's HTML
    comments are invisible to its reader, so directives in them are honoured."""

    format = InputFormat.MARKDOWN
    suffixes = (".md", ".markdown")
    honours_directives = True

    def document(self, text: str, path: str, line_roles: dict[int, str] | None = None) -> Document:
        """The Document of the draft's prose; its headings are Markdown's (``line_roles`` is not used)."""
        masked = mask_markdown(text)
        return Document(
            fold_lookalikes(masked.prose),
            format=self.format,
            path=path,
            # "Title\n=====": the underline is blanked, the parser knows the heading
            line_roles=dict.fromkeys(masked.setext_headings, LineRole.HEADING),
            links=link_targets(text),  # a link's target is masked, but it is still a URL the reader can open
            code=masked.code,
        )
