"""Where owabilint keeps its cache files, and reading and writing them safely.

The cache folder may be shared with other people (``OWABILINT_CACHE_DIR`` pointing at a
CI cache or /tmp), so nothing in it is trusted blindly:

- a folder is used only when it, and every folder above it, is owned by the current
  user or root and cannot be written by anyone else (a world-writable folder with the
  sticky bit, like /tmp, is accepted as a parent, not as the cache folder itself);
- a file is read only when it is a regular file owned by the current user, writable by
  no one else and not larger than :data:`MAX_FILE_BYTES` (opened without following a
  symbolic link, checked on the open descriptor);
- files are written to a private temporary file and renamed into place; the temporary
  file is removed when writing fails (a full disk leaves nothing behind);
- pruning deletes only files whose name owabilint generates and whose first bytes carry
  owabilint's marker: other files in a shared folder are never touched.

The contents are plain JSON (see owabilint.cache.rules and owabilint.cache.folds): reading a cache cannot run
code, whoever wrote it.
"""

from __future__ import annotations

import functools
import os
import re
import stat
from pathlib import Path

MAX_FILE_BYTES = 16_000_000
MARKER = b'{"owabilint-cache":'  # every cache file starts with these bytes


class CacheFormatError(ValueError):
    """A cache payload that is not what this code wrote."""


def files_state(folder: Path) -> list[tuple[str, int, int]]:
    """Every file under ``folder`` (bytecode left out) as (relative path, size, mtime), sorted."""
    out: list[tuple[str, int, int]] = []

    def walk(path: str, prefix: str) -> None:
        with os.scandir(path) as it:
            entries = sorted(it, key=lambda entry: entry.name)
        for entry in entries:
            if entry.is_dir():
                if entry.name != "__pycache__" and not entry.is_symlink():  # as os.walk: links not followed
                    walk(entry.path, f"{prefix}{entry.name}/")
            elif not entry.name.endswith(".pyc"):
                st = entry.stat()
                out.append((prefix + entry.name, st.st_size, st.st_mtime_ns))

    walk(os.fspath(folder), "")
    return out


@functools.cache
def package_state() -> str:
    """The state of owabilint's own files (the code the caches were made by), once per process."""
    return repr(files_state(Path(__file__).resolve().parent.parent))


def cache_dir() -> Path | None:
    """The cache folder: ``$OWABILINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/owabilint``, else
    ``~/.cache/owabilint``; ``None`` (no cache) when it would not be a real per-user folder.

    A relative or empty ``XDG_CACHE_HOME`` is ignored (as the XDG specification says); a
    home folder that is relative, empty or ``/`` gives no cache, so the cache never lands
    inside the project being linted or at ``/.cache``.
    """
    configured = os.environ.get("OWABILINT_CACHE_DIR")
    if configured is not None:
        return Path(configured).absolute() if configured else None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return Path(xdg) / "owabilint"
    home = os.environ.get("HOME")
    if home is None:
        try:
            import pwd

            home = pwd.getpwuid(os.getuid()).pw_dir
        except (ImportError, KeyError):
            return None
    if not os.path.isabs(home) or Path(home) == Path("/"):
        return None
    return Path(home) / ".cache" / "owabilint"


def _uid() -> int | None:
    return os.geteuid() if hasattr(os, "geteuid") else None


def _folder_is_safe(st: os.stat_result, uid: int, *, as_parent: bool) -> bool:
    if not stat.S_ISDIR(st.st_mode) or st.st_uid not in (uid, 0):
        return False
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH) == 0:
        return True
    return as_parent and bool(st.st_mode & stat.S_ISVTX)  # /tmp: others cannot replace our entries


def trusted_folder(folder: Path) -> bool:
    """True when no one but the current user (and root) can change what is in ``folder``."""
    uid = _uid()
    if uid is None:  # no POSIX ownership (Windows): the user's profile folder is private
        return folder.is_dir()
    try:
        real = Path(os.path.realpath(folder))
        if not _folder_is_safe(os.stat(real), uid, as_parent=False):
            return False
        return all(_folder_is_safe(os.stat(parent), uid, as_parent=True) for parent in real.parents)
    except OSError:
        return False


def ensure_folder(folder: Path) -> bool:
    """Create ``folder`` (private to the user) when missing; True when it can be trusted."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return False
    return trusted_folder(folder)


def read_trusted(path: Path) -> bytes | None:
    """The bytes of a cache file, or ``None`` when it is missing or anyone else could have written it."""
    uid = _uid()
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_FILE_BYTES:
            return None
        if uid is not None and (st.st_uid != uid or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)):
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES or not data.startswith(MARKER):
        return None
    return data


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` through a private temporary file; False (and no leftover) on failure."""
    if not data.startswith(MARKER):
        raise ValueError("cache files start with the owabilint marker")
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException as exc:  # a full disk, or Ctrl-C while writing: leave nothing behind
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            return False
        raise
    return True


def prune(folder: Path, name: re.Pattern[str], keep: int) -> None:
    """Delete all but the ``keep`` newest files of ``folder`` that owabilint wrote under ``name``.

    A file counts as owabilint's only when its whole name matches ``name``, it is a
    regular file of the current user, and it starts with :data:`MARKER`.
    """
    uid = _uid()
    ours = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if not name.fullmatch(entry.name):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(st.st_mode) or (uid is not None and st.st_uid != uid):
                continue
            with open(entry.path, "rb") as fh:
                if fh.read(len(MARKER)) != MARKER:
                    continue
        except OSError:
            continue
        ours.append((st.st_mtime_ns, entry.path))
    ours.sort(reverse=True)
    for _mtime, old in ours[keep:]:
        try:
            os.unlink(old)
        except OSError:
            pass
