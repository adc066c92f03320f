"""The input formats owabilint reads, one module each, and the file suffixes that select them.

Adding a format (say .html) is one module with a :class:`FormatModule` subclass and one
line in ``_MODULES``.
"""

from __future__ import annotations

from pathlib import Path

from owabilint.inputs.docx import WordFormat
from owabilint.inputs.email import EmailFormat
from owabilint.inputs.formats import FormatModule, InputFormat
from owabilint.inputs.markdown import MarkdownFormat
from owabilint.inputs.plain import PlainTextFormat

_MODULES: tuple[FormatModule, ...] = (
    PlainTextFormat(),
    MarkdownFormat(),
    EmailFormat(),
    WordFormat(),
)
_BY_FORMAT = {module.format: module for module in _MODULES}
_BY_SUFFIX = {suffix: module.format for module in _MODULES for suffix in module.suffixes}
# The suffixes of the files a folder walk picks up and the review page opens.
DRAFT_SUFFIXES = tuple(_BY_SUFFIX)


def format_of(path: str) -> InputFormat:
    """The format a file is read as, by its suffix (plain text when none matches)."""
    return _BY_SUFFIX.get(Path(path).suffix.lower(), InputFormat.TEXT)


def format_module(format: InputFormat | str) -> FormatModule:
    """The module of a format (a plain string is accepted for the library's ``format="markdown"``)."""
    return _BY_FORMAT[InputFormat(format)]
