"""What every input format provides: the format names and the contract of a format module.

A format module (plain text, Markdown, e-mail, Word) declares the file suffixes it
reads, turns the bytes of a file into a :class:`~owabilint.inputs.source.Source`, turns
the text of a Source into the :class:`~owabilint.document.Document` the rules see, and,
for the language server, maps positions in that text back into the editor's buffer.
:mod:`owabilint.inputs.registry` lists the modules.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar

from owabilint.document import Document
from owabilint.document.lookalikes import fold_lookalikes
from owabilint.inputs.encoding import decode

if TYPE_CHECKING:
    from owabilint.inputs.source import Source
    from owabilint.model import FileReport


class InputFormat(StrEnum):
    """How an input is read; the values are the names shown in JSON and on the review page."""

    TEXT = "text"
    MARKDOWN = "markdown"
    EMAIL = "email"
    DOCX = "docx"


class PositionBase(StrEnum):
    """What the line and column of a finding count in (reported as ``position_base``)."""

    FILE = "file"  # the decoded file
    BODY = "body"  # the decoded e-mail message (subject line + body)
    DOCX_PARAGRAPH = "docx-paragraph"  # one line per paragraph of a Word document


@dataclass(frozen=True)
class BufferView:
    """A language-server buffer as the rules see it (``text``), and the way back into the buffer.

    Most formats lint the buffer as it is; an e-mail is decoded first, so its findings
    have to be placed in the raw message again.
    """

    text: str

    def remap(self, report: FileReport) -> FileReport:
        """The report with every position in buffer coordinates."""
        return report


class FormatModule:
    """One input format. Subclasses set the class attributes and override what differs."""

    format: ClassVar[InputFormat]
    suffixes: ClassVar[tuple[str, ...]] = ()
    position_base: ClassVar[PositionBase] = PositionBase.FILE
    # Whether ``<!-- owabilint-disable -->`` comments are honoured: only where the reader
    # never sees them (see owabilint.suppression); elsewhere they are reported.
    honours_directives: ClassVar[bool] = False

    def read(self, data: bytes, path: str, shown: str, encoding: str | None) -> Source:
        """Decode one input's bytes (``shown`` names it in errors; ``encoding`` forces a codec)."""
        from owabilint.inputs.source import Source  # not at the top: source.py imports the registry

        decoded = decode(data, shown, encoding)
        return Source(path, decoded.text, self.format, decoded.encoding, decoded.bom, self.position_base)

    def document(self, text: str, path: str, line_roles: dict[int, str] | None = None) -> Document:
        """The Document of ``text``: look-alike ideographs folded (same length, so every
        offset still points into ``text``), lines read as ``line_roles`` says where the
        input's own markup decides (1-based line → heading | list | field)."""
        return Document(fold_lookalikes(text), format=self.format, path=path, line_roles=line_roles)

    def buffer_view(self, buffer: str, shown: str) -> BufferView:
        """An editor's buffer as the rules see it (raises InputError as the CLI would)."""
        return BufferView(buffer)
