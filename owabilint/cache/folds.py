"""A persistent cache of folded lexicon terms (term → its spelling in normalized forms).

Folding a term means tokenizing it with Sudachi; the rule set has hundreds of terms and
every process needs all of them, which costs more than linting a draft. The result only
depends on the term, the Sudachi version, the dictionary file and the folding code, so it
is kept in one JSON file per such combination in the cache folder (see
owabilint.cache.files.cache_dir). A file that cannot be read or written, or that someone
else could have written, is ignored: folding then happens in memory, with the same
results. New folds are written only by :meth:`FoldCache.save`, which the owner of the
cache (owabilint.cache.caches.Caches) calls at the end of a run.
"""

from __future__ import annotations

import json
import logging
import re
import zlib
from pathlib import Path

from owabilint.cache import files

KEEP_FILES = 3  # fold caches kept per cache folder: the newest (other installs, Sudachi versions)
_NAME = re.compile(r"folds-[0-9a-f]{16}\.json")

log = logging.getLogger(__name__)


def cache_key() -> str:
    """Identifies what a fold depends on: Sudachi, its dictionary file, the folding code."""
    import sudachidict_core
    import sudachipy

    from owabilint import __version__
    from owabilint.document import tokenizer

    dic = Path(sudachidict_core.__file__).parent / "resources" / "system.dic"
    try:
        st = dic.stat()
        dic_id = f"{dic}:{st.st_size}:{st.st_mtime_ns}"
    except OSError:
        dic_id = str(dic)
    code = Path(tokenizer.__file__).read_bytes()
    return f"{__version__}|{sudachipy.__version__}|{dic_id}|{len(code)}:{zlib.crc32(code):08x}"


def fold_uncached(term: str) -> str:
    """``term`` spelled with the fold of each of its tokens (see tokenizer.Token.fold)."""
    from owabilint.document.tokenizer import tokenize

    return "".join(t.fold for t in tokenize(term))


class FoldCache:
    """Folded terms of one cache folder (``None``: in memory only), read at first use."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.path: Path | None = None
        self._key = ""
        self._folds: dict[str, str] | None = None
        self._dirty = False

    def _load(self) -> dict[str, str]:
        if self._folds is not None:
            return self._folds
        self._folds = {}
        if self.folder is None:
            return self._folds
        self._key = cache_key()
        encoded = self._key.encode("utf-8")
        self.path = self.folder / f"folds-{zlib.crc32(encoded):08x}{zlib.adler32(encoded):08x}.json"
        raw = files.read_trusted(self.path) if files.trusted_folder(self.folder) else None
        if raw is None:
            return self._folds
        try:
            data = json.loads(raw)
        except ValueError as exc:
            log.warning("語のキャッシュ %s を読み込めないため、作り直します（%s）", self.path, exc)
            return self._folds
        if isinstance(data, dict) and data.get("key") == self._key and isinstance(data.get("folds"), dict):
            self._folds.update((k, v) for k, v in data["folds"].items() if isinstance(k, str) and isinstance(v, str))
        else:
            log.debug("fold cache %s was written for another Sudachi or owabilint", self.path)
        return self._folds

    def fold(self, term: str) -> str:
        """``term`` folded, from the cache when it is there (see :func:`fold_uncached`)."""
        folds = self._load()
        folded = folds.get(term)
        if folded is None:
            folded = folds[term] = fold_uncached(term)
            self._dirty = self.path is not None
        return folded

    def save(self) -> None:
        """Write the folds when some are new (a failure to write only costs speed next time)."""
        if not self._dirty or self.path is None or self._folds is None:
            return
        self._dirty = False
        if not files.ensure_folder(self.path.parent):
            log.debug("fold cache not written: %s is not a private folder", self.path.parent)
            return
        data = {"owabilint-cache": "folds", "key": self._key, "folds": dict(sorted(self._folds.items()))}
        if files.write_atomic(self.path, json.dumps(data, ensure_ascii=False).encode("utf-8")):
            files.prune(self.path.parent, _NAME, KEEP_FILES)
        else:
            log.debug("fold cache %s could not be written", self.path)
