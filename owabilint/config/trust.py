"""Which folders and files of a repository owabilint lets configure it.

Configuration changes what is checked (a file can switch every rule off), so it is read
only from places the user controls: discovery looks from a draft's folder upwards, but
stops at the repository root and before the first folder that another user owns or that
anyone may write to (a shared /tmp or /srv folder). A configuration file itself must
belong to the user (or root) and not be writable by everyone. On systems without POSIX
ownership (Windows) only the repository-root limit applies.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path


def _uid() -> int | None:
    return os.geteuid() if hasattr(os, "geteuid") else None


def controlled_by_user(st: os.stat_result) -> bool:
    """Owned by the current user or root, and not writable by everyone."""
    uid = _uid()
    if uid is None:
        return True
    return st.st_uid in (uid, 0) and not st.st_mode & stat.S_IWOTH


def repository_root(folder: Path) -> Path | None:
    """The nearest folder at or above ``folder`` that holds ``.git`` (a folder or a worktree file)."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def config_folders(folder: Path) -> Iterator[Path]:
    """The folders, nearest first, whose configuration files may apply to ``folder``."""
    folder = folder.resolve()
    root = repository_root(folder)
    for candidate in (folder, *folder.parents):
        try:
            if not controlled_by_user(candidate.stat()):
                return
        except OSError:
            return
        yield candidate
        if candidate == root:
            return


def trusted_config_file(path: Path) -> bool:
    """A regular file the user controls (see :func:`controlled_by_user`)."""
    try:
        st = path.stat()
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and controlled_by_user(st)


def inside(path: Path, folder: Path) -> bool:
    """True when ``path`` (resolved, links followed) is ``folder`` or below it."""
    real, base = path.resolve(), folder.resolve()
    return real == base or base in real.parents
