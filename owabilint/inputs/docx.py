"""Word drafts (.docx): the body's paragraphs and tables as lines of text, read with python-docx.

The text the rules see has one line per paragraph of the body, in reading order:

- a paragraph with a heading style (見出し 1…, Title) or an outline level is a heading;
- a paragraph with a list style or Word numbering is a list item;
- a table becomes labelled fields (read like any ``label：value`` line): in a two-column
  table each row is ``label：value``;
  in a wider one each cell under the header row is ``header：value``, rows separated by
  a blank line;
- a line break inside a paragraph (Shift+Enter) starts a new line, an empty paragraph
  is a blank line;
- tracked changes are read as accepted; headers, footers, text boxes and comments are not read.

Positions refer to this text (``PositionBase.DOCX_PARAGRAPH``): line N is the N-th
line above, the column counts characters in it. The .docx file itself is never rewritten.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from owabilint.errors import InputError
from owabilint.inputs.formats import FormatModule, InputFormat, PositionBase

if TYPE_CHECKING:
    from docx.table import Table, _Cell, _Row
    from docx.text.paragraph import Paragraph

    from owabilint.inputs.source import Source

NOT_REWRITTEN = "Word 文書（.docx）は自動修正で書き換えません。指摘の箇所は Word で直してください"
FIELD_SEPARATOR = "："
# An OLE compound file: how Word stores a password-protected (encrypted) document, and old .doc files.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A draft's unpacked parts are a few MB at most; refuse zip bombs before python-docx inflates them.
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
_HEADING_STYLE = re.compile(r"^(?:heading|title|subtitle|見出し|表題|副題)", re.IGNORECASE)
_LIST_STYLE = re.compile(r"^(?:list|リスト|箇条書き|段落番号)", re.IGNORECASE)
_SPACES = re.compile(r"[\t\u000b]+")


@dataclass
class DocxDraft:
    """The extracted text and the kind of each line that Word's styles decide (1-based line → kind)."""

    text: str
    line_roles: dict[int, str] = field(default_factory=dict)


def read_docx(data: bytes, path: str) -> DocxDraft:
    """Extract a .docx draft; a corrupt, protected or oversized file is an :class:`InputError`."""
    if data.startswith(_OLE_MAGIC):
        raise InputError(
            path,
            "パスワードで保護された Word 文書か、古い形式（.doc）の文書のため読み込めません。"
            "保護を解除し、.docx 形式で保存し直してください",
        )
    _check_package(data, path)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        lines = _Lines()
        for block in document.iter_inner_content():
            if isinstance(block, docx.table.Table):
                _add_table(block, lines)
            else:
                _add_paragraph(block, lines)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - python-docx and lxml raise many kinds of errors on a damaged file
        raise InputError(
            path,
            f"Word 文書（.docx）として読み込めません。ファイルが壊れている可能性があります（{type(exc).__name__}）",
        ) from None
    return DocxDraft("\n".join(lines.texts) + ("\n" if lines.texts else ""), lines.kinds)


