"""Plain-text drafts (.txt, and any file whose suffix no other format claims): linted as written."""

from __future__ import annotations

from owabilint.inputs.formats import FormatModule, InputFormat


class PlainTextFormat(FormatModule):
    format = InputFormat.TEXT
    suffixes = (".txt",)
