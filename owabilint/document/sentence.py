"""A sentence of a draft, and its text spelled in normalized forms."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from owabilint.document.cached import cached
from owabilint.document.layout import LIST, PLAIN, LineRole, is_date_row, is_note_line
from owabilint.document.recent import sentence_tokens
from owabilint.document.tokenizer import Token

if TYPE_CHECKING:
    from owabilint.document.model import Document


@dataclass(eq=False)
class Sentence:
    """A sentence: one or more pieces of lines (hard-wrapped mail joins lines)."""

    index: int
    segments: tuple[tuple[int, int], ...]
    role: LineRole  # never BLANK
    line: int  # 1-based line of the first character
    section: int | None = None  # index of the heading sentence this one is under
    paragraph: int = 0
    _doc: Document | None = field(default=None, repr=False)
    # What is read once from this sentence itself (folded digits, dates); what rules
    # ask about it is kept in the lint context (matchers.base.LintContext).
    memo: dict = field(default_factory=dict, repr=False)

    @property
    def start(self) -> int:
        return self.segments[0][0]

    @property
    def end(self) -> int:
        return self.segments[-1][1]

    @cached
    def text(self) -> str:
        """The sentence with line breaks removed (hard-wrapped lines joined)."""
        assert self._doc is not None
        if len(self.segments) == 1:
            start, end = self.segments[0]
            return self._doc.text[start:end]
        return "".join([self._doc.text[s:e] for s, e in self.segments])

    @cached
    def offsets(self) -> Sequence[int]:
        """Document offset of each character of ``text`` (a range for a sentence on one
        line: no list of a number per character to build and keep)."""
        if len(self.segments) == 1:
            return range(*self.segments[0])
        out: list[int] = []
        for s, e in self.segments:
            out.extend(range(s, e))
        return out

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Document span of ``text[start:end]``."""
        if end <= start:
            pos = self.offsets[start] if start < len(self.offsets) else self.end
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1

    @cached
    def tokens(self) -> list[Token]:
        assert self._doc is not None
        return sentence_tokens(_safe_for_sudachi(self.text), self.offsets)

    @cached
    def folded(self) -> FoldedText:
        return FoldedText.from_tokens(self.tokens)

    @property
    def heading(self) -> Sentence | None:
        if self.section is None or self._doc is None:
            return None
        return self._doc.sentences[self.section]

    @property
    def lead(self) -> Sentence | None:
        """The sentence that introduces this one (None when there is none).

        For a list item: the sentence before the list ("以下の対策を実施します。"), in
        the same paragraph or the one just before it. For a plain sentence: the
        sentence before it in the same paragraph.
        """
        if self._doc is None or self.index == 0:
            return None
        sentences = self._doc.sentences
        if self.role == LIST:
            i = self.index - 1
            while i >= 0 and sentences[i].role == LIST:
                i -= 1
            if i < 0 or sentences[i].role in ("heading", "subject"):
                return None
            return sentences[i] if self.paragraph - sentences[i].paragraph <= 1 else None
        if self.role == PLAIN:
            prev = sentences[self.index - 1]
            if prev.role == PLAIN and prev.paragraph == self.paragraph:
                return prev
        return None

    @property
    def context_sentences(self) -> list[Sentence]:
        """The heading and the lead sentence this sentence is read under.

        A timeline date on a line of its own ("4月3日（木）") is read with the entries
        under it: it says when they happened.
        """
        return [s for s in (self.heading, self.lead) if s is not None] + self.dated_entries

    @cached
    def is_note(self) -> bool:
        """A remark beside the text: on a ※ / 注 line, or wholly in parentheses."""
        assert self._doc is not None
        if is_note_line(self._doc.line_text(self.line)):
            return True
        text = self.text.strip()
        return text[:1] in "（(" and text[-1:] in "）)"

    @cached
    def is_date_row(self) -> bool:
        """A date on a line of its own, or a list item that starts with a date."""
        return is_date_row(self.role, self.text)

    @cached
    def dated_entries(self) -> list[Sentence]:
        """For a timeline date: the entries it heads.

        The entries are the rest of the date's paragraph or, when the date stands
        alone, the next paragraph, up to the next date or heading. Only inside the body
        (after a sentence of prose) and only in a timeline: the date is a list item,
        another date row comes before or after it, or the entries are list items. A
        date line above the body is the issue date, not the day of an event.
        """
        doc = self._doc
        if doc is None or not self.is_date_row:
            return []
        first_prose, rows = doc.timeline_landmarks
        if first_prose is None or first_prose > self.index:
            return []
        sentences = doc.sentences
        entries: list[Sentence] = []
        next_row = False
        for s in sentences[self.index + 1 :]:
            if s.is_date_row:
                next_row = True
                break
            if s.role in ("heading", "subject"):
                break
            if s.paragraph != (entries[-1].paragraph if entries else s.paragraph):
                break
            if not entries and s.paragraph - self.paragraph > 1:
                break
            entries.append(s)
        timeline = next_row or self.role == LIST or rows[0] < self.index
        if not entries or not (timeline or entries[0].role == LIST):
            return []
        return entries


class FoldedText:
    """Sentence text spelled with Sudachi normalized forms, mapped back to offsets.

    ``begins[i]``/``ends[i]`` is the document span of the i-th folded character. That map
    is built when a position is first asked for: most sentences are only searched.
    """

    __slots__ = ("_begins", "_ends", "_tokens", "text")

    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text = text
        self._tokens = tokens
        self._begins: list[int] | None = None
        self._ends: list[int] = []

    @classmethod
    def from_tokens(cls, tokens: list[Token]) -> FoldedText:
        return cls("".join([t.fold for t in tokens]), tokens)

    @property
    def begins(self) -> list[int]:
        if self._begins is None:
            self._map()
        assert self._begins is not None
        return self._begins

    @property
    def ends(self) -> list[int]:
        if self._begins is None:
            self._map()
        return self._ends

    def span(self, start: int, end: int) -> tuple[int, int]:
        begins = self.begins
        if end <= start:
            return begins[start], begins[start]
        return begins[start], self._ends[end - 1]

    def _map(self) -> None:
        """Each character of a token's fold maps to its own character of the document when
        the fold is as long as the token, else to the whole token. Tokens that follow one
        another and map character by character are mapped as one range."""
        tokens = self._tokens
        begins: list[int] = []
        ends: list[int] = []
        run_begin = run_end = tokens[0].begin if tokens else 0  # the range mapped so far
        for t in tokens:
            piece = t.fold
            begin = t.begin
            end = t.end
            exact = len(piece) == end - begin
            if exact and begin == run_end:
                run_end = end
                continue
            if run_end > run_begin:
                begins.extend(range(run_begin, run_end))
                ends.extend(range(run_begin + 1, run_end + 1))
            if exact:
                run_begin, run_end = begin, end
            else:
                begins.extend([begin] * len(piece))
                ends.extend([end] * len(piece))
                run_begin = run_end = end
        if run_end > run_begin:
            begins.extend(range(run_begin, run_end))
            ends.extend(range(run_begin + 1, run_end + 1))
        self._begins, self._ends = begins, ends


_SURROGATE = re.compile("[\ud800-\udfff]")


def _safe_for_sudachi(text: str) -> str:
    """Replace lone surrogates (which cannot cross into Rust) without moving offsets."""
    if _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub("\ufffd", text)
