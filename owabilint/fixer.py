"""Safe mechanical fixes: apply the replacements findings carry, and write files back.

Fixes never overlap when applied: they are taken left to right, a fix that overlaps an
earlier one waits for the next pass, and the text is edited right to left so earlier
offsets stay valid. Linting and fixing repeat until no fix is left (a few passes at
most), so a second ``--fix`` finds nothing more to do.

Writing back keeps what the user had: the original encoding and BOM, the line endings
(the decoded text keeps CRLF), the bytes outside the fixed spans (see byte_splice), the
permission bits (setuid and setgid included) and, when allowed, the owner. The new file
is written to a temporary file in the same folder and renamed over the original (a
symbolic link is followed and kept; a hard link becomes a file of its own), nothing is
written when the file changed on disk since it was read, and a read-only file is not
rewritten (as editors refuse to).
"""

from __future__ import annotations

import difflib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from owabilint.errors import OwabilintError
from owabilint.model import FileReport, Fix

MAX_PASSES = 5


class FixError(OwabilintError):
    """A fixed file cannot be written back (the message names the file)."""


@dataclass
class FixResult:
    text: str  # the fixed text
    applied: int  # number of fixes applied over all passes
    report: FileReport  # findings left in the fixed text


def non_overlapping(fixes: Iterable[Fix]) -> list[Fix]:
    """The fixes to apply in one pass: sorted, duplicates dropped, no two overlapping."""
    chosen: list[Fix] = []
    for fix in sorted(set(fixes), key=lambda f: (f.offset, f.end_offset, f.replacement)):
        if chosen and fix.offset < chosen[-1].end_offset:
            continue
        if chosen and fix.offset == chosen[-1].end_offset == fix.end_offset == chosen[-1].offset:
            continue  # two insertions at one point: their order is ambiguous, keep one
        chosen.append(fix)
    return chosen


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, int]:
    """Apply non-overlapping fixes right to left; returns (new text, fixes applied)."""
    chosen = non_overlapping(fixes)
    for fix in reversed(chosen):
        text = text[: fix.offset] + fix.replacement + text[fix.end_offset :]
    return text, len(chosen)


def fix_text(text: str, lint: Callable[[str], FileReport], max_passes: int = MAX_PASSES) -> FixResult:
    """Lint and fix until no fix is left (or ``max_passes`` passes)."""
    report = lint(text)
    applied = 0
    for _ in range(max_passes):
        fixes = [d.fix for d in report.diagnostics if d.fix is not None]
        if not fixes:
            break
        new_text, count = apply_fixes(text, fixes)
        if new_text == text:
            break
        text, applied = new_text, applied + count
        report = lint(text)
    return FixResult(text, applied, report)


def encode(text: str, encoding: str, bom: bool, path: str) -> bytes:
    """Encode the fixed text the way the original file was encoded."""
    from owabilint.inputs.encoding import encode_text

    try:
        return encode_text(text, encoding, bom)
    except (UnicodeEncodeError, LookupError) as exc:
        raise FixError(f"{path}: 修正後の文章を {encoding} で書き込めません（{exc}）") from None


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of the fix (line endings kept as they are in the file)."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), fromfile=path, tofile=path
    )
    out = []
    for line in lines:
        out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def write_back(path: str, data: bytes, original: bytes) -> None:
    """Replace ``path`` with ``data`` atomically, unless it no longer holds ``original``."""
    target = Path(path)
    try:
        info = target.stat()
        mode = stat.S_IMODE(info.st_mode)
        if not mode & 0o222 or not os.access(target, os.W_OK):
            raise FixError(
                f"{path}: 読み取り専用のファイルなので書き換えませんでした。修正するには書き込みを許可してください"
                "（chmod u+w など）"
            )
        folder = target.resolve().parent
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".owabilint-tmp", dir=folder)
    except OSError as exc:
        raise FixError(f"{path}: 修正を書き込めません: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if hasattr(os, "chown") and (info.st_uid, info.st_gid) != (os.getuid(), os.getgid()):
            try:
                os.chown(tmp, info.st_uid, info.st_gid)  # keep the owner when we are allowed to (root)
            except PermissionError:
                pass
        os.chmod(tmp, mode)  # after chown, which clears the setuid and setgid bits
        if target.read_bytes() != original:
            raise FixError(
                f"{path}: 確認中にファイルが変更されたため、修正を書き込みませんでした。もう一度実行してください"
            )
        os.replace(tmp, target.resolve())
    except OSError as exc:
        raise FixError(f"{path}: 修正を書き込めません: {exc.strerror or exc}") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
