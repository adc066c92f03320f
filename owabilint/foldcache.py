"""A persistent cache of folded lexicon terms (term → its spelling in normalized forms).

Folding a term means tokenizing it with Sudachi; the rule set has hundreds of terms and
every process needs all of them, which costs more than linting a draft. The result only
depends on the term, the Sudachi version, the dictionary file and the folding code, so it
is kept in one JSON file per such combination under the user's cache directory
(``$OWABILINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/owabilint``, else ``~/.cache/owabilint``).
Set ``OWABILINT_CACHE_DIR`` to an empty string to disable it. A cache that cannot be read
or written, or that someone else could have written, is ignored (see cachefiles): folding
then happens in memory, with the same results.
"""

from __future__ import annotations

import atexit
import json
import re
import zlib
from pathlib import Path

from owabilint import cachefiles

_folds: dict[str, str] | None = None
_dirty = False
_path: Path | None = None
_key = ""


cache_dir = cachefiles.cache_dir


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


def _load() -> dict[str, str]:
    global _folds, _path
    if _folds is not None:
        return _folds
    _folds = {}
    folder = cache_dir()
    if folder is None:
        return _folds
    global _key
    _key = cache_key()
    _path = folder / f"folds-{zlib.crc32(_key.encode('utf-8')):08x}{zlib.adler32(_key.encode('utf-8')):08x}.json"
    raw = cachefiles.read_trusted(_path) if cachefiles.trusted_folder(folder) else None
    if raw is None:
        return _folds
    try:
        data = json.loads(raw)
    except ValueError:
        return _folds
    if isinstance(data, dict) and data.get("key") == _key and isinstance(data.get("folds"), dict):
        _folds.update((k, v) for k, v in data["folds"].items() if isinstance(k, str) and isinstance(v, str))
    return _folds


KEEP_FILES = 3  # fold caches kept per cache folder: the newest (other installs, Sudachi versions)
_NAME = re.compile(r"folds-[0-9a-f]{16}\.json")


def _save() -> None:
    global _dirty
    if not _dirty or _path is None or _folds is None:
        return
    _dirty = False
    if not cachefiles.ensure_folder(_path.parent):
        return
    data = {"owabilint-cache": "folds", "key": _key, "folds": dict(sorted(_folds.items()))}
    if cachefiles.write_atomic(_path, json.dumps(data, ensure_ascii=False).encode("utf-8")):
        cachefiles.prune(_path.parent, _NAME, KEEP_FILES)


def fold_term(term: str) -> str:
    """``term`` spelled with the fold of each of its tokens (see tokenizer.Token.fold)."""
    global _dirty
    folds = _load()
    folded = folds.get(term)
    if folded is None:
        from owabilint.document.tokenizer import tokenize

        folded = "".join(t.fold for t in tokenize(term))
        folds[term] = folded
        if not _dirty and _path is not None:
            atexit.register(_save)
        _dirty = True
    return folded
