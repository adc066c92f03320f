"""Reading a file owabilint was pointed at: regular files only, never more than a limit.

A walked folder or a repository can hold a link to /dev/zero, a FIFO named ``*.txt`` or
a multi-gigabyte file; reading those would never end or exhaust memory. Every file
owabilint opens for its content (drafts, configuration, rule packs, lexicons,
.gitignore) goes through :func:`read_regular`: it opens without blocking, checks on the
open descriptor that it is a regular file, and reads at most ``limit`` bytes.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

# Configuration files, rule files and lexicons: far above any real one (a 100,000-term
# lexicon is about 1.5 MB).
MAX_SETTINGS_BYTES = 8_000_000


class NotRegularFile(OSError):
    """The path is a device, a FIFO, a socket or a folder, not a file."""


class FileTooLarge(OSError):
    """The file holds more than the limit."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"larger than {limit:,} bytes")
        self.size, self.limit = size, limit


def read_regular(path: str | Path, limit: int | None) -> bytes:
    """The bytes of a regular file, at most ``limit`` of them (``None``: no limit).

    Raises NotRegularFile, FileTooLarge, or the OSError of opening or reading.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(f"{path}: is a directory")
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(f"{path}: not a regular file")
        if limit is not None and st.st_size > limit:
            raise FileTooLarge(st.st_size, limit)
        chunks = []
        remaining = -1 if limit is None else limit + 1  # one byte more shows a file that grew
        while remaining != 0:
            chunk = os.read(fd, 1 << 20 if remaining < 0 else min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            if remaining > 0:
                remaining -= len(chunk)
        data = b"".join(chunks)
    finally:
        os.close(fd)
    if limit is not None and len(data) > limit:
        raise FileTooLarge(len(data), limit)
    return data


def read_settings_text(path: str | Path) -> str:
    """A configuration, rule or lexicon file as UTF-8 text (same errors as :func:`read_regular`)."""
    return read_regular(path, MAX_SETTINGS_BYTES).decode("utf-8")
