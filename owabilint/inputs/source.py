"""Reading drafts: paths and stdin → a Source (decoded text + what to lint), or a clear input error.

Which format an input is read as (plain text, Markdown, e-mail, Word) follows from its
suffix (:func:`owabilint.inputs.registry.format_of`); the format module decodes it.
Positions refer to the decoded text the rules see: the file itself for text and
Markdown, the decoded message for e-mail, one line per paragraph for Word
(``position_base``, see :class:`owabilint.inputs.formats.PositionBase`).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from owabilint.errors import InputError
from owabilint.inputs.encoding import encoding_label
from owabilint.inputs.formats import InputFormat, PositionBase
from owabilint.inputs.registry import format_module, format_of
from owabilint.safe_read import FileTooLarge, NotRegularFile, read_regular

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
    (only for ``PositionBase.FILE``; an e-mail cannot be written back this way).
    """

    path: str  # as the user wrote it ("-" for stdin)
    text: str
    format: InputFormat = InputFormat.TEXT
    encoding: str = "utf-8"  # codec of the content after the BOM (cp932, euc-jp, utf-16-le, …)
    bom: bool = False
    position_base: PositionBase = PositionBase.FILE
    name: str | None = None  # shown instead of the path (stdin read as --stdin-filename NAME)
    line_roles: dict[int, str] | None = None  # 1-based line → role decided by the input's own markup (Word styles)

    @property
    def display_path(self) -> str:
        if self.name is not None:
            return self.name
        return "<stdin>" if self.path == STDIN else self.path

    @property
    def encoding_label(self) -> str:
        """The encoding as reported to users: a name that decodes the whole file (utf-8-sig, utf-16, cp932…)."""
        return encoding_label(self.encoding, self.bom)


def source_from_bytes(
    data: bytes, path: str, format: InputFormat = InputFormat.TEXT, encoding: str | None = None
) -> Source:
    """Decode one input's bytes as a draft of ``format``; ``encoding`` forces a codec."""
    return format_module(format).read(data, path, "<stdin>" if path == STDIN else path, encoding)


def read_source(
    path: str,
    *,
    encoding: str | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    format: InputFormat | None = None,
) -> Source:
    """Read and decode one path (``-`` is stdin, read as plain text unless ``format`` says otherwise)."""
    if path == STDIN:
        limit = -1 if max_bytes is None else max_bytes + 1
        data = sys.stdin.buffer.read(limit)
        _check_size(len(data), max_bytes, "<stdin>")
        return source_from_bytes(data, STDIN, format or InputFormat.TEXT, encoding)
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
    return source_from_bytes(data, path, format or format_of(path), encoding)


def _check_size(size: int, max_bytes: int | None, path: str) -> None:
    if max_bytes is not None and size > max_bytes:
        actual = f"{size:,} バイト、" if path != "<stdin>" else ""
        raise InputError(
            path,
            f"ファイルが大きすぎます（{actual}上限 {max_bytes:,} バイト）。"
            "下書きでなければ対象から外し、下書きなら --max-bytes で上限を上げてください",
        )
