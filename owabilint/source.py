"""Reading drafts: paths and stdin → decoded text, or a clear per-file input error."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from owabilint.errors import InputError

DRAFT_SUFFIXES = (".txt", ".md", ".markdown", ".eml")
_KINDS = {".md": "markdown", ".markdown": "markdown", ".eml": "email"}
STDIN = "-"


@dataclass
class Source:
    path: str  # as the user wrote it ("-" for stdin)
    text: str  # decoded text, exactly as in the file (CRLF kept, BOM removed)
    kind: str = "text"  # text | markdown | email
    encoding: str = "utf-8"
    bom: bool = False

    @property
    def display_path(self) -> str:
        return "<stdin>" if self.path == STDIN else self.path


def kind_of(path: str) -> str:
    return _KINDS.get(Path(path).suffix.lower(), "text")


def decode(data: bytes, path: str) -> tuple[str, str, bool]:
    """Decode bytes as UTF-8 (BOM optional): (text, encoding, had_bom)."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(path, "バイナリファイルのようです（NUL バイトを含む）。テキストの下書きを指定してください")
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8-sig" if bom else "utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            path, f"UTF-8 として読み込めません（{exc.start} バイト目）。文字コードを確認してください"
        ) from None
    return text, "utf-8", bom


def read_source(path: str) -> Source:
    if path == STDIN:
        data = sys.stdin.buffer.read()
        text, encoding, bom = decode(data, "<stdin>")
        return Source(STDIN, text, "text", encoding, bom)
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "ファイルが見つかりません") from None
    except IsADirectoryError:
        raise InputError(path, "ディレクトリです") from None
    except PermissionError:
        raise InputError(path, "読み取る権限がありません") from None
    except OSError as exc:
        raise InputError(path, f"読み込めません: {exc.strerror or exc}") from None
    text, encoding, bom = decode(data, path)
    return Source(path, text, kind_of(path), encoding, bom)


def expand_paths(paths: list[str]) -> list[str | InputError]:
    """Files to lint, in order: directories become the drafts under them."""
    out: list[str | InputError] = []
    for path in paths:
        p = Path(path)
        if path != STDIN and p.is_dir():
            drafts = sorted(
                str(f) for f in p.rglob("*") if f.is_file() and f.suffix.lower() in DRAFT_SUFFIXES and not _hidden(f, p)
            )
            if not drafts:
                out.append(InputError(path, "下書き（.txt / .md / .eml）が見つからないディレクトリです"))
            out.extend(drafts)
        else:
            out.append(path)
    return out


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)
