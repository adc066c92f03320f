"""A persistent cache of the regexes owabilint's modules compile when they are imported.

The document model, the detectors and the consistency checks compile about 90 regular
expressions at import, with :mod:`re`'s pure-Python compiler: some 25 ms of every
process. Their compiled code is kept in one file per combination of owabilint's code,
Python and ``_sre`` (see owabilint.cache.regex_code), and put into ``re``'s own cache of
compiled patterns before those modules are imported, so ``re.compile`` finds them there
instead of compiling them again; the result is the same pattern object either way.

Only patterns that a module imported during the run holds as a module-level name are
stored (owabilint's, and the standard library's such as tomllib): never a pattern built
from a draft's text or from a user's configuration. Anything unexpected
(no cache, a foreign or corrupt file, a Python whose ``re`` keeps no such cache) means
the modules compile their regexes as usual.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import zlib
from pathlib import Path
from typing import Any

from owabilint.cache import files
from owabilint.cache.files import CacheFormatError
from owabilint.cache.regex_code import decode_regex, encode_regex

FORMAT = 1
KEEP_FILES = 3  # kept per cache folder: the newest (other installs, older code)
MAX_PATTERNS = 400  # re keeps at most 512 patterns; leave room for the ones compiled later
_NAME = re.compile(r"regexes-[0-9a-f]{8}\.json")

log = logging.getLogger(__name__)

_Key = tuple[type, str, int]  # re's own cache key: (type of the pattern, pattern, flags as given)


def _re_cache() -> dict[_Key, re.Pattern[str]] | None:
    """``re``'s cache of compiled patterns (CPython 3.11 and later), or None."""
    cache = getattr(re, "_cache", None)
    return cache if isinstance(cache, dict) else None


def cache_key() -> str:
    import _sre

    from owabilint import __version__

    return f"format={FORMAT}\nowabilint={__version__}\npython={sys.version}\nsre={_sre.MAGIC}\ncode={files.package_state()}"


class ModuleRegexes:
    """The module-level regexes of one cache folder: :meth:`preload` before the engine's
    modules are imported, :meth:`save` at the end of the run."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.path: Path | None = None
        self._key = ""
        self._loaded: dict[_Key, list[Any]] = {}  # key → encoded code, as read from the file
        self._imported_before: set[str] | None = None  # modules imported before the preload

    def preload(self) -> None:
        """Put the stored patterns into ``re``'s cache (a missing or bad file only costs speed)."""
        cache = _re_cache()
        if self.folder is None or cache is None or not files.ensure_folder(self.folder):
            return
        self._imported_before = set(sys.modules)
        try:
            self._key = cache_key()
        except OSError as exc:
            log.debug("regex cache not used: %s", exc)
            return
        self.path = self.folder / f"regexes-{zlib.crc32(self._key.encode('utf-8')):08x}.json"
        data = files.read_trusted(self.path)
        if data is None:
            return
        try:
            patterns = self._decode(data)
        except Exception as exc:  # noqa: BLE001 - any unreadable payload means: compile as usual
            log.warning("正規表現のキャッシュ %s を読み込めないため、使いません（%s）", self.path, exc)
            return
        room = getattr(re, "_MAXCACHE", 512) - len(cache)
        for key, pattern in list(patterns.items())[: max(room, 0)]:
            cache.setdefault(key, pattern)

    def _decode(self, data: bytes) -> dict[_Key, re.Pattern[str]]:
        body = json.loads(data)
        if not isinstance(body, dict) or body.get("owabilint-cache") != "regexes" or body.get("key") != self._key:
            raise CacheFormatError("not this code's regex cache")
        entries = body.get("patterns")
        if not isinstance(entries, list) or len(entries) > MAX_PATTERNS:
            raise CacheFormatError("patterns")
        out: dict[_Key, re.Pattern[str]] = {}
        for entry in entries:
            if not (isinstance(entry, list) and len(entry) == 2 and type(entry[0]) is int):
                raise CacheFormatError("pattern entry")
            flags, code = entry
            pattern = decode_regex(code)
            if pattern.flags & flags != flags:
                raise CacheFormatError("pattern flags")
            key = (str, pattern.pattern, flags)
            out[key] = pattern
            self._loaded[key] = code
        return out

    def save(self) -> None:
        """Store the module-level patterns of the modules imported since :meth:`preload`
        that the file lacks."""
        cache = _re_cache()
        if self.path is None or cache is None or self._imported_before is None:
            return
        by_id = {id(pattern): key for key, pattern in cache.items() if key[0] is str}
        new: dict[_Key, list[Any]] = {}
        for name, module in list(sys.modules.items()):
            if name in self._imported_before or module is None:
                continue
            for value in list(vars(module).values()):
                key = by_id.get(id(value)) if isinstance(value, re.Pattern) else None
                if key is not None and key not in self._loaded and key not in new:
                    try:
                        new[key] = encode_regex(value)
                    except CacheFormatError:
                        continue
        if not new:
            return
        stored = {**self._loaded, **new} if len(self._loaded) + len(new) <= MAX_PATTERNS else new
        entries = [[key[2], code] for key, code in list(stored.items())[:MAX_PATTERNS]]
        body = {"owabilint-cache": "regexes", "key": self._key, "patterns": entries}
        # ASCII: a pattern may hold lone surrogates (ranges of them), which UTF-8 cannot carry.
        if files.write_atomic(self.path, json.dumps(body, separators=(",", ":")).encode("ascii")):
            files.prune(self.path.parent, _NAME, KEEP_FILES)
            self._loaded = stored
        else:
            log.debug("regex cache %s could not be written", self.path)