def _check_package(data: bytes, path: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            unpacked = sum(info.file_size for info in package.infolist())
            names = set(package.namelist())
    except zipfile.BadZipFile:
        raise InputError(
            path, "Word 文書（.docx）として読み込めません。ファイルが壊れているか、.docx ではありません"
        ) from None
    if "word/document.xml" not in names and "[Content_Types].xml" not in names:
        raise InputError(path, "Word 文書（.docx）として読み込めません（本文 word/document.xml がありません）")
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputError(
            path, f"Word 文書の展開後のサイズが大きすぎます（{unpacked:,} バイト、上限 {MAX_UNPACKED_BYTES:,} バイト）"
        )


class _Lines:
    def __init__(self) -> None:
        self.texts: list[str] = []
        self.kinds: dict[int, str] = {}

    def add(self, text: str, kind: str | None = None) -> None:
        for piece in text.split("\n"):
            self.texts.append(piece)
            if kind is not None and piece.strip():
                self.kinds[len(self.texts)] = kind


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Not part of the text as the reader sees it with every tracked change accepted: deleted
# and moved-away runs, text boxes (drawn apart from the paragraph), the alternative copy
# of compatibility content, and paragraph and run properties (tab stops are w:tab too).
_SKIPPED = {
    f"{_W}del",
    f"{_W}moveFrom",
    f"{_W}txbxContent",
    f"{_W}pPr",
    f"{_W}rPr",
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
}


def _paragraph_text(paragraph: Paragraph) -> str:
    """The paragraph's text with tracked insertions in and deletions out (python-docx's
    ``Paragraph.text`` leaves out runs inside ``w:ins``)."""
    out: list[str] = []

    def walk(element: Any) -> None:  # an lxml element (lxml has no type stubs)
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            if tag == f"{_W}t":
                out.append(child.text or "")
            elif tag == f"{_W}tab":
                out.append(" ")
            elif tag in (f"{_W}br", f"{_W}cr"):
                if child.get(f"{_W}type") in (None, "textWrapping"):
                    out.append("\n")
            else:
                walk(child)

    walk(paragraph._p)
    return _SPACES.sub(" ", "".join(out).replace("\r", ""))


def _add_paragraph(paragraph: Paragraph, lines: _Lines) -> None:
    lines.add(_paragraph_text(paragraph), _paragraph_kind(paragraph))


def _paragraph_kind(paragraph: Paragraph) -> str | None:
    p_pr = paragraph._p.pPr
    style = paragraph.style
    names: list[str] = []
    while style is not None and len(names) < 10:  # a style and the styles it is based on
        names.append(style.name or "")
        style = style.base_style
    if any(_HEADING_STYLE.match(name) for name in names) or _outline_level(paragraph) is not None:
        return "heading"
    if (p_pr is not None and p_pr.numPr is not None) or any(_LIST_STYLE.match(name) for name in names):
        return "list"
    return None


def _outline_level(paragraph: Paragraph) -> int | None:
    from docx.oxml.ns import qn

    p_pr = paragraph._p.pPr
    level = p_pr.find(qn("w:outlineLvl")) if p_pr is not None else None
    if level is None:
        return None
    value = level.get(qn("w:val"))
    return int(value) if value is not None and value.isdigit() and int(value) < 9 else None


def _cell_text(cell: _Cell) -> str:
    return " ".join(t for t in (_paragraph_text(p).replace("\n", " ").strip() for p in cell.paragraphs) if t)


def _row_cells(row: _Row) -> list[str]:
    """The texts of a row's cells, a merged cell once."""
    out: list[str] = []
    seen: set[int] = set()
    for cell in row.cells:
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        out.append(_cell_text(cell))
    return out


def _add_table(table: Table, lines: _Lines) -> None:
    rows = [_row_cells(row) for row in table.rows]
    rows = [row for row in rows if any(row)]
    if not rows:
        return
    width = max(len(row) for row in rows)
    if width <= 2:
        for row in rows:
            label, value = (row + [""])[:2]
            _add_field(lines, label, value)
        return
    header, body = rows[0], rows[1:]
    if not body:
        lines.add("　".join(cell for cell in header if cell))
        return
    for n, row in enumerate(body):
        if n:
            lines.add("")
        for i, value in enumerate(row):
            if value:
                _add_field(lines, header[i] if i < len(header) else "", value)


def _add_field(lines: _Lines, label: str, value: str) -> None:
    if label and value:
        lines.add(f"{label}{FIELD_SEPARATOR}{value}")
    elif label or value:
        lines.add(label or value)


class WordFormat(FormatModule):
    """Word's styles decide which lines are headings and list items; a language-server
    buffer of a .docx file is linted as the text the editor holds."""

    format = InputFormat.DOCX
    suffixes = (".docx",)
    position_base = PositionBase.DOCX_PARAGRAPH

    def read(self, data: bytes, path: str, shown: str, encoding: str | None) -> Source:
        from owabilint.inputs.source import Source

        draft = read_docx(data, shown)
        return Source(path, draft.text, self.format, "utf-8", False, self.position_base, line_roles=draft.line_roles)
