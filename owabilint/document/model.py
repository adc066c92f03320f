"""The document model: lines, sentences, sections and tokens of one draft, computed once.

Offsets everywhere are code-point indices into ``Document.text``. The text is never
rewritten: CRLF stays CRLF, so a position we report is a position in the user's file.
How lines and sentences are read lives in ``layout`` and ``splitting``; this class
computes each answer once per draft and keeps it.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping

from owabilint.document import layout, spans
from owabilint.document.cached import cached
from owabilint.document.layout import BLANK, LINE_BREAK, PLAIN, TERMINALS, Line, LineRole
from owabilint.document.sentence import Sentence
from owabilint.document.splitting import split_sentences

_SIGNATURE_LINE_CHARS = 60


class Document:
    """A decoded draft and everything the rules need to know about its text."""

    def __init__(
        self,
        text: str,
        *,
        format: str = "text",
        path: str = "<text>",
        line_roles: Mapping[int, str] | None = None,
        links: list[tuple[int, int, str]] | None = None,
        code: list[tuple[int, int]] | None = None,
    ) -> None:
        """``text`` is what the rules read, as its input format built it (owabilint.inputs):
        ``line_roles`` (1-based line → heading | list | field) is how the input's own
        markup reads a line, ``links`` are links whose targets were masked ((start, end)
        of the link text, URL), ``code`` the spans that are code (a comment there is text)."""
        self.text = text
        self.format = format  # an owabilint.inputs.formats.InputFormat
        self.path = path
        self.line_roles = {number: LineRole(role) for number, role in (line_roles or {}).items()}
        self.links = links or []
        self.code = code or []
        self.line_starts = [0]
        self.line_ends: list[int] = []
        for m in LINE_BREAK.finditer(text):
            self.line_ends.append(m.start())
            self.line_starts.append(m.end())
        self.line_ends.append(len(text))
        # What is read once from the whole draft (outline labels, dates); what rules
        # remember about it is kept in the lint context (matchers.base.LintContext).
        self.cache: dict[object, object] = {}

    # ----------------------------------------------------------------- positions
    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset."""
        i = bisect.bisect_right(self.line_starts, offset) - 1
        col = offset - self.line_starts[i]
        # An offset inside a CRLF pair is reported at the end of its line.
        col = min(col, self.line_ends[i] - self.line_starts[i])
        return i + 1, col + 1

    # ----------------------------------------------------------------- prefilters
    # A pattern that finds nothing here finds nothing in any single sentence, so a rule
    # can skip the per-sentence work for the whole draft (see Pattern.possible).
    @cached
    def sentence_texts(self) -> str:
        """The text of every sentence, one per line."""
        return "\n".join(s.text for s in self.sentences)

    @cached
    def folded_texts(self) -> str:
        """The folded text of every sentence, one per line."""
        return "\n".join(s.folded.text for s in self.sentences)

    @cached
    def content_lines(self) -> list[int]:
        """1-based numbers of the non-blank lines, in order."""
        return [ln.number for ln in self.lines if ln.role != BLANK]

    def line_text(self, number: int) -> str:
        return self.text[self.line_starts[number - 1] : self.line_ends[number - 1]]

    @cached
    def lines(self) -> list[Line]:
        lines = layout.read_lines(self)
        if not self.line_roles:
            return lines
        for i, line in enumerate(lines):  # what the input's markup says wins (not on a blank line)
            role = self.line_roles.get(line.number)
            if role is not None and line.role != BLANK:
                lines[i] = Line(line.number, line.start, line.end, role)
        return lines

    # ----------------------------------------------------------------- sentences
    @cached
    def sentences(self) -> list[Sentence]:
        return split_sentences(self)

    @cached
    def title_lines(self) -> frozenset[int]:
        """1-based numbers of the lines that end a title at the top of the notice."""
        return layout.title_lines(self)

    @cached
    def wrap_width(self) -> int | None:
        """The display width the draft was hard-wrapped at, or None."""
        return layout.wrap_width(self)

    @cached
    def timeline_landmarks(self) -> tuple[int | None, list[int]]:
        """Index of the first sentence of prose (ending in 。) and the indices of the date rows."""
        first_prose = next((s.index for s in self.sentences if s.text.rstrip()[-1:] in "。．"), None)
        return first_prose, [s.index for s in self.sentences if s.is_date_row]

    @cached
    def listed_timeline_entries(self) -> frozenset[int]:
        """Indices of the sentences told under a dated list item (・5月8日（水） 委託先から報告)
        or a numbered timeline date ((2)5月8日（水）18時頃)."""
        return frozenset(e.index for s in self.sentences if s.role in ("list", "heading") for e in s.dated_entries)

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence that holds ``offset``, or None (a blank line, a masked part)."""
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None

    # ----------------------------------------------------------------- signature
    @cached
    def signature_start(self) -> int | None:
        """Offset where the closing sender block begins, or None.

        The block is the run of short lines after the last sentence of prose that ends
        in 。！？ (or after 以上): organisation, department, address, phone, person in
        charge. Lines there are names and fields, not sentences of the body.
        """
        last_prose_end = None
        for s in self.sentences:
            if s.role == PLAIN and (s.text.rstrip()[-1:] in TERMINALS or s.text.strip() == "以上"):
                last_prose_end = s.end
        if last_prose_end is None:
            return None
        rest = [ln for ln in self.lines if ln.start >= last_prose_end and ln.role != BLANK]
        if not rest:
            return None
        if any(ln.end - ln.start > _SIGNATURE_LINE_CHARS or "。" in self.text[ln.start : ln.end] for ln in rest):
            return None
        return rest[0].start

    def in_signature(self, offset: int) -> bool:
        start = self.signature_start
        return start is not None and offset >= start

    # ----------------------------------------------------------------- spans
    @cached
    def quote_spans(self) -> list[tuple[int, int]]:
        """Spans of quotations: 「…」 that holds someone's words (see ``spans.quote_spans``)."""
        return spans.quote_spans(self.text)

    @cached
    def url_spans(self) -> list[tuple[int, int]]:
        return spans.url_spans(self.text)

    @cached
    def email_spans(self) -> list[tuple[int, int]]:
        return spans.email_spans(self.text)

    def in_spans(self, spans_: list[tuple[int, int]], start: int, end: int) -> bool:
        return spans.in_spans(spans_, start, end)

    def in_quote(self, start: int, end: int) -> bool:
        return self.in_spans(self.quote_spans, start, end)

    def in_url_or_email(self, start: int, end: int) -> bool:
        return self.in_spans(self.url_spans, start, end) or self.in_spans(self.email_spans, start, end)
