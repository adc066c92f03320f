"""A sentence of a draft, and its text spelled in normalized forms."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from owabilint.document.layout import LineRole, is_date_row, is_note_line
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

    @cached_property
    def text(self) -> str:
        """The sentence with line breaks removed (hard-wrapped lines joined)."""
        assert self._doc is not None
        return "".join(self._doc.text[s:e] for s, e in self.segments)

    @cached_property
    def offsets(self) -> list[int]:
        """Document offset of each character of ``text``."""
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

    @cached_property
    def tokens(self) -> list[Token]:
        assert self._doc is not None
        return sentence_tokens(_safe_for_sudachi(self.text), self.offsets)

    @cached_property
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
        if self.role == LineRole.LIST:
            i = self.index - 1
            while i >= 0 and sentences[i].role == LineRole.LIST:
                i -= 1
            if i < 0 or sentences[i].role in ("heading", "subject"):
                return None
            return sentences[i] if self.paragraph - sentences[i].paragraph <= 1 else None
        if self.role == LineRole.PLAIN:
            prev = sentences[self.index - 1]
            if prev.role == LineRole.PLAIN and prev.paragraph == self.paragraph:
                return prev
        return None

    @property
    def context_sentences(self) -> list[Sentence]:
        """The heading and the lead sentence this sentence is read under.

        A timeline date on a line of its own ("4月3日（木）") is read with the entries
        under it: it says when they happened.
        """
        return [s for s in (self.heading, self.lead) if s is not None] + self.dated_entries

    @cached_property
    def is_note(self) -> bool:
        """A remark beside the text: on a ※ / 注 line, or wholly in parentheses."""
        assert self._doc is not None
        if is_note_line(self._doc.line_text(self.line)):
            return True
        text = self.text.strip()
        return text[:1] in "（(" and text[-1:] in "）)"

    @cached_property
    def is_date_row(self) -> bool:
        """A date on a line of its own, or a list item that starts with a date."""
        return is_date_row(self.role, self.text)

    @cached_property
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
        timeline = next_row or self.role == LineRole.LIST or rows[0] < self.index
        if not entries or not (timeline or entries[0].role == LineRole.LIST):
            return []
        return entries


@dataclass(slots=True)
class FoldedText:
    """Sentence text spelled with Sudachi normalized forms, mapped back to offsets."""

    text: str
    begins: list[int]
    ends: list[int]

    @classmethod
    def from_tokens(cls, tokens: list[Token]) -> FoldedText:
        parts: list[str] = []
        begins: list[int] = []
        ends: list[int] = []
        for t in tokens:
            piece = t.fold
            parts.append(piece)
            if len(piece) == t.end - t.begin:
                begins.extend(range(t.begin, t.end))
                ends.extend(range(t.begin + 1, t.end + 1))
            else:
                begins.extend([t.begin] * len(piece))
                ends.extend([t.end] * len(piece))
        return cls("".join(parts), begins, ends)

    def span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            return self.begins[start], self.begins[start]
        return self.begins[start], self.ends[end - 1]


_SURROGATE = re.compile("[\ud800-\udfff]")


def _safe_for_sudachi(text: str) -> str:
    """Replace lone surrogates (which cannot cross into Rust) without moving offsets."""
    if _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub("\ufffd", text)
