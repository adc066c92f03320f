"""Reading drafts: paths and stdin → a Source (decoded text + what to lint), or a clear input error.

Four kinds of input:

- ``text`` (.txt and anything else): the decoded file.
- ``markdown`` (.md, .markdown): the decoded file; the engine lints its prose (code, HTML
  comments, link targets and front matter blanked, see :mod:`owabilint.markdown`).
- ``email`` (.eml): the Subject header and the text/plain body, decoded; positions refer
  to the decoded message (``position_base == "body"``), see :mod:`owabilint.email_draft`.
- ``docx`` (.docx, Word): one line per paragraph; positions refer to that text
  (``position_base == "docx-paragraph"``), see :mod:`owabilint.docx_draft`.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from owabilint.encoding import decode, encoding_label
from owabilint.errors import InputError
from owabilint.safe_read import FileTooLarge, NotRegularFile, read_regular

DRAFT_SUFFIXES = (".txt", ".md", ".markdown", ".eml", ".docx")
_KINDS = {".md": "markdown", ".markdown": "markdown", ".eml": "email", ".docx": "docx"}
STDIN = "-"
# A draft is a few KB; a file far larger is almost certainly not one, and linting it
# would take minutes and gigabytes. Raise it with --max-bytes.
DEFAULT_MAX_BYTES = 2_000_000


@dataclass
class Source:
    """One input, decoded.

    ``text`` is what the user wrote, in the coordinates every position refers to: the
    decoded file for text and Markdown (CRLF kept, BOM removed), the synthesized
    ``件名：…`` + body for e-mail.

    Writing a changed ``text`` back: ``encoding.encode_text(text, source.encoding,
    source.bom)`` gives the bytes in the original encoding, BOM and line endings
    (only for ``position_base == "file"``; an e-mail cannot be written back this way).
    """

    path: str  # as the user wrote it ("-" for stdin)
    text: str
    kind: str = "text"  # text | markdown | email | docx
    encoding: str = "utf-8"  # codec of the content after the BOM (cp932, euc-jp, utf-16-le, …)
    bom: bool = False
    position_base: str = "file"  # file | body (e-mail) | docx-paragraph (Word): see the modules of those inputs
    name: str | None = None  # shown instead of the path (stdin read as --stdin-filename NAME)
    line_kinds: dict[int, str] | None = None  # 1-based line → kind decided by the input's own markup (Word styles)

    @property
    def display_path(self) -> str:
        if self.name is not None:
            return self.name
        return "<stdin>" if self.path == STDIN else self.path

    @property
    def encoding_label(self) -> str:
        """The encoding as reported to users: a name that decodes the whole file (utf-8-sig, utf-16, cp932…)."""
        return encoding_label(self.encoding, self.bom)


def kind_of(path: str) -> str:
    return _KINDS.get(Path(path).suffix.lower(), "text")


def source_from_bytes(data: bytes, path: str, kind: str = "text", encoding: str | None = None) -> Source:
    """Decode one input's bytes as a draft of ``kind``; ``encoding`` forces a codec."""
    shown = "<stdin>" if path == STDIN else path
    if kind == "email":
        from owabilint.email_draft import read_email

        mail = read_email(data, shown, encoding)
        return Source(path, mail.text, "email", mail.encoding, False, "body")
    if kind == "docx":
        from owabilint.docx_draft import POSITION_BASE, read_docx

        draft = read_docx(data, shown)
        return Source(path, draft.text, "docx", "utf-8", False, POSITION_BASE, line_kinds=draft.line_kinds)
    decoded = decode(data, shown, encoding)
    return Source(path, decoded.text, kind, decoded.encoding, decoded.bom)


def read_source(
    path: str, *, encoding: str | None = None, max_bytes: int | None = DEFAULT_MAX_BYTES, kind: str | None = None
) -> Source:
    """Read and decode one path (``-`` is stdin, read as plain text unless ``kind`` says otherwise)."""
    if path == STDIN:
        limit = -1 if max_bytes is None else max_bytes + 1
        data = sys.stdin.buffer.read(limit)
        _check_size(len(data), max_bytes, "<stdin>")
        return source_from_bytes(data, STDIN, kind or "text", encoding)
    try:
        data = read_regular(path, max_bytes)
    except FileTooLarge as exc:
        _check_size(exc.size, max_bytes, path)
        raise
    except NotRegularFile:
        raise InputError(path, "通常のファイルではありません（デバイス、FIFO などは読み込みません）") from None
    except FileNotFoundError:
        raise InputError(path, "ファイルが見つかりません") from None
    except IsADirectoryError:
        raise InputError(path, "ディレクトリです") from None
    except PermissionError:
        raise InputError(path, "読み取る権限がありません") from None
    except OSError as exc:
        raise InputError(path, f"読み込めません: {exc.strerror or exc}") from None
    _check_size(len(data), max_bytes, path)
    return source_from_bytes(data, path, kind or kind_of(path), encoding)


def _check_size(size: int, max_bytes: int | None, path: str) -> None:
    if max_bytes is not None and size > max_bytes:
        actual = f"{size:,} バイト、" if path != "<stdin>" else ""
        raise InputError(
            path,
            f"ファイルが大きすぎます（{actual}上限 {max_bytes:,} バイト）。"
            "下書きでなければ対象から外し、下書きなら --max-bytes で上限を上げてください",
        )


def expand_paths(paths, exclude=(), exclude_base=None):  # type: ignore[no-untyped-def]
    """Files to lint (see :func:`owabilint.discovery.expand_paths`)."""
    from owabilint.discovery import expand_paths as expand

    return expand(paths, exclude, exclude_base)
