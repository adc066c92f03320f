"""The input formats owabilint reads, one module each, and the file suffixes that select them.

Adding a format (say .html) is one module with a :class:`FormatModule` subclass and one
line in ``_MODULES``. A format's module is imported the first time an input of that
format is read, so linting plain text never loads the e-mail, Markdown or Word readers
(tests/test_inputs.py checks that each module declares the suffixes listed here).
"""

from __future__ import annotations

import importlib
from pathlib import Path

from owabilint.inputs.formats import FormatModule, InputFormat

# format → (the suffixes that select it, "module:class" of its FormatModule)
_MODULES: dict[InputFormat, tuple[tuple[str, ...], str]] = {
    InputFormat.TEXT: ((".txt",), "owabilint.inputs.plain:PlainTextFormat"),
    InputFormat.MARKDOWN: ((".md", ".markdown"), "owabilint.inputs.markdown:MarkdownFormat"),
    InputFormat.EMAIL: ((".eml",), "owabilint.inputs.email:EmailFormat"),
    InputFormat.DOCX: ((".docx",), "owabilint.inputs.docx:WordFormat"),
}
_BY_SUFFIX = {suffix: format for format, (suffixes, _name) in _MODULES.items() for suffix in suffixes}
_LOADED: dict[InputFormat, FormatModule] = {}
# The suffixes of the files a folder walk picks up and the review page opens.
DRAFT_SUFFIXES = tuple(_BY_SUFFIX)


def format_of(path: str) -> InputFormat:
    """The format a file is read as, by its suffix (plain text when none matches)."""
    return _BY_SUFFIX.get(Path(path).suffix.lower(), InputFormat.TEXT)


def format_module(format: InputFormat | str) -> FormatModule:
    """The module of a format (a plain string is accepted for the library's ``format="markdown"``)."""
    format = InputFormat(format)
    module = _LOADED.get(format)
    if module is None:
        module_name, class_name = _MODULES[format][1].split(":")
        module = _LOADED[format] = getattr(importlib.import_module(module_name), class_name)()
    return module
